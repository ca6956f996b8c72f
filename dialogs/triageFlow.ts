import {
  answerTurn,
  addedOptionAnswers,
  answerWithCode,
  correctedAnswers,
  currentStep,
  emergencyMessageOutcome,
  outcomeWords,
  questionById,
  screen,
  toldBeenSeen,
  toldGettingHelp,
  toldGettingHelpNow,
  startSession,
  stepBack,
  declinesToAnswer,
  asksWhatItMeans,
  extractVolunteered,
  volunteeredWithInjury,
  asksWhy,
  besidesEarlierCheck,
  evaluate,
  levelRank,
  withAnswer,
  answerFragment,
  asksAboutOwnSign,
  interpretAnswer,
  codesAnswer,
  type Level,
  type ParseContext,
  type QuestionId,
  type Protocol,
  type ReasonId,
  type Step,
  type TriageState,
} from '../triage';
import type { Messages } from '../knowledge/messages';
import type { CheckMemoryStore } from '../storage/check-memory';
import { asksCheckQuestion, type Choice, type Reply } from './replies';
import type { TriageSummary } from './booking-summary';
import type { TurnInput } from './router';
import type { TriageData, TriageFlow } from './triage-flow';
import { bookingOfferReply, type ClinicFacts } from './clinic';
import { fill } from '../knowledge/messages';

export interface TriageFlowDeps {
  protocol: Protocol;
  messages: Messages;
  clinic: ClinicFacts;
  checkMemory: Pick<CheckMemoryStore, 'get' | 'put'>;
  timeZone: string;
  /** The "request a call-back" choice added to the booking offer after an outcome. */
  callbackChoice?: Choice;
}

const TONE: Record<Level, Reply['tone']> = { emergency: 'danger', urgent: 'warning', doctor: 'normal', book: 'normal', 'self-care': 'normal' };

interface Holder {
  triage?: TriageData;
  lastOutcome?: TriageSummary;
  /** When the emergency answer was given in this conversation (ISO time): everything after it is answered with the hold message. */
  emergencyAt?: string;
  /**
   * Told since the last outcome that physio does not replace being seen today, or a doctor first: said once, not before
   * every step to booking.
   */
  urgentBookingNoted?: boolean;
  /** The last turn gave the outcome: "what does that mean?" now asks about it. */
  outcomeJustGiven?: boolean;
  /** The question whose answer gave the last outcome: "oh and 11" texted next adds to it. */
  outcomeAfter?: QuestionId;
  /** "Don't remember me": no result of this conversation's checks is kept, and the notice that it would be is not said. */
  noMemory?: boolean;
}

/** The symptom check inside the conversation: pure triage functions, with replies and memory around them. */
export function createTriageFlow(deps: TriageFlowDeps): TriageFlow {
  const { protocol, messages } = deps;
  // Options are numbered only where there are no buttons (SMS): elsewhere "3" is three of something, not the third option.
  const ctx = (input: TurnInput): ParseContext => ({ now: input.now, timeZone: deps.timeZone, optionsNumbered: input.plainChannel });

  function questionReply(step: Extract<Step, { kind: 'question' }>, repeat: boolean): Reply {
    const question = questionById(protocol, step.id);
    return {
      text: repeat ? `${protocol.messages.reask} ${question.text}` : question.text,
      choices: question.options.map((o) => ({ label: o.label, value: o.code })),
      multi: question.kind === 'multi',
      numericAnswer: question.numberIsValue,
      entity: { type: 'triage.question', id: step.id },
    };
  }

  function outcomeReplies(level: Level, reasons: ReasonId[], version: string): Reply[] {
    const words = outcomeWords(protocol, { level, reasons });
    const parts: string[] = [];
    if (words.why.length) parts.push(words.why.join(' '));
    parts.push(...words.advice);
    if (words.warningSigns) parts.push(words.warningSigns);
    parts.push(...words.tips, words.notDiagnosis);
    const outcome: Reply = {
      title: words.headline,
      text: parts.join('\n\n'),
      tone: TONE[level],
      entity: { type: 'triage.outcome', level, reasons, protocol: version },
    };
    return words.offerBooking ? [outcome, bookingOfferReply(messages, deps.clinic, deps.callbackChoice ? [deps.callbackChoice] : [], words.bookingOffer)] : [outcome];
  }

  const restartWord = (input: TurnInput): string => (input.plainChannel ? messages.restartWordSms : messages.restartWord);

  async function afterStep(holder: Holder, state: TriageState, step: Step, input: TurnInput, repeat: boolean): Promise<Reply[]> {
    if (step.kind === 'question') {
      // A question explained once is not explained again when it is asked again: asked what it means again, it is unclear.
      const explained = holder.triage?.explained === step.id ? { explained: step.id } : {};
      holder.triage = { session: state, askedAt: input.now.toISOString(), ...explained };
      return [questionReply(step, repeat)];
    }
    delete holder.triage;
    if (step.level === 'emergency') holder.emergencyAt = input.now.toISOString();
    holder.lastOutcome = { level: step.level, reasons: step.reasons, answers: state.answers, protocol: step.protocol };
    holder.outcomeAfter = state.replied?.[state.replied.length - 1];
    delete holder.urgentBookingNoted;
    holder.outcomeJustGiven = true;
    if (!holder.noMemory) await deps.checkMemory.put(input.userKey, { lastCheckAt: input.now, level: step.level, protocolVersion: step.protocol });
    return outcomeReplies(step.level, step.reasons, step.protocol);
  }

  return {
    async checkSafety(holder: Holder, text, input) {
      // An answer to the warning-sign question is read as that answer, with its own rule's reason: only crisis is screened.
      // "I went to the ER, they said it was a dislocation and put it back": after the emergency answer, a story of having been
      // seen tells of the sign it was, not of a new one.
      const seenSince = holder.emergencyAt !== undefined && toldBeenSeen(protocol, text);
      const { concern, urgentSigns, doctorSigns } = screen(protocol, text, ctx(input), { emergency: holder.triage?.session.pending !== 'red_flags' && !seenSince });
      // Clinic staff writing about a patient ("KN-1234 says she wants to end it all") are told what to do for that person;
      // their chat is not held on the emergency advice, so the desk's commands go on working.
      if (input.staff && concern === 'emergency') {
        const { level, reasons, protocol: version } = emergencyMessageOutcome(protocol);
        return { replies: [{ text: protocol.messages.emergencyStaff, tone: 'danger', entity: { type: 'triage.outcome', level, reasons, protocol: version } }], final: true };
      }
      if (input.staff && (concern === 'crisis' || concern === 'possibleCrisis')) {
        return { replies: [{ text: protocol.messages.crisisStaff, tone: 'danger', entity: { type: 'safety.crisis' } }], final: concern === 'crisis' };
      }
      const crisis: Reply = { text: protocol.messages.crisis, tone: 'danger', entity: { type: 'safety.crisis' } };
      if (concern === 'crisis') {
        // The check waits: the next message is not counted as an unclear answer.
        if (holder.triage) holder.triage.paused = true;
        return { replies: [crisis], final: true };
      }
      if (concern === 'possibleCrisis') return { replies: [crisis], final: false, urgentSigns };
      if (concern !== 'emergency') return urgentSigns || doctorSigns ? { replies: [], final: false, urgentSigns, doctorSigns } : undefined;
      delete holder.triage;
      holder.emergencyAt = input.now.toISOString();
      const outcome = emergencyMessageOutcome(protocol);
      return { replies: outcomeReplies(outcome.level, outcome.reasons, outcome.protocol), final: true };
    },

    urgentSignsReply() {
      return { text: protocol.messages.urgentSigns, tone: 'warning' };
    },

    signNotedReply() {
      return { text: protocol.messages.signNotedInCheck, tone: 'warning' };
    },

    async lateSigns(holder: Holder, value, input) {
      if (holder.triage || holder.emergencyAt) return undefined;
      const codes = codesAnswer(questionById(protocol, 'red_flags'), value);
      const signs = Array.isArray(codes) ? answerFragment('red_flags', codes.filter((code) => code !== 'none')) : null;
      if (!signs) return undefined;
      const base = holder.lastOutcome?.answers ?? {};
      const answers = withAnswer(base, signs);
      if (holder.lastOutcome && levelRank(evaluate(protocol, answers, []).level) >= levelRank(holder.lastOutcome.level)) return undefined;
      const replies = await this.start(holder, input, undefined, answers);
      const asks = asksCheckQuestion(replies);
      return holder.lastOutcome ? [{ text: asks ? messages.outcomeCorrected : messages.outcomeChanged }, ...replies] : replies;
    },

    signsSummary(text, input, base) {
      const answers = withAnswer(base?.answers ?? {}, extractVolunteered(protocol, text, ctx(input)));
      const { level, reasons } = evaluate(protocol, answers, []);
      // Against the outcome as given (with any answers left unclear), not as its answers alone would give it.
      if (base && levelRank(level) >= levelRank(base.level)) return undefined;
      return { level, reasons, answers, protocol: protocol.version };
    },

    active: (holder: Holder) => holder.triage !== undefined,

    asksOwnSign: (text) => asksAboutOwnSign(protocol, text),

    expire(holder: Holder, input, text) {
      const askedAt = holder.triage?.askedAt;
      if (!askedAt || input.now.getTime() - Date.parse(askedAt) < protocol.checkExpiresAfterHours * 3_600_000) return [];
      // "5" (the calf) to the warning-sign list, hours late: a sign told is never set aside; the check goes on with it.
      if (holder.triage?.session.pending === 'red_flags' && text) {
        const signs = interpretAnswer(protocol, 'red_flags', text, ctx(input)).answers.red_flags ?? [];
        if (signs.some((sign) => sign !== 'none')) return [];
      }
      delete holder.triage;
      return [{ text: protocol.messages.checkExpired }];
    },

    toldIn: (text, input) => extractVolunteered(protocol, text, ctx(input)),

    followsUpEarlierCheck(text) {
      return besidesEarlierCheck(protocol, text);
    },

    toldNeedsToday(text, input) {
      const told = volunteeredWithInjury(protocol, text, ctx(input));
      return told !== undefined && levelRank(evaluate(protocol, told, []).level) <= levelRank('urgent');
    },

    outcomeExplained(holder: Holder, text, outcomeJustGiven) {
      return outcomeJustGiven && asksWhatItMeans(protocol, text) ? this.outcomeAgain(holder) : undefined;
    },

    outcomeWhy(holder: Holder, text, outcomeJustGiven) {
      const last = holder.lastOutcome;
      if (!outcomeJustGiven || !last || holder.triage || !asksWhy(protocol, text)) return undefined;
      // The outcome's own reason sentences (none when the pain has gone: its headline said so).
      const { why } = outcomeWords(protocol, last);
      if (why.length === 0) return undefined;
      // "what does that mean?" after it still asks about the outcome.
      holder.outcomeJustGiven = true;
      return [{ text: fill(messages.outcomeWhy, { why: why.join(' ') }) }];
    },

    outcomeAgain(holder: Holder) {
      const last = holder.lastOutcome;
      return last ? outcomeReplies(last.level, last.reasons, last.protocol) : undefined;
    },

    async correctOutcome(holder: Holder, text, input, onlyAsks) {
      const last = holder.lastOutcome;
      if (!last || holder.triage || holder.emergencyAt) return undefined;
      // On SMS, "oh and 11" after the outcome adds option 11 to the list answered last.
      const added = input.plainChannel && holder.outcomeAfter ? addedOptionAnswers(protocol, last.answers, holder.outcomeAfter, text) : null;
      const answers = added ?? correctedAnswers(protocol, last.answers, text, ctx(input), holder.outcomeAfter, { onlyAsks });
      if (!answers) return undefined;
      const replies = await this.start(holder, input, undefined, answers);
      // With nothing left to ask (a fever told after a hot, swollen knee's outcome), the new advice follows at once.
      const asks = asksCheckQuestion(replies);
      return [{ text: asks ? messages.outcomeCorrected : messages.outcomeChanged }, ...replies];
    },

    async start(holder: Holder, input, openingText, told) {
      const memory = await deps.checkMemory.get(input.userKey);
      const ageDays = memory ? (input.now.getTime() - memory.lastCheckAt.getTime()) / 86_400_000 : Infinity;
      // Returning means a check in an earlier conversation, or one finished here long enough ago (an SMS thread is one
      // conversation, however many days it spans); a check just finished here is the one remembered, not followed up.
      const returning = ageDays <= protocol.memoryDays && (!holder.lastOutcome || ageDays * 24 >= protocol.returningAfterHours);
      const { state, step } = startSession(protocol, { returning, openingText, told, ctx: ctx(input) });
      const notice: Reply[] = memory || holder.noMemory ? [] : [{ text: protocol.messages.persistence }];
      return [...notice, ...(await afterStep(holder, state, step, input, false))];
    },

    async answer(holder: Holder, textOrCode, input) {
      const session = holder.triage?.session;
      if (!session) return undefined;
      const result = /^[a-z_0-9,]+$/.test(textOrCode)
        ? answerWithCode(protocol, session, textOrCode, ctx(input))
        : answerTurn(protocol, session, textOrCode, ctx(input));
      if (!result.understood) return undefined;
      return afterStep(holder, result.state, result.step, input, false);
    },

    async unclear(holder: Holder, text, input) {
      const session = holder.triage?.session;
      if (!session) return [];
      if (holder.triage?.paused) {
        holder.triage.paused = false;
        return [{ text: fill(protocol.messages.resumeAfterCrisis, { restart: restartWord(input) }) }, ...this.reask(holder, input)];
      }
      const result = answerTurn(protocol, session, text, ctx(input));
      const repeat = result.step.kind === 'question' && result.step.attempt > 1;
      return afterStep(holder, result.state, result.step, input, repeat);
    },

    async back(holder: Holder, input) {
      const session = holder.triage?.session;
      if (!session) return [];
      const back = stepBack(protocol, session);
      if (!back) return this.reask(holder, input);
      return afterStep(holder, back.state, back.step, input, false);
    },

    declines: (text) => declinesToAnswer(protocol, text),

    explain(holder: Holder, text, input) {
      const check = holder.triage;
      const pending = check?.session.pending;
      // "what do you mean?", and "why?" (why ask that): the question's own explanation, which says why it is asked.
      if (!check || !pending || !(asksWhatItMeans(protocol, text) || asksWhy(protocol, text))) return undefined;
      if (check.explained === pending) return 'again';
      check.explained = pending;
      return [{ text: questionById(protocol, pending).explain }, ...this.reask(holder, input)];
    },

    reask(holder: Holder) {
      const session = holder.triage?.session;
      if (!session) return [];
      const step = currentStep(protocol, session);
      return step.kind === 'question' ? [questionReply(step, false)] : [];
    },

    adviceSoFar(holder: Holder) {
      const session = holder.triage?.session;
      if (!session) return [];
      const { level } = evaluate(protocol, session.answers, session.unclear, { returning: session.returning });
      return level === 'urgent' || level === 'emergency' ? [{ text: protocol.messages.stoppedSeenToday, tone: 'warning' }] : [];
    },

    stop(holder: Holder) {
      delete holder.triage;
      delete holder.emergencyAt;
    },

    emergencyHold(holder: Holder, input, text) {
      if (!holder.emergencyAt) return undefined;
      if (input.now.getTime() - Date.parse(holder.emergencyAt) > protocol.emergencyHoldHours * 3_600_000) {
        delete holder.emergencyAt;
        return undefined;
      }
      // Someone who has called 911 or is waiting in the ER is not told to do it again.
      const message = text && toldGettingHelp(protocol, text) ? protocol.messages.emergencyHoldHelpComing : protocol.messages.emergencyHold;
      return [{ text: fill(message, { restart: restartWord(input) }), tone: 'danger' }];
    },

    gettingHelp(holder: Holder, text) {
      if (holder.emergencyAt || !toldGettingHelpNow(protocol, text) || toldBeenSeen(protocol, text)) return undefined;
      const stopped: Reply[] = holder.triage ? [{ text: protocol.messages.checkStoppedForHelp }] : [];
      delete holder.triage;
      return [{ text: protocol.messages.gettingHelpNow, tone: 'warning' }, ...stopped];
    },

    seenSinceEmergency(holder: Holder, text) {
      if (!holder.emergencyAt || !toldBeenSeen(protocol, text)) return undefined;
      delete holder.emergencyAt;
      return { text: protocol.messages.afterBeingSeen };
    },

    beforeBooking(holder: Holder, again = false) {
      const level = holder.lastOutcome?.level;
      if ((level !== 'urgent' && level !== 'doctor') || (holder.urgentBookingNoted && !again)) return [];
      holder.urgentBookingNoted = true;
      return level === 'urgent' ? [{ text: protocol.messages.bookingAfterUrgent, tone: 'warning' }] : [{ text: protocol.messages.bookingAfterDoctor }];
    },

    afterCrisis() {
      return { text: protocol.messages.afterCrisis };
    },
  };
}
