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

  add(text: string, replacement: string): void {
    const tokens = words(text);
    if (!tokens.length) return;
    const list = this.byFirst.get(tokens[0]) ?? [];
    list.push({ tokens, replacement });
    // Longest phrase first, so "knee brace" wins over "knee".
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(tokens[0], list);
  }

  /** The replacement of the longest phrase starting at token i, if any. */
  at(tokens: readonly string[], i: number): { replacement: string; length: number } | undefined {
    const list = this.byFirst.get(tokens[i]);
    const phrase = list?.find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
    return phrase && { replacement: phrase.replacement, length: phrase.tokens.length };
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

  replaceIn(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.at(tokens, i);
      if (hit && !this.overlapped(tokens, i, hit.length)) {
        out.push(hit.replacement);
        i += hit.length;
      } else {
        out.push(tokens[i]);
        i += 1;
      }
    }
    return out;
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
