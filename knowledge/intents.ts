import { Checker, loadJsonContent } from './validate';

export const INTENT_NAMES = ['greeting', 'thanks', 'goodbye', 'help', 'cancel', 'restart', 'more', 'deleteData', 'noMemory', 'privacy', 'cancelCallback', 'callback', 'identity', 'appointmentStatus', 'triage', 'booking', 'yes', 'no', 'back', 'wait', 'resume', 'skip', 'whatNow', 'canWait'] as const;
export type IntentName = (typeof INTENT_NAMES)[number];
/**
 * In the order a longer message is read for them: "cancel my call-back" is no request for one, "delete my booking data" no
 * booking, "is my appointment booked?" no request to book.
 */
export const CONTAINS_INTENTS = ['cancelCallback', 'noMemory', 'deleteData', 'privacy', 'identity', 'appointmentStatus', 'canWait', 'callback', 'booking', 'resume', 'triage'] as const;
export type ContainsIntent = (typeof CONTAINS_INTENTS)[number];

export interface SmsKeywords {
  optOut: string[];
  /** Opting out in a few words ("stop texting me"), read as STOP is: the whole message, any case, end punctuation aside. */
  optOutPhrases: string[];
  optIn: string[];
  help: string[];
}

export interface IntentPhrases {
  smsKeywords: SmsKeywords;
  exact: Record<IntentName, string[]>;
  contains: Record<ContainsIntent, string[]>;
  /** Words shortly before a booking phrase that ask whether to book ("should I book a physio?"): with one's own symptoms, the check answers that. */
  bookingDoubts: string[];
  /**
   * A short message that leans on the answer before it ("how often?", "and for how long?", "are they covered?"): its
   * opening words or the words that point back, and how many words it may have at most.
   */
  followOn: { openers: string[]; pointers: string[]; maxWords: number; /** A follow-on's own answer at least this sure stands, whatever came before it. */ standsAt: number };
  /** Medicines and their doses ("ibuprofen", "how many mg"): outside the guide, and a pharmacist's or doctor's to answer. */
  medication: string[];
  /** What makes a message a question without a question mark: its first word ("how", "shud"), or its ending ("worth it", "or not"). */
  /** A question's first words, its last words, and words that ask wherever they stand ("knee sore should i run"). */
  /** `answersPerMessage`: most questions of one message answered; the rest are said to have no answer here. */
  /**
   * `conditions`: a start that tells when, not asks ("when i go down stairs", "when walking"), unless a modal follows
   * ("when i should ice it"), one of `modals`.
   */
  questions: { starts: string[]; leadIns: string[]; ends: string[]; within: string[]; conditions: string[]; modals: string[]; answersPerMessage: number };
  symptomReport: {
    self: string[];
    body: string[];
    symptom: string[];
    phrases: string[];
    possessive: string[];
    injuryVerbs: string[];
    /** Other parts of the body ("my hip hurts"): told without a knee, the symptom is not one this bot checks. */
    otherBodyParts: string[];
    /** Words that make a symptom what a question is about, not what someone has ("exercises for knee pain"). */
    topicCues: string[];
    /**
     * Words that, just after a symptom in a message that says neither I nor my and asks nothing, make the symptom what is
     * searched for ("knee pain exercises", "patella pain treatment"), as `topicCues` do before it.
     */
    topicCuesAfter: string[];
    /** Things for a knee ("knee brace", "knee exercises"): a two-word message naming one asks about it, and tells no symptom. */
    kneeThings: string[];
    /** Words before "for my knee" that want nothing for it ("I need help for my knee", "I went in for my knee"): it is still told of. */
    notWanted: string[];
    /** Names of the condition that hold a symptom word ("patellofemoral pain"): naming it tells no symptom. */
    conditionNames: string[];
    /** Words just before a condition name that say someone has it ("I think I have runner's knee", "my son's got PFPS"). */
    haveCondition: string[];
    /** What may follow the condition's name in a message that is only that name: "runner's knee i think" tells of one's own knee. */
    conditionHedges: string[];
    /** A clause that puts having the condition long ago tells of no knee now: "I had runner's knee in my twenties". */
    conditionLongAgo: string[];
    /** Animals: "my dog is limping" tells of no person's knee. */
    animals: string[];
    /** Other people in general ("students", "my runners"): their symptoms asked about, with none of the writer's told, are a topic. */
    others: string[];
    /** Asking for help beside a symptom tells of one's own knee: "pain in knee after cycling, can u help?". */
    helpAsks: string[];
    /** A clause holding one of these supposes a symptom, it does not tell one: "if I ever get knee pain, how long should I wait?". */
    hypothetical: string[];
    /** Words that pass on what was read or heard: their "I" or "my" is not who has the symptom ("I read online that knee pain can be serious. Is that true?"). */
    hearsay: string[];
    /** Words before a possessive that make its owner anyone ("a teenager's knee pain"), not someone told of. */
    generalOwners: string[];
    /** Words after an injury verb that opens a message with the "I" left out ("landed badly", "fell on the ice"): an injury told. */
    injuryManner: string[];
    /** Words an injury told without "I" may open with before its verb: "got kicked in the knee", "was tackled at hockey". */
    injuryHelpers: string[];
  };
}

export function parseIntents(raw: unknown, file: string): IntentPhrases {
  const check = new Checker(file);
  const root = check.record(raw, 'root');
  const exact = check.record(root.exact, 'exact');
  const contains = check.record(root.contains, 'contains');
  const symptom = check.record(root.symptomReport, 'symptomReport');
  const exactLists = {} as Record<IntentName, string[]>;
  for (const name of INTENT_NAMES) exactLists[name] = check.strings(exact[name], `exact.${name}`, { min: 1 });
  const containsLists = {} as Record<ContainsIntent, string[]>;
  for (const name of CONTAINS_INTENTS) containsLists[name] = check.strings(contains[name], `contains.${name}`, { min: 1 });
  const sms = check.record(root.smsKeywords, 'smsKeywords');
  const questions = check.record(root.questions, 'questions');
  const followOn = check.record(root.followOn, 'followOn');
  return {
    smsKeywords: {
      optOut: check.strings(sms.optOut, 'smsKeywords.optOut', { min: 1 }),
      optIn: check.strings(sms.optIn, 'smsKeywords.optIn', { min: 1 }),
      help: check.strings(sms.help, 'smsKeywords.help', { min: 1 }),
      optOutPhrases: check.strings(sms.optOutPhrases ?? [], 'smsKeywords.optOutPhrases'),
    },
    exact: exactLists,
    contains: containsLists,
    bookingDoubts: check.strings(root.bookingDoubts, 'bookingDoubts', { min: 1 }),
    medication: check.strings(root.medication, 'medication', { min: 1 }),
    followOn: {
      openers: check.strings(followOn.openers, 'followOn.openers', { min: 1 }),
      pointers: check.strings(followOn.pointers, 'followOn.pointers', { min: 1 }),
      maxWords: check.integer(followOn.maxWords, 'followOn.maxWords', { min: 1, max: 12 }),
      standsAt: check.share(followOn.standsAt, 'followOn.standsAt'),
    },
    questions: {
      starts: check.strings(questions.starts, 'questions.starts', { min: 1 }),
      leadIns: check.strings(questions.leadIns, 'questions.leadIns', { min: 1 }),
      ends: check.strings(questions.ends, 'questions.ends', { min: 1 }),
      within: check.strings(questions.within, 'questions.within', { min: 1 }),
      conditions: check.strings(questions.conditions, 'questions.conditions', { min: 1 }),
      modals: check.strings(questions.modals, 'questions.modals', { min: 1 }),
      answersPerMessage: check.integer(questions.answersPerMessage, 'questions.answersPerMessage', { min: 1, max: 5 }),
    },
    symptomReport: {
      self: check.strings(symptom.self, 'symptomReport.self', { min: 1 }),
      body: check.strings(symptom.body, 'symptomReport.body', { min: 1 }),
      symptom: check.strings(symptom.symptom, 'symptomReport.symptom', { min: 1 }),
      phrases: check.strings(symptom.phrases, 'symptomReport.phrases', { min: 1 }),
      possessive: check.strings(symptom.possessive, 'symptomReport.possessive', { min: 1 }),
      injuryVerbs: check.strings(symptom.injuryVerbs, 'symptomReport.injuryVerbs', { min: 1 }),
      otherBodyParts: check.strings(symptom.otherBodyParts, 'symptomReport.otherBodyParts', { min: 1 }),
      topicCues: check.strings(symptom.topicCues, 'symptomReport.topicCues', { min: 1 }),
      topicCuesAfter: check.strings(symptom.topicCuesAfter, 'symptomReport.topicCuesAfter', { min: 1 }),
      notWanted: check.strings(symptom.notWanted, 'symptomReport.notWanted', { min: 1 }),
      kneeThings: check.strings(symptom.kneeThings, 'symptomReport.kneeThings', { min: 1 }),
      conditionNames: check.strings(symptom.conditionNames, 'symptomReport.conditionNames', { min: 1 }),
      haveCondition: check.strings(symptom.haveCondition, 'symptomReport.haveCondition', { min: 1 }),
      conditionHedges: check.strings(symptom.conditionHedges, 'symptomReport.conditionHedges', { min: 1 }),
      conditionLongAgo: check.strings(symptom.conditionLongAgo, 'symptomReport.conditionLongAgo', { min: 1 }),
      animals: check.strings(symptom.animals, 'symptomReport.animals', { min: 1 }),
      helpAsks: check.strings(symptom.helpAsks, 'symptomReport.helpAsks', { min: 1 }),
      hypothetical: check.strings(symptom.hypothetical, 'symptomReport.hypothetical', { min: 1 }),
      hearsay: check.strings(symptom.hearsay, 'symptomReport.hearsay', { min: 1 }),
      generalOwners: check.strings(symptom.generalOwners, 'symptomReport.generalOwners', { min: 1 }),
      injuryManner: check.strings(symptom.injuryManner, 'symptomReport.injuryManner', { min: 1 }),
      injuryHelpers: check.strings(symptom.injuryHelpers, 'symptomReport.injuryHelpers', { min: 1 }),
      others: check.strings(symptom.others, 'symptomReport.others', { min: 1 }),
    },
  };
}

export function loadIntents(knowledgeDir: string): IntentPhrases {
  return loadJsonContent(knowledgeDir, 'intents.json', parseIntents);
}
