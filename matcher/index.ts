import Fuse from 'fuse.js';
import type { Analyser } from './analyser';

export interface IndexedDoc {
  topicId: string;
  /** Canonical words joined, for fuzzy comparison. */
  text: string;
  stems: string[];
  weight: number;
}

export interface ScoredTopic {
  id: string;
  /** Weighted overlap of stems, 0..1. */
  overlap: number;
  /** Fuzzy string similarity of the best question, 0..1. */
  fuzzy: number;
  score: number;
}

/** Tunable weights of the scoring; each a fraction. */
export const INDEX_DEFAULTS = Object.freeze({
  /** How much the query's own coverage counts against the example question's coverage. */
  queryCoverageWeight: 0.65,
  /** Share of the fuzzy similarity in the combined score. */
  fuzzyWeight: 0.2,
  /** How many topics get fuzzy rescoring. */
  rescoreTopics: 6,
});
export type IndexOptions = Partial<typeof INDEX_DEFAULTS>;

/**
 * An inverted index over example questions with topic-level term weights, so a fuzzy
 * search only ever runs on a handful of candidates, whatever the size of the knowledge base.
 */
export class QuestionIndex {
  private readonly docs: IndexedDoc[] = [];
  private readonly docsByTopic = new Map<string, IndexedDoc[]>();
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;
  private readonly options: typeof INDEX_DEFAULTS;

  constructor(private readonly analyser: Analyser, entries: { topicId: string; text: string }[], options: IndexOptions = {}) {
    this.options = { ...INDEX_DEFAULTS, ...options };
    const topicsWithStem = new Map<string, Set<string>>();
    const topics = new Set<string>();
    const analysed = entries.map((entry) => {
      const analysis = analyser.analyse(entry.text);
      topics.add(entry.topicId);
      for (const stem of analysis.stems) {
        const set = topicsWithStem.get(stem) ?? new Set<string>();
        set.add(entry.topicId);
        topicsWithStem.set(stem, set);
      }
      return { entry, analysis };
    });
    for (const [stem, set] of topicsWithStem) this.idf.set(stem, Math.log(1 + topics.size / set.size));
    this.unknownWeight = Math.log(1 + topics.size);
    for (const { entry, analysis } of analysed) {
      if (!analysis.stems.length) continue;
      const index = this.docs.length;
      const doc: IndexedDoc = {
        topicId: entry.topicId,
        text: analysis.words.filter((w) => !analyser.isStopWord(w)).join(' '),
        stems: analysis.stems,
        weight: analysis.stems.reduce((sum, stem) => sum + this.weightOf(stem), 0),
      };
      this.docs.push(doc);
      const topicDocs = this.docsByTopic.get(entry.topicId) ?? [];
      topicDocs.push(doc);
      this.docsByTopic.set(entry.topicId, topicDocs);
      for (const stem of analysis.stems) {
        const list = this.postings.get(stem) ?? [];
        list.push(index);
        this.postings.set(stem, list);
      }
    }
  }

  get size(): number {
    return this.docs.length;
  }

  weightOf(stem: string): number {
    return this.idf.get(stem) ?? this.unknownWeight;
  }

  /** Topics ranked by combined score, best first. */
  search(stems: readonly string[], words: readonly string[], unknownCount: number): ScoredTopic[] {
    const queryWeight = stems.reduce((sum, stem) => sum + this.weightOf(stem), 0) + unknownCount * this.unknownWeight;
    if (queryWeight === 0) return [];
    const matched = new Map<number, number>();
    for (const stem of stems) {
      const list = this.postings.get(stem);
      if (!list) continue;
      const weight = this.weightOf(stem);
      for (const doc of list) matched.set(doc, (matched.get(doc) ?? 0) + weight);
    }
    // Long messages carry words no single example question has, so lean on the question's coverage.
    const alpha = Math.max(0.3, Math.min(this.options.queryCoverageWeight, this.options.queryCoverageWeight - 0.04 * (stems.length + unknownCount - 5)));
    const best = new Map<string, { overlap: number; doc: number }>();
    for (const [doc, weight] of matched) {
      const d = this.docs[doc];
      const overlap = Math.pow(weight / queryWeight, alpha) * Math.pow(weight / d.weight, 1 - alpha);
      const current = best.get(d.topicId);
      if (!current || overlap > current.overlap) best.set(d.topicId, { overlap, doc });
    }
    const ranked = [...best.entries()].sort((a, b) => b[1].overlap - a[1].overlap).slice(0, this.options.rescoreTopics);
    if (!ranked.length) return [];
    const query = words.filter((w) => !this.analyser.isStopWord(w)).join(' ');
    const candidates = ranked.flatMap(([topicId]) => this.docsByTopic.get(topicId) ?? []);
    const fuzzy = this.fuzzyByTopic(query, candidates);
    const w = this.options.fuzzyWeight;
    return ranked
      .map(([id, { overlap }]) => {
        const f = fuzzy.get(id) ?? 0;
        return { id, overlap, fuzzy: f, score: (1 - w) * overlap + w * f };
      })
      .sort((a, b) => b.score - a.score);
  }

  private fuzzyByTopic(query: string, candidates: IndexedDoc[]): Map<string, number> {
    const result = new Map<string, number>();
    if (!query) return result;
    const fuse = new Fuse(candidates, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 1, shouldSort: false });
    for (const hit of fuse.search(query.slice(0, 64))) {
      const similarity = 1 - (hit.score ?? 1);
      const topicId = hit.item.topicId;
      if (similarity > (result.get(topicId) ?? 0)) result.set(topicId, similarity);
    }
    return result;
  }
}
