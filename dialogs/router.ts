import type { KnowledgeBase } from '../knowledge/topics';
import type { Messages } from '../knowledge/messages';
import { fill } from '../knowledge/messages';
import type { Matcher, MatchResult } from '../matcher/matcher';
import type { LanguageReader } from '../matcher/language';
import { IntentText, type IntentReader } from './intents';
import { asksCheckQuestion, type Choice, type Reply } from './replies';
import { answerReply, followUpChoices, foreignLanguageReply, noMatchReply, suggestionsReply, withClinic } from './faq';
import type { ClinicFacts } from './clinic';
import type { TriageData, TriageFlow } from './triage-flow';
import { CALLBACK_VALUE, type BookingData, type BookingFlow } from './booking';
import type { TriageSummary } from './booking-summary';
import type { Answers } from '../triage';
import type { StaffDesk } from '../staff/desk';
import type { StaffIdentity } from '../staff/identity';
import { readOptionNumber, type OptionNumberWords } from '../triage/option-number';

/** Everything the conversation keeps between turns; plain JSON. */
export interface ConversationData {
  /** The choices last offered, so a number or a label typed back picks one. */
  choices?: Choice[];
  lastTopicId?: string;
  detailShown?: boolean;
  triage?: TriageData;
  booking?: BookingData;
  /** The last outcome of a check in this conversation, handed to a call-back request. */
  lastOutcome?: TriageSummary;
  /** When the emergency answer was given (ISO time): for some hours, every message gets the emergency advice again. */
  emergencyAt?: string;
  /** The check's: told since the last outcome that physio does not replace being seen today (or seeing a doctor first). */
  urgentBookingNoted?: boolean;
  /** The last turn gave crisis resources: "ok" or "thanks" now is an answer to them, not a request. */
  afterCrisis?: boolean;
  /** The last turn had no answer: a follow-on to it ("how is it treated?") has none either. */
  afterNoMatch?: boolean;
  /** The check's: the last turn gave its outcome, so "what does that mean?" asks about it. */
  outcomeJustGiven?: boolean;
  /** The reference of the call-back request made in this conversation (the booking dialog's). */
  callbackReference?: string;
  /** The booking dialog's: the call-back was refused in the last turn. */
  callbackRefused?: boolean;
  /**
   * What a question asked beside one's own symptoms told the check ("how long does it last? mine's hurt for 3 weeks"),
   * as answers (codes, not words): for the next turn only, if the check offered with the answer is taken up.
   */
  toldBeforeCheck?: Answers;
  /** "Call me back" was asked with the check open, and the check kept: asked again, the call-back is taken. */
  callbackAsked?: boolean;
  /** "Don't remember me": no check's result is kept from this conversation. */
  noMemory?: boolean;
}

export interface TurnInput {
  text: string;
  /** A button's value, when the person pressed one. */
  value?: string;
  /** The message had attachments but no text. */
  attachmentsOnly?: boolean;
  /** The text was cut to the length limit. */
  truncated?: boolean;
  /** When the text was cut: more of the message, for the safety screen (an emergency told at the end of a long story). */
  screenText?: string;
  /** The channel offers no buttons and cannot take "cancel" (SMS). */
  plainChannel: boolean;
  /** The bot has not welcomed this conversation yet (its welcome goes out with this reply). */
  firstContact: boolean;
  /** A keyed hash of the person's channel id. */
  userKey: string;
  now: Date;
  /** With the conversation id, lets a redelivered message find its request instead of making a second. */
  activityId?: string;
  /** `<channel id>/<conversation id>`. */
  conversationId?: string;
  channelId?: string;
  /** SMS only: the sender's number, offered for confirmation in a call-back request, kept only if confirmed. */
  smsSender?: string;
  /** Set only for clinic staff, as the activity contract defines them. */
  staff?: StaffIdentity;
}

export interface ConversationDeps {
  kb: KnowledgeBase;
  matcher: Matcher;
  messages: Messages;
  intents: IntentReader;
  clinic: ClinicFacts;
  triage: TriageFlow;
  booking: BookingFlow;
  staffDesk: Pick<StaffDesk, 'handle'>;
  /** Keeps the words of a question the knowledge base could not answer (no identity), for the clinic. */
  recordUnanswered?: (text: string, band: 'none' | 'suggest', at: Date) => Promise<void>;
  /** Forgets everything stored about a person (check memory, and later their requests). */
  forgetPerson(userKey: string): Promise<void>;
  /** Forgets the person's last check only (what "don't remember me" asks), leaving their call-back requests. */
  forgetCheck?: (userKey: string) => Promise<void>;
  /** Withdraws a person's call-back requests ("cancel my call-back"); how many there were. */
  withdrawCallbacks?: (userKey: string) => Promise<number>;
  /** Days a call-back request is kept (RETENTION_DAYS), told when someone asks what is kept. */
  retentionDays: number;
  /** The words around an option's number in a reply to a numbered SMS list ("option 2", "two"). */
  optionWords?: OptionNumberWords;
  /** Tells a message written in another language, which gets "I can only answer in English" in that language too. */
  readLanguage?: LanguageReader;
  /** What is stored about a person now: when their last check was (remembered for the follow-up), and their call-back requests. */
  heldAbout?: (userKey: string) => Promise<HeldData>;
  /** The clinic's time zone, for dates said back to a person. */
  timeZone?: string;
}

export interface HeldData {
  lastCheckAt?: Date;
  /** References of call-back requests that still hold the person's details. */
  callbacks: string[];
}

/** "call the clinic at 416-555-0100" where a number is configured, "contact the clinic" where none is. */
function clinicContact(deps: Pick<ConversationDeps, 'clinic' | 'messages'>): string {
  return deps.clinic.phone ? fill(deps.messages.callClinicAt, { phone: deps.clinic.phone }) : deps.messages.contactClinic;
}

/** A reply that is only an option's number: "1", "#2", "3)". */
const BARE_NUMBER = /^#?\d{1,2}[.)]?$/;

export function welcomeReplies(deps: Pick<ConversationDeps, 'messages' | 'clinic'>): Reply[] {
  const text = fill(deps.messages.welcome, { clinic: deps.clinic.name ?? '' }).replace(/\s{2,}/g, ' ');
  return [{ text, choices: deps.messages.welcomeChoices }];
}

/** Runs one message turn: safety first, then commands, then the active check, then the FAQ. */
export async function handleMessage(deps: ConversationDeps, data: ConversationData, input: TurnInput): Promise<Reply[]> {
  const { messages, intents, triage } = deps;
  const restart = input.plainChannel ? messages.restartWordSms : messages.restartWord;
  const say = (template: string): Reply => ({ text: fill(template, { restart, contact: template.includes('{contact}') ? clinicContact(deps) : undefined }) });
  const text = input.text.trim();
  // Staff messages are no gaps in the knowledge base: they can name patients' requests.
  const recordGap = async (said: string, band: 'none' | 'suggest', at: Date): Promise<void> => {
    if (!input.staff) await deps.recordUnanswered?.(said, band, at);
  };
  const picked = input.value ?? pickChoice(data.choices, text, !triage.active(data), input.plainChannel ? deps.optionWords : undefined);
  // "ok" or "yes" starts the check only when the last reply offered it.
  const checkOffered = data.choices?.some((c) => c.value === 'triage:start') ?? false;
  // "yes" to the booking offer asks for the one thing it offers to do here: a call-back.
  const callbackOffered = data.choices?.some((c) => c.value === CALLBACK_VALUE) ?? false;
  data.choices = undefined;
  const afterCrisis = data.afterCrisis === true;
  delete data.afterCrisis;
  const toldBeforeCheck = data.toldBeforeCheck;
  delete data.toldBeforeCheck;
  const afterNoMatch = data.afterNoMatch === true;
  delete data.afterNoMatch;
  const outcomeJustGiven = data.outcomeJustGiven === true;
  delete data.outcomeJustGiven;

  const replies: Reply[] = input.truncated ? [say(messages.tooLong)] : [];
  // The call-back, with the reminder that physio does not replace being seen today after an urgent outcome.
  // A request that tells of a child's knee ("my daughter (14)...") asks a parent or guardian to agree.
  // `childTold`: a check stopped for the call-back had heard of a child ("my daughter (14)...").
  // A request still with the clinic from an earlier conversation is told of before another is made.
  const startCallback = async (childTold = false): Promise<Reply[]> => [
    ...triage.beforeBooking(data),
    ...(await deps.booking.start(data, input, data.lastOutcome, childTold || (text.length > 0 && triage.toldIn(text, input).age === 'child'), text, data.callbackReference ? [] : await heldCallbacks())),
  ];
  // Booking asked for in the middle of the check: the ways to book, and the check kept open, as its last questions can
  // tell that a booking is not soon enough (a knee that cannot bear weight after a fall is seen today).
  // By SMS its options would be numbered like the open question's answers ("2" is a pain score too): words only there.
  const offerWithCheckOpen = (): Reply[] => [
    ...deps.booking.offerReplies().map((offer) => ({ ...offer, choices: undefined })),
    { text: messages.checkStillOpen, choices: input.plainChannel ? undefined : [deps.booking.callbackChoice, ...messages.continueCheckChoices] },
  ];
  // "can't I just see a physio?" after advice to be seen today, or to see a doctor: an answer that offers booking says first
  // that physio can't replace that.
  const careComesFirst = (reply: Reply): Reply[] => [...(reply.choices?.some((c) => c.value === 'booking:offer') ? triage.beforeBooking(data, true) : []), reply];
  /** A message in another language the bot knows: that language's line, which says to call 911 (read only where a sign was told). */
  const inTheirLanguage = (): Reply[] => {
    const language = deps.readLanguage?.(text)?.language;
    return language ? [{ text: language.reply, anyScript: true }] : [];
  };
  /** The references of the person's call-back requests still held. */
  const heldCallbacks = async (): Promise<string[]> => (deps.heldAbout ? (await deps.heldAbout(input.userKey)).callbacks : []);
  const remember = (list: Reply[]): Reply[] => {
    const last = [...list].reverse().find((r) => r.choices?.length);
    data.choices = last?.choices;
    // After a question of the check or its outcome, "how long?" or "tell me more" is not about a topic answered before it.
    if (list.some((r) => r.entity?.type === 'triage.question' || r.entity?.type === 'triage.outcome')) data.lastTopicId = undefined;
    return [...replies, ...list];
  };

  if (!text && !picked) {
    // A card sent with nothing ticked, or an empty message, in the middle of the check or a call-back: the question again.
    const open = triage.active(data) ? triage.reask(data, input) : deps.booking.active(data) ? deps.booking.reask(data, input) : [];
    if (open.length > 0 && !input.attachmentsOnly) return remember([say(messages.emptyAnswer), ...open]);
    return [say(input.attachmentsOnly ? messages.attachmentOnly : messages.emptyMessage)];
  }

  // A check left unfinished for days ("sorry i forgot to finish last week"): its answers may no longer hold.
  const expired = triage.expire(data, input, picked ?? text);
  replies.push(...expired);
  const safety = text ? await triage.checkSafety(data, input.screenText ?? text, input) : undefined;
  // What a check started by this message reads from it: all the safety screen read (a sign told past the length limit too).
  const opening = input.screenText ?? text;
  if (safety?.final) {
    // Crisis resources: a call-back request being taken waits (as the check does). An emergency ends it.
    if (safety.replies.some((r) => r.entity?.type === 'safety.crisis')) {
      data.afterCrisis = true;
      deps.booking.pause(data);
      return remember(safety.replies);
    }
    // Said, so no one waits for a call that will not come.
    const notSent = deps.booking.active(data) && !input.staff ? [say(messages.callbackNotSent)] : [];
    deps.booking.stop(data);
    // "el pie está frío y azul": the emergency answer, after a line in the writer's language that says to call 911.
    return remember([...inTheirLanguage(), ...safety.replies, ...notSent]);
  }
  // Crisis talk only the model reads: the resources first, then the reply the message would have had.
  if (safety) replies.push(...safety.replies);
  // "Me caí y no puedo caminar": signs to be seen today, told in another language, get that language's line first.
  if (safety?.urgentSigns) replies.unshift(...inTheirLanguage());

  if (input.staff) {
    const staffReplies = await deps.staffDesk.handle(text, picked, input.staff);
    if (staffReplies) return remember(staffReplies);
  }

  // Normalised once, when first needed, for every reading of intent below.
  const said = new IntentText(text);
  const pickedCommand = picked && !picked.startsWith('topic:') ? picked : undefined;
  const exact = pickedCommand ? undefined : intents.exact(said);
  const command = pickedCommand ?? exact ?? intents.contained(said);
  // After the emergency answer, nothing but starting over (or deleting one's data) gets anything else for a while.
  const leaving = command === 'cancel' || command === 'restart' || command === 'deleteData' || command === 'data:delete';
  // "I went to the ER and they said it's bursitis, can I book physio now?": the hold is over, and the message is read as any other.
  const seen = leaving ? undefined : triage.seenSinceEmergency(data, text);
  if (seen) replies.push(seen);
  const hold = leaving ? undefined : triage.emergencyHold(data, input, text);
  // "what do you keep about me?" is answered even then, with the emergency advice again after it.
  if (hold) return remember(command === 'privacy' ? [say(await privacyText(deps, input)), ...hold] : hold);
  // "I'm calling 911 now", "we're in the ER waiting room": the right place; the check stops, and nothing is counted unclear.
  // ("Should I be calling 911?" asks, and is answered as a question.)
  const helpComing = leaving || picked || intents.isQuestion(said) ? undefined : triage.gettingHelp(data, text);
  if (helpComing) return remember(helpComing);
  // "No thanks" to the call-back's consent, then "actually yes, go ahead".
  // Asked every turn, so the chance passes even when a button is pressed instead.
  const changedMind = deps.booking.changedMind(data, picked ? '' : text, input, data.lastOutcome);
  if (changedMind) return remember(changedMind);
  // While a call-back request is being taken, every answer goes to it ("call me back after 5" is a time, not a request),
  // but warning signs told meanwhile are answered first: they should be seen today, not at the call-back.
  if (deps.booking.active(data) && safety?.urgentSigns && !picked) {
    // Staff see the signs, and the request is marked as one to be seen today.
    const signs = triage.signsSummary(text, input, deps.booking.summary(data));
    if (signs) deps.booking.noteSigns(data, signs);
    return remember([triage.urgentSignsReply(), ...deps.booking.reask(data, input)]);
  }
  if (deps.booking.active(data)) {
    // "cancel my call-back request" as a whole message stops it; "don't call me before 5" is a time.
    const stops = command === 'cancel' || command === 'restart' || (!picked && (exact === 'cancelCallback' || deps.booking.withdraws(said.norm)));
    // A request already made stands: stopping this one must not read as withdrawing it.
    if (stops) return remember(deps.booking.cancel(data, await heldCallbacks()));
    // "hold on", "let me think": never a name or a time.
    if (command === 'wait') return remember([say(messages.takeYourTime), ...deps.booking.reask(data, input)]);
    if (command === 'help') return remember(deps.booking.help(data, input));
    // "what do you keep about me?", "are you a real person?" asked at a question: answered, then the question again.
    if (!picked && command === 'privacy') return remember([say(await privacyText(deps, input)), ...deps.booking.reask(data, input)]);
    if (!picked && command === 'identity') return remember([say(messages.identity), ...deps.booking.reask(data, input)]);
    // "thanks" or "ok" to the crisis resources: a kind word first, then the request that waits.
    const care = afterCrisis && deps.booking.paused(data) && (command === 'yes' || command === 'no' || command === 'thanks' || command === 'goodbye') ? [triage.afterCrisis()] : [];
    if (command !== 'deleteData' && command !== 'data:delete') return remember([...care, ...(await deps.booking.answer(data, text, picked, input))]);
  }
  // Warning signs that need to be seen today, told beside a question or a request to book ("what stretches help? my
  // knee is hot and swollen"): the check comes first, and its outcome says where to go.
  // An animal's signs ("my dog's leg is hot and swollen", "my dog had surgery on his leg") are a vet's, not the check's.
  const urgentFirst =
    safety?.urgentSigns === true && !picked && !triage.active(data) && (command === undefined || command === 'booking' || command === 'callback') && !intents.aboutAnAnimal(said);
  // "Before I answer that" only where something was asked: "my knee keeps locking" asks nothing.
  if (urgentFirst) return remember([say(command === undefined && !intents.asksSomewhere(said) ? messages.urgentFirstReport : messages.urgentFirst), ...(await triage.start(data, input, opening))]);
  // "I had a knee injection 2 weeks ago, is it ok to run?": what a doctor or the surgeon should see first is the check's to say.
  // Not "my back hurts at night": the check is of a knee, and that message tells of another part.
  if (safety?.doctorSigns && !picked && !triage.active(data) && command === undefined && !outcomeJustGiven && !intents.aboutAnotherPart(said) && !intents.aboutAnAnimal(said)) {
    return remember([...(intents.asksSomewhere(said) ? [say(messages.checkFirst)] : []), ...(await triage.start(data, input, opening))]);
  }
  if (command === undefined && !picked) {
    const change = deps.booking.afterRequest(data, text, said.norm, clinicContact(deps));
    if (change) return remember(change);
    // "sorry, I meant 3 weeks not 3 days" after the outcome: the advice should fit the facts.
    const corrected = await triage.correctOutcome(data, text, input, () => intents.onlyAsks(said) && !triage.asksOwnSign(text));
    if (corrected) return remember(corrected);
    // "what does that mean?" just after the outcome asks about the outcome, not about runner's knee.
    // "why?" just after it asks why: the reasons, not the whole outcome again.
    const why = triage.outcomeWhy(data, text, outcomeJustGiven);
    if (why) return remember(why);
    const explained = triage.outcomeExplained(data, text, outcomeJustGiven);
    if (explained) return remember(explained);
  }
  switch (command) {
    case 'cancel':
    case 'restart': {
      const wasActive = triage.active(data);
      // "start over" in the middle of the check starts it again (after crisis resources, it stops the paused check, as they say).
      const again = wasActive && command === 'restart' && !data.triage?.paused;
      // Stopped with answers that already say to be seen today, the person is told so.
      const advice = wasActive && !again ? triage.adviceSoFar(data) : [];
      triage.stop(data);
      if (again) return remember([say(messages.checkRestarted), ...(await triage.start(data, input, undefined))]);
      if (wasActive) return remember([...advice, { ...say(messages.checkCancelled), choices: messages.welcomeChoices }]);
      return remember([say(command === 'restart' ? messages.restarted : messages.nothingToCancel)]);
    }
    case 'help':
      if (triage.active(data)) return remember([say(messages.helpInCheck), ...triage.reask(data, input)]);
      return remember([{ ...say(messages.help), choices: messages.welcomeChoices }]);
    case 'deleteData':
    case 'data:delete': {
      await deps.forgetPerson(input.userKey);
      // The emergency advice goes on for its hours: deleting one's data does not make an emergency told an hour ago safe.
      const emergencyAt = data.emergencyAt;
      for (const key of Object.keys(data) as (keyof ConversationData)[]) delete data[key];
      if (emergencyAt) data.emergencyAt = emergencyAt;
      return remember([{ ...say(messages.dataDeleted), entity: { type: 'privacy.deleted' } }]);
    }
    case 'noMemory': {
      // "don't remember my results please": kept to this conversation, and the check goes on where it was.
      data.noMemory = true;
      await deps.forgetCheck?.(input.userKey);
      return remember([say(messages.noMemory), ...(triage.active(data) ? triage.reask(data, input) : [])]);
    }
    case 'booking':
      // "my knee is sore, should I book a physio?" asks whether to book: the check is what answers that.
      if (!picked && !triage.active(data) && intents.asksWhetherToBook(said) && intents.symptomReport(said) === 'own') return remember(await triage.start(data, input, opening));
      if (triage.active(data)) return remember(offerWithCheckOpen());
      return remember([...triage.beforeBooking(data), ...deps.booking.offerReplies()]);
    case 'booking:offer':
      if (triage.active(data)) return remember(offerWithCheckOpen());
      return remember([...triage.beforeBooking(data), ...deps.booking.offerReplies()]);
    case 'skip':
      // "next question please", "skip": no answer to the question asked, counted as one (asked again, then the check goes
      // on without it), so it cannot go round for ever.
      if (triage.active(data)) return remember(await triage.unclear(data, text, input));
      break;
    case 'resume':
    case 'triage:resume':
      if (triage.active(data)) return remember(triage.reask(data, input));
      // "continue the check" with none open starts one; a bare "continue" is read as anything else would be.
      if (command === 'triage:resume' || /\bcheck\b/.test(said.norm)) return remember(await triage.start(data, input, undefined));
      break;
    case 'callback':
    case 'booking:callback': {
      // "can someone call me back?" typed in the middle of the check: its last questions can tell that a call is not soon
      // enough, so it stays open; asked again (or the button pressed), the call-back it is. Told of one's own knee before
      // any check ("call me today, my knee is really bad"), the check comes first, and can be skipped the same way.
      const again = data.callbackAsked === true;
      delete data.callbackAsked;
      if (command === 'callback' && !again && triage.active(data)) {
        data.callbackAsked = true;
        return remember([{ text: messages.callbackCheckOpen, choices: input.plainChannel ? undefined : [deps.booking.callbackChoice, ...messages.continueCheckChoices] }]);
      }
      if (command === 'callback' && !again && !data.lastOutcome && intents.symptomReport(said) === 'own') {
        data.callbackAsked = true;
        deps.booking.noteWriter(data, text);
        return remember([say(messages.callbackCheckFirst), ...(await triage.start(data, input, opening))]);
      }
      const childTold = data.triage?.session.answers.age === 'child';
      triage.stop(data);
      return remember(await startCallback(childTold));
    }
    case 'cancelCallback': {
      const withdrawn = (await deps.withdrawCallbacks?.(input.userKey)) ?? 0;
      delete data.callbackReference;
      return remember([say(withdrawn > 0 ? messages.callbacksWithdrawn : messages.noCallbacks)]);
    }
    case 'privacy':
      return remember([say(await privacyText(deps, input))]);
    case 'appointmentStatus': {
      // "is my appointment booked?" after a call-back request: it is not an appointment, and the bot says so.
      const callbacks = await heldCallbacks();
      if (callbacks.length > 0) return remember([{ text: fill(messages.callbackNotAppointment, { references: callbacks.join(', '), contact: clinicContact(deps) }) }]);
      return remember([{ ...say(messages.noAppointmentHeld), choices: [deps.booking.callbackChoice] }]);
    }
    case 'identity':
      return remember([{ ...say(messages.identity), choices: messages.welcomeChoices }]);
    case 'triage':
    case 'triage:start':
      // "ok let's do the check" with one open goes on with it: its answers are kept, and its notice not said again.
      if (triage.active(data)) return remember(triage.reask(data, input));
      // Typed ("did the knee check on the 10th, it's worse now, been going on since Halloween"), what else it tells is read too.
      return remember(await triage.start(data, input, command === 'triage' && !picked ? opening : undefined, toldBeforeCheck));
    case 'dismiss':
    case 'none-of-these':
      return remember([{ text: messages.dismissed, choices: messages.noMatchChoices }]);
  }

  // "sorry i forgot to finish last week, knee is worse now": the check set aside starts again, with this message as its opening.
  if (expired.length > 0 && command === undefined && !picked && !intents.isQuestion(said)) return remember(await triage.start(data, input, opening));
  if (triage.active(data)) {
    const answered = await triage.answer(data, picked ?? text, input);
    if (answered) return remember(answered);
    if (command === 'back') return remember(await triage.back(data, input));
    // "hold on", "thanks", "hi" are not answers: the question waits for one, and they are not counted as unclear. "Hold on.
    // Do you take insurance?" asks something as well: it is answered below.
    const asks = intents.isQuestion(said);
    if ((command === 'wait' || command === 'thanks' || command === 'greeting') && !asks) return remember([say(messages.takeYourTime), ...triage.reask(data, input)]);
    // "bye", "gotta go": not an answer either; the check waits for them.
    if (command === 'goodbye') return remember([say(messages.goodbyeInCheck)]);
    const explained = triage.explain(data, text, input);
    if (explained === 'again') return remember(await triage.unclear(data, text, input));
    if (explained) return remember(explained);
    // "is it normal that my calf is red and swollen?": a warning sign of one's own, told as a question, is told all the same.
    // The check takes it before any answer, and says so while it still has questions to ask.
    if (asks && !picked && (safety?.urgentSigns || triage.asksOwnSign(text))) {
      const noted = await triage.unclear(data, text, input);
      return remember(asksCheckQuestion(noted) ? [triage.signNotedReply(), ...noted] : noted);
    }
    // A question in the middle of the check is not an unclear answer: answer it if we can, then ask again. But "I don't
    // know, I can't remember if it did or not" and "why does that matter?" are replies to the question: unclear ones.
    if (asks && !triage.declines(text)) {
      // "Hold on. Do you take insurance?": when the whole message gets no answer, the sentences that ask are matched without
      // the words around them; not when it names something out of scope ("I tore my ACL. How long will it take?").
      const whole = deps.matcher.match(text);
      const questions = sentencesOf(text).filter((sentence) => intents.isQuestion(sentence));
      const asked = whole.band === 'answer' || whole.outOfScope !== undefined || questions.length === 0 ? undefined : questions.join(' ');
      const match = asked === undefined || asked === text ? whole : deps.matcher.match(asked);
      const topic = match.band === 'answer' && match.topicId ? deps.kb.byId.get(match.topicId) : undefined;
      if (topic) return remember([{ ...answerReply(deps.kb, messages, deps.clinic, topic, match.confidence, { inCheck: true }), choices: [] }, ...triage.reask(data, input)]);
      await recordGap(text, match.band === 'suggest' ? 'suggest' : 'none', input.now);
      return remember([{ text: messages.questionInCheck, entity: { type: 'kb.noMatch' } }, ...triage.reask(data, input)]);
    }
    // "genou enflé et chaud, fièvre 39": a reply in another language gets that language's line (it says to call 911 in an
    // emergency) before the question again.
    const foreign = deps.readLanguage?.(text);
    const unclear = await triage.unclear(data, text, input);
    return remember(foreign ? [foreignLanguageReply(messages, deps.clinic, foreign), ...unclear] : unclear);
  }

  // A warning sign ticked on the list's card after the check has ended: the check again with it.
  if (picked && !triage.active(data)) {
    const late = await triage.lateSigns(data, picked, input);
    if (late) return remember(late);
  }
  if (afterCrisis && (command === 'yes' || command === 'no' || command === 'thanks' || command === 'goodbye')) return remember([triage.afterCrisis()]);
  switch (command) {
    case 'greeting':
      return remember(input.firstContact ? [] : [{ text: messages.greeting, choices: messages.welcomeChoices }]);
    case 'thanks':
      return remember([say(messages.thanks)]);
    case 'goodbye':
      return remember([say(messages.goodbye)]);
    case 'more':
      return remember([moreDetail(deps, data)]);
    case 'yes':
      if (checkOffered) return remember(await triage.start(data, input, undefined, toldBeforeCheck));
      if (callbackOffered) return remember(await startCallback());
      return remember([say(messages.acknowledged)]);
    case 'no':
      return remember([{ text: messages.dismissed }]);
    case 'wait':
    case 'back':
      return remember([say(messages.acknowledged)]);
    case 'canWait': {
      // "can I wait till Monday?", "I can't get there until tomorrow" after advice to be seen today: not a menu, the advice again.
      if (data.lastOutcome?.level !== 'urgent') break;
      return remember([say(messages.dontWait)]);
    }
    case 'whatNow': {
      // "what should I do now?" after the check: its advice again.
      const again = triage.outcomeAgain(data);
      if (again) return remember(again);
      break;
    }
  }

  if (picked?.startsWith('topic:')) {
    const topic = deps.kb.byId.get(picked.slice('topic:'.length));
    if (topic) return remember([answer(deps, data, topic.id, 1)]);
  }

  // "1" with no list to pick from (a first text, or a list long gone): the menu, not a guess at a topic.
  if (!picked && BARE_NUMBER.test(text)) return remember(input.firstContact ? [] : [{ text: messages.pickFromMenu, choices: messages.welcomeChoices }]);
  // "Hey, I used this a couple of weeks ago for my knee. It's about the same": following up an earlier check takes the check
  // up again (someone returning is first asked how the knee is since), unless what else it says asks something ("I used
  // this last week, what cadence should I aim for?").
  const followUp = !picked && command === undefined && !triage.active(data) ? triage.followsUpEarlierCheck(text) : undefined;
  if (followUp !== undefined && !intents.isQuestion(followUp)) return remember(await triage.start(data, input, opening));
  // "went down hard in hockey last night, couldn't put any weight on it and it blew up": an injury told in no one's words,
  // with what makes it one to be seen today, is someone's own.
  const report = intents.symptomReport(said) ?? (triage.toldNeedsToday(text, input) ? 'own' : undefined);
  const match = matchInContext(deps, data, said, text, afterNoMatch);
  const answered = match.band === 'answer' && match.topicId ? deps.kb.byId.get(match.topicId) : undefined;
  // "How much ibuprofen can I take for knee pain?": a question, and only a question, about something the guide does not
  // cover gets the honest no-answer (which offers the check), not a check of a knee no one told of.
  const outsideGuide = report === 'topic' && !answered && match.outOfScope !== undefined && intents.onlyAsks(said);
  // "how much ibuprofen can I take?", "what can I take for the pain?": a pharmacist or a doctor answers that, not a physio
  // booking (one's own symptoms told beside it still get the check).
  const medicine = report !== 'own' && intents.mentionsMedication(said);
  if (!answered && medicine) {
    data.lastTopicId = undefined;
    return remember([{ ...noMatchReply(messages, true), text: say(messages.noMatchMedication).text }]);
  }
  // "I'm on blood thinners, is dry needling safe?": the guide's answer is no answer to what is safe with a medicine.
  if (answered && medicine) return remember([say(messages.medicineCaution), answer(deps, data, answered.id, match.confidence)]);
  // "Does KT tape work? And do you sell knee braces?": each question gets its own answer, and those with none are said to.
  if (report !== 'own' && !medicine) {
    const each = answersToEach(deps, data, text, answered?.id);
    if (each) return remember(each);
  }
  if (report && !outsideGuide) {
    // What the check decides for one's own knee ("my knee is sore, should I be worried?") is the check's to answer.
    const checkDecides = report === 'own' && answered?.checkDecides === true;
    const asks = intents.asksSomewhere(said);
    // An injury told ("I hurt my knee playing hockey last night, can I still walk on it?", "my son fell off his bike and his
    // knee is swollen, should he ice it?"): the check decides how soon it should be seen, before any general answer.
    const told = triage.toldIn(text, input);
    if (answered && told.injury === 'yes') return remember([say(messages.injuryFirst), ...(await triage.start(data, input, opening))]);
    if (answered && !checkDecides && (report === 'topic' || asks)) {
      // A symptom asked about ("does a brace help my knee?", "exercises for knee pain") is answered, with the check among its
      // choices: one numbered list, so a reply "1" by SMS can mean only one thing. What one's own symptoms told is kept
      // for the check, should it be taken up next.
      if (report === 'own' && Object.keys(told).length > 0) data.toldBeforeCheck = told;
      return remember(careComesFirst(answer(deps, data, answered.id, match.confidence, true)));
    }
    // A question about a symptom in general, near some topics but answered by none ("coach here, how do I keep my team from
    // getting kneecap pain?"), gets those topics to choose from: no one's own knee is told for the check to decide on.
    if (!answered && report === 'topic' && match.band === 'suggest' && asks) {
      await recordGap(text, 'suggest', input.now);
      return remember([suggestionsReply(deps.kb, messages, match)]);
    }
    // Asked what the check decides ("my knee has ached for a week, at what point should I see someone?"): the general answer
    // (which signs need care, and how soon), then the check, which tells for their own knee.
    if (checkDecides && asks && answered) {
      const general = answerReply(deps.kb, messages, deps.clinic, answered, match.confidence, { inCheck: true });
      return remember([{ ...general, choices: [] }, say(messages.checkForOwnKnee), ...(await triage.start(data, input, opening))]);
    }
    // Someone telling of their own knee, or of a symptom we have no answer about, gets the check, which decides how urgent it is.
    return remember(await triage.start(data, input, opening));
  }
  if (answered) return remember(careComesFirst(answer(deps, data, answered.id, match.confidence)));
  // Not a gap in the knowledge base: a question the bot could not read.
  const foreign = deps.readLanguage?.(text);
  if (foreign) return remember([foreignLanguageReply(messages, deps.clinic, foreign)]);
  await recordGap(text, match.band === 'suggest' ? 'suggest' : 'none', input.now);
  if (match.band === 'suggest') return remember([suggestionsReply(deps.kb, messages, match)]);
  // "what is jumper's knee?" then "how is it treated?": a follow-on to a question with no answer has none either.
  data.lastTopicId = undefined;
  data.afterNoMatch = true;
  return remember([noMatchReply(messages, match.outOfScope !== undefined && !match.unrelated)]);
}

/**
 * "how often?" after the answer about ice is how often to ice: a short message that leans on the answer before it is
 * read with that topic's title. If that finds no answer, it is not answered as a question of its own about another
 * topic either ("how often?" is not about shoes): the candidates are offered instead.
 */
function matchInContext(deps: ConversationDeps, data: ConversationData, said: IntentText, text: string, afterNoMatch: boolean): MatchResult {
  const match = deps.matcher.match(text);
  if (!deps.intents.followsOn(said)) return match;
  if (afterNoMatch) return { ...match, band: 'none' };
  const last = data.lastTopicId ? deps.kb.byId.get(data.lastTopicId) : undefined;
  // With nothing before it to lean on, "how often?" or "for how long?" is not answered as if it were about one topic.
  if (!last) return match.band === 'answer' && deps.intents.bareFollowOn(said) ? asSuggestions(match) : match;
  // "when can I run again?" says what it asks about, "is it serious?" is answered surely as it is: their own answers
  // stand. "during runs?", "how often?" lean on the last.
  if (match.band === 'answer' && (deps.intents.followOnContent(said) > 1 || match.confidence >= deps.intents.followOnStandsAt)) return match;
  const inContext = deps.matcher.match(`${text.trim().replace(/[?!.]+$/, '')} ${last.title}`);
  if (inContext.band === 'answer') return inContext;
  return match.band === 'answer' && match.topicId !== last.id ? asSuggestions(match) : match;
}

/** An answer not sure enough to give: its best two or three candidates to choose from, as "did you mean" offers. */
function asSuggestions(match: MatchResult): MatchResult {
  return { ...match, band: 'suggest', topicId: undefined, candidates: match.candidates.slice(0, 3) };
}

/** A message's sentences, split after a full stop, a question or an exclamation mark, or at a line break. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.?!])\s+|\n+/).map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * A message of several questions, sentence by sentence: each one's answer when two or more get different ones, or when the
 * whole message got none and one does; undefined when the message is one question or its parts add nothing.
 */
function answersToEach(deps: ConversationDeps, data: ConversationData, text: string, wholeAnswer: string | undefined): Reply[] | undefined {
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return undefined;
  const questions = sentences.filter((sentence) => deps.intents.isQuestion(sentence));
  if (questions.length < 2) return undefined;
  const found = new Map<string, number>();
  let unanswered = 0;
  let lastUnanswered = false;
  for (const question of questions) {
    // "can dogs get a luxating kneecap? what even is that": a question that leans on one with no answer has none either.
    const leans: boolean = lastUnanswered && deps.intents.followsOn(question);
    const match: MatchResult | undefined = leans ? undefined : deps.matcher.match(question);
    const topicId: string | undefined = match?.band === 'answer' ? match.topicId : undefined;
    if (match && topicId) found.set(topicId, Math.max(found.get(topicId) ?? 0, match.confidence));
    else unanswered++;
    lastUnanswered = topicId === undefined;
  }
  if (found.size === 0 || (found.size === 1 && wholeAnswer !== undefined && (found.has(wholeAnswer) || unanswered === 0))) return undefined;
  const most = deps.intents.answersPerMessage;
  const replies = [...found].slice(0, most).map(([id, score]) => answer(deps, data, id, score));
  const left = unanswered + Math.max(0, found.size - most);
  return left > 0 ? [...replies, { text: deps.messages.partlyAnswered, entity: { type: 'kb.noMatch' } }] : replies;
}

function answer(deps: ConversationDeps, data: ConversationData, topicId: string, score: number, offerCheck = false): Reply {
  const topic = deps.kb.byId.get(topicId);
  if (!topic) return noMatchReply(deps.messages, false);
  data.lastTopicId = topic.id;
  data.detailShown = false;
  return answerReply(deps.kb, deps.messages, deps.clinic, topic, score, { offerCheck });
}

function moreDetail(deps: ConversationDeps, data: ConversationData): Reply {
  const topic = data.lastTopicId ? deps.kb.byId.get(data.lastTopicId) : undefined;
  if (!topic) return { text: deps.messages.nothingToExpand, choices: deps.messages.welcomeChoices };
  if (!topic.detail || data.detailShown) return { text: deps.messages.noMoreDetail };
  data.detailShown = true;
  return { text: withClinic(deps.kb, deps.clinic, topic.detail), choices: followUpChoices(deps.kb, topic) };
}

/**
 * A typed option number ("2") or an option's label picks that choice; with `words` (a numbered SMS list), also "#2",
 * "option 2", "two" or "2 no".
 */
export function pickChoice(choices: Choice[] | undefined, text: string, numbersPick: boolean, words?: OptionNumberWords): string | undefined {
  if (!choices?.length) return undefined;
  const trimmed = text.trim().replace(/[.)!]$/, '');
  if (numbersPick && /^\d{1,2}$/.test(trimmed)) return choices[Number(trimmed) - 1]?.value;
  const numbered = numbersPick && words ? readOptionNumber(text, choices.map((c) => c.label), words) : undefined;
  if (numbered !== undefined) return choices[numbered - 1]?.value;
  const lower = trimmed.toLowerCase();
  return choices.find((c) => c.label.toLowerCase() === lower || c.value.toLowerCase() === lower)?.value;
}

/** What is kept, for how long, and what is held of this person now. */
async function privacyText(deps: ConversationDeps, input: TurnInput): Promise<string> {
  const policy = fill(deps.messages.privacy, { days: String(deps.retentionDays) });
  const held = deps.heldAbout ? await deps.heldAbout(input.userKey) : undefined;
  return held ? `${policy}\n\n${heldLine(deps.messages, held, deps.timeZone)}` : policy;
}

/** "Right now I hold: the date and result of your symptom check on November 25, 2026; call-back request KN-A6Q9, ...". */
function heldLine(messages: Messages, held: HeldData, timeZone = 'America/Toronto'): string {
  const items: string[] = [];
  if (held.lastCheckAt) items.push(fill(messages.privacyHeldCheck, { date: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone }).format(held.lastCheckAt) }));
  for (const reference of held.callbacks) items.push(fill(messages.privacyHeldCallback, { reference }));
  return items.length === 0 ? messages.privacyHeldNothing : fill(messages.privacyHeld, { items: items.join('; ') });
}
