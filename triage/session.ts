// One triage check as a pure, JSON-serialisable state: start it, feed it replies, get the next step.
import { answerFragment, Answers, mergeAnswers, withAnswer } from './answers';
import { ParseContext } from './calendar';
import { levelRank, QuestionId } from './ids';
import { correctsEarlierAnswer, extractVolunteered, feverMentioned, interpretParts } from './parse';
import { codesAnswer, optionNumberAnswer } from './parse-choice';
import { wordsOf } from './option-number';
import { Protocol, questionById } from './protocol';
import { evaluate, nextStep, raisesLevel, Step } from './rules';

export interface TriageState {
  /** The protocol version the check started with. */
  protocol: string;
  returning: boolean;
  answers: Answers;
  /** Questions still unclear after two asks. */
  unclear: QuestionId[];
  /** How many times each question has been asked. */
  asks: Partial<Record<QuestionId, number>>;
  /** Questions answered in reply to being asked (absent in states saved before it existed). */
  replied?: QuestionId[];
  /** Questions answered by something the person said unprompted. */
  volunteered: QuestionId[];
  /** The question waiting for a reply; null once the outcome is given. */
  pending: QuestionId | null;
  /**
   * A fever told at any point ("I have a fever and my knee hurts"): a swollen or hot knee told with it, then or later,
   * is the fever-and-hot-swollen-knee warning sign, as when both come in one message.
   */
  fever?: boolean;
}

export interface TurnResult {
  state: TriageState;
  /** The next question (with its attempt number: 2 means asked again) or the outcome. */
  step: Step;
  /** Whether the reply answered the question that was asked. */
  understood: boolean;
}

function without(answers: Answers, ids: readonly QuestionId[]): Answers {
  const out: Answers = { ...answers };
  for (const id of ids) delete out[id];
  return out;
}

function newlyKnown(before: Answers, after: Answers, protocol: Protocol): QuestionId[] {
  return protocol.questions.filter((q) => before[q.id] === undefined && after[q.id] !== undefined).map((q) => q.id);
}

function advance(protocol: Protocol, state: TriageState): { state: TriageState; step: Step } {
  const step = nextStep(protocol, state);
  if (step.kind === 'outcome') return { state: { ...state, pending: null }, step };
  return { state: { ...state, pending: step.id, asks: { ...state.asks, [step.id]: step.attempt } }, step };
}

/**
 * Starts a check; an opening message's volunteered answers are recorded and not asked again. `told`: answers read from
 * an earlier message (a question asked beside one's own symptoms, answered before the check was taken up).
 */
export function startSession(
  protocol: Protocol,
  options: { returning: boolean; openingText?: string; told?: Answers; ctx: ParseContext },
): { state: TriageState; step: Step } {
  // A returning person's opening is read without what it says of the last chat ("back about my knee from a couple of weeks
  // ago" times the chat, not the pain); a time told before the check, beside a question, is not read for them.
  const opening = options.openingText ? extractVolunteered(protocol, options.openingText, options.ctx, { returning: options.returning }) : {};
  const told = { ...options.told };
  if (options.returning) delete told.duration;
  const volunteered = mergeAnswers(told, opening);
  const state: TriageState = {
    protocol: protocol.version,
    returning: options.returning,
    answers: volunteered,
    unclear: [],
    asks: {},
    replied: [],
    volunteered: newlyKnown({}, volunteered, protocol),
    pending: null,
  };
  if (options.openingText && feverMentioned(protocol, options.openingText, options.ctx)) return advance(protocol, withFever({ ...state, fever: true }));
  return advance(protocol, state);
}

function applyReply(protocol: Protocol, state: TriageState, own: Answers | null, volunteered: Answers): TurnResult {
  const asked = state.pending;
  if (asked === null) return { ...advance(protocol, state), understood: false };
  const asides = without(volunteered, [...state.unclear, asked]);
  const extra = saferOf(protocol, state.answers, mergeAnswers(state.answers, asides), asides, state.unclear);
  const answers = own ? withAnswer(extra, own) : extra;
  const toldNow = newlyKnown(state.answers, extra, protocol);
  // "Actually I did fall, last week on the ice" to the age question answers another one: that ask is not counted, so the
  // question still gets its second chance when it comes round again.
  const toldOther = !own && protocol.questions.some((q) => JSON.stringify(extra[q.id]) !== JSON.stringify(state.answers[q.id]));
  const unclear = !own && !toldOther && (state.asks[asked] ?? 0) >= 2 ? [...state.unclear, asked] : state.unclear;
  const next: TriageState = {
    ...state,
    answers,
    unclear,
    asks: toldOther ? { ...state.asks, [asked]: Math.max(0, (state.asks[asked] ?? 1) - 1) } : state.asks,
    replied: own ? [...(state.replied ?? []), asked] : state.replied,
    volunteered: [...state.volunteered, ...toldNow],
  };
  return { ...advance(protocol, next), understood: own !== null };
}

/**
 * A later aside does not overwrite an answer, unless it makes the outcome more serious by the
 * protocol's own rules: "no injury" then "42, twisted it yesterday tho" is an injury. (Warning signs
 * and aggravators are joined by `mergeAnswers` already, so trying them here changes nothing.)
 */
function saferOf(protocol: Protocol, before: Answers, merged: Answers, asides: Answers, unclear: readonly QuestionId[]): Answers {
  let out = merged;
  let level = levelRank(evaluate(protocol, out, unclear).level);
  for (const id of Object.keys(asides) as QuestionId[]) {
    const told = asides[id];
    const fragment = told === undefined || before[id] === undefined ? null : answerFragment(id, told);
    if (fragment === null) continue;
    const changed = withAnswer(out, fragment);
    const changedLevel = levelRank(evaluate(protocol, changed, unclear).level);
    if (changedLevel < level) [out, level] = [changed, changedLevel];
  }
  return out;
}

/** Reads a free-text reply to the pending question. A reply not understood is an unclear answer. */
export function answerTurn(protocol: Protocol, state: TriageState, text: string, ctx: ParseContext): TurnResult {
  if (state.pending === null) return applyReply(protocol, state, null, {});
  const { own, volunteered, fever } = interpretParts(protocol, state.pending, text, ctx);
  if (!state.fever && !fever) return applyReply(protocol, state, own, volunteered);
  return applyReply(protocol, withFever({ ...state, fever: true }), own && feverSigns(own), feverSigns(volunteered));
}

/** With a fever told, a swollen or hot knee is the fever-and-hot-swollen-knee warning sign. */
function feverSigns(answers: Answers): Answers {
  const flags = answers.red_flags;
  if (!flags || !flags.some((f) => f === 'swollen' || f === 'hot_swollen')) return answers;
  const kept = flags.filter((f) => f !== 'swollen' && f !== 'hot_swollen' && f !== 'fever_hot_swollen');
  return { ...answers, red_flags: ['fever_hot_swollen', ...kept] };
}

function withFever(state: TriageState): TriageState {
  return { ...state, answers: feverSigns(state.answers) };
}

/**
 * Applies a button value: an answer code, several codes comma-separated ("hot_swollen,calf_swelling"),
 * or a number for severity. A value that is not a valid code is read as typed text.
 */
export function answerWithCode(protocol: Protocol, state: TriageState, value: string, ctx: ParseContext): TurnResult {
  if (state.pending === null) return applyReply(protocol, state, null, {});
  const coded = codesAnswer(questionById(protocol, state.pending), value);
  const own = coded === null ? null : answerFragment(state.pending, coded);
  if (own !== null) return applyReply(protocol, state, state.fever ? feverSigns(own) : own, {});
  const late = lateCardAnswer(protocol, state, value);
  return late ? applyLate(protocol, state, late) : answerTurn(protocol, state, value, ctx);
}

/**
 * The card of an earlier "choose all that fit" question sent again with more ticked (a warning sign ticked late, after
 * the check has moved on): what it adds, or null. Nothing ticked but "none" adds nothing.
 */
function lateCardAnswer(protocol: Protocol, state: TriageState, value: string): Answers | null {
  for (const q of protocol.questions) {
    if (q.kind !== 'multi' || q.id === state.pending || !state.asks[q.id]) continue;
    const coded = codesAnswer(q, value);
    if (Array.isArray(coded) && coded.some((code) => code !== 'none')) return answerFragment(q.id, coded.filter((code) => code !== 'none'));
  }
  return null;
}

/** A late card's codes joined to what was told (signs are only ever added); the question waiting is asked again as it was, not as unclear. */
function applyLate(protocol: Protocol, state: TriageState, late: Answers): TurnResult {
  const told = state.fever ? feverSigns(late) : late;
  const answers = mergeAnswers(state.answers, told);
  const pending = state.pending as QuestionId;
  const asks = { ...state.asks, [pending]: Math.max(0, (state.asks[pending] ?? 1) - 1) };
  const next: TriageState = { ...state, answers, asks, volunteered: [...state.volunteered, ...newlyKnown(state.answers, answers, protocol)] };
  return { ...advance(protocol, next), understood: true };
}

/**
 * "Go back": forgets the answer given to the question asked last, so that it is asked again (the question waiting now
 * is not counted as asked). Null when no question has been answered yet.
 */
export function stepBack(protocol: Protocol, state: TriageState): { state: TriageState; step: Step } | null {
  const replied = state.replied ?? [];
  const last = replied[replied.length - 1];
  if (last === undefined) return null;
  const asks = { ...state.asks };
  delete asks[last];
  if (state.pending !== null) asks[state.pending] = Math.max(0, (asks[state.pending] ?? 1) - 1);
  return advance(protocol, { ...state, answers: without(state.answers, [last]), asks, replied: replied.slice(0, -1), unclear: state.unclear.filter((q) => q !== last) });
}

/** The step a saved state is at, without changing it (for re-rendering after an interruption). */
export function currentStep(protocol: Protocol, state: TriageState): Step {
  return nextStep(protocol, state.pending === null ? state : { ...state, asks: { ...state.asks, [state.pending]: (state.asks[state.pending] ?? 1) - 1 } });
}

/** "not 38", "not 3 days", "not a week": a number ruled out. */
const NUMBER_RULED_OUT = /\bnot\s+(?:an?\s+)?(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\b(?:\s+(?:days?|weeks?|months?|years?|out of 10))?/i;
const NUMBERS_RULED_OUT = new RegExp(NUMBER_RULED_OUT.source, 'gi');

/**
 * After the outcome, "sorry, I meant 3 weeks not 3 days": the answers of the finished check with what the message puts
 * right, or null when it opens with no correction or changes nothing.
 */
export function correctedAnswers(
  protocol: Protocol,
  answers: Answers,
  text: string,
  ctx: ParseContext,
  lastAsked?: QuestionId,
  options: { onlyAsks?: () => boolean } = {},
): Answers | null {
  // "I'm 58 not 38" puts a number right without a word that says so; "it wakes me up at night too, is that normal?" tells
  // a warning sign that makes the outcome more serious, which is never set aside (`onlyAsks`: every clause asks, so it
  // tells nothing: "does it hurt at night with runner's knee?").
  // Each read once, and only where it decides.
  let asks: boolean | undefined;
  const onlyAsks = (): boolean => (asks ??= options.onlyAsks?.() ?? false);
  // "I also have a fever of 39" after a hot or swollen knee's outcome: the knee is the fever sign now.
  let fever: boolean | undefined;
  const withFever = (told: Answers): Answers => ((fever ??= !onlyAsks() && feverMentioned(protocol, text, ctx)) ? feverSigns(told) : told);
  if (!correctsEarlierAnswer(protocol, text) && !NUMBER_RULED_OUT.test(text)) {
    const signs = onlyAsks() ? undefined : extractVolunteered(protocol, text, ctx).red_flags;
    const raised = withFever(signs ? withAnswer(answers, { red_flags: signs }) : answers);
    return raisesLevel(protocol, answers, raised) ? raised : null;
  }
  // "sorry, I'm 60 not 30", "3 weeks not 3 days": a number ruled out is no answer ("not getting better" is kept whole).
  const said = text.replace(NUMBERS_RULED_OUT, ' ');
  const differs = (told: Answers): boolean => (Object.keys(told) as QuestionId[]).some((id) => JSON.stringify(told[id]) !== JSON.stringify(answers[id]));
  const told = extractVolunteered(protocol, said, ctx);
  const corrected = withFever(withAnswer(answers, told));
  if (differs(told) || raisesLevel(protocol, answers, corrected)) return corrected;
  // "oops I meant 8": a bare value puts right the answer that gave the outcome.
  if (lastAsked === undefined) return null;
  const own = interpretParts(protocol, lastAsked, said.replace(/^\W*(sorry|oops|whoops|actually|wait)?\W*(i\s+meant|i\s+mean)?\W*/i, ''), ctx).own;
  return own && differs(own) ? withAnswer(answers, own) : null;
}

/**
 * After the outcome, on a numbered (SMS) list: option numbers added to the "choose all that fit" question answered last
 * ("oh and 11", "sorry also 9"), as that question's codes joined to the answers; null for anything else.
 */
export function addedOptionAnswers(protocol: Protocol, answers: Answers, lastAsked: QuestionId, text: string): Answers | null {
  const { adding, addingFillers } = protocol.language.optionWords;
  const words = wordsOf(text);
  // One word that adds must be there ("oh and 11", "sorry, also 9", "9 too"); the rest are numbers. An "and" between two
  // numbers only lists them ("1 and 2", the next question's answer sent a turn late): nothing is added by it.
  if (!words.some((w, i) => adding.has(w) && !(w === 'and' && /^\d+$/.test(words[i - 1] ?? '')))) return null;
  const numbers = words.filter((w) => !adding.has(w) && !addingFillers.has(w));
  if (numbers.length === 0) return null;
  // The list answered last, or else the warning signs' (the one long list): "also 9" after a list of six is a sign.
  for (const id of [...new Set([lastAsked, 'red_flags' as const])]) {
    const q = questionById(protocol, id);
    if (q.kind !== 'multi') continue;
    const codes = optionNumberAnswer(q, numbers.join(' '), protocol.language.optionWords);
    if (!Array.isArray(codes) || codes.every((code) => code === 'none')) continue;
    return withAnswer(answers, answerFragment(id, codes.filter((code) => code !== 'none')) ?? {});
  }
  return null;
}
