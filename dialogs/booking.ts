import { randomUUID } from 'node:crypto';
import { fill, type Messages } from '../knowledge/messages';
import type { BookingMessages } from '../knowledge/booking-messages';
import { normaliseText } from '../matcher/normalise';
import { isGsm7 } from '../knowledge/gsm7';
import type { BookingStore } from '../storage/bookings';
import type { Logger } from '../server/logger';
import type { Choice, Reply } from './replies';
import type { TurnInput } from './router';
import { bookingOfferReply, type ClinicFacts } from './clinic';
import { asksWhyName, displayContact, holdsContact, nameCorrection, parseContact, parsePhone, readConsent, readNameReply, readOfferedNumber, readTimeReply, writerIsChild, type Contact, type NameReply, type PreferredTime, type TimeReading } from './booking-parse';
import { newReference } from './booking-reference';
import type { TriageSummary } from './booking-summary';

export type BookingQuestionId = 'consent' | 'name' | 'contact' | 'time';

/** The call-back dialog's part of the conversation data; plain JSON, and gone when the dialog ends. */
export interface BookingData {
  step: BookingQuestionId;
  /** Unclear answers to the current question. */
  attempts: number;
  /** When the current question was asked (ISO), so an abandoned request expires. */
  askedAt: string;
  summary?: TriageSummary;
  consentBy?: 'self' | 'guardian';
  name?: string;
  contact?: Contact;
  /** Told before its question was asked ("call me at 647-555-0142 after 6pm"). */
  time?: PreferredTime;
  /** On SMS, the question offers the number the person is texting from. */
  senderOffered?: boolean;
  /** Crisis resources were given mid-way: the request waits, and only a clear answer to its question takes it on. */
  paused?: boolean;
  /** The request itself gave a number or e-mail ("can someone call me at 647 555 2222"), not kept before consent: asked for again, not the SMS sender's. */
  contactToldEarly?: boolean;
  /** The request itself told of a child ("my daughter (14) has sore knees, can someone call me?"): a parent or guardian agrees. */
  forChild?: boolean;
  /** The references of requests made in earlier conversations and still with the clinic: told of before another is made. */
  heldEarlier?: string;
}

interface Holder {
  booking?: BookingData;
  /** The reference of the request made in this conversation, so a second one is not made unawares. */
  callbackReference?: string;
  /** The request was just refused: for one turn, agreeing after all ("actually yes, go ahead") takes it up again. Nothing else is kept. */
  callbackRefused?: boolean;
  /** The writer has told they are under 16: their own "yes" is no consent, a parent's or guardian's is. */
  writerChild?: boolean;
}

/** What the dialog reads from a turn beyond the router's input. */
export interface BookingTurn extends Pick<TurnInput, 'userKey' | 'now' | 'plainChannel'> {
  /** The activity id: with the conversation id, a redelivered message finds its request instead of making a second. */
  activityId?: string;
  /** `<channel id>/<conversation id>`. */
  conversationId?: string;
  channelId?: string;
  /** SMS only: the sender's number, offered for confirmation and kept only if confirmed. */
  smsSender?: string;
}

export interface BookingFlowDeps {
  words: BookingMessages;
  messages: Messages;
  clinic: ClinicFacts;
  store: Pick<BookingStore, 'create'>;
  /** A staff webhook is configured, so requests are queued for it too. */
  webhook: boolean;
  /** Tells the notifier there is something new to send. */
  notify: () => void;
  timeZone: string;
  log: Logger;
  /** Told to the person in the consent question. */
  retentionDays: number;
  /** The oldest age that is a child's (the protocol's child band): a writer this age cannot agree for themselves. */
  childMaxAge: number;
  /** Makes candidate references (tests fix them). */
  reference?: () => string;
  options?: Partial<BookingFlowOptions>;
}

export interface BookingFlowOptions {
  /** Unclear answers to one question before the dialog gives up. */
  maxAttempts: number;
  /** Minutes a half-finished request waits for its next answer. */
  expiryMinutes: number;
}

export const BOOKING_FLOW_DEFAULTS: Readonly<BookingFlowOptions> = Object.freeze({ maxAttempts: 3, expiryMinutes: 60 });

export const CALLBACK_VALUE = 'booking:callback';
const CONSENT = { self: 'booking:consent:self', guardian: 'booking:consent:guardian', decline: 'booking:consent:decline' } as const;
const SENDER = 'booking:contact:sender';
const OTHER = 'booking:contact:other';

export type BookingFlow = ReturnType<typeof createBookingFlow>;

/** The "Request a call-back" choice that goes with every booking offer. */
export function callbackChoiceOf(words: Pick<BookingMessages, 'callbackChoice'>): Choice {
  return { label: words.callbackChoice, value: CALLBACK_VALUE };
}

/** The call-back request: consent first, then name, contact and time, then one durable write. */
export function createBookingFlow(deps: BookingFlowDeps) {
  const { words } = deps;
  const options = { ...BOOKING_FLOW_DEFAULTS, ...deps.options };
  const callbackChoice = callbackChoiceOf(words);
  const makeReference = deps.reference ?? (() => newReference());
  const withdrawWords = words.withdrawWords.map(normaliseText);
  const withdrawOpenings = words.withdrawOpenings.map(normaliseText);
  const changeWords = words.changeWords.map(normaliseText);
  // After a refused consent: replies that only acknowledge it, whole replies that agree, and signs of a change of mind.
  const acknowledgements = new Set(words.consent.acknowledgements.map(normaliseText));
  const wholeAgreements = new Set([...words.consent.agreeWords, ...words.consent.guardianWords].map(normaliseText));
  const changedMindSigns = words.consent.changedMindSigns.map((sign) => ` ${normaliseText(sign)} `);

  const question = (id: BookingQuestionId, text: string, choices?: Choice[]): Reply => ({ text, choices, entity: { type: 'booking.question', id } });
  const isChild = (state: BookingData) => state.summary?.answers.age === 'child' || state.forChild === true;

  function ask(state: BookingData, smsSender: string | undefined, unclear = false): Reply[] {
    switch (state.step) {
      case 'consent': {
        const template = isChild(state) ? (state.summary ? words.consent.questionChild : words.consent.questionChildNoCheck) : state.summary ? words.consent.question : words.consent.questionNoCheck;
        const text = fill(template, { days: String(deps.retentionDays) });
        const agree = isChild(state) ? [] : [{ label: words.consent.agree, value: CONSENT.self }];
        const choices = [...agree, { label: words.consent.agreeGuardian, value: CONSENT.guardian }, { label: words.consent.decline, value: CONSENT.decline }];
        const notKept = state.contactToldEarly && !unclear ? [{ text: words.contact.notKeptYet }] : [];
        return [...notKept, question('consent', unclear ? words.consent.unclear : text, choices)];
      }
      case 'name':
        return [question('name', unclear ? words.name.unclear : words.name.question)];
      case 'contact': {
        const sender = state.senderOffered && smsSender ? parsePhone(smsSender) : undefined;
        if (sender && !unclear) {
          const choices = [{ label: words.contact.sender, value: SENDER }, { label: words.contact.other, value: OTHER }];
          return [{ ...question('contact', fill(words.contact.questionSender, { phone: displayContact(sender) }), choices), personal: { keptText: words.contact.questionSenderKept } }];
        }
        return [question('contact', unclear ? words.contact.unclear : state.contactToldEarly ? words.contact.toldEarly : words.contact.question)];
      }
      case 'time':
        return [question('time', unclear ? words.time.unclear : words.time.question, words.time.choices)];
    }
  }

  function moveTo(state: BookingData, step: BookingQuestionId, input: BookingTurn): Reply[] {
    state.step = step;
    state.attempts = 0;
    state.askedAt = input.now.toISOString();
    if (step === 'contact') state.senderOffered = input.plainChannel && !state.contactToldEarly && input.smsSender !== undefined && parsePhone(input.smsSender) !== undefined;
    return ask(state, input.smsSender);
  }

  /** The next question not yet answered (the same one again if it still is not), or the request once everything is known. */
  async function proceed(holder: Holder, state: BookingData, input: BookingTurn, told: Reply[] = []): Promise<Reply[]> {
    const next = !state.name ? 'name' : !state.contact ? 'contact' : !state.time ? 'time' : undefined;
    if (!next) return submit(holder, state, input);
    return [...told, ...(next === state.step ? ask(state, input.smsSender) : moveTo(state, next, input))];
  }

  /** A name, and a contact and time told with it ("Priya, call me at 647-555-0142 after 6"), kept; the contact said back. */
  function keepTold(state: BookingData, told: NameReply): Reply[] {
    state.name = told.name;
    if (!told.contact) return [];
    state.contact = told.contact;
    state.time = told.time ?? state.time;
    return [{ text: fill(words.contact.noted, { contact: displayContact(told.contact) }), personal: {} }];
  }

  /** The clinic's ways to book once the dialog has stopped; the call-back again when the clinic has configured no other. */
  const fallbackOffer = (): Reply => bookingOfferReply(deps.messages, deps.clinic, deps.clinic.bookingUrl || deps.clinic.phone ? [] : [callbackChoice]);
  const timeReading = (input: BookingTurn): TimeReading => ({ now: input.now, timeZone: deps.timeZone, words: words.time.words });

  function stop(holder: Holder): void {
    delete holder.booking;
  }

  function unclear(holder: Holder, state: BookingData, input: BookingTurn): Reply[] {
    state.attempts += 1;
    if (state.attempts < options.maxAttempts) return ask(state, input.smsSender, true);
    stop(holder);
    return [{ text: words.tooManyTries }, fallbackOffer()];
  }

  function readContact(state: BookingData, text: string, value: string | undefined, input: BookingTurn): Contact | 'other' | undefined {
    // A number or address typed is the one to use, even beside a "yes" or "no" to the number offered ("no, use 416-555-0199").
    const typed = value === undefined ? parseContact(text) : undefined;
    if (typed || !state.senderOffered) return typed;
    const said = value === SENDER ? 'sender' : value === OTHER ? 'other' : value === undefined ? readOfferedNumber(text, words) : undefined;
    if (said === 'sender') return input.smsSender ? parsePhone(input.smsSender) : undefined;
    return said;
  }

  /**
   * After crisis resources, whether the reply clearly answers the question still open: a button, a number or address, a
   * time. "ok", "thanks" or a name typed then are not taken as consent or as a name.
   */
  function answersAfterPause(state: BookingData, text: string, value: string | undefined, input: BookingTurn): boolean {
    switch (state.step) {
      case 'consent':
        return value === CONSENT.self || value === CONSENT.guardian || value === CONSENT.decline;
      case 'name':
        return false;
      case 'contact':
        return readContact(state, text, value, input) !== undefined;
      case 'time': {
        if (value) return words.time.choices.some((c) => c.value === value);
        const told = readTimeReply(text, words.contact, timeReading(input));
        return told.time !== undefined || told.contact !== undefined;
      }
    }
  }

  async function submit(holder: Holder, state: BookingData, input: BookingTurn): Promise<Reply[]> {
    const { name, contact, consentBy, time } = state;
    stop(holder);
    if (!name || !contact || !consentBy || !time) return [{ text: words.tooManyTries }, fallbackOffer()];
    const channel = input.channelId ?? (input.plainChannel ? 'sms' : 'chat');
    try {
      const stored = await deps.store.create(
        {
          conversationId: input.conversationId ?? input.userKey,
          // Without an activity id there is nothing to recognise a redelivery by.
          activityId: input.activityId ?? randomUUID(),
          userKey: input.userKey,
          name,
          contact,
          preferredTime: time,
          consentBy,
          summary: state.summary,
          channel,
          createdAt: input.now,
        },
        { webhook: deps.webhook, reference: makeReference },
      );
      deps.log.info({ event: 'booking_requested', channel, repeated: !stored.created }, 'call-back request stored');
      deps.notify();
      holder.callbackReference = stored.reference;
      const requested = fill(words.requested, { name, reference: stored.reference, contact: displayContact(contact), time: time.text });
      const text = deps.clinic.hours ? `${requested} ${fill(words.requestedHours, { hours: deps.clinic.hours })}` : requested;
      // A name in another script ("李明", "Côté") is said back as written: SMS sends this reply as written, not in GSM-7.
      const personal = { keptText: fill(words.requestedKept, { reference: stored.reference }) };
      return [{ text, entity: { type: 'booking.requested', reference: stored.reference }, anyScript: !isGsm7(`${name} ${time.text}`) || undefined, personal }];
    } catch (error) {
      // Only the error's kind: a database message can quote the values it refused.
      deps.log.error({ event: 'booking_store_failed', channel, err: { name: error instanceof Error ? error.name : typeof error } }, 'call-back request not stored');
      return [{ text: deps.clinic.phone ? fill(words.failed, { phone: deps.clinic.phone }) : words.failedNoPhone, tone: 'warning' }];
    }
  }

  return {
    callbackChoice,

    /** The clinic's booking link and phone, with the call-back choice. */
    offerReplies(): Reply[] {
      return [bookingOfferReply(deps.messages, deps.clinic, [callbackChoice])];
    },

    active: (holder: Holder): boolean => holder.booking !== undefined,

    /** A request put off for the check first ("I'm 13, can someone call me?"): what it told of the writer is kept for it. */
    noteWriter(holder: Holder, text: string): void {
      if (writerIsChild(text, words.consent, deps.childMaxAge)) holder.writerChild = true;
    },

    async start(holder: Holder, input: BookingTurn, summary?: TriageSummary, forChild = false, text = '', heldEarlier: readonly string[] = []): Promise<Reply[]> {
      if (writerIsChild(text, words.consent, deps.childMaxAge)) holder.writerChild = true;
      const state: BookingData = {
        step: 'consent',
        attempts: 0,
        askedAt: input.now.toISOString(),
        summary,
        forChild: forChild || holder.writerChild || undefined,
        contactToldEarly: holdsContact(text) || undefined,
        heldEarlier: !holder.callbackReference && heldEarlier.length > 0 ? heldEarlier.join(', ') : undefined,
      };
      holder.booking = state;
      // Agreeing to the consent question below is what makes the second request.
      const earlier = holder.callbackReference
        ? [{ text: fill(words.repeat.notice, { reference: holder.callbackReference }) }]
        : state.heldEarlier
          ? [{ text: fill(words.repeat.noticeEarlier, { reference: state.heldEarlier }) }]
          : [];
      return [...earlier, ...ask(state, input.smsSender)];
    },

    /**
     * The turn after consent was refused: a reply that agrees after all ("actually yes, go ahead") starts the request again
     * at the name; anything else is left to the router. Either way the chance passes with this turn.
     */
    changedMind(holder: Holder, text: string, input: BookingTurn, summary?: TriageSummary): Reply[] | undefined {
      const refused = holder.callbackRefused === true;
      delete holder.callbackRefused;
      if (!refused || !text.trim()) return undefined;
      // "ok", "thanks" after "No problem, I haven't kept anything" acknowledge it, and "ok what is cadence" asks something
      // else: neither is consent. A whole "yes please", or "actually yes, go ahead", is a change of mind.
      const said = normaliseText(text);
      if (acknowledgements.has(said)) return undefined;
      if (!wholeAgreements.has(said) && !changedMindSigns.some((sign) => ` ${said} `.includes(sign))) return undefined;
      const reading = readConsent(text, words.consent);
      if (reading !== 'self' && reading !== 'guardian') return undefined;
      // "actually yes, go ahead": the consent question again, plainly, before anything is asked or kept (a child writer is
      // told first that a parent or guardian needs to agree).
      const state: BookingData = { step: 'consent', attempts: 0, askedAt: input.now.toISOString(), summary, forChild: holder.writerChild };
      holder.booking = state;
      const childFirst = holder.writerChild && reading === 'self' ? [{ text: words.consent.childWriter }] : [];
      return [...childFirst, ...ask(state, input.smsSender)];
    },

    /** Every message while the dialog is active, except cancel, help and emergencies (the router's). */
    async answer(holder: Holder, text: string, value: string | undefined, input: BookingTurn): Promise<Reply[]> {
      const state = holder.booking;
      if (!state) return [];
      if (input.now.getTime() - Date.parse(state.askedAt) > options.expiryMinutes * 60_000) {
        stop(holder);
        return [{ text: words.expired }];
      }
      // The call-back button pressed again mid-way: the question again, not an unclear answer.
      if (value === CALLBACK_VALUE) return ask(state, input.smsSender);
      if (state.paused) {
        delete state.paused;
        if (!answersAfterPause(state, text, value, input)) {
          const restart = input.plainChannel ? deps.messages.restartWordSms : deps.messages.restartWord;
          return [{ text: fill(words.resumeAfterCrisis, { restart }) }, ...ask(state, input.smsSender)];
        }
      }
      switch (state.step) {
        case 'consent': {
          const picked = value === CONSENT.self ? 'self' : value === CONSENT.guardian ? 'guardian' : value === CONSENT.decline ? 'decline' : undefined;
          const reading = picked ?? readConsent(text, words.consent);
          if (value === undefined && writerIsChild(text, words.consent, deps.childMaxAge)) holder.writerChild = true;
          if (reading === undefined) return unclear(holder, state, input);
          // "I'm 13 ... yes": a child's own yes is no consent; "I'm her mom and I agree" is.
          if (holder.writerChild && reading === 'self') {
            state.forChild = true;
            return [{ text: words.consent.childWriter }, ...ask(state, input.smsSender)];
          }
          if (reading === 'decline') {
            const standing = holder.callbackReference ?? state.heldEarlier;
            stop(holder);
            holder.callbackRefused = true;
            if (standing) return [{ text: fill(words.repeat.kept, { reference: standing }) }];
            return [{ text: words.consent.refused }, fallbackOffer()];
          }
          state.consentBy = isChild(state) || holder.writerChild ? 'guardian' : reading;
          // "yes, I'm Bob Lee, call me at 416-555-0123 weekday mornings": what is told beside the consent is kept too.
          if (picked === undefined && holdsContact(text)) {
            const told = readNameReply(text, words, timeReading(input));
            if (told.contact) return proceed(holder, state, input, keepTold(state, told));
          }
          return moveTo(state, 'name', input);
        }
        case 'name': {
          // "I'm 13" told after agreeing oneself: a child's own yes is no consent, so a parent or guardian is asked to agree.
          if (value === undefined && state.consentBy === 'self' && writerIsChild(text, words.consent, deps.childMaxAge)) {
            holder.writerChild = true;
            state.forChild = true;
            state.consentBy = undefined;
            state.step = 'consent';
            state.attempts = 0;
            return [{ text: words.consent.childWriter }, ...ask(state, input.smsSender)];
          }
          // A button pressed again from an earlier question is never a name.
          const told = value === undefined ? readNameReply(text, words, timeReading(input)) : {};
          if (!told.name && !told.contact && asksWhyName(text, words.name)) return [{ text: words.name.why }, ...ask(state, input.smsSender)];
          if (!told.name && !told.contact) return unclear(holder, state, input);
          return proceed(holder, state, input, keepTold(state, told));
        }
        case 'contact': {
          const contact = readContact(state, text, value, input);
          if (contact === 'other') {
            state.senderOffered = false;
            return [question('contact', words.contact.otherQuestion)];
          }
          if (!contact) {
            // "sorry, my name is spelled Sara not Sarah": the name put right, and the question again.
            const renamed = value === undefined ? nameCorrection(text, words.name) : undefined;
            if (renamed) {
              state.name = renamed;
              return [{ text: fill(words.name.corrected, { name: renamed }), personal: {} }, ...ask(state, input.smsSender)];
            }
            return unclear(holder, state, input);
          }
          state.contact = contact;
          state.senderOffered = undefined;
          return proceed(holder, state, input);
        }
        case 'time': {
          const choice = value ? words.time.choices.find((c) => c.value === value) : undefined;
          if (choice) {
            state.time = { text: choice.label };
            return submit(holder, state, input);
          }
          const told = value === undefined ? readTimeReply(text, words.contact, timeReading(input)) : {};
          // "wait, my number is actually 647 555 0123": the contact corrected, then the time if it is still to come.
          if (told.contact) state.contact = told.contact;
          if (!told.time && !told.contact) return unclear(holder, state, input);
          state.time = told.time;
          return proceed(holder, state, input, told.contact ? [{ text: fill(words.contact.changed, { contact: displayContact(told.contact) }), personal: {} }] : []);
        }
      }
    },

    /** The pending question again. */
    reask: (holder: Holder, input?: Pick<BookingTurn, 'smsSender'>): Reply[] => (holder.booking ? ask(holder.booking, input?.smsSender) : []),

    /** The check outcome the request being taken carries to staff. */
    summary: (holder: Holder): TriageSummary | undefined => holder.booking?.summary,

    /** Warning signs told while the request is taken: staff see them, and how soon the person should be seen. */
    noteSigns(holder: Holder, summary: TriageSummary): void {
      if (holder.booking) holder.booking.summary = summary;
    },

    /** What "help" says in the middle of the dialog, then the pending question. */
    help(holder: Holder, input: Pick<BookingTurn, 'plainChannel' | 'smsSender'>): Reply[] {
      const restart = input.plainChannel ? deps.messages.restartWordSms : deps.messages.restartWord;
      return [{ text: fill(words.help, { restart }) }, ...(holder.booking ? ask(holder.booking, input.smsSender) : [])];
    },

    /**
     * After a request was made in this conversation, a contact or a change asked for ("oops, the number should be
     * 416-555-0124", "can I change the time?") is answered with how to change it, not read as something else.
     * `contact`: how to reach the clinic, as the router words it.
     */
    afterRequest(holder: Holder, text: string, norm: string, contact: string): Reply[] | undefined {
      if (!holder.callbackReference || holder.booking) return undefined;
      if (!holdsContact(text) && !changeWords.some((w) => ` ${norm} `.includes(` ${w} `))) return undefined;
      return [{ text: fill(words.afterRequest, { reference: holder.callbackReference, contact }) }];
    },

    /** The reply (normalised words) withdraws the request being taken: "I changed my mind", "actually no, don't call me". */
    withdraws: (norm: string): boolean => withdrawWords.includes(norm) || withdrawOpenings.some((w) => norm === w || norm.startsWith(`${w} `)),

    /** Wipes the dialog and everything it collected. */
    stop,

    /** Crisis resources were given: the request waits for a clear answer (see `answer`). */
    pause(holder: Holder): void {
      if (holder.booking) holder.booking.paused = true;
    },

    paused: (holder: Holder): boolean => holder.booking?.paused === true,

    /** "Cancel": wipes the dialog and says so, and that the requests already made (`held`, by reference) still stand. */
    cancel(holder: Holder, held: readonly string[] = []): Reply[] {
      stop(holder);
      if (held.length === 0) return [{ text: words.cancelled }];
      return [{ text: fill(words.cancelledEarlierStands, { references: held.join(', ') }), choices: [{ label: words.withdrawEarlier, value: 'cancelCallback' }] }];
    },
  };
}
