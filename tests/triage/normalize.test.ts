// The safety screen reads every message, so its normalisation and phrase matching were made cheaper:
// rewrites skipped when their character is absent, one normalisation shared by the crisis and emergency
// checks, phrase lists indexed by the words their patterns need, a sticky match for phrases that must
// start a message. These tests hold the fast paths to the straightforward versions they replaced, kept
// here as references (the phrase scan without any anchor test or index), on every phrase the repository
// has and on generated text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { evaluate } from '../../triage/rules';
import { findHits, isNegated, matchesAtStart, type Hit, type NegationRules, type Pattern, type PhraseSet } from '../../triage/phrases';
import { readRedFlags } from '../../triage/parse-red-flags';
import type { Protocol } from '../../triage/protocol';
import { crisisLikely } from '../../triage/crisis-model';
import { detectCrisis, detectEmergency, screenMessage } from '../../triage/safety';
import { repositoryPhrases, stringsIn } from '../support/phrases';
import { BREAK, clauses, correctTypo, finishTokens, normalize, normalizedClauses, numberWords, type Lexicon, type Normalized } from '../../triage/text';
import type { ParseContext } from '../../triage/calendar';
import { anyText, smsText } from '../property/arbitraries';
import { CTX, protocol, ROOT } from './helpers';

// ---- The reference versions: the code as it was before the fast paths. The typo and number-word
// steps did not change, so the reference calls the real ones. ----

function referenceNormalize(raw: string, lex: Lexicon): Normalized {
  let s = (/[^\x00-\x7f]/.test(raw) ? raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFKC') : raw).toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  s = s.replace(/[\u2013\u2014]/g, '-');
  s = s.replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, '').replace(/(\p{Extended_Pictographic})/gu, ' $1 ');
  s = s.replace(/\bw\/o\b/g, ' without ').replace(/\bw\//g, ' with ').replace(/&/g, ' and ');
  s = s.replace(/(\d+)\s*\+/g, '$1 or over ').replace(/([a-z])\s*\+\s*(?=[a-z])/g, '$1 and ');
  s = s.replace(/(\d+(?:\.\d+)?)\s*\/\s*10\b/g, '$1 out of 10 ');
  s = s.replace(/(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)/g, '$1 to $2');
  s = s.replace(/([a-z0-9])-(?=[a-z])/g, '$1 ');
  s = s.replace(/[a-z]+'[a-z]+/g, (w) => lex.contractions.get(w) ?? w.replace(/'(s|d)$/, '').replace(/'/g, ''));
  s = s.replace(/(\d)\.(\d)/g, '$1\u0000$2');
  s = s.replace(/[.!?;:,()[\]{}"\n\r\u2026]+/g, ` ${BREAK} `);
  s = s.replace(/\u0000/g, '.');
  s = s.replace(/['*_~#=<>|\\^]/g, ' ').replace(/\//g, ' / ');
  s = s.replace(/\b(\d+(?:\.\d+)?)(?!(?:st|nd|rd|th)\b)([a-z]+)\b/g, '$1 $2');

  let tokens = s.split(/\s+/).filter((t) => t.length > 0);
  tokens = tokens.flatMap((t, i) => {
    if (i === 0 && (t === 'y' || t === 'n')) return [t === 'y' ? 'yes' : 'no'];
    const mapped = lex.tokens.get(t);
    return mapped === undefined ? [t] : mapped.split(' ');
  });
  tokens = tokens.map((t) => correctTypo(t, lex));
  tokens = numberWords(tokens, lex);
  let spaced = ` ${tokens.join(' ')} `;
  for (const [from, to] of lex.rewrites) {
    while (spaced.includes(` ${from} `)) spaced = spaced.replace(` ${from} `, ` ${to} `);
  }
  // The last step is unchanged by the fast paths, so the reference calls the real one.
  return finishTokens(spaced.split(' ').filter((t) => t.length > 0));
}

interface ReferenceSpan {
  start: number;
  end: number;
  gaps: string[];
}

/** Every match of a pattern, scanning the whole text with its regex: no anchor test, no index. */
function referenceMatches(pattern: Pattern, text: Normalized): ReferenceSpan[] {
  const re = new RegExp(pattern.regex.source, 'g');
  const out: ReferenceSpan[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text.padded)) !== null) {
    let start = 0;
    for (let i = 1; i < m.index; i++) if (text.padded[i] === ' ') start++;
    const length = m[0].trim().split(' ').filter((t) => t.length > 0).length;
    const gaps = m.slice(1).flatMap((g) => (g ?? '').split(' ').filter((w) => w.length > 0));
    out.push({ start, end: start + length, gaps });
    re.lastIndex = m.index + 1;
  }
  return out;
}

function referenceFindHits(set: PhraseSet, text: Normalized, rules: NegationRules): Hit[] {
  const vetoes = set.except.flatMap((p) => referenceMatches(p, text));
  const hits: Hit[] = [];
  for (const pattern of set.patterns) {
    for (const span of referenceMatches(pattern, text)) {
      if (vetoes.some((v) => v.start < span.end && span.start < v.end)) continue;
      const negated = pattern.negatable && (isNegated(text.tokens, span.start, rules) || span.gaps.some((w) => rules.negators.has(w)));
      hits.push({ start: span.start, end: span.end, negated });
    }
  }
  const sorted = hits.sort((a, b) => a.start - b.start);
  // "no pain at night or at rest": a hit inside a longer negated one, with no breaker between their starts, is negated too.
  const within = (hit: Hit, outer: Hit) =>
    outer.negated && outer.start <= hit.start && hit.end <= outer.end && outer.end - outer.start > hit.end - hit.start &&
    text.tokens.slice(outer.start, hit.start).every((t) => t !== BREAK && !rules.breakers.has(t));
  return sorted.map((hit) => (!hit.negated && sorted.some((outer) => within(hit, outer)) ? { ...hit, negated: true } : hit));
}

/** The longest unvetoed hit at token 0, found by scanning the whole text. */
function referenceMatchesAtStart(set: PhraseSet, text: Normalized): Hit | null {
  const vetoes = set.except.flatMap((p) => referenceMatches(p, text));
  let best: Hit | null = null;
  for (const pattern of set.patterns) {
    const hit = referenceMatches(pattern, text).find((h) => h.start === 0 && !vetoes.some((v) => v.start < h.end && h.start < v.end));
    if (hit && (best === null || hit.end > best.end)) best = { start: hit.start, end: hit.end, negated: false };
  }
  return best;
}

/** A clause that asks about a sign, after up to two lead-in words ("quick question: what should I do if ..."). */
function referenceHypothetical(p: Protocol, clause: Normalized): boolean {
  const { hypothetical, leadIns } = p.language;
  if (referenceMatchesAtStart(hypothetical, clause) !== null) return true;
  let skip = 0;
  while (skip < 2 && skip < clause.tokens.length && (leadIns.has(clause.tokens[skip]) || clause.tokens[skip] === BREAK)) skip++;
  return skip > 0 && skip < clause.tokens.length && referenceMatchesAtStart(hypothetical, finishTokens(clause.tokens.slice(skip))) !== null;
}

function referenceEmergency(p: Protocol, text: string, ctx: ParseContext): boolean {
  const lex = p.language.lexicon;
  const all = clauses(text);
  const asked = all.map((c) => referenceHypothetical(p, referenceNormalize(c, lex)));
  // An example of what a clause asked about ("..., like chest pain"; "for example, chest pain") is asked about too.
  let example = false;
  for (let i = 1; i < all.length; i++) {
    if (!asked[i - 1]) continue;
    const clause = referenceNormalize(all[i], lex);
    const opens = referenceMatchesAtStart(p.language.examples, clause);
    if (opens !== null || example) asked[i] = true;
    example = opens !== null && opens.end >= clause.tokens.length;
  }
  const kept = all.filter((_, i) => !asked[i]);
  if (kept.length === 0) return false;
  const told = referenceNormalize(kept.join('. '), lex);
  // A question about a sign, then the sign told as here now: the whole message.
  const toldNow = kept.length < all.length && referenceFindHits(p.language.toldNow, told, p.language.negation).some((h) => !h.negated);
  const normalized = toldNow ? referenceNormalize(text, lex) : told;
  const { flags } = readRedFlags(p.language, normalized, ctx, 'mention', p.durationBands);
  if (flags.length === 0) return false;
  return evaluate(p, { red_flags: flags }, []).level === 'emergency';
}

/** 'phrases' when the phrase lists name crisis wording, 'model' when only the model reads it. */
function referenceCrisis(p: Protocol, text: string): 'phrases' | 'model' | undefined {
  const normalized = referenceNormalize(text, p.language.lexicon);
  if (referenceFindHits(p.language.crisis, normalized, p.language.negation).length > 0) return 'phrases';
  return crisisLikely(p.crisisModel, normalized) ? 'model' : undefined;
}

function referenceScreen(p: Protocol, text: string, emergencyToo: boolean): string | undefined {
  const crisis = referenceCrisis(p, text);
  if (crisis === 'phrases') return 'crisis';
  if (emergencyToo && referenceEmergency(p, text, CTX)) return 'emergency';
  return crisis === 'model' ? 'possibleCrisis' : undefined;
}

// ---- The phrases to compare on. ----

/** Every phrase list in the protocol's language (answers, cues, durations, safety...). */
function phraseSets(value: unknown, out: PhraseSet[] = [], seen = new Set<unknown>()): PhraseSet[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if ('patterns' in value && 'except' in value && Array.isArray(value.patterns) && Array.isArray(value.except)) out.push(value as PhraseSet);
  else if (value instanceof Map) for (const v of value.values()) phraseSets(v, out, seen);
  else for (const v of Object.values(value)) phraseSets(v, out, seen);
  return out;
}

/** The ways a phrase arrives: as written, shouted, asked, with marks around it. */
function variants(phrase: string): string[] {
  return [phrase, phrase.toUpperCase(), `${phrase}?`, `  ${phrase}!! `, `${phrase}, `, `. ${phrase}`, `y ${phrase}`, `${phrase}\n`, `\n${phrase}`, `\t${phrase} .`];
}

/** Text made of the characters normalisation treats specially, so every rewrite and its guard gets tried. */
const trickyText = fc.string({
  unit: fc.constantFrom(
    'a', 'n', 'y', 'o', 'w', 's', 't', 'd', 'x', 'k', 'can', 'not', 'knee cap', 'twenty', 'five', 'pins n needles', 'ago', 'weeks',
    '0', '1', '3', '7', '10', ' ', ' ', '  ', '\t', '\n', '\r', '\u00a0', '/', '-', '+', '&', "'", '`', '\u2019', '\u201c', '\u2014', '\u2026',
    '.', ',', '!', '?', ';', ':', '(', ')', '"', '*', '#', '=', '|', '\\', '^', '\u0000', 'rd', 'th', 'wks', 'e\u0301', '\u03a3', 'I\u0307', '\ufb01',
  ),
  maxLength: 30,
});

describe('triage text: the fast paths give what the plain code gave', () => {
  let p: Protocol;
  let phrases: string[];
  before(() => {
    p = protocol();
    phrases = repositoryPhrases();
  });

  it('collects the repository\'s phrases', () => {
    expect(phrases.length).to.be.greaterThan(5000);
  });

  it('normalises every phrase of knowledge/ and tests/data/, in every variant, as the reference does', function () {
    this.timeout(120_000);
    const lex = p.language.lexicon;
    for (const phrase of phrases) {
      for (const text of variants(phrase)) expect(normalize(text, lex), JSON.stringify(text)).to.deep.equal(referenceNormalize(text, lex));
    }
  });

  it('normalises any text as the reference does', () => {
    const lex = p.language.lexicon;
    fc.assert(
      fc.property(fc.oneof(anyText, smsText, trickyText), (text) => {
        expect(normalize(text, lex)).to.deep.equal(referenceNormalize(text, lex));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives a text normalised again what it gave the first time, and reads it anew for another lexicon', () => {
    const lex = p.language.lexicon;
    const text = "my knee's hot n swollen since tues";
    const first = referenceNormalize(text, lex);
    expect(normalize(text, lex)).to.deep.equal(first);
    // Others between, enough to push it out of the texts kept, and none: both give the same.
    expect(normalize(text, lex)).to.deep.equal(first);
    for (let i = 0; i < 40; i++) normalize(`filler text ${i}`, lex);
    expect(normalize(text, lex)).to.deep.equal(first);
    const other: Lexicon = { ...lex, tokens: new Map([...lex.tokens, ['tues', 'thursday']]) };
    expect(normalize(text, other).tokens).to.include('thursday');
    expect(normalize(text, lex)).to.deep.equal(first);
  });

  it('reuses a one-clause message\'s normalisation only where normalising its clause gives the same', function () {
    // Every phrase and thousands of drawn texts: about 11 s alone, more on a busy machine.
    this.timeout(120_000);
    const lex = p.language.lexicon;
    const check = (text: string) => {
      const whole = normalize(text, lex);
      const read = normalizedClauses(text, lex, whole);
      expect(read.map((c) => c.text), JSON.stringify(text)).to.deep.equal(clauses(text));
      for (const c of read) expect(c.normalized, JSON.stringify(text)).to.deep.equal(referenceNormalize(c.text, lex));
    };
    // A line break before the only clause is a break to normalisation: "\ny" is the word "y", not "yes".
    for (const text of ['\ny', '\r\nn', ' \n y', 'y', ' n.', 'y\n', '\u00a0y?', '\ty']) check(text);
    for (const phrase of phrases) for (const text of variants(phrase)) check(text);
    fc.assert(fc.property(fc.oneof(anyText, smsText, trickyText), check), { numRuns: 20000 });
  });

  it('corrects no word that a "word*" pattern starts, and still corrects a slip from a listed word', () => {
    const lex = p.language.lexicon;
    // "chest ... crush*": "crushed" is what the list means, not a slip from "crashed" (an injury word).
    expect(lex.knownPrefixes.has('crush')).to.equal(true);
    expect(correctTypo('crushed', lex)).to.equal('crushed');
    expect(correctTypo('swolen', lex)).to.equal('swollen');
  });

  it('puts back the "g" a text drops ("thinkin"), and leaves words that only end in "in" alone', () => {
    const lex = p.language.lexicon;
    expect(correctTypo('thinkin', lex)).to.equal('thinking');
    expect(correctTypo('runnin', lex)).to.equal('running');
    for (const word of ['within', 'begin', 'cabin']) expect(correctTypo(word, lex)).to.equal(word);
  });

  it('falls back to the plain way for word lists the fast paths cannot rely on', () => {
    const real = p.language.lexicon;
    const odd: Lexicon[] = [
      // A "," rewritten as a word.
      { ...real, tokens: new Map([...real.tokens, [BREAK, 'comma']]) },
      // A rewrite starting with a space (a token rewritten with one gives it something to match), and one across a break.
      { ...real, tokens: new Map([...real.tokens, ['kn', ' shin']]), rewrites: [...real.rewrites, [' shin', 'leg'], ['b ,', 'c']] },
      // A vocabulary word holding a space ("qqqqqx" is one slip from it), which a rewrite starts with.
      { ...real, rewrites: [...real.rewrites, ['qqqqq x pain', 'rx']], vocabulary: new Set([...real.vocabulary, 'qqqqq x']) },
    ];
    const words = fc.constantFrom('qqqqqx', 'kn', 'pain', 'knee', 'b', 'y', 'n', ',', '.', '?', '\n', ' ', '  ', 'cap', 'knee cap', 'twenty', 'one');
    for (const lex of odd) {
      const check = (text: string) => {
        expect(normalize(text, lex), JSON.stringify(text)).to.deep.equal(referenceNormalize(text, lex));
        for (const c of normalizedClauses(text, lex, normalize(text, lex))) expect(c.normalized, JSON.stringify(text)).to.deep.equal(referenceNormalize(c.text, lex));
      };
      for (const text of ['qqqqqx pain', 'kn', 'b,', 'b ,', 'knee cap?', 'y,', 'my knee,', 'knee ,']) check(text);
      fc.assert(fc.property(fc.string({ unit: words, maxLength: 12 }), check), { numRuns: 2000 });
    }
  });

  it('finds the same hits as trying every pattern, for every phrase list of the protocol', function () {
    this.timeout(300_000);
    const lex = p.language.lexicon;
    const sets = phraseSets(p.language);
    expect(sets.length).to.be.greaterThan(50);
    const rules = p.language.negation;
    const check = (text: string) => {
      const normalized = normalize(text, lex);
      for (const set of sets) expect(findHits(set, normalized, rules), JSON.stringify(text)).to.deep.equal(referenceFindHits(set, normalized, rules));
    };
    // The vignettes' messages and replies are what the lists are written for; every 10th other phrase too.
    const vignettes = new Set<string>();
    stringsIn(JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/triage-vignettes.json'), 'utf8')), vignettes);
    for (const text of vignettes) check(text);
    phrases.forEach((text, i) => i % 10 === 0 && check(text));
    fc.assert(fc.property(fc.oneof(anyText, smsText, trickyText), check), { numRuns: 300 });
  });

  it('finds the same phrase at the start of any text as a scan of the whole text does', () => {
    const lex = p.language.lexicon;
    const sets = [p.language.hypothetical, p.language.yes, p.language.no, p.language.hedge];
    const check = (text: string) => {
      const normalized = normalize(text, lex);
      for (const set of sets) expect(matchesAtStart(set, normalized), JSON.stringify(text)).to.deep.equal(referenceMatchesAtStart(set, normalized));
    };
    for (const phrase of phrases) check(phrase);
    fc.assert(fc.property(fc.oneof(anyText, smsText, trickyText), check), { numRuns: 3000 });
  });

  // Every phrase as written and asked; every fifth in all its variants too (how each variant normalises is compared above).
  it('screens every phrase, as written and asked (every fifth in every variant), for crisis and emergency as the reference does', function () {
    this.timeout(600_000);
    let crises = 0;
    let emergencies = 0;
    for (const [i, phrase] of phrases.entries()) {
      for (const text of i % 5 === 0 ? variants(phrase) : [phrase, `${phrase}?`]) {
        const crisis = referenceCrisis(p, text);
        const emergency = referenceEmergency(p, text, CTX);
        if (crisis) crises++;
        if (emergency) emergencies++;
        const label = JSON.stringify(text);
        expect(detectCrisis(p, text), label).to.equal(crisis !== undefined);
        expect(detectEmergency(p, text, CTX), label).to.equal(emergency);
        expect(screenMessage(p, text, CTX, { emergency: true }), label).to.equal(referenceScreen(p, text, true));
        expect(screenMessage(p, text, CTX, { emergency: false }), label).to.equal(referenceScreen(p, text, false));
      }
    }
    // The corpus holds both kinds, so the comparison covers positive answers too.
    expect(crises).to.be.greaterThan(0);
    expect(emergencies).to.be.greaterThan(0);
  });

  it('screens any text for crisis and emergency as the reference does', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, smsText, trickyText), (text) => {
        expect(screenMessage(p, text, CTX, { emergency: true })).to.equal(referenceScreen(p, text, true));
        expect(detectEmergency(p, text, CTX)).to.equal(referenceEmergency(p, text, CTX));
      }),
      { numRuns: 3000 },
    );
  });
});
