import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/topics';
import { loadLexicon } from '../../knowledge/lexicon';
import { loadIntents, type IntentPhrases } from '../../knowledge/intents';
import { loadMessages, type Messages } from '../../knowledge/messages';
import { createMatcher, type Matcher } from '../../matcher/matcher';
import { loadProtocol, type ParseContext, type Protocol } from '../../triage';

/** The real content, loaded as the bot loads it. */
export interface RealContent {
  root: string;
  kb: KnowledgeBase;
  matcher: Matcher;
  protocol: Protocol;
  intents: IntentPhrases;
  messages: Messages;
  /** Every opening message of the triage vignettes. */
  openings: string[];
  /** The vignettes' replies, by the question they answer. */
  repliesByQuestion: Map<string, string[]>;
}

/** A fixed clock: Wednesday 25 November 2026, 10:00 in Toronto. */
export const CTX: ParseContext = { now: new Date('2026-11-25T15:00:00Z'), timeZone: 'America/Toronto' };

interface Vignette {
  opening: string;
  replies: Record<string, string | string[]>;
}

function isVignette(value: unknown): value is Vignette {
  return typeof value === 'object' && value !== null && 'opening' in value && typeof value.opening === 'string' && 'replies' in value;
}

export function loadRealContent(): RealContent {
  const root = findProjectRoot();
  const dir = path.join(root, 'knowledge');
  const kb = loadKnowledgeBase(dir);
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/triage-vignettes.json'), 'utf8'));
  const vignettes = Array.isArray(raw) ? raw.filter(isVignette) : [];
  const repliesByQuestion = new Map<string, string[]>();
  for (const v of vignettes) {
    for (const [id, reply] of Object.entries(v.replies)) {
      const list = repliesByQuestion.get(id) ?? [];
      list.push(...(Array.isArray(reply) ? reply : [reply]).filter((r): r is string => typeof r === 'string'));
      repliesByQuestion.set(id, list);
    }
  }
  return {
    root,
    kb,
    matcher: createMatcher(kb, loadLexicon(dir)),
    protocol: loadProtocol(path.join(dir, 'triage-protocol.json')),
    intents: loadIntents(dir),
    messages: loadMessages(dir),
    openings: vignettes.map((v) => v.opening),
    repliesByQuestion,
  };
}
