// The triage protocol as typed data, loaded from knowledge/triage-protocol.json and checked in full.
import { readFileSync } from 'fs';
import { basename, dirname, resolve } from 'path';
import { Condition, parseCondition, QuestionShape, questionsIn } from './conditions';
import {
  AGE_BANDS,
  AgeBand,
  DURATION_BANDS,
  DurationBand,
  isAgeBand,
  isDurationBand,
  isLevel,
  isQuestionId,
  isReasonId,
  Level,
  LEVELS,
  QUESTION_CODES,
  QUESTION_IDS,
  QuestionId,
  REASON_IDS,
  ReasonId,
} from './ids';
import { Json, JsonChecker, parseJsonFile } from './json-check';
import { CrisisModel, parseCrisisModel } from './crisis-model';
import { Language, parseLanguage, parseRealWords } from './language';

export type QuestionKind = 'yesno' | 'single' | 'multi' | 'number';

export interface QuestionOption {
  code: string;
  /** Short words for a button or a numbered SMS list. */
  label: string;
  /** Choosing it ends the check at once (a returning person whose pain is gone). */
  endsCheck: boolean;
}

export interface Question {
  id: QuestionId;
  kind: QuestionKind;
  /** The question in plain words. */
  text: string;
  /** What the question means, for "what do you mean?" or "what counts as swollen?". */
  explain: string;
  options: QuestionOption[];
  /** Asked only when this holds (for example weight_bearing after an injury). */
  askWhen: Condition | null;
  /** Injury, weight bearing, rapid swelling, red flags: unclear answers raise the outcome. */
  safety: boolean;
  /** Asked even when the person already volunteered an answer (red flags). */
  askEvenIfVolunteered: boolean;
  /** Asked whenever `askWhen` holds, even if it cannot raise the outcome (a returning person's follow-up). */
  askAlways: boolean;
  /** A bare number is the value (age), not an option number. */
  numberIsValue: boolean;
  /** Range of a number question (severity). */
  min: number | null;
  max: number | null;
  /** Which code wins when an answer names several options of a single-choice question. */
  tieBreak: string[];
}

export interface Rule {
  level: Level;
  reason: ReasonId;
  when: Condition;
}

export interface AgeBandRange {
  code: AgeBand;
  min: number;
  max: number | null;
}

export interface DurationBandRange {
  code: DurationBand;
  minDays: number;
  maxDays: number | null;
}

export interface OutcomeText {
  headline: string;
  advice: string[];
  offerBooking: boolean;
  /** The booking offer's own words after this outcome, where the usual ones would not fit ("once you've seen your doctor"). */
  bookingOffer?: string;
}

export interface Messages {
  notDiagnosis: string;
  unclearSafety: string;
  persistence: string;
  reask: string;
  resolvedTips: string[];
  /** The headline when the pain has gone: no plan to start, only tips. */
  resolvedHeadline: string;
  crisis: string;
  /** The answer to every message for a while after the emergency answer, but "{restart}" (the word to start over). */
  emergencyHold: string;
  /** The hold's answer to someone who has called 911 or is waiting in the emergency department. */
  emergencyHoldHelpComing: string;
  /** Said before a booking offer after an urgent outcome: physio is not the answer to being seen today. */
  bookingAfterUrgent: string;
  /** Before a booking offer asked for after a doctor outcome: the doctor first. */
  bookingAfterDoctor: string;
  /** Asks the paused check's question again after crisis resources ("{restart}" stops it). */
  resumeAfterCrisis: string;
  /** The answer to "ok", "thanks" and the like right after crisis resources. */
  afterCrisis: string;
  /** Said when someone tells, during the hold, that they have been seen ("I went to the ER, they said..."): the hold ends. */
  afterBeingSeen: string;
  /** Said when warning signs that need to be seen today are told in the middle of a call-back request. */
  urgentSigns: string;
  /** A warning sign told beside a question in the middle of the check: noted, and the check goes on. */
  signNotedInCheck: string;
  /** Said when a check left unfinished for `checkExpiresAfterHours` is set aside. */
  checkExpired: string;
  /** Said, with no emergency answer before it, to someone calling 911 or waiting in the emergency department: the check stops. */
  gettingHelpNow: string;
  /** Said after `gettingHelpNow` when a check was under way. */
  checkStoppedForHelp: string;
  /** Said when a check is stopped with answers that already call for being seen today. */
  stoppedSeenToday: string;
  /** Crisis talk from clinic staff (about a patient, or themselves): what to do, addressed to them. */
  crisisStaff: string;
  /** An emergency told by clinic staff (about a patient, or themselves): what to do, with no hold on their chat. */
  emergencyStaff: string;
}

export interface Protocol {
  /** Changed whenever a clinician changes the rules; stored with every outcome. */
  version: string;
  /** Days a completed check is remembered, making the person "returning" (Persistence). */
  memoryDays: number;
  /**
   * Hours after which a check finished in the same conversation makes the person returning too: an SMS thread is one
   * conversation, however many days lie between its messages.
   */
  returningAfterHours: number;
  /** Hours after the emergency answer during which every message is answered with `messages.emergencyHold`. */
  emergencyHoldHours: number;
  /** Hours after its last question that a check left unfinished is set aside (`messages.checkExpired`): signs may have changed. */
  checkExpiresAfterHours: number;
  questions: Question[];
  rules: Rule[];
  safetyQuestions: QuestionId[];
  ageBands: AgeBandRange[];
  durationBands: DurationBandRange[];
  /** A plain-words sentence per reason id, to say why. */
  reasons: ReadonlyMap<ReasonId, string>;
  outcomes: ReadonlyMap<Level, OutcomeText>;
  messages: Messages;
  /** The compiled phrase lists the free-text parsers use. */
  language: Language;
  /** The second reading of crisis talk, beside the phrase lists (`crisisModelFile`). */
  crisisModel: CrisisModel;
}

const KINDS: readonly QuestionKind[] = ['yesno', 'single', 'multi', 'number'];

function isKind(x: unknown): x is QuestionKind {
  return KINDS.some((k) => k === x);
}

function readQuestion(c: JsonChecker, raw: Json, path: string): Omit<Question, 'askWhen' | 'safety'> & { askWhenRaw: Json } {
  const o = c.object(raw, path);
  c.onlyKeys(o, path, ['id', 'kind', 'text', 'explain', 'options', 'askWhen', 'askEvenIfVolunteered', 'askAlways', 'numberIsValue', 'min', 'max', 'tieBreak']);
  const id = o.id;
  if (!isQuestionId(id)) return c.fail(`${path}.id`, `unknown question id ${JSON.stringify(id)}`);
  const kind = o.kind;
  if (!isKind(kind)) return c.fail(`${path}.kind`, `must be one of ${KINDS.join(', ')}`);
  const expected = QUESTION_CODES[id];
  const options = (kind === 'number' ? [] : c.array(o.options, `${path}.options`)).map((opt, i): QuestionOption => {
    const p = `${path}.options[${i}]`;
    const oo = c.object(opt, p);
    c.onlyKeys(oo, p, ['code', 'label', 'endsCheck']);
    const code = c.string(oo.code, `${p}.code`);
    if (!expected.includes(code)) c.fail(`${p}.code`, `unknown answer code "${code}" for question "${id}"`);
    return { code, label: c.text(oo.label, `${p}.label`), endsCheck: c.boolean(oo.endsCheck, `${p}.endsCheck`, false) };
  });
  for (const code of expected) {
    if (!options.some((opt) => opt.code === code)) c.fail(`${path}.options`, `missing answer code "${code}" for question "${id}"`);
  }
  if (new Set(options.map((opt) => opt.code)).size !== options.length) c.fail(`${path}.options`, 'an answer code appears twice');
  if ((kind === 'yesno') !== (expected.length === 2 && expected[0] === 'yes')) c.fail(`${path}.kind`, `"${kind}" does not fit question "${id}"`);
  if ((kind === 'number') !== (expected.length === 0)) c.fail(`${path}.kind`, `"${kind}" does not fit question "${id}"`);
  if (kind === 'multi' && id !== 'red_flags' && id !== 'aggravators') c.fail(`${path}.kind`, `question "${id}" takes one answer`);
  if ((id === 'red_flags' || id === 'aggravators') && kind !== 'multi') c.fail(`${path}.kind`, `question "${id}" takes several answers: "multi"`);
  const min = kind === 'number' ? c.integer(o.min, `${path}.min`) : null;
  const max = kind === 'number' ? c.integer(o.max, `${path}.max`) : null;
  if (min !== null && max !== null && min > max) c.fail(`${path}.max`, 'must not be below min');
  const tieBreak = o.tieBreak === undefined ? [] : c.strings(o.tieBreak, `${path}.tieBreak`);
  tieBreak.forEach((code, i) => expected.includes(code) || c.fail(`${path}.tieBreak[${i}]`, `unknown answer code "${code}"`));
  return {
    id,
    kind,
    text: c.text(o.text, `${path}.text`),
    explain: c.text(o.explain, `${path}.explain`),
    options,
    askWhenRaw: o.askWhen,
    askEvenIfVolunteered: c.boolean(o.askEvenIfVolunteered, `${path}.askEvenIfVolunteered`, false),
    askAlways: c.boolean(o.askAlways, `${path}.askAlways`, false),
    numberIsValue: c.boolean(o.numberIsValue, `${path}.numberIsValue`, false),
    min,
    max,
    tieBreak,
  };
}

function readBands<T extends string>(
  c: JsonChecker,
  raw: Json,
  path: string,
  codes: readonly T[],
  guard: (x: unknown) => x is T,
  lowKey: string,
  highKey: string,
): Array<{ code: T; low: number; high: number | null }> {
  const bands = c.array(raw, path).map((b, i) => {
    const p = `${path}[${i}]`;
    const o = c.object(b, p);
    c.onlyKeys(o, p, ['code', lowKey, highKey]);
    const code = o.code;
    if (!guard(code)) return c.fail(`${p}.code`, `unknown band code ${JSON.stringify(code)}`);
    return { code, low: c.integer(o[lowKey], `${p}.${lowKey}`), high: c.nullableInteger(o[highKey], `${p}.${highKey}`) };
  });
  if (bands.length !== codes.length || codes.some((code, i) => bands[i].code !== code))
    c.fail(path, `must list ${codes.join(', ')} in this order`);
  bands.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (i === 0 && b.low !== 0) c.fail(`${p}.${lowKey}`, 'the first band starts at 0');
    if (i > 0 && bands[i - 1].high !== b.low - 1) c.fail(`${p}.${lowKey}`, 'bands must follow each other with no gap or overlap');
    if (b.high !== null && b.high < b.low) c.fail(`${p}.${highKey}`, `must not be below ${lowKey}`);
    if (i === bands.length - 1 && b.high !== null) c.fail(`${p}.${highKey}`, 'the last band is open-ended: null');
    if (i < bands.length - 1 && b.high === null) c.fail(`${p}.${highKey}`, 'only the last band is open-ended');
  });
  return bands;
}

function readOutcome(c: JsonChecker, raw: Json, path: string): OutcomeText {
  const o = c.object(raw, path);
  c.onlyKeys(o, path, ['headline', 'advice', 'offerBooking', 'bookingOffer']);
  if (typeof o.offerBooking !== 'boolean') c.fail(`${path}.offerBooking`, 'must be true or false');
  if (o.bookingOffer !== undefined && o.offerBooking !== true) c.fail(`${path}.bookingOffer`, 'needs offerBooking true');
  return {
    headline: c.text(o.headline, `${path}.headline`),
    advice: c.array(o.advice, `${path}.advice`).map((a, i) => c.text(a, `${path}.advice[${i}]`)),
    offerBooking: o.offerBooking === true,
    bookingOffer: o.bookingOffer === undefined ? undefined : c.text(o.bookingOffer, `${path}.bookingOffer`),
  };
}

/** Validates a parsed protocol object; `file` names it in error messages. */
export function parseProtocol(raw: Json, file: string, language: Language, crisisModel: CrisisModel): Protocol {
  const c = new JsonChecker(file);
  const root = c.object(raw, '(root)');
  c.onlyKeys(root, '(root)', ['version', 'memoryDays', 'returningAfterHours', 'emergencyHoldHours', 'checkExpiresAfterHours', 'phrasesFile', 'realWordsFile', 'crisisModelFile', 'safetyQuestions', 'questions', 'ageBands', 'durationBands', 'rules', 'reasons', 'outcomes', 'messages']);
  const version = c.text(root.version, 'version');
  const memoryDays = c.integer(root.memoryDays, 'memoryDays');
  if (memoryDays < 1) c.fail('memoryDays', 'must be at least 1');
  const returningAfterHours = c.integer(root.returningAfterHours, 'returningAfterHours');
  if (returningAfterHours < 1) c.fail('returningAfterHours', 'must be at least 1');
  const emergencyHoldHours = c.integer(root.emergencyHoldHours, 'emergencyHoldHours');
  if (emergencyHoldHours < 0) c.fail('emergencyHoldHours', 'must not be negative');
  const checkExpiresAfterHours = c.integer(root.checkExpiresAfterHours, 'checkExpiresAfterHours');
  if (checkExpiresAfterHours < 1) c.fail('checkExpiresAfterHours', 'must be at least 1');

  const read = c.array(root.questions, 'questions').map((q, i) => readQuestion(c, q, `questions[${i}]`));
  const seen = new Set<QuestionId>();
  read.forEach((q, i) => {
    if (seen.has(q.id)) c.fail(`questions[${i}].id`, `question "${q.id}" appears twice`);
    seen.add(q.id);
  });
  for (const id of QUESTION_IDS) if (!seen.has(id)) c.fail('questions', `missing question "${id}"`);
  const shapes = new Map<QuestionId, QuestionShape>(read.map((q) => [q.id, { kind: q.kind, codes: QUESTION_CODES[q.id] }]));

  const safetyQuestions = c.strings(root.safetyQuestions, 'safetyQuestions').map((s, i) =>
    isQuestionId(s) ? s : c.fail(`safetyQuestions[${i}]`, `unknown question id "${s}"`),
  );
  const questions: Question[] = read.map(({ askWhenRaw, ...q }, i) => {
    const askWhen = askWhenRaw === undefined ? null : parseCondition(askWhenRaw, `questions[${i}].askWhen`, shapes, c.fail.bind(c), false);
    if (askWhen && questionsIn(askWhen).includes(q.id)) c.fail(`questions[${i}].askWhen`, 'a question cannot depend on itself');
    if (askWhen && questionsIn(askWhen).some((dep) => read.findIndex((r) => r.id === dep) > i))
      c.fail(`questions[${i}].askWhen`, 'depends on a question that comes later');
    return { ...q, askWhen, safety: safetyQuestions.includes(q.id) };
  });

  const rules = c.array(root.rules, 'rules').map((r, i): Rule => {
    const p = `rules[${i}]`;
    const o = c.object(r, p);
    c.onlyKeys(o, p, ['level', 'reason', 'when']);
    if (!isLevel(o.level)) return c.fail(`${p}.level`, `unknown level ${JSON.stringify(o.level)} (expected ${LEVELS.join(', ')})`);
    if (!isReasonId(o.reason)) return c.fail(`${p}.reason`, `unknown reason id ${JSON.stringify(o.reason)}`);
    return { level: o.level, reason: o.reason, when: parseCondition(o.when, `${p}.when`, shapes, c.fail.bind(c), true) };
  });
  rules.forEach((r, i) => {
    if (i > 0 && LEVELS.indexOf(r.level) < LEVELS.indexOf(rules[i - 1].level))
      c.fail(`rules[${i}].level`, 'rules must be listed from most to least serious level');
    if ('otherwise' in r.when && i !== rules.length - 1) c.fail(`rules[${i}].when`, '"otherwise" must be the last rule');
  });
  for (const reason of REASON_IDS) {
    if (reason !== 'emergency_message' && !rules.some((r) => r.reason === reason)) c.fail('rules', `no rule gives reason "${reason}"`);
  }

  const reasonsRaw = c.object(root.reasons, 'reasons');
  const reasons = new Map<ReasonId, string>();
  for (const key of Object.keys(reasonsRaw)) if (!isReasonId(key)) c.fail(`reasons.${key}`, `unknown reason id "${key}"`);
  for (const reason of REASON_IDS) reasons.set(reason, c.text(reasonsRaw[reason], `reasons.${reason}`));

  const outcomesRaw = c.object(root.outcomes, 'outcomes');
  c.onlyKeys(outcomesRaw, 'outcomes', LEVELS);
  const outcomes = new Map<Level, OutcomeText>();
  for (const level of LEVELS) outcomes.set(level, readOutcome(c, outcomesRaw[level], `outcomes.${level}`));

  const m = c.object(root.messages, 'messages');
  c.onlyKeys(m, 'messages', ['notDiagnosis', 'unclearSafety', 'persistence', 'reask', 'resolvedTips', 'resolvedHeadline', 'crisis', 'emergencyHold', 'emergencyHoldHelpComing', 'bookingAfterUrgent', 'bookingAfterDoctor', 'resumeAfterCrisis', 'afterCrisis', 'afterBeingSeen', 'urgentSigns', 'signNotedInCheck', 'checkExpired', 'gettingHelpNow', 'checkStoppedForHelp', 'stoppedSeenToday', 'crisisStaff', 'emergencyStaff']);
  const messages: Messages = {
    notDiagnosis: c.text(m.notDiagnosis, 'messages.notDiagnosis'),
    unclearSafety: c.text(m.unclearSafety, 'messages.unclearSafety'),
    persistence: c.text(m.persistence, 'messages.persistence'),
    reask: c.text(m.reask, 'messages.reask'),
    resolvedTips: c.array(m.resolvedTips, 'messages.resolvedTips').map((t, i) => c.text(t, `messages.resolvedTips[${i}]`)),
    resolvedHeadline: c.text(m.resolvedHeadline, 'messages.resolvedHeadline'),
    crisis: c.text(m.crisis, 'messages.crisis'),
    emergencyHold: c.text(m.emergencyHold, 'messages.emergencyHold'),
    emergencyHoldHelpComing: c.text(m.emergencyHoldHelpComing, 'messages.emergencyHoldHelpComing'),
    bookingAfterUrgent: c.text(m.bookingAfterUrgent, 'messages.bookingAfterUrgent'),
    bookingAfterDoctor: c.text(m.bookingAfterDoctor, 'messages.bookingAfterDoctor'),
    resumeAfterCrisis: c.text(m.resumeAfterCrisis, 'messages.resumeAfterCrisis'),
    afterCrisis: c.text(m.afterCrisis, 'messages.afterCrisis'),
    afterBeingSeen: c.text(m.afterBeingSeen, 'messages.afterBeingSeen'),
    gettingHelpNow: c.text(m.gettingHelpNow, 'messages.gettingHelpNow'),
    checkStoppedForHelp: c.text(m.checkStoppedForHelp, 'messages.checkStoppedForHelp'),
    stoppedSeenToday: c.text(m.stoppedSeenToday, 'messages.stoppedSeenToday'),
    crisisStaff: c.text(m.crisisStaff, 'messages.crisisStaff'),
    emergencyStaff: c.text(m.emergencyStaff, 'messages.emergencyStaff'),
    urgentSigns: c.text(m.urgentSigns, 'messages.urgentSigns'),
    signNotedInCheck: c.text(m.signNotedInCheck, 'messages.signNotedInCheck'),
    checkExpired: c.text(m.checkExpired, 'messages.checkExpired'),
  };

  const ageBands = readBands(c, root.ageBands, 'ageBands', AGE_BANDS, isAgeBand, 'min', 'max').map((b) => ({ code: b.code, min: b.low, max: b.high }));
  const durationBands = readBands(c, root.durationBands, 'durationBands', DURATION_BANDS, isDurationBand, 'minDays', 'maxDays').map((b) => ({
    code: b.code,
    minDays: b.low,
    maxDays: b.high,
  }));

  return { version, memoryDays, returningAfterHours, emergencyHoldHours, checkExpiresAfterHours, questions, rules, safetyQuestions, ageBands, durationBands, reasons, outcomes, messages, language, crisisModel };
}

function readJson(filePath: string): Json {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (err) {
    throw new Error(`${basename(filePath)}: cannot read ${filePath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseJsonFile(text, basename(filePath));
}

/**
 * Loads and validates the protocol, the files it names next to it: the phrases (`phrasesFile`), the English words the typo
 * fix leaves alone (`realWordsFile`) and the crisis model (`crisisModelFile`).
 * Throws an Error naming the file, the entry and the field when anything is wrong.
 */
export function loadProtocol(filePath: string): Protocol {
  const file = basename(filePath);
  const raw = readJson(filePath);
  const c = new JsonChecker(file);
  const beside = (key: 'phrasesFile' | 'realWordsFile' | 'crisisModelFile') => resolve(dirname(filePath), c.string(c.object(raw, '(root)')[key], key));
  const phrasesPath = beside('phrasesFile');
  const realWordsPath = beside('realWordsFile');
  const realWords = parseRealWords(readJson(realWordsPath), basename(realWordsPath));
  const language = parseLanguage(readJson(phrasesPath), basename(phrasesPath), realWords);
  const modelPath = beside('crisisModelFile');
  return parseProtocol(raw, file, language, parseCrisisModel(readJson(modelPath), basename(modelPath)));
}

export function questionById(protocol: Protocol, id: QuestionId): Question {
  const q = protocol.questions.find((x) => x.id === id);
  if (!q) throw new Error(`triage protocol ${protocol.version}: no question "${id}"`);
  return q;
}
