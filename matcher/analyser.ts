import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import type { Lexicon } from '../knowledge/lexicon';
import { normaliseText, splitSentences, tokenise } from './normalise';
import { SpellingCorrector } from './spelling';

export interface Analysis {
  /** Words after shortcuts, spelling correction and synonyms, stop words kept. */
  words: string[];
  /** Distinct stems of the content words. */
  stems: string[];
  /** Per stem, 1 when it is part of the question itself, less when it only comes from the story around it. */
  emphasis: ReadonlyMap<string, number>;
  /** Pairs of neighbouring content stems ("run again", "how long"), with their emphasis. */
  pairs: ReadonlyMap<string, number>;
  /** Content words the knowledge base has never seen, even after spelling correction. */
  unknown: string[];
  /** Content words that spelling correction changed, as corrected. */
  corrected: string[];
  /** Names at least one word of the clinic's field (knee, running, treatment). */
  anchored: boolean;
  /** An out-of-scope condition or body-part complaint the message names, if any. */
  outOfScope?: string;
}

/** Tunables of the analysis. */
export const ANALYSER_DEFAULTS: Readonly<{ contextEmphasis: number }> = Object.freeze({
  /** Emphasis of words outside the question when a long message ends with one. */
  contextEmphasis: 0.5,
});
export type AnalyserOptions = Partial<typeof ANALYSER_DEFAULTS>;

interface Phrase {
  tokens: string[];
  replacement: string[];
}

/** Turns free text into comparable stems, with a vocabulary for spelling correction. */
export class Analyser {
  private readonly shortcuts: Map<string, string[]>;
  private readonly phrases = new Map<string, Phrase[]>();
  private readonly falseFriends = new Map<string, Phrase[]>();
  private readonly stopWords: Set<string>;
  private readonly vocabulary = new Map<string, number>();
  private readonly speller: SpellingCorrector;
  private readonly conditions = new Map<string, Phrase[]>();
  private readonly bodyParts: Set<string>;
  private readonly painWords: Set<string>;
  private readonly kneeWords: Set<string>;
  private readonly domainPhrases = new Map<string, Phrase[]>();
  private readonly domainCanonical: Set<string>;
  private readonly stems = new Map<string, string>();
  private readonly options: typeof ANALYSER_DEFAULTS;

  constructor(lexicon: Lexicon, corpus: readonly string[], options: AnalyserOptions = {}) {
    this.options = { ...ANALYSER_DEFAULTS, ...options };
    this.shortcuts = new Map(Object.entries(lexicon.shortcuts).map(([from, to]) => [from, words(to)]));
    this.stopWords = new Set(lexicon.stopWords.map(normaliseText));
    for (const { canonical, variants } of lexicon.synonyms) {
      for (const variant of variants) addPhrase(this.phrases, words(variant), [canonical]);
    }
    // A false friend becomes one word the knowledge base has never seen, so it counts against a match.
    for (const phrase of lexicon.falseFriends) addPhrase(this.falseFriends, words(phrase), [words(phrase).join('')]);
    for (const condition of lexicon.outOfScope.conditions) addPhrase(this.conditions, words(condition), [condition]);
    this.bodyParts = new Set(lexicon.outOfScope.bodyParts);
    this.painWords = new Set(lexicon.outOfScope.painWords);
    this.kneeWords = new Set(lexicon.outOfScope.anchorWords);

    const known = [
      ...corpus,
      ...lexicon.stopWords,
      ...Object.values(lexicon.shortcuts),
      ...lexicon.synonyms.flatMap((s) => [s.canonical, ...s.variants]),
      ...lexicon.domainWords,
      ...lexicon.falseFriends,
      ...lexicon.outOfScope.conditions,
      ...lexicon.outOfScope.bodyParts,
      ...lexicon.outOfScope.painWords,
    ];
    for (const text of known) {
      for (const word of this.expand(words(text))) this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + 1);
    }
    for (const { canonical } of lexicon.synonyms) this.vocabulary.set(canonical, (this.vocabulary.get(canonical) ?? 0) + 1);
    this.speller = new SpellingCorrector(this.vocabulary);
    // A domain word anchors as written ("kt tape", "running shoes"), or as a canonical word ("physio" for "physical therapy").
    for (const word of lexicon.domainWords) addPhrase(this.domainPhrases, words(word), [word]);
    const synonymCanonicals = new Set(lexicon.synonyms.map((s) => s.canonical));
    this.domainCanonical = new Set(lexicon.domainWords.filter((w) => synonymCanonicals.has(w)));
  }

  analyse(text: string): Analysis {
    const sentences = splitSentences(text);
    // In a story that ends with a question, the question says what the person wants to know.
    const story = sentences.length > 1 && sentences.some((s) => s.question);
    const all: string[] = [];
    const emphasis = new Map<string, number>();
    const pairs = new Map<string, number>();
    const unknown: string[] = [];
    const corrected: string[] = [];
    let outOfScope: string | undefined;
    let anchored = false;
    for (const sentence of sentences) {
      const factor = story && !sentence.question ? this.options.contextEmphasis : 1;
      const tokens = this.expand(words(sentence.text)).map((word) => {
        const fixed = this.speller.correct(word);
        if (fixed === undefined) return word;
        if (!this.stopWords.has(fixed)) corrected.push(fixed);
        return fixed;
      });
      outOfScope ??= this.findOutOfScope(tokens);
      const plain = this.withoutFalseFriends(tokens);
      const canonical = replacePhrases(this.phrases, plain);
      anchored ||= plain.some((_, i) => phraseAt(this.domainPhrases, plain, i) !== undefined) || canonical.some((w) => this.domainCanonical.has(w));
      all.push(...canonical);
      let previous: string | undefined;
      for (const word of canonical) {
        if (this.stopWords.has(word)) continue;
        if (!this.vocabulary.has(word) && !/^\d+$/.test(word) && !unknown.includes(word)) unknown.push(word);
        const stem = this.stem(word);
        emphasis.set(stem, Math.max(factor, emphasis.get(stem) ?? 0));
        if (previous !== undefined && previous !== stem) {
          // Unordered: "squat pain" and "pain when squatting" are the same pair.
          const pair = previous < stem ? `${previous} ${stem}` : `${stem} ${previous}`;
          pairs.set(pair, Math.max(factor, pairs.get(pair) ?? 0));
        }
        previous = stem;
      }
    }
    const stems = [...emphasis.keys()];
    return { words: all, stems, emphasis, pairs, unknown, corrected, anchored, outOfScope };
  }

  stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = PorterStemmer.stem(word);
      if (this.stems.size > 20000) this.stems.clear();
      this.stems.set(word, stem);
    }
    return stem;
  }

  isStopWord(word: string): boolean {
    return this.stopWords.has(word);
  }

  private expand(tokens: string[]): string[] {
    return tokens.flatMap((token, i) => {
      // "2 weeks" is a number, "2 run" is SMS for "to run".
      if (/^\d+$/.test(token) && UNITS.has(tokens[i + 1])) return [token];
      const shortcut = this.shortcuts.get(token);
      if (shortcut) return shortcut;
      // "30km", "6wks": a number glued to its unit.
      const glued = /^(\d+)([a-z]+)$/.exec(token);
      if (glued && !/^(st|nd|rd|th)$/.test(glued[2])) return [glued[1], ...(this.shortcuts.get(glued[2]) ?? [glued[2]])];
      return [token];
    });
  }

  private withoutFalseFriends(tokens: string[]): string[] {
    return replacePhrases(this.falseFriends, timeSpans(tokens));
  }

  private canonical(tokens: string[]): string[] {
    return replacePhrases(this.phrases, this.withoutFalseFriends(tokens));
  }

  private findOutOfScope(tokens: string[]): string | undefined {
    for (let i = 0; i < tokens.length; i++) {
      const hit = phraseAt(this.conditions, tokens, i);
      if (hit) return hit.replacement[0];
    }
    const part = tokens.find((t) => this.bodyParts.has(t));
    const pain = tokens.some((t) => this.painWords.has(t));
    const knee = this.canonical(tokens).some((t) => this.kneeWords.has(t));
    if (part && pain && !knee) return part;
    return undefined;
  }
}

const TIME_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months']);
const UNITS = new Set([...TIME_UNITS, 'wk', 'wks', 'mo', 'mos', 'yr', 'yrs', 'year', 'years', 'hr', 'hrs', 'hour', 'hours', 'min', 'mins', 'minutes', 'km', 'kms', 'k', 'mile', 'miles', 'times', 'x', 'spm', 'steps', 'kg', 'lbs', 'sessions']);

/** "6 weeks", "3 months": a span of time, whatever the number. */
function timeSpans(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (/^\d+$/.test(tokens[i]) && TIME_UNITS.has(tokens[i + 1])) {
      out.push('duration');
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

function words(text: string): string[] {
  return tokenise(normaliseText(text));
}

function addPhrase(phrases: Map<string, Phrase[]>, tokens: string[], replacement: string[]): void {
  if (!tokens.length) return;
  const list = phrases.get(tokens[0]) ?? [];
  list.push({ tokens, replacement });
  // Longest phrase first, so "knee brace" wins over "knee".
  list.sort((a, b) => b.tokens.length - a.tokens.length);
  phrases.set(tokens[0], list);
}

function phraseAt(phrases: Map<string, Phrase[]>, tokens: string[], i: number): Phrase | undefined {
  return (phrases.get(tokens[i]) ?? []).find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
}

function replacePhrases(phrases: Map<string, Phrase[]>, tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = phraseAt(phrases, tokens, i);
    if (phrase && !overlapped(phrases, tokens, i, phrase.tokens.length)) {
      out.push(...phrase.replacement);
      i += phrase.tokens.length;
    } else {
      out.push(tokens[i]);
      i += 1;
    }
  }
  return out;
}

/** A phrase gives way to a longer or equal one that starts inside it and runs past it: "my runners knee" is not "my runners" + "knee". */
function overlapped(phrases: Map<string, Phrase[]>, tokens: string[], start: number, length: number): boolean {
  for (let j = start + 1; j < start + length; j++) {
    const other = phraseAt(phrases, tokens, j);
    if (other && j + other.tokens.length > start + length && other.tokens.length >= length) return true;
  }
  return false;
}
