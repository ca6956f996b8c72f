import { CONTAINS_INTENTS, INTENT_NAMES, type ContainsIntent, type IntentName, type IntentPhrases } from '../knowledge/intents';
import { escapeRegExp, normaliseText } from '../matcher/normalise';
import { WordSequences } from './word-sequences';

/** A message's text and its normalised form, worked out once however many readings ask for it. */
export class IntentText {
  private normalised?: string;
  private wordList?: string[];
  constructor(readonly raw: string) {}

  get norm(): string {
    return (this.normalised ??= normaliseText(this.raw));
  }

  /** The normalised words. */
  get words(): readonly string[] {
    return (this.wordList ??= this.norm.split(' '));
  }
}

/**
 * How a message speaks of knee symptoms: `own` when someone tells of their own knee, or a child's
 * ("my knee hurts", "it's been sore for months"); `topic` when a symptom is only what a question is
 * about ("strengthening exercises for knee pain", "when is knee pain an emergency?").
 */
export type SymptomReport = 'own' | 'topic';

/** Each reading takes the raw text, or an IntentText when one message is read several ways (the router). */
export interface IntentReader {
  /** The small intent a whole message expresses, if any ("thanks", "cancel"...). */
  exact(text: string | IntentText): IntentName | undefined;
  /** An intent a longer message clearly asks for ("I'd like to book an appointment please"). */
  contained(text: string | IntentText): ContainsIntent | undefined;
  /** A booking phrase asked about, not asked for: "should I book a physio?", "whether I ought to make an appointment". */
  asksWhetherToBook(text: string | IntentText): boolean;
  /** A short message that leans on the answer before it: "how often?", "and for how long?", "are they covered?". */
  followsOn(text: string | IntentText): boolean;
  /** The message names a medicine or a dose. */
  mentionsMedication(text: string | IntentText): boolean;
  /** A follow-on that is only its opening words ("how often?", "for how long?"): nothing in it says what it is about. */
  bareFollowOn(text: string | IntentText): boolean;
  /** Words of a follow-on beyond its opening words and the words that point back: "during runs?" has one, "when can I run again?" three. */
  followOnContent(text: string | IntentText): number;
  /** A follow-on's own answer at least this sure stands, whatever was answered before it. */
  readonly followOnStandsAt: number;
  /** Most questions of one message answered ("Does KT tape work? And do you sell braces?"). */
  readonly answersPerMessage: number;
  /** The message names another part of the body and not the knee ("my back hurts at night", "growing pains in his shins"). */
  aboutAnotherPart(text: string | IntentText): boolean;
  /**
   * The message tells of an animal ("my dog had surgery on his leg"), and of no person's knee or injury: its only "I" or "my"
   * are the animal's owner's ("knee surgery 3 weeks ago, can I walk my dog yet?" tells of one's own).
   */
  aboutAnAnimal(text: string | IntentText): boolean;
  /** Whether, and how, the message speaks of knee symptoms or an injury. */
  symptomReport(text: string | IntentText): SymptomReport | undefined;
  /** The message is phrased as a question. */
  isQuestion(text: string | IntentText): boolean;
  /** Some sentence of the message is a question ("signs of runners knee?? is it a dull ache"). */
  hasQuestion(text: string | IntentText): boolean;
  /**
   * Some sentence or clause asks, with or without a question mark ("coach here, what cues help", "my shoes are old, is that
   * bad"), or words that ask stand anywhere in it ("squats make my knee hurt is that a sign of runners knee").
   */
  asksSomewhere(text: string | IntentText): boolean;
  /** Every clause asks: the message tells nothing of its own ("how much ibuprofen can I take for knee pain?"). */
  onlyAsks(text: string | IntentText): boolean;
}

const read = (text: string | IntentText): IntentText => (typeof text === 'string' ? new IntentText(text) : text);

/** Words a cue may stand before the symptom it governs: "for knee pain", "from patellofemoral pain". */
const CUE_REACH = 3;

/** Words after a symptom a search's cue may stand: "knee pain exercises", "kneecap pain home exercises". */
const CUE_AFTER_REACH = 3;

const SENTENCE_END = /[.!?;\n]+/;
const CLAUSE_END = /[.!?;,\n]+/;

/** Words before a booking phrase a doubt may stand: "should I maybe just book". */
const DOUBT_REACH = 5;

/** A sentence or clause this short that names a knee and a symptom, and asks nothing, tells of one: "Knees sore.", "knee is hurting, can you check?" */
const TERSE_REPORT_WORDS = 3;

/** Intents a message may be made of, sentence by sentence, as people sign off: "Thank you, you've been very helpful. Goodbye". */
const CLOSING_INTENTS: ReadonlySet<IntentName> = new Set(['thanks', 'goodbye', 'greeting']);

export function createIntentReader(phrases: IntentPhrases): IntentReader {
  const exact = new Map<string, IntentName>();
  for (const name of INTENT_NAMES) {
    for (const phrase of phrases.exact[name]) if (!exact.has(normaliseText(phrase))) exact.set(normaliseText(phrase), name);
  }
  const contains = CONTAINS_INTENTS.map((name) => ({
    name,
    phrases: phrases.contains[name].map((p) => ` ${normaliseText(p)} `),
  }));
  // Which intent a message holds a phrase of: the first in CONTAINS_INTENTS' order among those it holds.
  const containsIndex = new WordSequences(contains.flatMap((c, order) => c.phrases.map((p) => [p, order] as const)));
  const bookingPhrases = contains.find((c) => c.name === 'booking')?.phrases ?? [];
  const bookingDoubts = phrases.bookingDoubts.map((d) => ` ${normaliseText(d)} `);
  const followOpeners = phrases.followOn.openers.map((o) => `${normaliseText(o)} `);
  const followPointers = new Set(phrases.followOn.pointers.map(normaliseText));
  const medication = new WordSequences(phrases.medication.map((m) => [normaliseText(m), true] as const));
  const report = phrases.symptomReport;
  const self = new Set(report.self.map(normaliseText));
  const body = new Set(report.body.map(normaliseText));
  const symptomWords = new Set(report.symptom.filter((s) => !s.includes(' ')).map(normaliseText));
  const symptomPhrases = new WordSequences([...report.symptom.filter((s) => s.includes(' ')), ...report.phrases].map((p) => [normaliseText(p), true] as const));
  const possessive = new Set(report.possessive.map(normaliseText));
  const injuryVerbs = new Set(report.injuryVerbs.map(normaliseText));
  const otherParts = report.otherBodyParts.map(normaliseText);
  const otherPartWords = new Set(otherParts.filter((p) => !p.includes(' ')));
  const otherPartPhrases = otherParts.filter((p) => p.includes(' ')).map((p) => ` ${p} `);
  const topicCues = new Set(report.topicCues.map(normaliseText));
  const topicCuesAfter = new Set(report.topicCuesAfter.map(normaliseText));
  const notWanted = new Set(report.notWanted.map(normaliseText));
  const kneeThings = new Set(report.kneeThings.map(normaliseText));
  const animals = new Set(report.animals.map(normaliseText));
  const others = new Set(report.others.map(normaliseText));
  const helpAsks = report.helpAsks.map((h) => ` ${normaliseText(h)} `);
  const wordsOf = (list: readonly string[]) => list.map((e) => escapeRegExp(normaliseText(e))).join('|');
  const questionStart = new RegExp(`^(${wordsOf(phrases.questions.starts)})\\b`);
  const questionEnd = new RegExp(`\\b(${wordsOf(phrases.questions.ends)})$`);
  const politeEnd = /\s+(please|pls|plz|thanks|thank you|now)$/;
  /** A message of thanks and farewells only: goodbye when it says one, thanks otherwise. */
  const closing = (said: IntentText): IntentName | undefined => {
    const clauses = said.raw.split(CLAUSE_END);
    if (clauses.length < 2) return undefined;
    const parts = clauses.map(normaliseText).filter((part) => part.length > 0);
    if (parts.length < 2) return undefined;
    const names = parts.map((part) => exact.get(part) ?? exact.get(part.replace(politeEnd, '')));
    if (!names.every((name) => name !== undefined && CLOSING_INTENTS.has(name))) return undefined;
    return names.includes('goodbye') ? 'goodbye' : names.includes('thanks') ? 'thanks' : undefined;
  };
  // "good morning, should I ice my knee": a greeting before a question leaves it a question.
  const greetings = phrases.exact.greeting.map((g) => `${normaliseText(g)} `).sort((a, b) => b.length - a.length);
  const afterGreeting = (norm: string): string => {
    const greeting = greetings.find((g) => norm.startsWith(g));
    return greeting ? norm.slice(greeting.length) : norm;
  };
  // So do words that lead into one: "wait is this covered by OHIP", "hold on, do you take insurance".
  const leadIns = [...greetings, ...phrases.questions.leadIns.map((l) => `${normaliseText(l)} `)].sort((a, b) => b.length - a.length);
  const afterLeadIns = (norm: string): string => {
    let rest = norm;
    for (let n = 0; n < 2; n++) {
      const leadIn = leadIns.find((l) => rest.startsWith(l));
      if (!leadIn) break;
      rest = rest.slice(leadIn.length);
    }
    return rest;
  };
  // "when i go down stairs" tells when it hurts; "when i should ice it" (a modal after it) still asks.
  const conditionStart = new RegExp(`^(${wordsOf(phrases.questions.conditions)}) (?!(${wordsOf(phrases.questions.modals)})\\b)`);
  const startsAsking = (norm: string): boolean => questionStart.test(norm) && !conditionStart.test(norm);
  const asks = (norm: string): boolean => startsAsking(norm) || startsAsking(afterLeadIns(norm));
  const asksWithin = phrases.questions.within.map((w) => ` ${normaliseText(w)} `);
  /** Words that ask stand somewhere in the message ("squats make my knee hurt is that a sign of runners knee"). */
  const asksInside = ({ norm }: IntentText): boolean => asksWithin.some((w) => ` ${norm} `.includes(w));
  const isQuestion = ({ raw, norm }: IntentText): boolean => raw.trimEnd().endsWith('?') || asks(norm) || questionEnd.test(norm);
  const hasQuestion = (said: IntentText): boolean =>
    isQuestion(said) || said.raw.includes('?') || said.raw.split(SENTENCE_END).some((sentence) => asks(normaliseText(sentence)));
  // The condition's own names are not symptoms told: "patellofemoral pain" is runner's knee.
  const conditionNames = report.conditionNames.map((n) => ` ${normaliseText(n)} `).sort((a, b) => b.length - a.length);
  const withoutNames = (norm: string): string => conditionNames.reduce((text, name) => text.replaceAll(name, ' condition '), ` ${norm} `).trim();
  const haveCondition = report.haveCondition.map((w) => ` ${normaliseText(w)} condition `);
  const hypothetical = report.hypothetical.map((h) => ` ${normaliseText(h)} `);
  const hearsay = report.hearsay.map((h) => ` ${normaliseText(h)} `);
  const generalOwners = new Set(report.generalOwners.map(normaliseText));
  const injuryManner = new Set(report.injuryManner.map(normaliseText));
  const injuryHelpers = new Set(report.injuryHelpers.map(normaliseText));
  const conditionLongAgo = new WordSequences(report.conditionLongAgo.map((p) => [normaliseText(p), true] as const));
  const conditionHedged = new Set(report.conditionHedges.map((h) => `condition ${normaliseText(h)}`));

  /** Where symptom phrases ("knee pain", "gives way") start, by word. */
  const phrasesAt = (words: readonly string[]): number[] => {
    const at: number[] = [];
    symptomPhrases.each(words, (_, i) => at.push(i));
    return at;
  };

  /** Words that name a symptom ("aches", "gives way"), or the knee or a symptom. */
  const namesSymptom = (words: readonly string[]): boolean => words.some((w) => symptomWords.has(w)) || phrasesAt(words).length > 0;
  const namesKnee = (words: readonly string[]): boolean => words.some((w) => body.has(w)) || namesSymptom(words);

  /** A clause in the first person that names a symptom: "I get knee pain", "my kneecap aches". */
  const ownSymptomIn = (clause: string): boolean => {
    const words = clause.split(' ');
    return words.some((w) => self.has(w)) && namesSymptom(words);
  };

  /** "tripped over my dog and banged my knee": a person's knee, told beside an animal ("my dog is limping" tells of none). */
  const personsKneeIn = (words: readonly string[]): boolean => {
    const kneeAt = words.findIndex((w) => body.has(w));
    const ownersOfKnee = kneeAt >= 0 ? words.slice(Math.max(0, kneeAt - 2), kneeAt) : [];
    return ownersOfKnee.some((w) => self.has(w)) && !ownersOfKnee.some((w) => animals.has(w));
  };
  /** "I tripped over the dog, knee is bruised": the writer's own injury, whatever the dog did. */
  const ownInjuryIn = (words: readonly string[]): boolean => words.some((w, i) => injuryVerbs.has(w) && i > 0 && self.has(words[i - 1]));

  const terseReport = (sentence: string): boolean => {
    const words = sentence.split(' ');
    return words.length <= TERSE_REPORT_WORDS && words.some((w) => body.has(w)) && namesSymptom(words) && !asks(sentence);
  };

  return {
    exact(text) {
      // The whole message first: "ok thanks" is thanks, though "ok" alone is a yes.
      const said = read(text);
      const norm = said.norm;
      return exact.get(norm) ?? exact.get(norm.replace(politeEnd, '')) ?? closing(said);
    },
    contained(text) {
      let first = contains.length;
      containsIndex.each(read(text).words, (order) => {
        first = Math.min(first, order);
      });
      return contains[first]?.name;
    },
    followsOn(text) {
      const norm = read(text).norm;
      const words = norm.split(' ').filter(Boolean);
      if (words.length === 0 || words.length > phrases.followOn.maxWords) return false;
      return followOpeners.some((o) => `${norm} `.startsWith(o)) || words.some((w) => followPointers.has(w));
    },

    mentionsMedication(text) {
      return medication.foundIn(read(text).words);
    },

    followOnStandsAt: phrases.followOn.standsAt,
    answersPerMessage: phrases.questions.answersPerMessage,

    followOnContent(text) {
      const norm = read(text).norm;
      const opener = followOpeners.filter((o) => `${norm} `.startsWith(o)).sort((a, b) => b.length - a.length)[0] ?? '';
      return `${norm} `.slice(opener.length).split(' ').filter((w) => w && !followPointers.has(w)).length;
    },

    bareFollowOn(text) {
      const norm = read(text).norm;
      return followOpeners.some((o) => `${norm} ` === o);
    },

    asksWhetherToBook(text) {
      const padded = ` ${read(text).norm} `;
      for (const phrase of bookingPhrases) {
        const at = padded.indexOf(phrase);
        if (at < 0) continue;
        // The doubt within a few words before the phrase: "should I maybe book", "ought to make an appointment".
        const before = ` ${padded.slice(0, at + 1).trim().split(' ').slice(-DOUBT_REACH).join(' ')} `;
        if (bookingDoubts.some((d) => before.includes(d))) return true;
      }
      return false;
    },
    aboutAnAnimal(text) {
      const words = withoutNames(read(text).norm).split(' ');
      const ownersOnly = words.every((w, i) => !self.has(w) || words.slice(i + 1, i + 3).some((next) => animals.has(next)));
      return words.some((w) => animals.has(w)) && ownersOnly && !personsKneeIn(words) && !ownInjuryIn(words);
    },
    aboutAnotherPart(text) {
      const words = withoutNames(read(text).norm).split(' ');
      return !words.some((w) => body.has(w)) && namesOtherPart(words);
    },
    symptomReport(text) {
      const said = read(text);
      if (!hypothetical.some((h) => ` ${said.norm} `.includes(h))) return reportOf(said);
      // "If I ever get knee pain, how long should I wait?" supposes a symptom: only the other clauses can tell one.
      const clauses = said.raw.split(CLAUSE_END).filter((s) => s.trim() !== '');
      const told = clauses.filter((s) => !hypothetical.some((h) => ` ${normaliseText(s)} `.includes(h)));
      const rest = told.length > 0 ? reportOf(new IntentText(told.join('. '))) : undefined;
      return rest ?? (reportOf(said) ? 'topic' : undefined);
    },
    isQuestion(text) {
      return isQuestion(read(text));
    },
    hasQuestion(text) {
      return hasQuestion(read(text));
    },
    onlyAsks(text) {
      const clauses = read(text).raw.split(CLAUSE_END).filter((clause) => clause.trim() !== '');
      return clauses.length > 0 && clauses.every((clause) => asks(normaliseText(clause)));
    },
    asksSomewhere(text) {
      const said = read(text);
      return hasQuestion(said) || said.raw.split(CLAUSE_END).some((clause) => asks(normaliseText(clause))) || asksInside(said);
    },
  };

  function namesOtherPart(words: readonly string[]): boolean {
    return words.some((w) => otherPartWords.has(w)) || otherPartPhrases.some((part) => ` ${words.join(' ')} `.includes(part));
  }

  function reportOf(said: IntentText): SymptomReport | undefined {
    const norm = withoutNames(said.norm);
    const words = norm.split(' ');
    const kneeAt = words.findIndex((w) => body.has(w));
    if (words.some((w) => animals.has(w)) && !personsKneeIn(words) && !ownInjuryIn(words)) return undefined;
    // "my hip hurts", "I twisted my ankle": another part of the body, and no knee.
    if (kneeAt < 0 && namesOtherPart(words)) return undefined;
    const firstPerson = words.some((w) => self.has(w));
    // "I read online that knee pain can be serious": the writer passes something on, and tells of no knee of their own by it.
    const firstPersonTelling = (): boolean => hearsay.reduce((text, h) => text.replaceAll(h, ' '), ` ${norm} `).split(' ').some((w) => self.has(w));
    // "I think I have runner's knee": someone telling of their own knee by the condition's name.
    // Not when the clause that says so is about others ("what should I watch for in students who might have PFPS?"), or puts
    // it long ago ("I had runner's knee in my twenties and I'd love to spare her that").
    const ownCondition = (): boolean =>
      said.raw.split(CLAUSE_END).some((clause) => {
        const told = withoutNames(normaliseText(clause));
        const clauseWords = told.split(' ');
        const own = clauseWords.some((w) => self.has(w)) && !clauseWords.some((w) => others.has(w)) && !conditionLongAgo.foundIn(clauseWords);
        return own && haveCondition.some((phrase) => ` ${told} `.includes(phrase));
      });
    if (firstPerson && haveCondition.some((phrase) => ` ${norm} `.includes(phrase)) && ownCondition()) return 'own';
    // "runner's knee i think", "pfps maybe": the name alone, hedged, is someone's guess at their own knee.
    if (conditionHedged.has(afterGreeting(norm))) return 'own';
    // "I twisted it skiing": an injury told in the first person, even without the word knee.
    if (firstPerson && words.some((w) => injuryVerbs.has(w)) && firstPersonTelling()) return 'own';
    // "Landed badly jumping rope yesterday", "fell on the ice": an injury told with the "I" left out ("hit the gym" is none).
    // "Got kicked in the knee at soccer", "was tackled hard": the same, after a word that opens it.
    const [first = '', second = '', third = ''] = afterGreeting(norm).split(' ');
    if (injuryVerbs.has(first) && (kneeAt >= 0 || injuryManner.has(second))) return 'own';
    if (injuryHelpers.has(first) && injuryVerbs.has(second) && (kneeAt >= 0 || injuryManner.has(third))) return 'own';
    // "my knee", "my son's left knee": someone's own knee, not runner's knee in general.
    // "a teenager's knee pain", "any kid's knee": someone in general, not one the writer tells of.
    const owner = kneeAt >= 0 && [kneeAt - 2, kneeAt - 1].some((i) => i >= 0 && possessive.has(words[i]) && !generalOwners.has(words[i - 1] ?? ''));
    // Read only where it decides, as it reads each sentence of the message again.
    const statement = (): boolean => !hasQuestion(said);
    const toldInKneeSentence = (): boolean => {
      const sentences = said.raw.split(SENTENCE_END).filter((s) => s.trim() !== '');
      if (sentences.length < 2) return false;
      const kneeSentence = sentences.find((s) => normaliseText(s).split(' ').some((w) => body.has(w)));
      return kneeSentence !== undefined && !hasQuestion(new IntentText(kneeSentence));
    };
    const phrases = phrasesAt(words);
    const symptoms = [...phrases];
    words.forEach((w, i) => symptomWords.has(w) && symptoms.push(i));
    // "exercises for knee pain", "what will the physio check at my first visit for kneecap pain": the symptom is the subject of the question.
    const governed = (at: number) => words.slice(Math.max(0, at - CUE_REACH), at).some((w) => topicCues.has(w));
    // "knee pain exercises", "patella pain treatment": a search that names what it wants just after the symptom, with no I or my.
    const searchedFor = (at: number) => !firstPerson && words.slice(at + 1, at + 1 + CUE_AFTER_REACH).some((w) => topicCuesAfter.has(w));
    // "exercises for my knee", "best shoes for my knees": what is wanted for the knee comes before it.
    const asksFor = (at: number): boolean => {
      const cue = words.lastIndexOf('for', at);
      return cue > 0 && at - cue <= CUE_REACH && !notWanted.has(words[cue - 1]);
    };
    if (!symptoms.length) {
      // "knee sore", "knee" by SMS: short messages about a knee are reports too; "knee brace" names a thing for it.
      if (kneeAt >= 0 && words.length <= 2 && statement() && !words.some((w) => kneeThings.has(w))) return 'own';
      // "my knee is bad" tells of it; "does icing help my knee?" asks about it, with no symptom told; so does
      // "exercises for my knee", a request for what is good for it. "Can you call me? My knee is really bad": the
      // sentence that names the knee tells of it, whatever another one asks.
      if (owner) return (statement() || (toldInKneeSentence() && !governed(kneeAt))) && !asksFor(kneeAt) ? 'own' : 'topic';
      return undefined;
    }
    if (owner) return 'own';
    if (symptoms.every((at) => governed(at) || searchedFor(at))) return 'topic';
    // "I'm a PE teacher, what should I watch for in students with knee pain?": others' symptoms asked about, with no clause
    // where the writer tells of their own ("I get knee pain like a lot of runners" does).
    if (words.some((w) => others.has(w)) && !said.raw.split(CLAUSE_END).some((clause) => ownSymptomIn(withoutNames(normaliseText(clause))))) return 'topic';
    // "pain in knee after cycling, one week, can u help?": a symptom with a plea for help is someone's own.
    if (helpAsks.some((h) => ` ${norm} `.includes(h))) return 'own';
    // "It's been sore on and off for months": a symptom told, not asked about ("too much too soon - is that really what
    // causes kneecap pain" asks, with no question mark).
    if (statement() && !asksInside(said)) return 'own';
    // "Knees sore. 45M. What now?": a terse sentence tells of a knee even when another sentence asks.
    if (kneeAt >= 0 && said.raw.split(CLAUSE_END).some((clause) => terseReport(normaliseText(clause)))) return 'own';
    // "should I run through the knee pain?", "why do I ache around the knee after runs?": asked in the first person, about one's own
    // knee in the same clause, or beside a sentence that asks nothing and tells of the knee or of the writer ("knee pain after
    // runs. should I stop?", "what would cause pain behind the kneecap? Mine won't quit."); "is knee pain sometimes serious? what
    // should I watch out for?" asks in general.
    const kneeOfWriter = (): boolean =>
      said.raw.split(CLAUSE_END).some((clause) => {
        const clauseWords = withoutNames(normaliseText(clause)).split(' ');
        return clauseWords.some((w) => self.has(w)) && namesKnee(clauseWords);
      }) ||
      said.raw.split(SENTENCE_END).some((sentence) => {
        const sentenceWords = withoutNames(normaliseText(sentence)).split(' ');
        return (namesKnee(sentenceWords) || sentenceWords.some((w) => self.has(w))) && !hasQuestion(new IntentText(sentence));
      });
    if (firstPerson && (kneeAt >= 0 || phrases.length > 0) && firstPersonTelling() && kneeOfWriter()) return 'own';
    // "when is knee pain an emergency?" asks about knee pain in general; "does runner's knee ache on stairs?" tells nothing.
    return phrases.length ? 'topic' : undefined;
  }
}
