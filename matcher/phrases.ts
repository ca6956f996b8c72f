import { normaliseText, tokenise } from './normalise';

interface Phrase {
  tokens: string[];
  replacement: string;
}

/** Normalised words of a text, as the matcher compares them. */
export function words(text: string): string[] {
  return tokenise(normaliseText(text));
}

/** Multi-word phrases found in a token stream and replaced by one word ("knee cap" -> "kneecap"). */
export class PhraseTable {
  private readonly byFirst = new Map<string, Phrase[]>();
  private longestPhrase = 0;

  /** `skip`: words of the message a phrase may step over after its first word (the lexicon's fillers). */
  constructor(private readonly skip: ReadonlySet<string>) {}

  add(text: string, replacement: string): void {
    const tokens = words(text);
    if (!tokens.length) return;
    const list = this.byFirst.get(tokens[0]) ?? [];
    list.push({ tokens, replacement });
    this.longestPhrase = Math.max(this.longestPhrase, tokens.length);
    // Longest phrase first, so "knee brace" wins over "knee".
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(tokens[0], list);
  }

  /** The replacement of the longest phrase starting at token i, if any, and how many tokens it spans. */
  at(tokens: readonly string[], i: number): { replacement: string; length: number } | undefined {
    const list = this.byFirst.get(tokens[i]);
    if (!list) return undefined;
    for (const phrase of list) {
      const length = this.span(phrase.tokens, tokens, i);
      if (length) return { replacement: phrase.replacement, length };
    }
    return undefined;
  }

  /**
   * Tokens the phrase spans from token i, fillers inside it included, or 0 when it is not there.
   * The last word of a longer phrase may be plural: "spin classes" is "spin class".
   */
  private span(phrase: readonly string[], tokens: readonly string[], i: number): number {
    let at = i + 1;
    for (let k = 1; k < phrase.length; k++) {
      while (at < tokens.length && tokens[at] !== phrase[k] && this.skip.has(tokens[at])) at++;
      if (tokens[at] !== phrase[k] && !(k === phrase.length - 1 && plural(tokens[at], phrase[k]))) return 0;
      at++;
    }
    return at - i;
  }

  /**
   * Whether a phrase of at least two words spans the `length` tokens from `start`. Only phrases
   * starting close enough before are tried (allowing `fillers` skipped words inside one), so a
   * long message is still read in linear time.
   */
  spans(tokens: readonly string[], start: number, length: number, fillers: number): boolean {
    for (let k = Math.max(0, start - this.longestPhrase - fillers); k <= start; k++) {
      const phrase = this.at(tokens, k);
      if (phrase && phrase.length >= 2 && k + phrase.length >= start + length) return true;
    }
    return false;
  }

  /** Whether any phrase occurs anywhere in the tokens. */
  occursIn(tokens: readonly string[]): boolean {
    return tokens.some((_, i) => this.at(tokens, i) !== undefined);
  }

  /** The first phrase found, as its replacement. */
  findIn(tokens: readonly string[]): string | undefined {
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.at(tokens, i);
      if (hit) return hit.replacement;
    }
    return undefined;
  }

  /**
   * The tokens with each phrase of at least `minLength` tokens replaced. A phrase also gives way to one of `yieldTo` that
   * takes over its last words and runs past it: "how do i start running" (taking up running) is not in "how do i start
   * running again after runner's knee", where "start running again" is.
   */
  replaceIn(tokens: readonly string[], minLength = 1, yieldTo?: PhraseTable): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.at(tokens, i);
      if (hit && hit.length >= minLength && !this.overlapped(tokens, i, hit.length) && !yieldTo?.runsPast(tokens, i, hit.length)) {
        out.push(hit.replacement);
        i += hit.length;
      } else {
        out.push(tokens[i]);
        i += 1;
      }
    }
    return out;
  }

  /**
   * Whether a phrase takes over the last two or more of the `length` tokens from `start` and ends after them ("what is a
   * tempo" keeps its one last word from "tempo run").
   */
  private runsPast(tokens: readonly string[], start: number, length: number): boolean {
    for (let j = start + 1; j < start + length - 1; j++) {
      const other = this.at(tokens, j);
      if (other && other.length >= 2 && j + other.length > start + length) return true;
    }
    return false;
  }

  /** A phrase gives way to an equal or longer one that starts inside it and runs past it: "my runners knee" is not "my runners" + "knee". */
  private overlapped(tokens: readonly string[], start: number, length: number): boolean {
    for (let j = start + 1; j < start + length; j++) {
      const other = this.at(tokens, j);
      if (other && j + other.length > start + length && other.length >= length) return true;
    }
    return false;
  }
}

/** "classes" for "class", "supports" for "support". */
function plural(token: string | undefined, word: string): boolean {
  return token !== undefined && word.length > 2 && (token === `${word}s` || token === `${word}es`);
}
