import type { Lexicon } from '../knowledge/lexicon';
import { PhraseTable, words } from './phrases';

/** Reads whether a message belongs to the clinic's field: named out-of-scope conditions, other body parts, domain anchors. */
export class ScopeReader {
  private readonly conditions: PhraseTable;
  private readonly bodyParts: Set<string>;
  private readonly painWords: Set<string>;
  private readonly kneeWords: Set<string>;
  private readonly domainPhrases: PhraseTable;
  private readonly domainCanonical: Set<string>;

  /** `expand` writes a phrase's words out as messages' words are (SMS shortcuts), so the two compare. */
  constructor(lexicon: Lexicon, expand: (tokens: string[]) => string[] = (tokens) => tokens) {
    const written = (text: string) => expand(words(text)).join(' ');
    const fillers = new Set(lexicon.fillers);
    this.conditions = new PhraseTable(fillers);
    this.domainPhrases = new PhraseTable(fillers);
    for (const condition of lexicon.outOfScope.conditions) this.conditions.add(written(condition), condition);
    this.bodyParts = new Set(lexicon.outOfScope.bodyParts);
    this.painWords = new Set(lexicon.outOfScope.painWords);
    this.kneeWords = new Set(lexicon.outOfScope.anchorWords);
    for (const word of lexicon.domainWords) this.domainPhrases.add(written(word), word);
    const canonicals = new Set(lexicon.synonyms.map((s) => s.canonical));
    this.domainCanonical = new Set(lexicon.domainWords.map((w) => words(w).join(' ')).filter((w) => canonicals.has(w)));
  }

  /**
   * The out-of-scope condition a message names ("acl", "tendonitis"), or the other body part it
   * complains about ("my hip hurts"), given its words as typed with false friends set apart, and as
   * canonical words. Conditions are looked for in `plain`, the words before false friends are set
   * apart, which would hide some ("become a physiotherapist"); `unphrased` gives those words with the
   * domain's longer phrases replaced, so a condition inside one does not count ("massage gun").
   */
  outOfScope(plain: readonly string[], unphrased: () => readonly string[], typed: readonly string[], canonical: readonly string[]): string | undefined {
    const condition = this.conditions.findIn(plain) && this.conditions.findIn(unphrased());
    if (condition) return condition;
    const part = typed.find((t) => this.bodyParts.has(t));
    if (part && typed.some((t) => this.painWords.has(t)) && !canonical.some((t) => this.kneeWords.has(t))) return part;
    return undefined;
  }

  /** A domain word as written ("kt tape", "running shoes"), or as a canonical word ("physio" for "physical therapy"). */
  anchored(typed: readonly string[], canonical: readonly string[]): boolean {
    return this.domainPhrases.occursIn(typed) || canonical.some((w) => this.domainCanonical.has(w));
  }
}
