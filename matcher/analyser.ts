import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import type { Lexicon } from '../knowledge/lexicon';
import { splitSentences } from './normalise';
import { PhraseTable, words } from './phrases';
import { ScopeReader } from './scope';
import { SpellingCorrector } from './spelling';

export interface Analysis {
  /** Words after shortcuts, spelling correction and synonyms, stop words kept. */
  words: string[];
  /** Distinct stems of the content words. */
  stems: string[];
  /** Per stem, 1 when it is part of the question itself, less when it only comes from the story around it. */
  emphasis: ReadonlyMap<string, number>;
  /** Unordered pairs of neighbouring content stems ("durat heal", "again run"), with their emphasis. */
  pairs: ReadonlyMap<string, number>;
  /** Distinct content words the knowledge base has never seen, even after spelling correction. */
  unknown: string[];
  /** Content words that spelling correction changed, as corrected. */
  corrected: string[];
  /** Names at least one word of the clinic's field (knee, running, physio...). */
  anchored: boolean;
  /** An out-of-scope condition or body-part complaint the message names, if any. */
  outOfScope?: string;
}

export interface AnalyserSettings {
  /** Emphasis of words outside the question when a long message ends with one. */
  contextEmphasis: number;
}

export const ANALYSER_DEFAULTS: Readonly<AnalyserSettings> = Object.freeze({
  contextEmphasis: 0.5,
});
export type AnalyserOptions = Partial<AnalyserSettings>;

const TIME_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months']);
/** Words after which a number is a quantity, not SMS for "to" or "for". */
const UNITS = new Set([...TIME_UNITS, 'wk', 'wks', 'mo', 'mos', 'yr', 'yrs', 'year', 'years', 'hr', 'hrs', 'hour', 'hours', 'min', 'mins', 'minutes', 'km', 'kms', 'k', 'mile', 'miles', 'times', 'x', 'spm', 'steps', 'kg', 'lbs', 'sessions']);
const STEM_CACHE_SIZE = 20000;

/** Turns free text into comparable stems: shortcuts, spelling correction, synonyms, stop words, stemming. */
export class Analyser {
  private readonly shortcuts: Map<string, string[]>;
  private readonly synonyms = new PhraseTable();
  private readonly falseFriends = new PhraseTable();
  private readonly stopWords: Set<string>;
  private readonly vocabulary = new Map<string, number>();
  private readonly speller: SpellingCorrector;
  private readonly knownStems = new Set<string>();
  private readonly scope: ScopeReader;
  private readonly stems = new Map<string, string>();
  private readonly options: AnalyserSettings;

  /** `corpus` is the knowledge base's own text: its words are the vocabulary spelling is corrected to. */
  constructor(lexicon: Lexicon, corpus: readonly string[], options: AnalyserOptions = {}) {
    this.options = { ...ANALYSER_DEFAULTS, ...options };
    this.shortcuts = new Map(Object.entries(lexicon.shortcuts).map(([from, to]) => [from, words(to)]));
    this.stopWords = new Set(lexicon.stopWords.flatMap(words));
    for (const { canonical, variants } of lexicon.synonyms) for (const variant of variants) this.synonyms.add(variant, canonical);
    // A false friend becomes one word the knowledge base has never seen, so it counts against a match.
    for (const phrase of lexicon.falseFriends) this.falseFriends.add(phrase, words(phrase).join(''));
    this.scope = new ScopeReader(lexicon);
    const listed = [
      ...lexicon.stopWords,
      ...Object.values(lexicon.shortcuts),
      ...lexicon.synonyms.flatMap((s) => s.variants),
      ...lexicon.domainWords,
      ...lexicon.falseFriends,
      ...lexicon.outOfScope.conditions,
      ...lexicon.outOfScope.bodyParts,
      ...lexicon.outOfScope.painWords,
    ];
    // Words the lexicon lists were chosen, so they win a tie against a word that merely occurs in the corpus.
    for (const text of listed) for (const word of this.expand(words(text))) this.learn(word, 2);
    for (const { canonical } of lexicon.synonyms) this.learn(canonical, 2);
    for (const text of corpus) for (const word of this.expand(words(text))) this.learn(word, 1);
    // An inflection of a known word ("needing", "tracking") is a real word, not a typo of another one ("needling").
    for (const word of this.vocabulary.keys()) this.knownStems.add(this.stem(word));
    this.speller = new SpellingCorrector(this.vocabulary);
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
      const typed = this.falseFriends.replaceIn(timeSpans(this.correct(this.expand(words(sentence.text)), corrected)));
      const canonical = this.synonyms.replaceIn(typed);
      outOfScope ??= this.scope.outOfScope(typed, canonical);
      anchored ||= this.scope.anchored(typed, canonical);
      all.push(...canonical);
      let previous: string | undefined;
      for (const word of canonical) {
        if (this.stopWords.has(word)) continue;
        const stem = this.stem(word);
        if (!this.knownStems.has(stem) && !/^\d+$/.test(word) && !unknown.includes(word)) unknown.push(word);
        emphasis.set(stem, Math.max(factor, emphasis.get(stem) ?? 0));
        if (previous !== undefined && previous !== stem) {
          // Unordered: "squat pain" and "pain when squatting" are the same pair.
          const pair = previous < stem ? `${previous} ${stem}` : `${stem} ${previous}`;
          pairs.set(pair, Math.max(factor, pairs.get(pair) ?? 0));
        }
        previous = stem;
      }
    }
    return { words: all, stems: [...emphasis.keys()], emphasis, pairs, unknown, corrected, anchored, outOfScope };
  }

  private stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = PorterStemmer.stem(word);
      if (this.stems.size >= STEM_CACHE_SIZE) this.stems.clear();
      this.stems.set(word, stem);
    }
    return stem;
  }

  private learn(word: string, count: number): void {
    this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + count);
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

  /** Spelling-corrected tokens; content words that changed are added to `corrected`. */
  private correct(tokens: string[], corrected: string[]): string[] {
    return tokens.map((word) => {
      if (this.knownStems.has(this.stem(word))) return word;
      const fixed = this.speller.correct(word);
      if (fixed === undefined) return word;
      if (!this.stopWords.has(fixed)) corrected.push(fixed);
      return fixed;
    });
  }
}

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
