import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';

/** No word in the knowledge base is longer; a longer one is not a typo of any, and its edits would cost the most. */
const MAX_WORD = 24;

export interface SpellingSettings {
  /** Shortest word that is ever corrected: short words are too easily another real word. */
  minLength: number;
  /** Words shorter than this are only corrected for two swapped letters ("pian") or a missing one ("weks"), never a changed one ("cafe" is not "care"). */
  swapOnlyBelow: number;
  /** From this length on, a typo may be two edits away instead of one (but not two changed letters). */
  twoEditsFrom: number;
  /** Most corrections remembered between messages. */
  cacheSize: number;
}

export const SPELLING_DEFAULTS: Readonly<SpellingSettings> = Object.freeze({ minLength: 4, swapOnlyBelow: 5, twoEditsFrom: 8, cacheSize: 5000 });
export type SpellingOptions = Partial<SpellingSettings>;

/**
 * Corrects typos against a known vocabulary with a symmetric-delete index (SymSpell), so
 * a lookup costs a few dozen map probes whatever the size of the vocabulary. The index is built
 * at the first word that needs it, so a bot whose first messages are spelt right starts sooner.
 */
export class SpellingCorrector {
  private index?: Map<string, string[]>;
  private readonly cache = new Map<string, string | null>();
  private readonly options: SpellingSettings;

  constructor(private readonly frequency: ReadonlyMap<string, number>, options: SpellingOptions = {}) {
    this.options = { ...SPELLING_DEFAULTS, ...options };
  }

  private get deletes(): Map<string, string[]> {
    if (this.index) return this.index;
    const deletes = new Map<string, string[]>();
    for (const word of this.frequency.keys()) {
      if (word.length < this.options.minLength - 1 || /\d/.test(word)) continue;
      // One deletion on the vocabulary side keeps the index small; the query side may delete two.
      for (const key of variants(word, 1)) {
        const list = deletes.get(key);
        if (!list) deletes.set(key, [word]);
        else if (list[list.length - 1] !== word) list.push(word);
      }
    }
    this.index = deletes;
    return deletes;
  }

  /** The known word this one is a typo of, or undefined when it is known, too short or too far from anything. */
  correct(word: string): string | undefined {
    if (word.length < this.options.minLength || word.length > MAX_WORD || this.frequency.has(word) || /\d/.test(word)) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookup(word);
    if (this.cache.size >= this.options.cacheSize) this.cache.clear();
    this.cache.set(word, found ?? null);
    return found;
  }

  private lookup(word: string): string | undefined {
    const maxDistance = word.length >= this.options.twoEditsFrom ? 2 : 1;
    const deletes = this.deletes;
    const seen = new Set<string>();
    let best: string | undefined;
    let bestRank = Infinity;
    for (const key of variants(word, maxDistance)) {
      for (const candidate of deletes.get(key) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        if (!sameStart(word, candidate)) continue;
        if (word.length < this.options.swapOnlyBelow && !swapped(word, candidate) && !missingOne(word, candidate)) continue;
        const distance = DamerauLevenshteinDistance(word, candidate);
        if (distance > maxDistance) continue;
        // Fewer edits first, then the more frequent word.
        const rank = distance - Math.min(0.9, Math.log1p(this.frequency.get(candidate) ?? 0) / 20);
        if (rank < bestRank) {
          best = candidate;
          bestRank = rank;
        }
      }
    }
    return best;
  }
}

/** People rarely mistype the first letter; a swap of the first two is the exception. */
function sameStart(word: string, candidate: string): boolean {
  return word[0] === candidate[0] || (word[0] === candidate[1] && word[1] === candidate[0]);
}

/** The same letters with two neighbours swapped. */
function swapped(word: string, candidate: string): boolean {
  if (word.length !== candidate.length) return false;
  const diff = [...word].flatMap((c, i) => (c === candidate[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && word[diff[0]] === candidate[diff[1]] && word[diff[1]] === candidate[diff[0]];
}

/** The candidate with one more letter somewhere: the word is the candidate with a letter left out. */
function missingOne(word: string, candidate: string): boolean {
  if (candidate.length !== word.length + 1) return false;
  let i = 0;
  while (i < word.length && word[i] === candidate[i]) i++;
  return word.slice(i) === candidate.slice(i + 1);
}

/** The word and every string made by deleting up to `depth` of its letters. */
function variants(word: string, depth: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      if (w.length <= 2) continue;
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}
