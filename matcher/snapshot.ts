import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KnowledgeBase } from '../knowledge/topics';
import type { Lexicon } from '../knowledge/lexicon';
import type { CorpusWords } from './analyser';

/** One topic's example questions and answer as the analyser reads them. */
export interface AnalysedTopic {
  /** Per question (the title first): its stems and its pairs of neighbouring stems. */
  questions: { stems: string[]; pairs: string[] }[];
  /** Stems of the answer and detail. */
  answer: string[];
}

/** The knowledge base as the matcher reads it: what the analyser learns from its words, and each topic analysed. */
export interface AnalysedKnowledge {
  corpus: CorpusWords;
  topics: readonly AnalysedTopic[];
}

interface SnapshotFile extends AnalysedKnowledge {
  key: string;
}

/** Where the build keeps the snapshot: beside the matcher's compiled code (`npm run build` runs `scripts/kb-snapshot.ts`). */
export const SNAPSHOT_FILE = path.join(__dirname, 'analysed-knowledge.json');

/**
 * What the snapshot was made from: the knowledge base, the lexicon and the matcher's own code.
 * Any change to one of them gives another key, so a stale snapshot is never used.
 */
export function snapshotKey(kb: KnowledgeBase, lexicon: Lexicon): string {
  const hash = createHash('sha256').update(JSON.stringify(kb.topics)).update(JSON.stringify(lexicon));
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.js')).sort()) hash.update(fs.readFileSync(path.join(__dirname, file)));
  return hash.digest('hex');
}

/** The analysed knowledge stored in `file`, or undefined when there is none, it is unreadable, or it was made from something else. */
export function readSnapshot(file: string, key: string): AnalysedKnowledge | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const snapshot = parsed as Partial<SnapshotFile> | null;
  if (snapshot?.key !== key || !Array.isArray(snapshot.topics) || !Array.isArray(snapshot.corpus?.counts) || !Array.isArray(snapshot.corpus.stems)) return undefined;
  return { corpus: snapshot.corpus, topics: snapshot.topics };
}

/** Stores the analysed knowledge, written to a temporary file first so a reader never sees half of one. */
export function writeSnapshot(file: string, key: string, analysed: AnalysedKnowledge): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ key, ...analysed } satisfies SnapshotFile));
  fs.renameSync(temporary, file);
}

/** The build's snapshot, when it was made from this knowledge base and lexicon by this code. */
export function storedAnalysis(kb: KnowledgeBase, lexicon: Lexicon): AnalysedKnowledge | undefined {
  return readSnapshot(SNAPSHOT_FILE, snapshotKey(kb, lexicon));
}
