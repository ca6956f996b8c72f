import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import type { Lexicon } from '../knowledge/lexicon';
import { escapeRegExp, normaliseText, splitSentences, tokenise, type Sentence } from './normalise';
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

/** What an analyser learns from the knowledge base's text: how often each word occurs, and stems it has worked out. */
export interface CorpusWords {
  counts: [string, number][];
  stems: [string, string][];
}

const TIME_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months']);
/** Words after which a number is a quantity, not SMS for "to" or "for". */
const UNITS = new Set([...TIME_UNITS, 'wk', 'wks', 'mo', 'mos', 'yr', 'yrs', 'year', 'years', 'hr', 'hrs', 'hour', 'hours', 'min', 'mins', 'minutes', 'km', 'kms', 'k', 'mile', 'miles', 'times', 'x', 'spm', 'steps', 'kg', 'lbs', 'sessions']);
const STEM_CACHE_SIZE = 20000;
/** What small talk is read as: no word of a message can be this, as words are letters and digits. */
const SMALL_TALK = '(small talk)';
/** Shortest stem by which an unseen inflection takes a synonym's place: "up" (from "upped") is too easily another word. */
const MIN_INFLECTION_STEM = 4;
/** Shortest stem corrected when the word itself is not close to any known word: "snore" is not "sore". */
const MIN_STEM_CORRECTION = 6;

/** What the analyser needs to know of one word, looked up once instead of in five tables. */
interface WordFacts {
  stem: string;
  stop: boolean;
  /** The stem is one the knowledge base uses. */
  knownStem: boolean;
  /** The stem is a known word's or one of its forms: spelt right. */
  plainStem: boolean;
  /** The synonym an unseen inflection stands for ("cycle" for "cycling"), for a word that is no stop word. */
  inflection: string | undefined;
}

/** Turns free text into comparable stems: shortcuts, spelling correction, synonyms, stop words, stemming. */
export class Analyser {
  private readonly shortcuts: Map<string, string[]>;
  private readonly synonyms: PhraseTable;
  private readonly falseFriends: PhraseTable;
  /** Words that say nothing about the topic, as messages are written out. */
  readonly stopWords: ReadonlySet<string>;
  private readonly vocabulary = new Map<string, number>();
  private readonly speller: SpellingCorrector;
  /** Corrects the stem of a word whose inflection the knowledge base never uses ("prveented" to "prevent"). */
  private readonly stemSpeller: SpellingCorrector;
  /** The most frequent known word of each stem, what a corrected stem is read as. */
  private readonly wordOfStem = new Map<string, string>();
  private readonly knownStems = new Set<string>();
  /** Stems of the lexicon's known words and their forms ("stabbing", "shots"): spelt right, so never corrected. */
  private readonly plainStems = new Set<string>();
  private readonly scope: ScopeReader;
  private readonly conditionSuffixes: readonly string[];
  /** A first clause naming what the question sets aside ("Besides icing, ..."), up to its comma. */
  private readonly setAside: RegExp | null;
  private readonly stems = new Map<string, string>();
  /** Per word, its facts, worked out the first time it is met (the tables they come from never change after construction). */
  private readonly facts = new Map<string, WordFacts>();
  /** Stem of a one-word synonym to its canonical word, for inflections the lexicon does not list ("cycle" for "cycling"). */
  private readonly inflections = new Map<string, string>();
  private readonly options: AnalyserSettings;

  /** Words of the corpus in order of first use, with their counts. */
  private readonly corpusCounts = new Map<string, number>();

  /**
   * `corpus` is the knowledge base's own text, whose words are the vocabulary spelling is corrected
   * to; or what an analyser over the same text learnt from it (`corpusWords()`), to skip reading it.
   */
  constructor(lexicon: Lexicon, corpus: readonly string[] | CorpusWords, options: AnalyserOptions = {}) {
    this.options = { ...ANALYSER_DEFAULTS, ...options };
    this.shortcuts = new Map(Object.entries(lexicon.shortcuts).map(([from, to]) => [from, words(to)]));
    this.stopWords = new Set([...lexicon.stopWords.flatMap(words), SMALL_TALK]);
    const fillers = new Set(lexicon.fillers);
    this.synonyms = new PhraseTable(fillers);
    this.falseFriends = new PhraseTable(fillers);
    // Phrases are compared with messages after shortcuts, so they are written out the same way ("stability shoes" as "stability shoe").
    const written = (text: string) => this.expand(words(text)).join(' ');
    for (const { canonical, variants } of lexicon.synonyms) for (const variant of variants) this.synonyms.add(written(variant), canonical);
    // Small talk becomes one word no message can hold, read as a stop word.
    for (const phrase of lexicon.smallTalk) this.synonyms.add(written(phrase), SMALL_TALK);
    // A false friend becomes one word the knowledge base has never seen, so it counts against a match.
    for (const phrase of lexicon.falseFriends) this.falseFriends.add(written(phrase), words(phrase).join(''));
    this.setAside = setAsidePattern(lexicon.setAside);
    this.scope = new ScopeReader(lexicon, (tokens) => this.expand(tokens));
    this.conditionSuffixes = lexicon.outOfScope.conditionSuffixes;
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
    if (isCorpusWords(corpus)) {
      for (const [word, stem] of corpus.stems) this.stems.set(word, stem);
      for (const [word, count] of corpus.counts) this.corpusCounts.set(word, count);
    } else {
      for (const text of corpus) for (const word of this.expand(words(text))) this.corpusCounts.set(word, (this.corpusCounts.get(word) ?? 0) + 1);
    }
    for (const [word, count] of this.corpusCounts) this.learn(word, count);
    const corpusWords = new Set(this.corpusCounts.keys());
    // An inflection of a known word ("needing", "tracking") is a real word, not a typo of another one ("needling").
    const stemFrequency = new Map<string, number>();
    for (const [word, count] of this.vocabulary) {
      const stem = this.stem(word);
      this.knownStems.add(stem);
      stemFrequency.set(stem, (stemFrequency.get(stem) ?? 0) + count);
      const best = this.wordOfStem.get(stem);
      if (best === undefined || (this.vocabulary.get(best) ?? 0) < count) this.wordOfStem.set(stem, word);
    }
    // A typo of a shortcut ("sneakres", "exersise") is corrected to it, then expanded; the shortcut itself is no word the index knows.
    const targets = new Map(this.vocabulary);
    // A shortcut is as common as the word it stands for ("shoes" as "shoe").
    for (const [key, expansion] of this.shortcuts) {
      if (/^[a-z]+$/.test(key) && !targets.has(key)) targets.set(key, Math.max(1, ...expansion.map((w) => this.vocabulary.get(w) ?? 0)));
    }
    this.speller = new SpellingCorrector(targets);
    this.stemSpeller = new SpellingCorrector(stemFrequency);
    this.learnInflections(lexicon, corpusWords);
    for (const word of lexicon.knownWords) for (const token of words(word)) this.plainStems.add(this.stem(token));
  }

  /** What this analyser learnt from its corpus, to build another over the same text without reading it. */
  corpusWords(): CorpusWords {
    return { counts: [...this.corpusCounts], stems: [...this.stems] };
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
      // Typos first, so a shortcut or a unit mistyped ("2 weks") is read as the one meant.
      const plain = timeSpans(this.expand(this.correct(this.askedWords(sentence), corrected)));
      const typed = this.falseFriends.replaceIn(plain, 1, this.synonyms);
      const canonical = this.inflect(this.synonyms.replaceIn(typed));
      // A condition inside a domain phrase is not one: "massage gun" is foam rolling, not massage therapy.
      outOfScope ??= this.scope.outOfScope(plain, this.synonyms, typed, canonical);
      anchored ||= this.scope.anchored(typed, canonical);
      all.push(...canonical);
      let previous: string | undefined;
      for (const word of canonical) {
        const facts = this.factsOf(word);
        if (facts.stop) continue;
        const stem = facts.stem;
        if (!facts.knownStem && !/^\d+$/.test(word) && !unknown.includes(word)) unknown.push(word);
        emphasis.set(stem, Math.max(factor, emphasis.get(stem) ?? 0));
        if (previous !== undefined && previous !== stem) {
          // Unordered: "squat pain" and "pain when squatting" are the same pair.
          const pair = previous < stem ? `${previous} ${stem}` : `${stem} ${previous}`;
          pairs.set(pair, Math.max(factor, pairs.get(pair) ?? 0));
        }
        previous = stem;
      }
    }
    // "metatarsalgia", "tendinopathy": a medical word the knowledge base has never seen names a condition it does not cover.
    outOfScope ??= unknown.find((word) => this.conditionSuffixes.some((suffix) => word.length > suffix.length + 3 && word.endsWith(suffix)));
    return { words: all, stems: [...emphasis.keys()], emphasis, pairs, unknown, corrected, anchored, outOfScope };
  }

  /**
   * A word the knowledge base never uses may still be a form of a synonym it does ("cycle", "swims",
   * "worry"): it then counts as that synonym. Stems the knowledge base's own words keep (those that
   * are no one-word synonym) are left alone, as are stems that two synonyms share.
   */
  /** A sentence's words without a first clause that sets something aside: "Besides icing, what exercises help?" asks of exercises. */
  private askedWords(sentence: Sentence): string[] {
    const lead = this.setAside?.exec(sentence.text);
    return lead ? tokenise(normaliseText(sentence.text.slice(lead[0].length))) : sentence.words;
  }

  private learnInflections(lexicon: Lexicon, corpusWords: ReadonlySet<string>): void {
    const variantOf = new Map<string, string>();
    for (const { canonical, variants } of lexicon.synonyms) {
      for (const variant of variants) {
        const tokens = words(variant);
        if (tokens.length === 1 && !this.stopWords.has(tokens[0])) variantOf.set(tokens[0], canonical);
      }
    }
    const kept = new Set(lexicon.synonyms.map((s) => this.stem(s.canonical)));
    for (const word of corpusWords) if (!variantOf.has(word) && !this.stopWords.has(word)) kept.add(this.stem(word));
    const clashing = new Set<string>();
    for (const [variant, canonical] of variantOf) {
      const stem = this.stem(variant);
      if (stem.length < MIN_INFLECTION_STEM || kept.has(stem)) continue;
      const other = this.inflections.get(stem);
      if (other !== undefined && other !== canonical) clashing.add(stem);
      this.inflections.set(stem, canonical);
    }
    for (const stem of clashing) this.inflections.delete(stem);
  }

  private inflect(tokens: string[]): string[] {
    let out: string[] | undefined;
    tokens.forEach((word, i) => {
      const canonical = this.factsOf(word).inflection;
      if (canonical !== undefined && canonical !== word) (out ??= [...tokens])[i] = canonical;
    });
    return out ?? tokens;
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

  private factsOf(word: string): WordFacts {
    let facts = this.facts.get(word);
    if (facts === undefined) {
      const stem = this.stem(word);
      const stop = this.stopWords.has(word);
      facts = { stem, stop, knownStem: this.knownStems.has(stem), plainStem: this.plainStems.has(stem), inflection: stop ? undefined : this.inflections.get(stem) };
      if (this.facts.size >= STEM_CACHE_SIZE) this.facts.clear();
      this.facts.set(word, facts);
    }
    return facts;
  }

  private learn(word: string, count: number): void {
    this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + count);
  }

  /** A unit after a number, written out; "k" there is kilometres ("a 10k", "30k a week"), not SMS for "okay". */
  private unitWords(unit: string): string[] {
    return unit === 'k' ? ['k'] : this.shortcuts.get(unit) ?? [unit];
  }

  private expand(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      // "2 weeks" is a number and its unit ("30 k" is kilometres, not "okay"); "2 run" is SMS for "to run".
      if (/^\d+$/.test(token) && UNITS.has(tokens[i + 1])) {
        out.push(token, ...this.unitWords(tokens[i + 1]));
        i++;
        continue;
      }
      const shortcut = this.shortcuts.get(token);
      if (shortcut) {
        out.push(...shortcut);
        continue;
      }
      // "30km", "6wks": a number glued to its unit.
      const glued = /^(\d+)([a-z]+)$/.exec(token);
      if (glued && !/^(st|nd|rd|th)$/.test(glued[2])) out.push(glued[1], ...this.unitWords(glued[2]));
      else out.push(token);
    }
    return out;
  }

  /** The tokens, spelling-corrected in place; content words that changed are added to `corrected`. */
  private correct(tokens: string[], corrected: string[]): string[] {
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i];
      if (this.shortcuts.has(word)) continue;
      const facts = this.factsOf(word);
      if (facts.knownStem || facts.plainStem) continue;
      const fixed = this.speller.correct(word) ?? this.correctStem(word, facts.stem);
      if (fixed === undefined) continue;
      for (const w of this.shortcuts.get(fixed) ?? [fixed]) if (!this.stopWords.has(w)) corrected.push(w);
      tokens[i] = fixed;
    }
    return tokens;
  }

  /** A long word no known word is close to may be a typo of a known word's inflection: its stem is then close to a known stem. */
  private correctStem(word: string, stem: string): string | undefined {
    if (stem.length < MIN_STEM_CORRECTION) return undefined;
    const fixed = this.stemSpeller.correct(stem);
    return fixed === undefined ? undefined : this.wordOfStem.get(fixed);
  }
}

function isCorpusWords(corpus: readonly string[] | CorpusWords): corpus is CorpusWords {
  return !Array.isArray(corpus);
}

/** Words after "3 days" that make it a rate ("3 days a week"), not a span of time. */
const PER = new Set(['a', 'per', 'each', 'every', 'an']);

/**
 * "6 weeks", "3 months": a span of time, whatever the number; "3 days a week" is how often, not how long.
 * Numbers written as words ("three weeks") are digits by now: the lexicon lists them as shortcuts.
 */
function timeSpans(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (/^\d+$/.test(tokens[i]) && TIME_UNITS.has(tokens[i + 1]) && !(PER.has(tokens[i + 2]) && UNITS.has(tokens[i + 3]))) {
      out.push('duration');
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

/** "besides ..., " or "... aside, " at the start of a sentence, when something follows the comma. */
function setAsidePattern({ leads, closers }: Lexicon['setAside']): RegExp | null {
  const alternatives = [
    ...(leads.length ? [`(?:${leads.map(escapeRegExp).join('|')})\\b[^,;]*`] : []),
    ...(closers.length ? [`[^,;]{1,40}\\b(?:${closers.map(escapeRegExp).join('|')})`] : []),
  ];
  return alternatives.length ? new RegExp(`^\\s*(?:${alternatives.join('|')})\\s*[,;]\\s*(?=\\S)`, 'i') : null;
}
