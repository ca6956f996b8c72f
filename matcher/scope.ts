import type { Lexicon } from '../knowledge/lexicon';
import { PhraseTable, words } from './phrases';

/** Fillers allowed inside a phrase that encloses a condition or body part: a phrase with more of them in it is not seen. */
const MAX_FILLERS = 4;

/** Reads whether a message belongs to the clinic's field: named out-of-scope conditions, other body parts, domain anchors. */
export class ScopeReader {
  private readonly conditions: PhraseTable;
  private readonly bodyParts: Set<string>;
  private readonly idioms: PhraseTable;
  private readonly painWords: Set<string>;
  private readonly careWords: Set<string>;
  private readonly negators: Set<string>;
  private readonly kneeWords: Set<string>;
  private readonly domainPhrases: PhraseTable;
  private readonly domainCanonical: Set<string>;
  private readonly exampleLeads: string[][];

  /** `expand` writes a phrase's words out as messages' words are (SMS shortcuts), so the two compare. */
  constructor(lexicon: Lexicon, expand: (tokens: string[]) => string[] = (tokens) => tokens) {
    const written = (text: string) => expand(words(text)).join(' ');
    const fillers = new Set(lexicon.fillers);
    this.conditions = new PhraseTable(fillers);
    this.domainPhrases = new PhraseTable(fillers);
    for (const condition of lexicon.outOfScope.conditions) this.conditions.add(written(condition), condition);
    this.bodyParts = new Set(lexicon.outOfScope.bodyParts);
    this.idioms = new PhraseTable(fillers);
    for (const idiom of lexicon.outOfScope.idioms) this.idioms.add(written(idiom), idiom);
    this.painWords = new Set(lexicon.outOfScope.painWords);
    this.careWords = new Set(lexicon.outOfScope.careWords);
    this.negators = new Set(lexicon.outOfScope.negators);
    this.kneeWords = new Set(lexicon.outOfScope.anchorWords);
    this.exampleLeads = lexicon.outOfScope.exampleLeads.map((lead) => expand(words(lead)));
    for (const word of lexicon.domainWords) this.domainPhrases.add(written(word), word);
    const canonicals = new Set(lexicon.synonyms.map((s) => s.canonical));
    this.domainCanonical = new Set(lexicon.domainWords.map((w) => words(w).join(' ')).filter((w) => canonicals.has(w)));
  }

  /**
   * The out-of-scope condition a message names ("acl", "tendonitis"), or the other body part it
   * complains about or asks how to care for ("my hip hurts", "how to tape an ankle"), given its
   * words as typed with false friends set apart, and as canonical words. Conditions are looked for
   * in `plain`, the words before false friends are set apart, which would hide some ("become a
   * physiotherapist"). A condition wholly inside one of the domain's longer phrases (`domain`) does
   * not count ("massage gun"); one that only overlaps one does ("jumpers knee strap"). A body part
   * inside a domain phrase does not count either.
   */
  outOfScope(plain: readonly string[], domain: PhraseTable, typed: readonly string[], canonical: readonly string[]): string | undefined {
    const condition = this.conditionIn(plain, domain);
    if (condition) return condition;
    // "build my mileage back up", "hip muscles": a body part inside a domain phrase is not a complaint about it.
    const part = typed.find((t, i) => this.bodyParts.has(t) && !this.idioms.spans(typed, i, 1, MAX_FILLERS) && !domain.spans(typed, i, 1, MAX_FILLERS));
    // "my calf is not swollen": a pain word denied tells of no complaint about the part.
    const told = (t: string, i: number): boolean => (this.painWords.has(t) || this.careWords.has(t)) && !this.negators.has(typed[i - 1] ?? '') && !this.negators.has(typed[i - 2] ?? '');
    if (part && typed.some(told) && !canonical.some((t) => this.kneeWords.has(t))) return part;
    return undefined;
  }

  private conditionIn(plain: readonly string[], domain: PhraseTable): string | undefined {
    let examples = false;
    for (let i = 0; i < plain.length; i++) {
      // "something serious, like an infection or a fracture": every condition named after the lead is an example.
      examples ||= this.exampleLeads.some((lead) => lead.length <= i + 1 && lead.every((w, k) => plain[i + 1 - lead.length + k] === w));
      const hit = examples ? undefined : this.conditions.at(plain, i);
      if (hit && !domain.spans(plain, i, hit.length, MAX_FILLERS)) return hit.replacement;
    }
    return undefined;
  }

  /** A domain word as written ("kt tape", "running shoes"), or as a canonical word ("physio" for "physical therapy"). */
  anchored(typed: readonly string[], canonical: readonly string[]): boolean {
    return this.domainPhrases.occursIn(typed) || canonical.some((w) => this.domainCanonical.has(w));
  }
}
