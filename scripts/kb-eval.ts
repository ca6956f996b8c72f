import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/topics';
import { loadLexicon, type Lexicon } from '../knowledge/lexicon';
import { createMatcher, type Matcher, type MatcherOptions } from '../matcher/matcher';
import { createScorer } from '../matcher/scorer';
import { fitModels, holdOutFolds } from '../matcher/calibrate';

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

/**
 * Leave-one-out over the knowledge base's own example questions: each question is matched by a
 * matcher built without it, so the figures say how the matcher copes with wording it has not seen.
 */
export function leaveOneOut(kb: KnowledgeBase, lexicon: Lexicon, options: MatcherOptions = {}): EvalReport {
  const report = evaluate(createMatcher(kb, lexicon, options), { inScope: [], outOfScope: [] });
  for (const fold of holdOutFolds(kb)) {
    const matcher = createMatcher(fold.kb, lexicon, options);
    report.inScope += fold.held.length;
    for (const { q, id } of fold.held) addInScope(report, matcher, q, id);
  }
  return report;
}

export function loadEvalSet(root: string, name = 'kb-eval.json'): EvalSet {
  return JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', name), 'utf8'));
}

/** The development sets, tuned and fitted on; written independently of each other and of topics.json. */
export const DEVELOPMENT_SETS = ['matcher-dev.json', 'matcher-dev2.json', 'matcher-dev3.json', 'matcher-dev4.json', 'matcher-dev5.json', 'matcher-dev6.json', 'matcher-dev7.json', 'matcher-dev8.json', 'matcher-dev9.json', 'matcher-dev10.json', 'matcher-dev11.json', 'matcher-dev12.json', 'matcher-dev13.json', 'matcher-dev14.json', 'matcher-dev15.json', 'matcher-dev16.json', 'matcher-dev17.json', 'matcher-dev18.json', 'matcher-dev19.json', 'matcher-dev20.json', 'matcher-dev21.json', 'matcher-dev22.json', 'matcher-dev23.json', 'matcher-dev24.json', 'matcher-dev25.json', 'matcher-dev26.json', 'matcher-dev27.json', 'matcher-dev28.json', 'matcher-dev29.json', 'matcher-dev30.json', 'matcher-dev31.json', 'matcher-dev32.json', 'matcher-dev33.json', 'matcher-dev34.json', 'matcher-dev35.json', 'matcher-dev36.json', 'matcher-dev37.json', 'matcher-dev38.json', 'matcher-dev39.json', 'matcher-dev40.json', 'matcher-dev41.json', 'matcher-dev42.json', 'matcher-dev43.json', 'matcher-dev44.json', 'matcher-dev45.json', 'matcher-dev46.json', 'matcher-dev47.json', 'matcher-dev48.json', 'matcher-dev49.json', 'matcher-dev50.json', 'matcher-dev51.json', 'matcher-dev52.json', 'matcher-dev53.json', 'matcher-dev54.json', 'matcher-dev55.json', 'matcher-dev56.json', 'matcher-dev57.json', 'matcher-dev58.json', 'matcher-dev59.json', 'matcher-dev60.json', 'matcher-dev61.json'] as const;

/** Every development set as one. */
export function loadDevelopmentSet(root: string): EvalSet {
  const sets = DEVELOPMENT_SETS.map((name) => loadEvalSet(root, name));
  return { inScope: sets.flatMap((s) => s.inScope), outOfScope: sets.flatMap((s) => s.outOfScope) };
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

/** Shows what the matcher sees in one message, for working on the lexicon. */
function explain(kb: KnowledgeBase, lexicon: Lexicon, text: string): void {
  const { analysis, foreign, ranked } = createScorer(kb, lexicon).score(text);
  console.log({ ...analysis, emphasis: Object.fromEntries(analysis.emphasis), pairs: [...analysis.pairs.keys()], foreign });
  for (const r of ranked) console.log(r.score.toFixed(2), JSON.stringify(r.evidence, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
  console.log(createMatcher(kb, lexicon).match(text));
}

/** Development figures, the ones to tune on: leave-one-out, the development sets, and a check set kept out of fitting. */
function development(root: string, kb: KnowledgeBase, lexicon: Lexicon, options: MatcherOptions, verbose: boolean, thresholds: boolean): void {
  const dev = loadDevelopmentSet(root);
  const matcher = createMatcher(kb, lexicon, options);
  print('leave-one-out over topics.json', leaveOneOut(kb, lexicon, options), verbose);
  for (const name of DEVELOPMENT_SETS) print(`tests/data/${name}`, evaluate(matcher, loadEvalSet(root, name)), verbose);
  print('development sets together', evaluate(matcher, dev), false);
  print('tests/data/matcher-check.json', evaluate(matcher, loadEvalSet(root, 'matcher-check.json')), verbose);
  if (!thresholds) return;
  console.log('answerMin: leave-one-out right/wrong | dev right/wrong | dev out-of-scope answered');
  for (let t = 0.3; t < 0.9; t += 0.05) {
    const at = { ...options, answerMin: t };
    const l = leaveOneOut(kb, lexicon, at);
    const d = evaluate(createMatcher(kb, lexicon, at), dev);
    console.log(`${t.toFixed(2)}: ${l.answeredRight}/${l.answeredWrong} | ${d.answeredRight}/${d.answeredWrong} | ${d.outOfScope - d.rejected}`);
  }
}

/**
 * node dist/scripts/kb-eval.js                 held-out figures (look occasionally, never tune on them)
 *   --dev [--thresholds]                       development figures, and the answer threshold's trade-off
 *   --fit                                      refits the models on the development sets and prints them for model.ts
 *   --explain "message"                        what the matcher sees in one message
 *   --verbose                                  lists every miss
 */
function main(args: string[]): void {
  const root = findProjectRoot();
  const knowledgeDir = path.join(root, 'knowledge');
  const kb = loadKnowledgeBase(knowledgeDir);
  const lexicon = loadLexicon(knowledgeDir);
  const verbose = args.includes('--verbose');
  const at = args.indexOf('--explain');
  if (at >= 0) return explain(kb, lexicon, args[at + 1] ?? '');
  if (args.includes('--fit')) {
    const fitted = fitModels(kb, lexicon, loadDevelopmentSet(root));
    console.log(JSON.stringify(fitted, null, 2));
    return development(root, kb, lexicon, fitted, verbose, args.includes('--thresholds'));
  }
  if (args.includes('--dev')) return development(root, kb, lexicon, {}, verbose, args.includes('--thresholds'));
  print('held-out tests/data/kb-eval.json', evaluate(createMatcher(kb, lexicon), loadEvalSet(root)), verbose);
}

if (require.main === module) main(process.argv.slice(2));
