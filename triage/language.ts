// Loads knowledge/triage-phrases.json: the words the parsers understand, compiled once.
import type { OptionNumberWords } from './option-number';
import { isQuestionId, isRedFlag, QUESTION_CODES, QuestionId, RedFlag } from './ids';
import { Json, JsonChecker } from './json-check';
import { compilePattern, literalPrefixes, literalWords, NegationRules, Pattern, PhraseSet } from './phrases';
import { Lexicon } from './text';

/** The phrases of one answer code: "mention" ones also count in volunteered text. */
export interface CodePhrases {
  /** Used when reading an aside or an opening message. */
  mention: PhraseSet;
  /** Used when reading the answer to this very question (includes mention). */
  answer: PhraseSet;
  /** Weaker evidence, used only when nothing else was found ("it swelled" vs "it swelled at once"). */
  weak: PhraseSet;
}

export interface Holiday {
  names: string[];
  month?: number;
  day?: number;
  weekday?: number;
  nth?: number;
  beforeDay?: number;
  easterOffset?: number;
  /** A day named by whichever of these holidays (their first names) came last: "since the long weekend". */
  latestOf?: string[];
}

export interface DurationLanguage {
  units: ReadonlyMap<string, number>;
  quantities: ReadonlyMap<string, number>;
  lessThan: PhraseSet;
  moreThan: PhraseSet;
  blockedBefore: readonly string[];
  afterUnit: readonly string[];
  /** Of `afterUnit`, the words that tie a time to an event ("4 days after the race"): a time "for" leads is still how long ("sore for 4 days after I upped my mileage"). */
  eventAfterUnit: { words: readonly string[]; unlessAfter: readonly string[] };
  /** Days to add when a word follows the length: "it'll be two weeks tomorrow" is a day short of two weeks. */
  shiftAfterUnit: ReadonlyMap<string, number>;
  mentionBefore: readonly string[];
  mentionAfter: readonly string[];
  onsetCues: PhraseSet;
  /** "sitting ... for", "running for": a "for" that times an activity, so the time after it is not the pain's. */
  activityFor: PhraseSet;
  /** "...at Thanksgiving and it still isn't right": a time long past that the pain has lasted since; see `duration.stillSince.about`. */
  stillSince: PhraseSet;
  /** "locked in for a half marathon in March": an event to come, whose time is not the pain's; see `duration.eventAhead.about`. */
  eventAhead: PhraseSet;
  /** "diabetic for 10 years", "a fever since yesterday": told in passing with none of the knee or its pain, a time is theirs. */
  otherSubjects: PhraseSet;
  /** Fixed phrases ("since yesterday", "for weeks"); `answer` ones only count in a reply to the duration question. */
  relative: Array<{ days: number; mention: PhraseSet; answer: PhraseSet }>;
  holidays: Holiday[];
  seasons: Array<{ names: string[]; month: number; day: number }>;
}

export interface Language {
  lexicon: Lexicon;
  /** The number words and the words before an option's number ("option 2", "number two") in a reply to a numbered list. */
  optionWords: OptionNumberWords;
  /** "What do you mean?", "what counts as swollen?": a reply that asks what the question means. */
  clarify: PhraseSet;
  /** "why?", "how come?", "why do I need to book?": a whole message that asks why the advice just given says what it says. */
  askWhy: PhraseSet;
  /** "Can I still run my race on Saturday?": clauses that ask whether an activity is all right; see `activityQuestions.about`. */
  activityQuestions: PhraseSet;
  /** Questions a two-part story answers by its later part ("it was getting worse, but now it's easing off"); see `laterWins.about`. */
  laterWins: { questions: readonly QuestionId[]; past: PhraseSet };
  /** Words that set what follows against what came before ("on and off, but now it's numb"); see `contrast.about`. */
  contrast: ReadonlySet<string>;
  negation: NegationRules;
  yes: PhraseSet;
  no: PhraseSet;
  /** "Not sure", "I don't know": never read as an answer. */
  unsure: PhraseSet;
  /** "Maybe", "perhaps": softeners that only block a reply with no clear yes or no. */
  doubt: PhraseSet;
  /** "wait", "I mean": a clause opening with one corrects what came before ("No, wait: I did fall"). */
  corrections: PhraseSet;
  /** "7 no wait 5": said inside a clause after an answer, these correct it too; see `correctionsWithin.about`. */
  correctionsWithin: PhraseSet;
  /** "I used this a couple of weeks ago": a returning person's clause about the earlier chat, and words that may time it; see `earlierChat.about`. */
  earlierChat: { phrases: PhraseSet; times: PhraseSet };
  /** "sorry", "well", "actually": a clause opening with one may correct what came before; see `softCorrections.about`. */
  softCorrections: PhraseSet;
  /** "Did I twist it? No": a clause that asks the question back before its answer; see `echoedQuestions.about`. */
  echoedQuestions: PhraseSet;
  /** "sorry, I meant 3 weeks", "oops, it's my left knee": a message after the outcome that puts an answer right. */
  outcomeCorrections: PhraseSet;
  /** "I'm 56 actually": words that, ending a message after the outcome, make it put an answer right too. */
  outcomeCorrectionEnds: readonly string[];
  hedge: PhraseSet;
  hedgeMeansYes: readonly QuestionId[];
  codes: ReadonlyMap<QuestionId, ReadonlyMap<string, CodePhrases>>;
  everything: ReadonlyMap<QuestionId, PhraseSet>;
  aggravatorContext: PhraseSet;
  /** Symptoms that are not warning signs ("it clicks"): a short reply naming only these answers "none". */
  benignSymptoms: PhraseSet;
  /** `knee`: words for the knee itself, which keep heat and swelling told beside the calf about the knee ("calf and knee are red"). */
  /** `otherBody`: parts of the body other than the leg, whose heat is not the knee's ("my face goes red and hot"). */
  /** `leg`: the leg and foot below and above the knee, whose colour and coldness are the foot's signs ("my foot went white"). */
  /** `limbNotKnee`: parts of the leg other than the knee and the calf, whose swelling is not the knee's ("my ankle is swollen"). */
  /** `placedElsewhere`: an operation or injection put on another part of the body ("but in my hip, not the knee"). */
  /** `weightLoss`, `lossIntended`: weight lost, and the words that say it was meant ("I lost 10 kg, but that was on purpose"). */
  /** `calfJoined`: the calf brought in after a sign of the knee ("it's red and swollen and the calf below it is sore"). */
  cues: {
    fever: CodePhrases;
    heat: CodePhrases;
    swelling: CodePhrases;
    numb: CodePhrases;
    intermittent: CodePhrases;
    knee: CodePhrases;
    otherBody: CodePhrases;
    leg: CodePhrases;
    calfJoined: CodePhrases;
    limbNotKnee: CodePhrases;
    weightLoss: CodePhrases;
    placedElsewhere: CodePhrases;
    lossIntended: CodePhrases;
  };
  duration: DurationLanguage;
  severityWords: Array<{ value: number; phrases: PhraseSet }>;
  crisis: PhraseSet;
  hypothetical: PhraseSet;
  /** "is it normal that it wakes me up at night?", "should I worry that it's a bit swollen?": asking about a sign of one's own tells it. */
  ownSignQuestions: PhraseSet;
  /** Words that open an example of what was just asked about ("like chest pain", "such as a fever"). */
  examples: PhraseSet;
  /** Words that tell a sign is here now ("it's cold and blue now"): after a question about a sign, the message is read whole. */
  toldNow: PhraseSet;
  /** Words that tell someone has been seen since the emergency answer ("I went to the ER", "the doctor said"). */
  beenSeen: PhraseSet;
  /** One's own body named ("my calf"): a clause that also names someone else ("my wife says my calf is red") is still one's own. */
  ownBody: PhraseSet;
  /** Words that tell someone is getting emergency help but has not been seen yet ("I called 911", "in the ER waiting room"). */
  gettingHelp: PhraseSet;
  /** Of those, the ones that tell it plainly as now, read with no emergency answer before ("I'm calling 911 now", "we're in the ER"). */
  gettingHelpNow: PhraseSet;
  /** Words that may open a clause before what it asks ("hmm what counts as an injury"): skipped when reading whether it asks. */
  leadIns: ReadonlySet<string>;
  /** A question that names no one ("does physio help after ACL surgery?"); see `safety.generalQuestion.about`. */
  generalQuestion: { selfWords: ReadonlySet<string>; questionStarts: ReadonlySet<string>; toldCues: ReadonlySet<string> };
  historyDays: ReadonlyMap<RedFlag, number>;
  /**
   * Signs set aside as history only by words that put them long ago ("it was swollen last year", "my knee used to lock
   * when I was a teen"), and never when the clause says now: a time in the clause may be another thing's ("surgery 5
   * weeks ago and now it's hot and swollen").
   */
  longAgoOnly: {
    flags: ReadonlySet<RedFlag>;
    ongoing: ReadonlySet<string>;
    now: PhraseSet;
    /** Signs set aside by words after them that tell they went ("puffy after my run, but it settled by the evening"). */
    resolvedFlags: ReadonlySet<RedFlag>;
    resolved: PhraseSet;
  };
  /** School grades read as ages in reply to the age question: grades 1 to `last`, grade N being age N + `ageFrom` to N + `ageTo`. */
  schoolGrades: { last: number; ageFrom: number; ageTo: number; pastWords: ReadonlySet<string> };
  /**
   * Who an age told in passing belongs to ("my son is 12"), the words that make a whole date a birth date ("born 3 March 1971"),
   * and the words before "of" whose number counts children ("a grandmother of 3, 71").
   */
  ageWords: { subjects: ReadonlySet<string>; birth: ReadonlySet<string>; parents: ReadonlySet<string> };
  /** Words that put a sign in the past ("2 years ago", "last year"): a time alone may be how long it has lasted ("short of breath for 2 weeks"). */
  historyMarkers: PhraseSet;
  /** Words that open a clause saying only when, not counted in its length ("but that was back in April"). */
  timeClauseLeads: PhraseSet;
  /** Words that put a sign long enough ago by themselves, with no time to read ("when I was 14", "in high school"). */
  longAgoMarkers: PhraseSet;
  /** Words that put what a clause tells on someone else or another part of the body ("my sister tore her meniscus", "that was my wrist"). */
  elsewhere: PhraseSet;
  /** The writer set against someone else ("hers swell up, but mine isn't", "none of those for me"): their clauses are theirs. */
  ownContrast: PhraseSet;
  /** The writer doing the check for someone else ("this is about my husband", "I'm asking about her"). */
  askingForAnother: PhraseSet;
  /** Words that put a clause on the writer, not on the person the check is for ("I had my own knee scoped", "that was me"). */
  writersOwn: PhraseSet;
  /** Words of a third person ("his knee"), which keep a clause on the person the check is for. */
  thirdPerson: PhraseSet;
  /** The writer telling of their own knee ("my knee's been sore", "he told me to check mine"). */
  ownKneeTold: PhraseSet;
  /** Another's operation or illness told as theirs ("my mom had a DVT", "my wife had her knee replaced"). */
  theirHistory: PhraseSet;
  /** A parent telling of their child ("I'm her mum"): the ages told of the child are the ones asked for. */
  parentTelling: PhraseSet;
  /** The writer telling of their own knee beside another's age ("My son's 12 but it's my knee"): their own age is the one asked for. */
  selfTelling: PhraseSet;
  /** While answering a question, asides it does not trust: other questions, or single red flags. */
  volunteerExclude: ReadonlyMap<QuestionId, { questions: readonly QuestionId[]; redFlags: readonly RedFlag[] }>;
}

/** Shortest stem of a "word*" pattern that keeps the words it starts from typo correction ("crush*": "crushed" is not "crashed"). */
const MIN_KNOWN_PREFIX = 4;

const PHRASE_QUESTIONS: readonly QuestionId[] = [
  'returning_status', 'injury', 'weight_bearing', 'rapid_swelling', 'red_flags', 'age', 'trend', 'location', 'recurrent', 'aggravators',
];

class PhraseReader {
  readonly words = new Set<string>();
  readonly prefixes = new Set<string>();
  /** A phrase listed under several answers is compiled once: a pattern keeps no state between scans. */
  private readonly compiled = new Map<string, Pattern>();
  constructor(readonly check: JsonChecker) {}

  patterns(x: Json, path: string, nonEmpty = true): Pattern[] {
    return this.check.strings(x, path, nonEmpty).map((source, i) => {
      const known = this.compiled.get(source);
      if (known) return known;
      try {
        const p = compilePattern(source);
        for (const w of literalWords(source)) this.words.add(w);
        for (const stem of literalPrefixes(source)) this.prefixes.add(stem);
        this.compiled.set(source, p);
        return p;
      } catch (err) {
        return this.check.fail(`${path}[${i}]`, err instanceof Error ? err.message : String(err));
      }
    });
  }

  set(x: Json, path: string, except: Json = [], nonEmpty = true): PhraseSet {
    return { patterns: this.patterns(x, path, nonEmpty), except: this.patterns(except, `${path}.except`, false) };
  }

  code(x: Json, path: string): CodePhrases {
    const o = this.check.object(x, path);
    this.check.onlyKeys(o, path, ['mention', 'answer', 'weak', 'except']);
    const except = this.patterns(o.except ?? [], `${path}.except`, false);
    const mention = this.patterns(o.mention ?? [], `${path}.mention`, false);
    const answer = this.patterns(o.answer ?? [], `${path}.answer`, false);
    const weak = this.patterns(o.weak ?? [], `${path}.weak`, false);
    if (mention.length + answer.length + weak.length === 0) this.check.fail(path, 'needs at least one phrase');
    return { mention: { patterns: mention, except }, answer: { patterns: [...mention, ...answer], except }, weak: { patterns: weak, except } };
  }
}

function wordMap(check: JsonChecker, x: Json, path: string): Map<string, string> {
  const o = check.object(x, path);
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) out.set(k, check.string(v, `${path}.${k}`));
  return out;
}

function numberMap(check: JsonChecker, x: Json, path: string): Map<string, number> {
  const o = check.object(x, path);
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(o)) out.set(k, check.number(v, `${path}.${k}`));
  return out;
}

function earlierChat(r: PhraseReader, x: Json): Language['earlierChat'] {
  const o = r.check.object(x, 'earlierChat');
  r.check.onlyKeys(o, 'earlierChat', ['about', 'phrases', 'times']);
  return { phrases: r.set(o.phrases, 'earlierChat.phrases'), times: r.set(o.times, 'earlierChat.times') };
}

function generalQuestion(check: JsonChecker, x: Json): Language['generalQuestion'] {
  const o = check.object(x, 'safety.generalQuestion');
  check.onlyKeys(o, 'safety.generalQuestion', ['about', 'selfWords', 'questionStarts', 'toldCues']);
  const words = (key: 'selfWords' | 'questionStarts' | 'toldCues') => new Set(check.strings(o[key], `safety.generalQuestion.${key}`));
  return { selfWords: words('selfWords'), questionStarts: words('questionStarts'), toldCues: words('toldCues') };
}

function optionalInt(check: JsonChecker, o: Record<string, Json>, key: string, path: string): number | undefined {
  return o[key] === undefined ? undefined : check.integer(o[key], `${path}.${key}`);
}

function readDuration(r: PhraseReader, x: Json, path: string): DurationLanguage {
  const c = r.check;
  const o = c.object(x, path);
  const relative = c.array(o.relative, `${path}.relative`).map((e, i) => {
    const p = `${path}.relative[${i}]`;
    const entry = c.object(e, p);
    c.onlyKeys(entry, p, ['days', 'phrases', 'answer', 'except']);
    const mention = r.set(entry.phrases, `${p}.phrases`, entry.except ?? [], false);
    const answerOnly = r.patterns(entry.answer ?? [], `${p}.answer`, false);
    if (mention.patterns.length + answerOnly.length === 0) c.fail(p, 'needs at least one phrase');
    return { days: c.number(entry.days, `${p}.days`), mention, answer: { patterns: [...mention.patterns, ...answerOnly], except: mention.except } };
  });
  const holidays = c.array(o.holidays, `${path}.holidays`).map((e, i): Holiday => {
    const p = `${path}.holidays[${i}]`;
    const h = c.object(e, p);
    const holiday: Holiday = {
      names: c.strings(h.names, `${p}.names`),
      month: optionalInt(c, h, 'month', p),
      day: optionalInt(c, h, 'day', p),
      weekday: optionalInt(c, h, 'weekday', p),
      nth: optionalInt(c, h, 'nth', p),
      beforeDay: optionalInt(c, h, 'beforeDay', p),
      easterOffset: optionalInt(c, h, 'easterOffset', p),
      latestOf: h.latestOf === undefined ? undefined : c.strings(h.latestOf, `${p}.latestOf`),
    };
    if (holiday.latestOf) return holiday;
    const fixed = holiday.month !== undefined && holiday.day !== undefined;
    const nthWeekday = holiday.month !== undefined && holiday.weekday !== undefined && (holiday.nth !== undefined || holiday.beforeDay !== undefined);
    if (!fixed && !nthWeekday && holiday.easterOffset === undefined)
      c.fail(p, 'needs month+day, month+weekday+nth (or beforeDay), or easterOffset');
    return holiday;
  });
  holidays.forEach((h, i) =>
    h.latestOf?.forEach((name, j) => {
      if (!holidays.some((other) => other.latestOf === undefined && other.names[0] === name)) c.fail(`${path}.holidays[${i}].latestOf[${j}]`, `"${name}" is not the first name of a dated holiday`);
    }),
  );
  const seasons = c.array(o.seasons, `${path}.seasons`).map((e, i) => {
    const p = `${path}.seasons[${i}]`;
    const s = c.object(e, p);
    return { names: c.strings(s.names, `${p}.names`), month: c.integer(s.month, `${p}.month`), day: c.integer(s.day, `${p}.day`) };
  });
  const eventAfterUnit = c.object(o.eventAfterUnit, `${path}.eventAfterUnit`);
  // Named days are words typos are corrected to, as every list's words are ("easter" is not a typo of "easier").
  for (const { names } of [...holidays, ...seasons]) for (const name of names) for (const w of name.split(' ')) r.words.add(w);
  return {
    units: numberMap(c, o.units, `${path}.units`),
    quantities: numberMap(c, o.quantities, `${path}.quantities`),
    lessThan: r.set(o.lessThan, `${path}.lessThan`),
    moreThan: r.set(o.moreThan, `${path}.moreThan`, o.moreThanExcept ?? []),
    blockedBefore: c.strings(o.blockedBefore, `${path}.blockedBefore`),
    afterUnit: c.strings(o.afterUnit, `${path}.afterUnit`),
    eventAfterUnit: {
      words: c.strings(eventAfterUnit.words, `${path}.eventAfterUnit.words`),
      unlessAfter: c.strings(eventAfterUnit.unlessAfter, `${path}.eventAfterUnit.unlessAfter`),
    },
    shiftAfterUnit: numberMap(c, o.shiftAfterUnit, `${path}.shiftAfterUnit`),
    mentionBefore: c.strings(o.mentionBefore, `${path}.mentionBefore`),
    mentionAfter: c.strings(o.mentionAfter, `${path}.mentionAfter`),
    onsetCues: r.set(o.onsetCues, `${path}.onsetCues`, o.onsetCuesExcept ?? []),
    activityFor: r.set(o.activityFor, `${path}.activityFor`),
    otherSubjects: r.set(o.otherSubjects, `${path}.otherSubjects`),
    stillSince: r.set(c.object(o.stillSince, `${path}.stillSince`).phrases, `${path}.stillSince.phrases`),
    eventAhead: r.set(c.object(o.eventAhead, `${path}.eventAhead`).phrases, `${path}.eventAhead.phrases`),
    relative,
    holidays,
    seasons,
  };
}

/** Validates and compiles the phrase file; `file` names it in error messages. */
/**
 * The phrase file's language. `realWords` are English words the typo fix leaves alone although they are one letter from a
 * word of the phrases (knowledge/real-words.json: "cooked" is not "crooked").
 */
export function parseLanguage(raw: Json, file: string, realWords: readonly string[] = []): Language {
  const c = new JsonChecker(file);
  const r = new PhraseReader(c);
  const root = c.object(raw, '(root)');
  c.onlyKeys(root, '(root)', [
    'about', 'contractions', 'tokens', 'rewrites', 'numbers', 'fuzzy', 'negation', 'yes', 'no', 'unsure', 'hedge', 'hedgeMeansYes',
    'answers', 'everything', 'mentionContexts', 'redFlagCues', 'duration', 'severity', 'safety', 'volunteerExclude', 'genericExcept', 'benignSymptoms', 'doubt',
    'schoolGrades', 'ageWords', 'corrections', 'correctionsWithin', 'earlierChat', 'softCorrections', 'echoedQuestions', 'outcomeCorrections', 'outcomeCorrectionEnds', 'optionNumbers', 'clarify', 'laterWins',
    'contrast', 'activityQuestions', 'askWhy',
  ]);
  const genericExcept = c.object(root.genericExcept ?? {}, 'genericExcept');

  const answers = c.object(root.answers, 'answers');
  const codes = new Map<QuestionId, Map<string, CodePhrases>>();
  for (const [qid, byCode] of Object.entries(answers)) {
    if (!isQuestionId(qid) || !PHRASE_QUESTIONS.includes(qid)) c.fail(`answers.${qid}`, `not a question with coded answers`);
    else {
      const entries = c.object(byCode, `answers.${qid}`);
      const m = new Map<string, CodePhrases>();
      for (const [code, phrases] of Object.entries(entries)) {
        if (!QUESTION_CODES[qid].includes(code)) c.fail(`answers.${qid}.${code}`, `unknown answer code for "${qid}"`);
        m.set(code, r.code(phrases, `answers.${qid}.${code}`));
      }
      codes.set(qid, m);
    }
  }
  for (const qid of PHRASE_QUESTIONS) {
    if (!codes.has(qid)) c.fail('answers', `missing phrases for question "${qid}"`);
  }

  const everythingRaw = c.object(root.everything, 'everything');
  const everything = new Map<QuestionId, PhraseSet>();
  for (const [qid, list] of Object.entries(everythingRaw)) {
    if (!isQuestionId(qid)) c.fail(`everything.${qid}`, 'unknown question id');
    else everything.set(qid, r.set(list, `everything.${qid}`));
  }

  const cuesRaw = c.object(root.redFlagCues, 'redFlagCues');
  const cues = {
    fever: r.code(cuesRaw.fever, 'redFlagCues.fever'),
    heat: r.code(cuesRaw.heat, 'redFlagCues.heat'),
    swelling: r.code(cuesRaw.swelling, 'redFlagCues.swelling'),
    numb: r.code(cuesRaw.numb, 'redFlagCues.numb'),
    intermittent: r.code(cuesRaw.intermittent, 'redFlagCues.intermittent'),
    knee: r.code(cuesRaw.knee, 'redFlagCues.knee'),
    otherBody: r.code(cuesRaw.otherBody, 'redFlagCues.otherBody'),
    leg: r.code(cuesRaw.leg, 'redFlagCues.leg'),
    calfJoined: r.code(cuesRaw.calfJoined, 'redFlagCues.calfJoined'),
    limbNotKnee: r.code(cuesRaw.limbNotKnee, 'redFlagCues.limbNotKnee'),
    weightLoss: r.code(cuesRaw.weightLoss, 'redFlagCues.weightLoss'),
    placedElsewhere: r.code(cuesRaw.placedElsewhere, 'redFlagCues.placedElsewhere'),
    lossIntended: r.code(cuesRaw.lossIntended, 'redFlagCues.lossIntended'),
  };

  const contexts = c.object(root.mentionContexts, 'mentionContexts');
  const safety = c.object(root.safety, 'safety');
  const grades = c.object(root.schoolGrades, 'schoolGrades');
  const ageWords = c.object(root.ageWords, 'ageWords');
  c.onlyKeys(ageWords, 'ageWords', ['about', 'subjects', 'birth', 'parents']);
  c.onlyKeys(grades, 'schoolGrades', ['about', 'last', 'ageFrom', 'ageTo', 'pastWords']);
  const historyRaw = c.object(safety.historyDays, 'safety.historyDays');
  const historyDays = new Map<RedFlag, number>();
  for (const [flag, days] of Object.entries(historyRaw)) {
    if (!isRedFlag(flag)) c.fail(`safety.historyDays.${flag}`, 'unknown red flag code');
    else historyDays.set(flag, c.number(days, `safety.historyDays.${flag}`));
  }

  const longAgoRaw = c.object(safety.longAgoOnly, 'safety.longAgoOnly');
  const longAgoOnly = {
    flags: new Set(
      c.strings(longAgoRaw.flags, 'safety.longAgoOnly.flags').map((flag, i) => (isRedFlag(flag) ? flag : c.fail(`safety.longAgoOnly.flags[${i}]`, 'unknown red flag code'))),
    ),
    ongoing: new Set(c.strings(longAgoRaw.ongoing, 'safety.longAgoOnly.ongoing')),
    resolvedFlags: new Set(
      c
        .strings(longAgoRaw.resolvedFlags, 'safety.longAgoOnly.resolvedFlags')
        .map((flag, i) => (isRedFlag(flag) ? flag : c.fail(`safety.longAgoOnly.resolvedFlags[${i}]`, 'unknown red flag code'))),
    ),
  };

  const excludeRaw = c.object(root.volunteerExclude, 'volunteerExclude');
  const volunteerExclude = new Map<QuestionId, { questions: QuestionId[]; redFlags: RedFlag[] }>();
  for (const [qid, list] of Object.entries(excludeRaw)) {
    if (!isQuestionId(qid)) c.fail(`volunteerExclude.${qid}`, 'unknown question id');
    else {
      const entry = { questions: new Array<QuestionId>(), redFlags: new Array<RedFlag>() };
      c.strings(list, `volunteerExclude.${qid}`).forEach((item, i) => {
        const flag = item.startsWith('red_flags:') ? item.slice('red_flags:'.length) : null;
        if (flag !== null && isRedFlag(flag)) entry.redFlags.push(flag);
        else if (flag === null && isQuestionId(item)) entry.questions.push(item);
        else c.fail(`volunteerExclude.${qid}[${i}]`, `expected a question id or "red_flags:<code>", got "${item}"`);
      });
      volunteerExclude.set(qid, entry);
    }
  }

  const hedgeMeansYes = c.strings(root.hedgeMeansYes, 'hedgeMeansYes').map((q, i) =>
    isQuestionId(q) ? q : c.fail(`hedgeMeansYes[${i}]`, `unknown question id "${q}"`),
  );

  const negRaw = c.object(root.negation, 'negation');
  const listRaw = c.object(negRaw.list, 'negation.list');
  const negation: NegationRules = {
    negators: new Set(c.strings(negRaw.negators, 'negation.negators')),
    interjections: new Set(c.strings(negRaw.interjections, 'negation.interjections')),
    breakers: new Set(c.strings(negRaw.breakers, 'negation.breakers')),
    cancelers: new Set(c.strings(negRaw.cancelers, 'negation.cancelers')),
    window: c.integer(negRaw.window, 'negation.window'),
    throughAdverb: new Set(c.strings(negRaw.throughAdverb, 'negation.throughAdverb')),
    answeredAfter: new Set(c.strings(negRaw.answeredAfter, 'negation.answeredAfter')),
    answeredAtEnd: new Set(c.strings(negRaw.answeredAtEnd, 'negation.answeredAtEnd')),
    list: {
      closers: new Set(c.strings(listRaw.closers, 'negation.list.closers')),
      itemWords: c.integer(listRaw.itemWords, 'negation.list.itemWords'),
      items: c.integer(listRaw.items, 'negation.list.items'),
      determiners: new Set(c.strings(listRaw.determiners ?? [], 'negation.list.determiners')),
    },
  };

  const later = c.object(root.laterWins, 'laterWins');
  c.onlyKeys(later, 'laterWins', ['about', 'questions', 'past']);
  const laterWins = {
    questions: c.strings(later.questions, 'laterWins.questions').map((q, i) => (isQuestionId(q) ? q : c.fail(`laterWins.questions[${i}]`, `unknown question id "${q}"`))),
    past: r.set(later.past, 'laterWins.past'),
  };

  const contrast = c.object(root.contrast, 'contrast');
  c.onlyKeys(contrast, 'contrast', ['about', 'words']);

  const activities = c.object(root.activityQuestions, 'activityQuestions');
  c.onlyKeys(activities, 'activityQuestions', ['about', 'phrases']);
  const aboutAndPhrases = (key: 'softCorrections' | 'echoedQuestions' | 'correctionsWithin'): PhraseSet => {
    const o = c.object(root[key], key);
    c.onlyKeys(o, key, ['about', 'phrases']);
    return r.set(o.phrases, `${key}.phrases`);
  };

  const language: Omit<Language, 'lexicon' | 'optionWords' | 'clarify' | 'askWhy'> = {
    laterWins,
    activityQuestions: r.set(activities.phrases, 'activityQuestions.phrases'),
    contrast: new Set(c.strings(contrast.words, 'contrast.words')),
    negation,
    yes: r.set(root.yes, 'yes', genericExcept.yes ?? []),
    no: r.set(root.no, 'no', genericExcept.no ?? []),
    unsure: r.set(root.unsure, 'unsure', genericExcept.unsure ?? []),
    doubt: r.set(root.doubt, 'doubt', genericExcept.doubt ?? []),
    corrections: r.set(root.corrections, 'corrections'),
    correctionsWithin: aboutAndPhrases('correctionsWithin'),
    earlierChat: earlierChat(r, root.earlierChat),
    softCorrections: aboutAndPhrases('softCorrections'),
    echoedQuestions: aboutAndPhrases('echoedQuestions'),
    outcomeCorrections: r.set(root.outcomeCorrections, 'outcomeCorrections'),
    outcomeCorrectionEnds: c.strings(root.outcomeCorrectionEnds, 'outcomeCorrectionEnds'),
    hedge: r.set(root.hedge, 'hedge', genericExcept.hedge ?? []),
    hedgeMeansYes,
    codes,
    everything,
    aggravatorContext: r.set(contexts.aggravators, 'mentionContexts.aggravators', contexts.aggravatorsExcept ?? []),
    benignSymptoms: r.set(root.benignSymptoms, 'benignSymptoms'),
    cues,
    duration: readDuration(r, root.duration, 'duration'),
    severityWords: c.array(root.severity, 'severity').map((e, i) => {
      const o = c.object(e, `severity[${i}]`);
      return { value: c.integer(o.value, `severity[${i}].value`), phrases: r.set(o.phrases, `severity[${i}].phrases`) };
    }),
    crisis: r.set(safety.crisis, 'safety.crisis', safety.crisisExcept ?? []),
    hypothetical: r.set(safety.hypothetical, 'safety.hypothetical'),
    ownSignQuestions: r.set(safety.ownSignQuestions, 'safety.ownSignQuestions'),
    examples: r.set(safety.examples, 'safety.examples'),
    toldNow: r.set(safety.toldNow, 'safety.toldNow'),
    beenSeen: r.set(safety.beenSeen, 'safety.beenSeen', safety.beenSeenExcept ?? []),
    gettingHelp: r.set(safety.gettingHelp, 'safety.gettingHelp'),
    gettingHelpNow: r.set(safety.gettingHelpNow, 'safety.gettingHelpNow'),
    ownBody: r.set(safety.ownBody, 'safety.ownBody'),
    leadIns: new Set(c.strings(safety.leadIns, 'safety.leadIns')),
    generalQuestion: generalQuestion(c, safety.generalQuestion),
    historyDays,
    longAgoOnly: { ...longAgoOnly, now: r.set(longAgoRaw.now, 'safety.longAgoOnly.now'), resolved: r.set(longAgoRaw.resolved, 'safety.longAgoOnly.resolved') },
    historyMarkers: r.set(safety.historyMarkers, 'safety.historyMarkers'),
    timeClauseLeads: r.set(safety.timeClauseLeads, 'safety.timeClauseLeads'),
    longAgoMarkers: r.set(safety.longAgoMarkers, 'safety.longAgoMarkers', safety.longAgoMarkersExcept ?? []),
    elsewhere: r.set(safety.elsewhere, 'safety.elsewhere'),
    ownContrast: r.set(safety.ownContrast, 'safety.ownContrast'),
    askingForAnother: r.set(safety.askingForAnother, 'safety.askingForAnother'),
    writersOwn: r.set(safety.writersOwn, 'safety.writersOwn'),
    thirdPerson: r.set(safety.thirdPerson, 'safety.thirdPerson'),
    ownKneeTold: r.set(safety.ownKneeTold, 'safety.ownKneeTold'),
    theirHistory: r.set(safety.theirHistory, 'safety.theirHistory'),
    parentTelling: r.set(safety.parentTelling, 'safety.parentTelling'),
    selfTelling: r.set(safety.selfTelling, 'safety.selfTelling'),
    ageWords: {
      subjects: new Set(c.strings(ageWords.subjects, 'ageWords.subjects')),
      birth: new Set(c.strings(ageWords.birth, 'ageWords.birth')),
      parents: new Set(c.strings(ageWords.parents, 'ageWords.parents')),
    },
    schoolGrades: {
      last: c.integer(grades.last, 'schoolGrades.last'),
      ageFrom: c.integer(grades.ageFrom, 'schoolGrades.ageFrom'),
      ageTo: c.integer(grades.ageTo, 'schoolGrades.ageTo'),
      pastWords: new Set(c.strings(grades.pastWords, 'schoolGrades.pastWords')),
    },
    volunteerExclude,
  };

  const fuzzy = c.object(root.fuzzy, 'fuzzy');
  const tokens = wordMap(c, root.tokens, 'tokens');
  for (const key of tokens.keys()) if (/\s/.test(key)) c.fail(`tokens.${key}`, 'a token rewrite takes one word; use "rewrites" for phrases');
  const rewrites = c.array(root.rewrites, 'rewrites', false).map((e, i): [string, string] => {
    const pair = c.strings(e, `rewrites[${i}]`);
    if (pair.length !== 2) c.fail(`rewrites[${i}]`, 'must be [from, to]');
    if (` ${pair[1]} `.includes(` ${pair[0]} `)) c.fail(`rewrites[${i}]`, 'the result must not contain what it replaces');
    return [pair[0], pair[1]];
  });
  const minLength = c.integer(fuzzy.minLength, 'fuzzy.minLength');
  const vocabulary = new Set([...r.words].filter((w) => w.length >= minLength));
  const known = new Set<string>([...c.strings(fuzzy.known, 'fuzzy.known'), ...r.words, ...tokens.values(), ...realWords]);
  const lexicon: Lexicon = {
    contractions: wordMap(c, root.contractions, 'contractions'),
    tokens,
    rewrites,
    numbers: numberMap(c, root.numbers, 'numbers'),
    vocabulary,
    known,
    knownPrefixes: new Set([...r.prefixes].filter((stem) => stem.length >= MIN_KNOWN_PREFIX)),
    fuzzyMinLength: minLength,
  };
  const numbered = c.object(root.optionNumbers, 'optionNumbers');
  c.onlyKeys(numbered, 'optionNumbers', ['about', 'markers', 'counting', 'fillers', 'corrections', 'adding', 'addingFillers']);
  const wordSet = (key: 'counting' | 'fillers' | 'corrections' | 'adding' | 'addingFillers') => new Set(c.strings(numbered[key], `optionNumbers.${key}`));
  const optionWords: OptionNumberWords = {
    numbers: lexicon.numbers,
    markers: c.strings(numbered.markers, 'optionNumbers.markers'),
    counting: wordSet('counting'),
    fillers: wordSet('fillers'),
    corrections: wordSet('corrections'),
    adding: wordSet('adding'),
    addingFillers: wordSet('addingFillers'),
  };
  return { ...language, lexicon, optionWords, clarify: r.set(root.clarify, 'clarify'), askWhy: r.set(root.askWhy, 'askWhy') };
}

/** knowledge/real-words.json's words, checked: made by scripts/real-words.ts, read with the phrases. */
export function parseRealWords(raw: Json, file: string): string[] {
  const c = new JsonChecker(file);
  const root = c.object(raw, '(root)');
  c.onlyKeys(root, '(root)', ['about', 'words']);
  const words = c.strings(root.words, 'words');
  words.forEach((word, i) => {
    if (!/^[a-z]+$/.test(word)) c.fail(`words[${i}]`, 'must be one lower-case word');
  });
  return words;
}
