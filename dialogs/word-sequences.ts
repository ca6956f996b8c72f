/**
 * Word sequences ("book an appointment", "how many mg") found in a normalised text by walking its words once, not by
 * searching the text once per sequence: the same hits as ` ${text} `.includes(` ${sequence} `) for each.
 */
export class WordSequences<T> {
  private readonly byFirst = new Map<string, { rest: readonly string[]; value: T }[]>();

  /** Each sequence as normalised text (words with single spaces), and the value a hit of it gives. */
  constructor(entries: Iterable<readonly [sequence: string, value: T]>) {
    for (const [sequence, value] of entries) {
      const words = sequence.split(' ').filter((w) => w.length > 0);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]) ?? [];
      list.push({ rest: words.slice(1), value });
      this.byFirst.set(words[0], list);
    }
  }

  /** Calls `hit` with the value and the word index of every sequence in `words`, in the order they start. */
  each(words: readonly string[], hit: (value: T, at: number) => void): void {
    for (let i = 0; i < words.length; i++) {
      for (const { rest, value } of this.byFirst.get(words[i]) ?? []) if (followedBy(words, i, rest)) hit(value, i);
    }
  }

  /** Whether any sequence is in `words`. */
  foundIn(words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      if (this.byFirst.get(words[i])?.some(({ rest }) => followedBy(words, i, rest))) return true;
    }
    return false;
  }
}

/** Whether the words after word `i` are `rest`. */
function followedBy(words: readonly string[], i: number, rest: readonly string[]): boolean {
  return rest.every((w, k) => words[i + 1 + k] === w);
}
