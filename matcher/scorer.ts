import type { KnowledgeBase } from '../knowledge/topics';
import type { Lexicon } from '../knowledge/lexicon';
import { Analyser, type Analysis, type AnalyserOptions } from './analyser';
import type { AnalysedKnowledge, AnalysedTopic } from './snapshot';
import { FuzzyScorer } from './fuzzy';
import { words } from './phrases';
import { TermIndex, type IndexOptions } from './index';
import { RANKING_DEFAULTS, rankTopics, type RankedTopic, type RankingWeights, type TopicEvidence } from './model';

export interface ScorerSettings {
  /** Most candidate topics ranked for one message, picked by a quick first-stage score. */
  maxTopics: number;
  /** Most of those, best first, given a fuzzy likeness (the rest get none). */
  maxFuzzy: number;
}

export const SCORER_DEFAULTS: Readonly<ScorerSettings> = Object.freeze({ maxTopics: 8, maxFuzzy: 2 });

export interface ScorerOptions extends Partial<ScorerSettings> {
  /** Tunables of the term indexes. */
  index?: IndexOptions;
  /** Tunables of the text analysis. */
  analyser?: AnalyserOptions;
  /** Ranking weights instead of the fitted defaults (the fitting script tries its own). */
  ranking?: RankingWeights;
  /** The knowledge base already analysed (a snapshot made by `analyseKnowledge` with the default analyser), to skip that work at start-up. */
  analysed?: AnalysedKnowledge;
}

export interface Scored {
  analysis: Analysis;
  /** Share of the message's content words that no example question uses. */
  foreign: number;
  /** Candidate topics, best first. */
  ranked: RankedTopic[];
}

/** Analysis and ranked candidate topics for a message: the matcher's evidence, also used to fit its models. */
export interface Scorer {
  score(text: string): Scored;
}

/** A topic's questions (title first) and its answer with the detail, as the matcher reads them. */
interface TopicText {
  questions: string[];
  answer: string;
}

function topicTexts(kb: KnowledgeBase): TopicText[] {
  return kb.topics.map((topic) => ({ questions: [topic.title, ...topic.questions], answer: [topic.answer, topic.detail ?? ''].join('\n') }));
}

/** The analyser of messages, whose vocabulary is the knowledge base's own words. */
function knowledgeAnalyser(lexicon: Lexicon, texts: readonly TopicText[], options?: AnalyserOptions): Analyser {
  return new Analyser(lexicon, texts.flatMap((t) => [...t.questions, t.answer]), options);
}

function analyseTexts(analyser: Analyser, texts: readonly TopicText[]): AnalysedTopic[] {
  return texts.map((text) => ({
    questions: text.questions.map((q) => {
      const analysis = analyser.analyse(q);
      return { stems: analysis.stems, pairs: [...analysis.pairs.keys()] };
    }),
    answer: analyser.analyse(text.answer).stems,
  }));
}

/** The knowledge base analysed as the matcher needs it, for a snapshot (`scripts/kb-snapshot.ts`). */
export function analyseKnowledge(kb: KnowledgeBase, lexicon: Lexicon): AnalysedKnowledge {
  const texts = topicTexts(kb);
  const analyser = knowledgeAnalyser(lexicon, texts);
  const topics = analyseTexts(analyser, texts);
  return { corpus: analyser.corpusWords(), topics };
}

export function createScorer(kb: KnowledgeBase, lexicon: Lexicon, options: ScorerOptions = {}): Scorer {
  // The limits alone are kept: the options also carry the analysed knowledge base, which must not outlive start-up.
  const { maxTopics, maxFuzzy } = { ...SCORER_DEFAULTS, ...options };
  const texts = topicTexts(kb);
  // A snapshot holds what the default analyser makes of the knowledge base; other settings analyse it afresh.
  const snapshot = options.analyser === undefined ? options.analysed : undefined;
  const analyser = snapshot ? new Analyser(lexicon, snapshot.corpus) : knowledgeAnalyser(lexicon, texts, options.analyser);
  const analysed = snapshot?.topics ?? analyseTexts(analyser, texts);
  const stems = new TermIndex(analysed.map((t) => ({ questions: t.questions.map((q) => q.stems), answer: t.answer })), options.index);
  const pairs = new TermIndex(analysed.map((t) => ({ questions: t.questions.map((q) => q.pairs), answer: [] })), options.index);
  const fuzzy = new FuzzyScorer(texts.map((t) => t.questions), analyser.stopWords);
  const weights = options.ranking ?? RANKING_DEFAULTS;
  const ids = kb.topics.map((topic) => topic.id);
  return {
    score(text: string): Scored {
      const analysis = analyser.analyse(text);
      // A quick first stage keeps the ranking to a handful of topics.
      const topics: number[] = [];
      const evidence = stems.search(analysis.emphasis, maxTopics, (topic, e): TopicEvidence => {
        topics.push(topic);
        // Every field named, not spread: one object shape, and the index's scratch copied out.
        return {
          id: ids[topic],
          best: e.best,
          second: e.second,
          queryCoverage: e.queryCoverage,
          questionCoverage: e.questionCoverage,
          topicCoverage: e.topicCoverage,
          typicality: e.typicality,
          answerCoverage: e.answerCoverage,
          matchedWeight: e.matchedWeight,
          bestQuestion: e.bestQuestion,
          pairBest: 0,
          pairCoverage: 0,
          fuzzy: 0,
        };
      });
      if (analysis.pairs.size) {
        pairs.evidenceFor(analysis.pairs, topics, (at, e) => {
          evidence[at].pairBest = e.best;
          evidence[at].pairCoverage = e.topicCoverage;
        });
      }
      // Fuzzy scoring is for what the analyser could not read as typed: a typo it corrected, or a word it does not know.
      if (analysis.corrected.length > 0 || analysis.unknown.length > 0) {
        const best = evidence.slice(0, maxFuzzy).map((e, i) => ({ topic: topics[i], question: e.bestQuestion }));
        fuzzy.likeness(words(text), best).forEach((likeness, i) => (evidence[i].fuzzy = likeness));
      }
      let unseen = 0;
      // A number (an age, a distance) is no word of another subject.
      for (const stem of analysis.stems) if (!stems.has(stem) && !/^\d+$/.test(stem)) unseen++;
      const foreign = unseen / Math.max(1, analysis.stems.length);
      return { analysis, foreign, ranked: rankTopics(evidence, weights) };
    },
  };
}
