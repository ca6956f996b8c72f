import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import type { Lexicon } from '../knowledge/lexicon';
import { normaliseText, tokenise } from './normalise';

export interface Analysis {
  /** Words after shortcuts, spelling correction and synonyms, stop words kept. */
  words: string[];
  /** Distinct stems of the content words. */
  stems: string[];
  /** Content words the knowledge base has never seen, even after spelling correction. */
  unknown: string[];
  /** An out-of-scope condition or body-part complaint the message names, if any. */
  outOfScope?: string;
}

interface Phrase {
  tokens: string[];
  replacement: string[];
}

/** Turns free text into comparable stems, with a vocabulary for spelling correction. */
export class Analyser {
  private readonly shortcuts: Map<string, string[]>;
  private readonly phrases = new Map<string, Phrase[]>();
  private readonly stopWords: Set<string>;
  private readonly vocabulary = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly corrections = new Map<string, string>();
  private readonly conditions: Phrase[] = [];
  private readonly bodyParts: Set<string>;
  private readonly painWords: Set<string>;
  private readonly anchorWords: Set<string>;

  constructor(lexicon: Lexicon, corpus: readonly string[]) {
    this.shortcuts = new Map(Object.entries(lexicon.shortcuts).map(([from, to]) => [from, tokenise(normaliseText(to))]));
    this.stopWords = new Set(lexicon.stopWords.map(normaliseText));
    for (const { canonical, variants } of lexicon.synonyms) {
      for (const variant of variants) this.addPhrase(tokenise(normaliseText(variant)), [canonical]);
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    for (const condition of lexicon.outOfScope.conditions) {
      this.conditions.push({ tokens: tokenise(normaliseText(condition)), replacement: [condition] });
    }
    this.bodyParts = new Set(lexicon.outOfScope.bodyParts);
    this.painWords = new Set(lexicon.outOfScope.painWords);
    this.anchorWords = new Set(lexicon.outOfScope.anchorWords);

    const known = [
      ...corpus,
      ...lexicon.stopWords,
      ...Object.keys(lexicon.shortcuts),
      ...lexicon.synonyms.flatMap((s) => [s.canonical, ...s.variants]),
      ...lexicon.outOfScope.conditions,
      ...lexicon.outOfScope.bodyParts,
      ...lexicon.outOfScope.painWords,
    ];
    for (const text of known) for (const word of this.expand(tokenise(normaliseText(text)))) this.learn(word);
    for (const word of this.vocabulary.keys()) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  analyse(text: string): Analysis {
    const corrected = this.expand(tokenise(normaliseText(text))).map((word) => this.correct(word));
    const outOfScope = this.findOutOfScope(corrected);
    const words = this.applySynonyms(corrected);
    const content = words.filter((word) => !this.stopWords.has(word));
    const stems = [...new Set(content.map((word) => PorterStemmer.stem(word)))];
    const unknown = content.filter((word) => !this.vocabulary.has(word) && !/^\d+$/.test(word));
    return { words, stems, unknown, outOfScope };
  }

  stem(word: string): string {
    return PorterStemmer.stem(word);
  }

  isStopWord(word: string): boolean {
    return this.stopWords.has(word);
  }

  private addPhrase(tokens: string[], replacement: string[]): void {
    if (!tokens.length) return;
    const list = this.phrases.get(tokens[0]) ?? [];
    list.push({ tokens, replacement });
    this.phrases.set(tokens[0], list);
  }

  private learn(word: string): void {
    this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + 1);
  }

  private expand(tokens: string[]): string[] {
    return tokens.flatMap((token) => this.shortcuts.get(token) ?? [token]);
  }

  /** Replaces an unknown word with the closest known one, if it is close enough to be a typo. */
  private correct(word: string): string {
    if (word.length < 4 || this.vocabulary.has(word) || /\d/.test(word)) return word;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const maxDistance = word.length >= 7 ? 2 : 1;
    let best = word;
    let bestDistance = maxDistance + 1;
    let bestFrequency = 0;
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (word.length <= 5 && candidate[0] !== word[0]) continue;
        const distance = DamerauLevenshteinDistance(word, candidate);
        const frequency = this.vocabulary.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    if (this.corrections.size > 10000) this.corrections.clear();
    this.corrections.set(word, best);
    return best;
  }

  private applySynonyms(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const phrase = (this.phrases.get(tokens[i]) ?? []).find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
      if (phrase) {
        out.push(...phrase.replacement);
        i += phrase.tokens.length;
      } else {
        out.push(tokens[i]);
        i += 1;
      }
    }
    return out;
  }

  private findOutOfScope(tokens: string[]): string | undefined {
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.conditions.find((c) => c.tokens.every((t, k) => tokens[i + k] === t));
      if (hit) return hit.replacement[0];
    }
    const part = tokens.find((t) => this.bodyParts.has(t));
    const pain = tokens.some((t) => this.painWords.has(t));
    const anchored = tokens.some((t) => this.anchorWords.has(t) || t === 'runners');
    if (part && pain && !anchored) return part;
    return undefined;
  }
}
