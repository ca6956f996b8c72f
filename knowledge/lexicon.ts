import { Checker, loadJsonContent } from './validate';

/** Word lists the matcher uses: SMS shortcuts, domain synonyms, stop words, out-of-scope terms. */
export interface Lexicon {
  shortcuts: Record<string, string>;
  synonyms: { canonical: string; variants: string[] }[];
  stopWords: string[];
  /** Words people drop into the middle of a phrase without changing it: "if i just leave it", "i dont even run". */
  fillers: string[];
  /** Words that tie a message to the clinic's field (knee, running, treatment); a message without one is answered only when it is unmistakable. */
  domainWords: string[];
  /** Phrases whose words look like the domain's but mean something else ("ice cream", "tape measure"). */
  falseFriends: string[];
  /** Phrases that say nothing of what is asked ("good evening", "yes or no"): dropped before matching, so "evening" is not opening hours. */
  smallTalk: string[];
  /** Everyday words the knowledge base does not use, spelt right: never "corrected" into one it does ("stiff" is not "stuff", "three" is not "there"). */
  knownWords: string[];
  /**
   * Words that open a first clause naming what a question sets aside ("Besides icing, what exercises help?"), or close it
   * ("Icing aside, how long should I rest?"): the clause is dropped, so the question is matched by what it asks.
   */
  setAside: { leads: string[]; closers: string[] };
  outOfScope: {
    conditions: string[];
    bodyParts: string[];
    painWords: string[];
    /** Care given to a body part ("tape", "stretch"): named with another body part and no knee, the message is about that part ("how to tape an ankle"). */
    careWords: string[];
    /** Endings of medical words ("-itis", "-algia"): a word the knowledge base has never seen that ends in one names a condition it does not cover. */
    conditionSuffixes: string[];
    anchorWords: string[];
    /** Phrases in which a body part's word is no body part: "it keeps coming back", "heel strike". */
    idioms: string[];
    /** Of the conditions, those not about health ("weather", "where do i park"): told so without suggesting a clinician. */
    unrelated: string[];
    /** Words that deny a pain word just after them ("my calf is not swollen"): no complaint about that part. */
    negators: string[];
    /**
     * Words that make the condition after them an example of something serious asked about ("can kneecap pain be a sign of
     * something serious, like an infection or a fracture?"): the question is about serious causes, which the guide covers.
     */
    exampleLeads: string[];
  };
}

export function parseLexicon(raw: unknown, file: string): Lexicon {
  const check = new Checker(file);
  const root = check.record(raw, 'root');
  const shortcutsRaw = check.record(root.shortcuts, 'shortcuts');
  const shortcuts: Record<string, string> = {};
  for (const [from, to] of Object.entries(shortcutsRaw)) shortcuts[from] = check.string(to, `shortcuts.${from}`);
  const synonyms = check.list(root.synonyms, 'synonyms').map((entry, i) => {
    const item = check.record(entry, `synonyms[${i}]`);
    const canonical = check.string(item.canonical, `synonyms[${i}].canonical`);
    if (!/^[a-z0-9]+$/.test(canonical)) check.fail(`synonyms[${i}].canonical`, 'must be one lowercase word');
    return { canonical, variants: check.strings(item.variants, `synonyms[${i}].variants`, { min: 1 }) };
  });
  const oos = check.record(root.outOfScope, 'outOfScope');
  return {
    shortcuts,
    synonyms,
    stopWords: check.strings(root.stopWords, 'stopWords'),
    fillers: check.strings(root.fillers, 'fillers', { optional: true }),
    domainWords: check.strings(root.domainWords, 'domainWords', { optional: true }),
    falseFriends: check.strings(root.falseFriends, 'falseFriends', { optional: true }),
    knownWords: check.strings(root.knownWords, 'knownWords', { optional: true }),
    smallTalk: check.strings(root.smallTalk, 'smallTalk', { optional: true }),
    setAside: setAsideWords(check, root.setAside),
    outOfScope: {
      conditions: check.strings(oos.conditions, 'outOfScope.conditions'),
      bodyParts: check.strings(oos.bodyParts, 'outOfScope.bodyParts'),
      painWords: check.strings(oos.painWords, 'outOfScope.painWords'),
      careWords: check.strings(oos.careWords, 'outOfScope.careWords', { optional: true }),
      conditionSuffixes: check.strings(oos.conditionSuffixes, 'outOfScope.conditionSuffixes', { optional: true }),
      anchorWords: check.strings(oos.anchorWords, 'outOfScope.anchorWords'),
      idioms: check.strings(oos.idioms, 'outOfScope.idioms', { optional: true }),
      unrelated: unrelatedConditions(check, oos),
      negators: check.strings(oos.negators, 'outOfScope.negators', { optional: true }),
      exampleLeads: check.strings(oos.exampleLeads, 'outOfScope.exampleLeads', { optional: true }),
    },
  };
}

function setAsideWords(check: Checker, raw: unknown): Lexicon['setAside'] {
  if (raw === undefined) return { leads: [], closers: [] };
  const entry = check.record(raw, 'setAside');
  return { leads: check.strings(entry.leads, 'setAside.leads'), closers: check.strings(entry.closers, 'setAside.closers') };
}

function unrelatedConditions(check: Checker, oos: Record<string, unknown>): string[] {
  const conditions = new Set(check.strings(oos.conditions, 'outOfScope.conditions'));
  const unrelated = check.strings(oos.unrelated, 'outOfScope.unrelated', { optional: true });
  for (const [i, term] of unrelated.entries()) if (!conditions.has(term)) check.fail(`outOfScope.unrelated[${i}]`, `"${term}" is not one of outOfScope.conditions`);
  return unrelated;
}

export function loadLexicon(knowledgeDir: string): Lexicon {
  return loadJsonContent(knowledgeDir, 'lexicon.json', parseLexicon);
}
