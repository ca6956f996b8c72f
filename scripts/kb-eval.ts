import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/topics';
import { loadLexicon, type Lexicon } from '../knowledge/lexicon';
import { createMatcher, type Matcher, type MatcherOptions } from '../matcher/matcher';
import { createScorer, type Scored } from '../matcher/scorer';
import { fitLogistic, fitRanker } from '../matcher/fit';
import { CLARITY_FEATURES, RANKING_FEATURES, SCOPE_FEATURES, confidenceInputs, featureVector, rankTopics, rankingFeatures, type ConfidenceModel, type RankingWeights } from '../matcher/model';

export interface EvalSet {
  inScope: { q: string; id: string }[];
  outOfScope: string[];
}

export interface EvalReport {
  answeredRight: number;
  answeredWrong: number;
  suggestedRight: number;
  /** In-scope questions whose best-ranked topic is the right one, whatever the band. */
  rankedFirst: number;
  inScope: number;
  rejected: number;
  outOfScope: number;
  confusions: { q: string; expected: string; got: string; band: string; confidence: number }[];
  leaks: { q: string; got: string; confidence: number }[];
  /** In-scope questions whose best-ranked topic is not the right one. */
  misranked: { q: string; expected: string; got: string[] }[];
}

/** Scores a matcher on a labelled set: in-scope accuracy, out-of-scope rejection, and what went wrong. */
export function evaluate(matcher: Matcher, set: EvalSet): EvalReport {
  const report: EvalReport = { answeredRight: 0, answeredWrong: 0, suggestedRight: 0, rankedFirst: 0, inScope: set.inScope.length, rejected: 0, outOfScope: set.outOfScope.length, confusions: [], leaks: [], misranked: [] };
  for (const { q, id } of set.inScope) addInScope(report, matcher, q, id);
  for (const q of set.outOfScope) {
    const result = matcher.match(q);
    if (result.band !== 'answer') report.rejected++;
    else report.leaks.push({ q, got: result.topicId ?? '', confidence: result.confidence });
  }
  return report;
}

function addInScope(report: EvalReport, matcher: Matcher, q: string, id: string): void {
  const result = matcher.match(q);
  if (result.candidates[0]?.id === id) report.rankedFirst++;
  else report.misranked.push({ q, expected: id, got: result.candidates.slice(0, 3).map((c) => c.id) });
  if (result.band === 'answer' && result.topicId === id) report.answeredRight++;
  else {
    if (result.band === 'answer') report.answeredWrong++;
    if (result.band === 'suggest' && result.candidates.some((c) => c.id === id)) report.suggestedRight++;
    report.confusions.push({ q, expected: id, got: result.band === 'answer' ? result.topicId ?? '' : result.candidates.map((c) => c.id).join('|'), band: result.band, confidence: result.confidence });
  }
}

/** Splits the example questions into folds: each fold's questions, and the knowledge base without them. */
export function folds(kb: KnowledgeBase, count = kb.topics.reduce((n, t) => Math.max(n, t.questions.length), 0)): { kb: KnowledgeBase; held: { q: string; id: string }[] }[] {
  return Array.from({ length: count }, (_, fold) => {
    const held: { q: string; id: string }[] = [];
    const topics = kb.topics.map((topic) => ({
      ...topic,
      questions: topic.questions.filter((q, i) => {
        const out = (i + topic.id.length) % count === fold;
        if (out) held.push({ q, id: topic.id });
        return !out;
      }),
    }));
    return { kb: { ...kb, topics, byId: new Map(topics.map((t) => [t.id, t])) }, held };
  });
}

/**
 * Leave-one-out over the knowledge base's own example questions: each question is matched by a
 * matcher built without it, so the figures say how the matcher copes with wording it has not seen.
 */
export function leaveOneOut(kb: KnowledgeBase, lexicon: Lexicon, options: MatcherOptions = {}): EvalReport {
  const report = evaluate(createMatcher(kb, lexicon, options), { inScope: [], outOfScope: [] });
  for (const fold of folds(kb)) {
    const matcher = createMatcher(fold.kb, lexicon, options);
    report.inScope += fold.held.length;
    for (const { q, id } of fold.held) addInScope(report, matcher, q, id);
  }
  return report;
}

interface Sample {
  scored: Scored;
  /** The right topic; undefined for an out-of-scope message. */
  expected?: string;
}

/** Fits the ranking weights and the confidence models on leave-one-out and the development probes. */
export function fitModels(kb: KnowledgeBase, lexicon: Lexicon, dev: EvalSet): { ranking: RankingWeights; confidence: ConfidenceModel } {
  const loo: Sample[] = [];
  for (const fold of folds(kb)) {
    const scorer = createScorer(fold.kb, lexicon);
    for (const { q, id } of fold.held) loo.push({ scored: scorer.score(q), expected: id });
  }
  const scorer = createScorer(kb, lexicon);
  const devIn: Sample[] = dev.inScope.map(({ q, id }) => ({ scored: scorer.score(q), expected: id }));
  const devOut: Sample[] = dev.outOfScope.map((q) => ({ scored: scorer.score(q) }));
  const w = fitRanker(
    [...loo, ...devIn].map(({ scored, expected }) => ({ candidates: scored.ranked.map((r) => rankingFeatures(r.evidence)), correct: scored.ranked.findIndex((r) => r.evidence.id === expected) })),
    RANKING_FEATURES.length,
  );
  const ranking = named(RANKING_FEATURES, w);
  const inputs = (s: Sample) => {
    const ranked = rankTopics(s.scored.ranked.map((r) => r.evidence), ranking);
    return ranked.length && !s.scored.analysis.outOfScope ? { inputs: confidenceInputs(s.scored.analysis, s.scored.foreign, ranked), right: ranked[0].evidence.id === s.expected } : undefined;
  };
  // Clarity: among in-scope questions, is the best-ranked topic the right one?
  const clear = [...loo, ...devIn].flatMap((s) => inputs(s) ?? []);
  const clarity = fitLogistic(clear.map((c) => featureVector(c.inputs, CLARITY_FEATURES)), clear.map((c) => (c.right ? 1 : 0)));
  // Scope: is the question one the knowledge base answers at all?
  const scoped = [...devIn.flatMap((s) => inputs(s) ?? []).map((c) => ({ ...c, y: 1 })), ...devOut.flatMap((s) => inputs(s) ?? []).map((c) => ({ ...c, y: 0 }))];
  const scope = fitLogistic(scoped.map((c) => featureVector(c.inputs, SCOPE_FEATURES)), scoped.map((c) => c.y));
  return {
    ranking,
    confidence: {
      clarity: { bias: round(clarity.bias), weights: named(CLARITY_FEATURES, clarity.weights) },
      scope: { bias: round(scope.bias), weights: named(SCOPE_FEATURES, scope.weights) },
    },
  };
}

function named<Name extends string>(names: readonly Name[], values: number[]): Record<Name, number> {
  const out = {} as Record<Name, number>;
  names.forEach((name, i) => (out[name] = round(values[i])));
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function loadEvalSet(root: string, name = 'kb-eval.json'): EvalSet {
  return JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', name), 'utf8'));
}

function print(title: string, r: EvalReport, verbose: boolean): void {
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  if (verbose) {
    console.log('Misranked (expected -> best three):');
    for (const m of r.misranked) console.log(`  "${m.q}": ${m.expected} -> ${m.got.join(' ')}`);
    console.log('Confusions (expected -> got):');
    for (const c of r.confusions) console.log(`  [${c.band} ${c.confidence}] "${c.q}": ${c.expected} -> ${c.got || '(none)'}`);
    console.log('Out-of-scope questions answered:');
    for (const l of r.leaks) console.log(`  [${l.confidence}] "${l.q}" -> ${l.got}`);
  }
  console.log(`== ${title}`);
  if (r.inScope) {
    console.log(`in-scope answered with the right topic: ${r.answeredRight}/${r.inScope} (${pct(r.answeredRight, r.inScope)})`);
    console.log(`in-scope answered with a wrong topic:  ${r.answeredWrong}/${r.inScope} (${pct(r.answeredWrong, r.inScope)})`);
    console.log(`in-scope offered as "did you mean":   ${r.suggestedRight}/${r.inScope}`);
    console.log(`in-scope right topic ranked first:     ${r.rankedFirst}/${r.inScope} (${pct(r.rankedFirst, r.inScope)})`);
  }
  if (r.outOfScope) console.log(`out-of-scope not answered (rejection): ${r.rejected}/${r.outOfScope} (${pct(r.rejected, r.outOfScope)})`);
}

function main(args: string[]): void {
  const root = findProjectRoot();
  const knowledgeDir = path.join(root, 'knowledge');
  const kb = loadKnowledgeBase(knowledgeDir);
  const lexicon = loadLexicon(knowledgeDir);
  const verbose = args.includes('--verbose');
  const dev = loadEvalSet(root, 'matcher-dev.json');
  let options: MatcherOptions = {};
  const explain = args.indexOf('--explain');
  if (explain >= 0) {
    // Shows what the matcher sees in one message, for debugging the lexicon.
    const { analysis, ranked } = createScorer(kb, lexicon).score(args[explain + 1] ?? '');
    console.log({ ...analysis, emphasis: Object.fromEntries(analysis.emphasis), pairs: [...analysis.pairs.keys()] });
    for (const r of ranked) console.log(r.score.toFixed(2), JSON.stringify(r.evidence, (k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
    console.log(createMatcher(kb, lexicon).match(args[explain + 1] ?? ''));
    return;
  }
  if (args.includes('--fit')) {
    options = fitModels(kb, lexicon, dev);
    console.log(JSON.stringify(options, null, 2));
  }
  if (args.includes('--dev') || args.includes('--fit')) {
    // Development figures: tune on these, never on the held-out set.
    print('leave-one-out over topics.json', leaveOneOut(kb, lexicon, options), verbose);
    print('tests/data/matcher-dev.json', evaluate(createMatcher(kb, lexicon, options), dev), verbose);
    if (args.includes('--thresholds')) {
      console.log('answerMin: LOO right/wrong | dev right/wrong | dev out-of-scope answered');
      for (let t = 0.3; t < 0.9; t += 0.05) {
        const at = { ...options, answerMin: t };
        const l = leaveOneOut(kb, lexicon, at);
        const d = evaluate(createMatcher(kb, lexicon, at), dev);
        console.log(`${t.toFixed(2)}: ${l.answeredRight}/${l.answeredWrong} | ${d.answeredRight}/${d.answeredWrong} | ${d.outOfScope - d.rejected}`);
      }
    }
    return;
  }
  print('held-out tests/data/kb-eval.json', evaluate(createMatcher(kb, lexicon), loadEvalSet(root)), verbose);
}

if (require.main === module) main(process.argv.slice(2));
