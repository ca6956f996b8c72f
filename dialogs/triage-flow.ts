import type { Answers, TriageState } from '../triage';
import type { TriageSummary } from './booking-summary';
import type { Reply } from './replies';
import type { TurnInput } from './router';

/** The symptom check's part of the conversation data; plain JSON. */
export interface TriageData {
  session: TriageState;
  /** Set by crisis resources: the next message that is not an answer asks the question again gently, uncounted. */
  paused?: boolean;
  /** The question last explained: asked what it means again, the reply counts as an unclear answer. */
  explained?: string;
  /** When the question waiting was asked (ISO): a check left long enough is set aside. */
  askedAt?: string;
}

/** What the check keeps in the conversation beside its session. */
export interface TriageHolder {
  triage?: TriageData;
  emergencyAt?: string;
  lastOutcome?: { level: string };
  urgentBookingNoted?: boolean;
  /** Set with an outcome for the next message only: "what does that mean?" then asks about the outcome. */
  outcomeJustGiven?: boolean;
  /** "Don't remember me": no check's result is kept from this conversation, and the notice that it would be is not said. */
  noMemory?: boolean;
}

/** The symptom check as the router sees it: safety screening, start, answers, re-asks, stop. */
export interface TriageFlow {
  /**
   * Crisis resources or the emergency answer for a message that needs them, before anything else: `final` replies are
   * the whole turn; others (crisis talk only the model reads) go first and the turn goes on.
   */
  /**
   * `urgentSigns`: the message tells warning signs that need to be seen today ("my calf is swollen and red"); `doctorSigns`:
   * signs of one's own that need a doctor ("I had a knee injection 2 weeks ago").
   */
  checkSafety(data: TriageHolder, text: string, input: TurnInput): Promise<{ replies: Reply[]; final: boolean; urgentSigns?: boolean; doctorSigns?: boolean } | undefined>;
  /** Said when warning signs that need to be seen today come in the middle of something else (a call-back request). */
  urgentSignsReply(): Reply;
  /** Said before the question again when a warning sign is told beside a question in the middle of the check. */
  signNotedReply(): Reply;
  /**
   * Warning signs ticked on the list's card after the check has ended (it stays live in Web Chat and Teams): the check
   * again with them and the last answers, when they make the outcome more serious or no check was finished; undefined
   * for a value that is no warning sign, or changes nothing.
   */
  lateSigns(data: TriageHolder, value: string, input: TurnInput): Promise<Reply[] | undefined>;
  /**
   * The signs a message tells, weighed as the check weighs them, with the answers of `base` (an earlier outcome):
   * a summary when they make the outcome more serious than `base`'s, for staff to see; undefined otherwise.
   */
  signsSummary(text: string, input: TurnInput, base?: TriageSummary): TriageSummary | undefined;
  active(data: { triage?: TriageData }): boolean;
  /** "is it normal that it wakes me up at night?": a question about a sign of one's own, which tells it. */
  asksOwnSign(text: string): boolean;
  /** A check left unfinished past the protocol's hours, set aside: the words that say so, or none. */
  expire(data: { triage?: TriageData }, input: TurnInput, text: string): Reply[];
  /** `told`: answers read earlier by `toldIn`, kept until the check was taken up. */
  start(data: { triage?: TriageData }, input: TurnInput, openingText: string | undefined, told?: Answers): Promise<Reply[]>;
  /** What a message tells that the check asks (duration, where it hurts...), as answers: nothing of the message's words is kept. */
  toldIn(text: string, input: TurnInput): Answers;
  /** An injury told with what makes it one to be seen today or sooner (no weight on the leg, fast swelling, 55 or over). */
  toldNeedsToday(text: string, input: TurnInput): boolean;
  /**
   * "Hey, I used this a couple of weeks ago for my knee, it's about the same": a message that follows up an earlier check,
   * as what it says besides ('' when nothing); undefined when it tells of no earlier check.
   */
  followsUpEarlierCheck(text: string): string | undefined;
  /** The replies for an answer to the pending question, or undefined when the message is not an answer. */
  answer(data: { triage?: TriageData }, textOrCode: string, input: TurnInput): Promise<Reply[] | undefined>;
  /** Counts an answer that was not understood, and asks again or moves on as the protocol says. */
  unclear(data: { triage?: TriageData }, text: string, input: TurnInput): Promise<Reply[]>;
  reask(data: { triage?: TriageData }, input: TurnInput): Reply[];
  /**
   * For "what do you mean?" or "what counts as swollen?": what the waiting question means, and the question again;
   * 'again' when it was explained already (the reply is then an unclear answer, so the check cannot go round for ever).
   */
  explain(data: { triage?: TriageData }, text: string, input: TurnInput): Reply[] | 'again' | undefined;
  /** Right after an outcome, "what does that mean?", "I don't understand": the outcome again; undefined otherwise. */
  outcomeExplained(data: TriageHolder, text: string, outcomeJustGiven: boolean): Reply[] | undefined;
  /** "why?" just after the outcome: the reasons it was given, in plain words (the outcome is not given again). */
  outcomeWhy(data: TriageHolder, text: string, outcomeJustGiven: boolean): Reply[] | undefined;
  /** "I don't know", "rather not say": a reply that gives no answer, whatever its form. */
  declines(text: string): boolean;
  /** "Go back": the question answered last, asked again (the first question asked again if none was). */
  back(data: { triage?: TriageData }, input: TurnInput): Promise<Reply[]>;
  /** The check's answers so far, when they already say to be seen today: that advice, for a check stopped before its end. */
  adviceSoFar(data: TriageHolder): Reply[];
  /** Ends the check, and the hold after an emergency answer. */
  stop(data: TriageHolder): void;
  /** For some hours after the emergency answer, the reply to any message but starting over; undefined once it has passed. */
  emergencyHold(data: TriageHolder, input: TurnInput, text?: string): Reply[] | undefined;
  /**
   * "I'm calling 911 now", "we're in the ER waiting room", with no emergency answer before: says that is the right place,
   * and stops the check; undefined for any other message, and during the hold (which has its own answer).
   */
  gettingHelp(data: TriageHolder, text: string): Reply[] | undefined;
  /** During the hold, a message that tells of having been seen since ("I went to the ER, they said..."): ends the hold, and says so. */
  seenSinceEmergency(data: TriageHolder, text: string): Reply | undefined;
  /** Said before a booking offer: after an urgent outcome, that physio does not replace being seen today. */
  beforeBooking(data: TriageHolder, again?: boolean): Reply[];
  /**
   * After an outcome in this conversation, "sorry, I meant 3 weeks not 3 days": the check again with the answer put right
   * and the others kept (the warning signs asked again); undefined when the message puts nothing right. `onlyAsks` tells,
   * when it is needed, whether every clause of the message asks (then it tells no warning sign).
   */
  correctOutcome(data: TriageHolder & { triage?: TriageData }, text: string, input: TurnInput, onlyAsks: () => boolean): Promise<Reply[] | undefined>;
  /** "What should I do now?" after an outcome in this conversation: its advice again; undefined when there is none. */
  outcomeAgain(data: TriageHolder & { lastOutcome?: { level: string; reasons: string[]; protocol: string } }): Reply[] | undefined;
  /** The answer to "ok" or "thanks" just after crisis resources. */
  afterCrisis(): Reply;
}
