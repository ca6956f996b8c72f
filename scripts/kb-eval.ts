import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from '../config/paths';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/topics';
import { loadLexicon, type Lexicon } from '../knowledge/lexicon';
import { createMatcher, type Matcher, type MatcherOptions } from '../matcher/matcher';

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
}

/** Scores a matcher on a labelled set: in-scope accuracy, out-of-scope rejection, and what went wrong. */
export function evaluate(matcher: Matcher, set: EvalSet): EvalReport {
  const report: EvalReport = { answeredRight: 0, answeredWrong: 0, suggestedRight: 0, rankedFirst: 0, inScope: set.inScope.length, rejected: 0, outOfScope: set.outOfScope.length, confusions: [], leaks: [] };
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
export function leaveOneOut(kb: KnowledgeBase, lexicon: Lexicon, folds = 10, options: MatcherOptions = {}): EvalReport {
  const report = evaluate(createMatcher(kb, lexicon, options), { inScope: [], outOfScope: [] });
  for (let fold = 0; fold < folds; fold++) {
    const held: { q: string; id: string }[] = [];
    const topics = kb.topics.map((topic) => ({
      ...topic,
      questions: topic.questions.filter((q, i) => {
        const out = (i + topic.id.length) % folds === fold;
        if (out) held.push({ q, id: topic.id });
        return !out;
      }),
    }));
    const matcher = createMatcher({ ...kb, topics, byId: new Map(topics.map((t) => [t.id, t])) }, lexicon, options);
    report.inScope += held.length;
    for (const { q, id } of held) addInScope(report, matcher, q, id);
  }
  return report;
}

export function loadEvalSet(root: string, name = 'kb-eval.json'): EvalSet {
  return JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', name), 'utf8'));
}

function print(title: string, r: EvalReport, verbose: boolean): void {
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  if (verbose) {
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
  if (args.includes('--dev')) {
    // Development figures: tune on these, never on the held-out set.
    print('leave-one-out over topics.json', leaveOneOut(kb, lexicon, kb.topics.reduce((n, t) => Math.max(n, t.questions.length), 0)), verbose);
    print('tests/data/matcher-dev.json', evaluate(createMatcher(kb, lexicon), loadEvalSet(root, 'matcher-dev.json')), verbose);
    return;
  }
  print('held-out tests/data/kb-eval.json', evaluate(createMatcher(kb, lexicon), loadEvalSet(root)), verbose);
}

if (require.main === module) main(process.argv.slice(2));
