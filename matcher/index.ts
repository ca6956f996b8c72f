/** What the index knows about one topic for one message; fractions are 0..1. */
export interface TermEvidence {
  /** Best example question: geometric mean of how much of the message and of the question they share. */
  best: number;
  /** The same for the second-best example question of the topic. */
  second: number;
  /** Share of the message's weight the best question covers. */
  queryCoverage: number;
  /** Share of the best question's weight the message covers. */
  questionCoverage: number;
  /** Share of the message's weight found anywhere in the topic's questions. */
  topicCoverage: number;
  /** Like topicCoverage, but each term counts by the share of the topic's questions using it. */
  typicality: number;
  /** Share of the message's weight found in the topic's answer. */
  answerCoverage: number;
  /** Weight of the message's terms found in the topic's questions, not a fraction: a lone common word weighs little. */
  matchedWeight: number;
  /** Which of the topic's questions (by its place in the topic's list) is the best one; -1 when none shares a term. */
  bestQuestion: number;
}

/** A topic's terms: one list per example question, and the terms of its answer. */
export interface IndexTopic {
  questions: readonly (readonly string[])[];
  answer: readonly string[];
}

export interface IndexSettings {
  /** Weight of the message's coverage against the question's in the per-question score (0..1). */
  queryCoverageWeight: number;
}

export const INDEX_DEFAULTS: Readonly<IndexSettings> = Object.freeze({ queryCoverageWeight: 0.5 });
export type IndexOptions = Partial<IndexSettings>;

/**
 * Makes what the caller keeps of one topic's evidence during a lookup. `evidence` is the index's
 * scratch space, refilled for the next topic: copy the fields, never keep the object.
 */
export type EvidenceReader<T> = (topic: number, evidence: Readonly<TermEvidence>) => T;

/**
 * An inverted index over example questions with topic-level term weights. A lookup only walks
 * the postings of the message's own terms, in preallocated typed arrays, so it stays cheap and
 * allocation-free however big the knowledge base.
 */
export class TermIndex {
  readonly topicCount: number;
  private readonly docTopic: Int32Array;
  /** Each document's place in its topic's list of questions. */
  private readonly docQuestion: Int32Array;
  private readonly docWeight: Float64Array;
  /**
   * Each term's number, the key to the arrays below: a lookup finds a term once, then reads its
   * postings from a few flat arrays (each term's slice runs from its start to the next term's).
   */
  private readonly termIds = new Map<string, number>();
  /** Per term, how telling it is; 0 for a term only the answers use. */
  private readonly idf: Float64Array;
  /** The documents (example questions) using each term, in ascending order. */
  private readonly docStart: Int32Array;
  private readonly docList: Int32Array;
  /** The topics whose questions use each term, and the share of their questions that do. */
  private readonly topicStart: Int32Array;
  private readonly topicList: Int32Array;
  private readonly topicShare: Float64Array;
  /** The topics whose answers use each term. */
  private readonly answerStart: Int32Array;
  private readonly answerList: Int32Array;
  private readonly unknownWeight: number;
  private readonly options: IndexSettings;
  // Scratch space reused by every lookup, sized once.
  private readonly docScore: Float64Array;
  private readonly touchedDocs: Int32Array;
  private readonly touchedTopics: Int32Array;
  private readonly topicTouched: Uint8Array;
  private readonly topicBest: Float64Array;
  private readonly topicSecond: Float64Array;
  private readonly topicBestDoc: Int32Array;
  private readonly topicCover: Float64Array;
  private readonly topicTypical: Float64Array;
  private readonly topicAnswer: Float64Array;
  private docCount = 0;
  private topicTouchedCount = 0;
  private queryWeight = 0;
  /** Filled for one topic at a time and handed to a reader: a lookup allocates no evidence of its own. */
  private readonly evidence: TermEvidence = {
    best: 0,
    second: 0,
    queryCoverage: 0,
    questionCoverage: 0,
    topicCoverage: 0,
    typicality: 0,
    answerCoverage: 0,
    matchedWeight: 0,
    bestQuestion: -1,
  };

  constructor(topics: readonly IndexTopic[], options: IndexOptions = {}) {
    this.options = { ...INDEX_DEFAULTS, ...options };
    this.topicCount = topics.length;
    const docs: { topic: number; question: number; terms: string[] }[] = [];
    const counts = new Map<string, Map<number, number>>();
    const answers = new Map<string, Set<number>>();
    const sizes: number[] = [];
    topics.forEach((entry, topic) => {
      const questions = entry.questions.filter((terms) => terms.length > 0);
      sizes.push(Math.max(1, questions.length));
      entry.questions.forEach((terms, question) => {
        if (!terms.length) return;
        const distinct = [...new Set(terms)];
        docs.push({ topic, question, terms: distinct });
        for (const term of distinct) {
          const byTopic = counts.get(term) ?? new Map<number, number>();
          byTopic.set(topic, (byTopic.get(topic) ?? 0) + 1);
          counts.set(term, byTopic);
        }
      });
      for (const term of entry.answer) {
        const set = answers.get(term) ?? new Set<number>();
        set.add(topic);
        answers.set(term, set);
      }
    });
    const topicCount = Math.max(1, topics.length);
    // Terms of the questions first, then those only the answers use; a term's number is its place here.
    const terms = [...new Set([...counts.keys(), ...answers.keys()])];
    terms.forEach((term, id) => this.termIds.set(term, id));
    this.idf = Float64Array.from(terms, (term) => {
      const byTopic = counts.get(term);
      return byTopic ? Math.log(1 + topicCount / byTopic.size) : 0;
    });
    this.unknownWeight = Math.log(1 + topicCount);
    this.docTopic = Int32Array.from(docs, (d) => d.topic);
    this.docQuestion = Int32Array.from(docs, (d) => d.question);
    this.docWeight = Float64Array.from(docs, (d) => d.terms.reduce((sum, term) => sum + this.weightOf(term), 0));
    const docsOf = new Map<string, number[]>();
    docs.forEach(({ terms: used }, doc) => {
      for (const term of used) {
        const list = docsOf.get(term);
        if (list) list.push(doc);
        else docsOf.set(term, [doc]);
      }
    });
    [this.docStart, this.docList] = flatten(terms.map((term) => docsOf.get(term) ?? []));
    const byTopicOf = terms.map((term) => [...(counts.get(term) ?? [])]);
    [this.topicStart, this.topicList] = flatten(byTopicOf.map((byTopic) => byTopic.map(([topic]) => topic)));
    this.topicShare = Float64Array.from(byTopicOf.flat(), ([topic, count]) => count / sizes[topic]);
    [this.answerStart, this.answerList] = flatten(terms.map((term) => [...(answers.get(term) ?? [])]));
    this.docScore = new Float64Array(docs.length);
    this.touchedDocs = new Int32Array(docs.length);
    this.touchedTopics = new Int32Array(topicCount);
    this.topicTouched = new Uint8Array(topicCount);
    this.topicBest = new Float64Array(topicCount);
    this.topicSecond = new Float64Array(topicCount);
    this.topicBestDoc = new Int32Array(topicCount);
    this.topicCover = new Float64Array(topicCount);
    this.topicTypical = new Float64Array(topicCount);
    this.topicAnswer = new Float64Array(topicCount);
  }

  /** Whether any example question uses the term. */
  has(term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.idf[id] > 0;
  }

  /** How telling a term is: rare across topics weighs more; a term the index has never seen weighs most. */
  weightOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? this.unknownWeight : this.weightAt(id);
  }

  /** A numbered term's weight: a term only the answers use weighs as one never seen. */
  private weightAt(id: number): number {
    return this.idf[id] === 0 ? this.unknownWeight : this.idf[id];
  }

  /**
   * The `limit` topics (by index) that share the most with the message, best first by a quick first-stage
   * score, each as `read` makes it of the topic and its evidence.
   */
  search<T>(terms: ReadonlyMap<string, number>, limit: number, read: EvidenceReader<T>): T[] {
    if (limit < 1) return [];
    this.accumulate(terms);
    // Keep the best `limit` by insertion into a short sorted list: one pass, no sorting of every topic.
    // A full list drops its last; ties keep the topic met first.
    const topics: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < this.topicTouchedCount; i++) {
      const topic = this.touchedTopics[i];
      const score = this.topicBest[topic] + (0.5 * this.topicTypical[topic]) / this.queryWeight;
      if (topics.length === limit && score <= scores[limit - 1]) continue;
      let at = Math.min(topics.length, limit - 1);
      for (; at > 0 && scores[at - 1] < score; at--) {
        topics[at] = topics[at - 1];
        scores[at] = scores[at - 1];
      }
      topics[at] = topic;
      scores[at] = score;
    }
    const result: T[] = [];
    for (const topic of topics) result.push(read(topic, this.evidenceOf(topic)));
    this.reset();
    return result;
  }

  /** Reads the evidence of each given topic (by index) that shares anything with the message; `read` gets the topic's place in `topics`. */
  evidenceFor(terms: ReadonlyMap<string, number>, topics: readonly number[], read: EvidenceReader<void>): void {
    this.accumulate(terms);
    for (let i = 0; i < topics.length; i++) if (this.topicTouched[topics[i]]) read(i, this.evidenceOf(topics[i]));
    this.reset();
  }

  private accumulate(terms: ReadonlyMap<string, number>): void {
    this.queryWeight = 0;
    for (const [term, emphasis] of terms) this.queryWeight += this.weightOf(term) * emphasis;
    if (this.queryWeight === 0) return;
    const { topicStart, topicList, topicShare, answerStart, answerList, docStart, docList, docScore, touchedDocs } = this;
    for (const [term, emphasis] of terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const weight = this.weightAt(id) * emphasis;
      for (let i = topicStart[id]; i < topicStart[id + 1]; i++) {
        const topic = topicList[i];
        this.touch(topic);
        this.topicCover[topic] += weight;
        this.topicTypical[topic] += weight * topicShare[i];
      }
      for (let i = answerStart[id]; i < answerStart[id + 1]; i++) {
        const topic = answerList[i];
        this.touch(topic);
        this.topicAnswer[topic] += weight;
      }
      // The hot loop of a big knowledge base: locals, not fields, so nothing is looked up per posting.
      let docCount = this.docCount;
      for (let i = docStart[id]; i < docStart[id + 1]; i++) {
        const doc = docList[i];
        if (docScore[doc] === 0) touchedDocs[docCount++] = doc;
        docScore[doc] += weight;
      }
      this.docCount = docCount;
    }
    const alpha = this.options.queryCoverageWeight;
    // With equal weights the score is a square root, which keeps order: the documents are compared by
    // the product, and the root is taken once per topic below, for the same best and second.
    const squared = alpha === 0.5;
    const { docWeight, docTopic, topicBest, topicSecond, topicBestDoc, queryWeight, docCount } = this;
    for (let i = 0; i < docCount; i++) {
      const doc = touchedDocs[i];
      const matched = docScore[doc];
      const queryShare = matched / queryWeight;
      const docShare = Math.min(1, matched / docWeight[doc]);
      const score = squared ? queryShare * docShare : Math.pow(queryShare, alpha) * Math.pow(docShare, 1 - alpha);
      const topic = docTopic[doc];
      if (score > topicBest[topic]) {
        topicSecond[topic] = topicBest[topic];
        topicBest[topic] = score;
        topicBestDoc[topic] = doc;
      } else if (score > topicSecond[topic]) topicSecond[topic] = score;
    }
    if (!squared) return;
    for (let i = 0; i < this.topicTouchedCount; i++) {
      const topic = this.touchedTopics[i];
      topicBest[topic] = Math.sqrt(topicBest[topic]);
      topicSecond[topic] = Math.sqrt(topicSecond[topic]);
    }
  }

  private touch(topic: number): void {
    if (this.topicTouched[topic]) return;
    this.topicTouched[topic] = 1;
    this.touchedTopics[this.topicTouchedCount++] = topic;
  }

  /** The topic's evidence, written into the one scratch object that every lookup reuses. */
  private evidenceOf(topic: number): Readonly<TermEvidence> {
    const doc = this.topicBestDoc[topic];
    const matched = this.topicBest[topic] > 0 ? this.docScore[doc] : 0;
    const evidence = this.evidence;
    evidence.best = this.topicBest[topic];
    evidence.second = this.topicSecond[topic];
    evidence.queryCoverage = matched / this.queryWeight;
    evidence.questionCoverage = matched > 0 ? Math.min(1, matched / this.docWeight[doc]) : 0;
    evidence.topicCoverage = this.topicCover[topic] / this.queryWeight;
    evidence.typicality = this.topicTypical[topic] / this.queryWeight;
    evidence.answerCoverage = this.topicAnswer[topic] / this.queryWeight;
    evidence.matchedWeight = this.topicCover[topic];
    evidence.bestQuestion = matched > 0 ? this.docQuestion[doc] : -1;
    return evidence;
  }

  private reset(): void {
    for (let i = 0; i < this.docCount; i++) this.docScore[this.touchedDocs[i]] = 0;
    for (let i = 0; i < this.topicTouchedCount; i++) {
      const topic = this.touchedTopics[i];
      this.topicTouched[topic] = 0;
      this.topicBest[topic] = 0;
      this.topicSecond[topic] = 0;
      this.topicCover[topic] = 0;
      this.topicTypical[topic] = 0;
      this.topicAnswer[topic] = 0;
    }
    this.docCount = 0;
    this.topicTouchedCount = 0;
  }
}

/** Lists as one flat array and the start of each (with the end of the last after them). */
function flatten(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const starts = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) starts[i + 1] = starts[i] + lists[i].length;
  const flat = new Int32Array(starts[lists.length]);
  lists.forEach((list, i) => flat.set(list, starts[i]));
  return [starts, flat];
}
