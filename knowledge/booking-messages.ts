import { BOOKING_STATUSES, type BookingStatus } from '../storage/bookings';
import { isLevel, LEVELS, QUESTION_IDS, type Level, type QuestionId } from '../triage/ids';
import { Checker, loadJsonContent } from './validate';

/** The call-back dialog's, the staff desk's and the staff card's own words. */
export interface BookingMessages {
  callbackChoice: string;
  consent: ConsentWords & {
    /** Said when the writer has told they are under 16 and agrees themselves. */
    childWriter: string;
    question: string;
    /** The question when no symptom check was done in the conversation: no summary of one is stored. */
    questionNoCheck: string;
    questionChild: string;
    /** A request that told of a child, with no symptom check done. */
    questionChildNoCheck: string;
    agree: string;
    agreeGuardian: string;
    decline: string;
    unclear: string;
    refused: string;
  };
  /** `why`: what a name is for, told when someone asks. */
  name: NameWords & { question: string; unclear: string; why: string; corrected: string };
  /** `noted` and `changed`: a contact given beside another answer, or a correction of it. */
  /** `toldEarly`: the question when the request itself gave a number, not kept before consent; `notKeptYet`: said at the consent question then. */
  contact: ContactWords & {
    question: string;
    questionSender: string;
    questionSenderKept: string;
    sender: string;
    other: string;
    otherQuestion: string;
    unclear: string;
    noted: string;
    changed: string;
    toldEarly: string;
    notKeptYet: string;
  };
  /** `words`: what tells a time without a date or an hour ("mornings", "whenever"). */
  time: { question: string; unclear: string; choices: { label: string; value: string }[]; words: string[] };
  requested: string;
  /** Said after `requested` when the clinic's hours are configured: when calls are made. */
  requestedHours: string;
  /** `requested` as a redelivered message gets it: without the name and number (the conversation keeps no copy of them). */
  requestedKept: string;
  failed: string;
  failedNoPhone: string;
  cancelled: string;
  /** "Cancel" while a second request is being taken: the one already made is still held. */
  cancelledEarlierStands: string;
  /** The button that withdraws the requests already made. */
  withdrawEarlier: string;
  /**
   * Whole replies that withdraw the request being taken ("actually no", "forget about it"), and openings that withdraw it
   * whatever follows ("I changed my mind, ...", "actually don't call me"). Read only while one is being taken, so
   * "actually no" elsewhere stays a correction, and "actually no, my number is ..." corrects the number.
   */
  withdrawWords: string[];
  withdrawOpenings: string[];
  /** Words that ask to change a request already made ("change the time", "wrong number"). */
  changeWords: string[];
  /** Told when someone asks to change a request already made, which the bot cannot do. */
  afterRequest: string;
  help: string;
  /** After crisis resources mid-request, a reply that does not answer the question: the request waits ({restart} stops it). */
  resumeAfterCrisis: string;
  tooManyTries: string;
  expired: string;
  /** A second call-back asked for in a conversation that already made one. */
  repeat: { notice: string; noticeEarlier: string; kept: string };
  reask: string;
  staff: StaffMessages;
  card: CardMessages;
}

/** How a name is told: the openings and endings around it, words no name holds, and whole replies that are no name. */
export interface NameWords {
  prefixes: string[];
  suffixes: string[];
  notNames: string[];
  notNameReplies: string[];
  /** "ask for his dad, Marc", "I'm her mom Lisa": a parent's name is the one kept for a child's call-back. */
  parents: string[];
  /** Titles and endings whose dot belongs to the name ("Jr.", "Mrs."). */
  abbreviations: string[];
  /** A reply that asks why a name is needed ("why do you need my name?"). */
  whyWords: string[];
  /** A name corrected at a later question: the words before it ("my name is spelled") and before the one it replaces ("not"). */
  correctionLeads: string[];
  correctionNot: string[];
}

/** How a contact is told beside other words, and how the SMS sender's own number is taken or turned down. */
export interface ContactWords {
  /** Words that lead to a contact or point back at it ("call me at", "my number is"): cut from the text beside it. */
  leadIns: string[];
  /** Words that say what a contact is ("cell", "work"): text beside a contact with one tells no time. */
  labels: string[];
  /** Replies that take the number offered ("this number", "text me"). */
  senderWords: string[];
  /** Replies that want another than the number offered ("a different one", "not this one"); read before the others. */
  otherWords: string[];
}

/** The words a consent reply is read by: whole replies first, then signs of agreeing, refusing or doubting anywhere in it. */
export interface ConsentWords {
  /** What tells that the writer is the child ("I'm the kid", "I'm 13"): a parent or guardian must agree, not they. */
  childWriterWords: string[];
  /** "ok", "thanks": after a refusal, an acknowledgement, never consent. */
  acknowledgements: string[];
  /** "actually, yes": after a refusal, an agreement with one of these (or a whole reply of `agreeWords`) asks for consent again. */
  changedMindSigns: string[];
  agreeWords: string[];
  guardianWords: string[];
  declineWords: string[];
  agreeSigns: string[];
  declineSigns: string[];
  guardianSigns: string[];
  doubtSigns: string[];
  /** Someone caring for a child who is not a parent or guardian ("I'm his grandmother"): their yes is asked again. */
  otherCarerSigns: string[];
  /** Emoji that agree or refuse on their own ("👍", "👎"). */
  agreeEmoji: string[];
  declineEmoji: string[];
}

export interface StaffMessages {
  listWords: string[];
  showWords: string[];
  contactedWords: string[];
  closeWords: string[];
  useHereWords: string[];
  stopHereWords: string[];
  /** Words staff may put around a command ("mark KN-7F3Q as contacted", "open requests please"). */
  fillerWords: string[];
  /** What staff say to learn the commands ("help", "what can I do"). */
  helpWords: string[];
  help: string;
  /** A staff message naming a request's reference that is no command ("reopen KN-7F3Q"): said before `help`. */
  unknownCommand: string;
  /** Said for "open requests", "show ..." or "use this chat" in a group chat, where people who are not staff may read. */
  notInGroupChat: string;
  listTitle: string;
  listEmpty: string;
  listLine: string;
  /** A request whose check advised being seen today, listed first. */
  listLineUrgent: string;
  /** The check's outcomes that make a request urgent for staff: titled so and listed first. */
  urgentLevels: readonly Level[];
  listMore: string;
  /** The button that lists the next page of requests. */
  listNext: string;
  notFound: string;
  marked: string;
  unchanged: string;
  useHere: string;
  /** "use this chat" where another chat had the requests, which no longer gets them. */
  useHereMoved: string;
  stopHere: string;
  /** "stop" where no chat is left to get new requests. */
  stopHereNone: string;
  notHere: string;
  installed: string;
  showChoice: string;
  contactedChoice: string;
  closeChoice: string;
  statuses: ReadonlyMap<BookingStatus, string>;
}

export interface CardMessages {
  title: string;
  /** The title (and notification) of a request whose check advised being seen today. */
  titleUrgent: string;
  name: string;
  phone: string;
  email: string;
  time: string;
  timeHint: string;
  received: string;
  consent: string;
  consentSelf: string;
  consentGuardian: string;
  channel: string;
  status: string;
  statusBy: string;
  check: string;
  level: string;
  reasons: string;
  protocol: string;
  noCheck: string;
  withdrawn: string;
  expired: string;
  contactedAction: string;
  closeAction: string;
  levels: ReadonlyMap<Level, string>;
  answers: ReadonlyMap<QuestionId, string>;
}

export function parseBookingMessages(raw: unknown, file: string): BookingMessages {
  const check = new Checker(file);
  const reader = (where: string, value: unknown) => {
    const record = check.record(value, where || 'root');
    const field = (key: string) => (where ? `${where}.${key}` : key);
    return {
      record,
      text: (key: string, opts: { max?: number; needs?: string[] } = {}): string => {
        const out = check.string(record[key], field(key), { max: opts.max });
        // A template must keep the placeholders the code fills, or the person would miss the reference.
        for (const name of opts.needs ?? []) if (!out.includes(`{${name}}`)) check.fail(field(key), `must contain {${name}}`);
        return out;
      },
      words: (key: string): string[] => check.strings(record[key], field(key), { min: 1 }),
    };
  };
  const keyed = <K extends string>(where: string, value: unknown, keys: readonly K[]): ReadonlyMap<K, string> => {
    const record = check.record(value, where);
    return new Map(keys.map((key) => [key, check.string(record[key], `${where}.${key}`)]));
  };

  const top = reader('', raw);
  const consent = reader('consent', top.record.consent);
  const name = reader('name', top.record.name);
  const contact = reader('contact', top.record.contact);
  const time = reader('time', top.record.time);
  const repeat = reader('repeat', top.record.repeat);
  const staff = reader('staff', top.record.staff);
  const card = reader('card', top.record.card);
  const timeChoices = check.list(time.record.choices, 'time.choices').map((entry, i) => {
    const item = check.record(entry, `time.choices[${i}]`);
    const value = check.string(item.value, `time.choices[${i}].value`);
    if (!value.startsWith('booking:time:')) check.fail(`time.choices[${i}].value`, 'must start with "booking:time:"');
    return { label: check.string(item.label, `time.choices[${i}].label`, { max: 40 }), value };
  });

  return {
    callbackChoice: top.text('callbackChoice', { max: 40 }),
    consent: {
      question: consent.text('question', { needs: ['days'] }),
      childWriter: consent.text('childWriter'),
      questionNoCheck: consent.text('questionNoCheck', { needs: ['days'] }),
      questionChild: consent.text('questionChild', { needs: ['days'] }),
      questionChildNoCheck: consent.text('questionChildNoCheck', { needs: ['days'] }),
      agree: consent.text('agree', { max: 40 }),
      agreeGuardian: consent.text('agreeGuardian', { max: 40 }),
      decline: consent.text('decline', { max: 40 }),
      unclear: consent.text('unclear'),
      refused: consent.text('refused'),
      agreeWords: consent.words('agreeWords'),
      guardianWords: consent.words('guardianWords'),
      childWriterWords: consent.words('childWriterWords'),
      acknowledgements: consent.words('acknowledgements'),
      changedMindSigns: consent.words('changedMindSigns'),
      declineWords: consent.words('declineWords'),
      agreeSigns: consent.words('agreeSigns'),
      declineSigns: consent.words('declineSigns'),
      guardianSigns: consent.words('guardianSigns'),
      doubtSigns: consent.words('doubtSigns'),
      otherCarerSigns: consent.words('otherCarerSigns'),
      agreeEmoji: consent.words('agreeEmoji'),
      declineEmoji: consent.words('declineEmoji'),
    },
    name: {
      question: name.text('question'),
      unclear: name.text('unclear'),
      why: name.text('why'),
      prefixes: name.words('prefixes'),
      suffixes: name.words('suffixes'),
      notNames: name.words('notNames'),
      notNameReplies: name.words('notNameReplies'),
      parents: name.words('parents'),
      abbreviations: name.words('abbreviations'),
      whyWords: name.words('whyWords'),
      correctionLeads: name.words('correctionLeads'),
      correctionNot: name.words('correctionNot'),
      corrected: name.text('corrected', { needs: ['name'] }),
    },
    contact: {
      question: contact.text('question'),
      questionSender: contact.text('questionSender', { needs: ['phone'] }),
      questionSenderKept: contact.text('questionSenderKept'),
      sender: contact.text('sender', { max: 40 }),
      other: contact.text('other', { max: 40 }),
      otherQuestion: contact.text('otherQuestion'),
      toldEarly: contact.text('toldEarly'),
      notKeptYet: contact.text('notKeptYet'),
      unclear: contact.text('unclear'),
      noted: contact.text('noted', { needs: ['contact'] }),
      changed: contact.text('changed', { needs: ['contact'] }),
      leadIns: contact.words('leadIns'),
      labels: contact.words('labels'),
      senderWords: contact.words('senderWords'),
      otherWords: contact.words('otherWords'),
    },
    time: { question: time.text('question'), unclear: time.text('unclear'), choices: timeChoices, words: time.words('words') },
    requested: top.text('requested', { needs: ['reference'] }),
    requestedHours: top.text('requestedHours', { needs: ['hours'] }),
    requestedKept: top.text('requestedKept', { needs: ['reference'] }),
    failed: top.text('failed', { needs: ['phone'] }),
    failedNoPhone: top.text('failedNoPhone'),
    cancelled: top.text('cancelled'),
    cancelledEarlierStands: top.text('cancelledEarlierStands', { needs: ['references'] }),
    withdrawEarlier: top.text('withdrawEarlier'),
    withdrawWords: top.words('withdrawWords'),
    withdrawOpenings: top.words('withdrawOpenings'),
    changeWords: top.words('changeWords'),
    afterRequest: top.text('afterRequest', { needs: ['reference', 'contact'] }),
    help: top.text('help'),
    resumeAfterCrisis: top.text('resumeAfterCrisis'),
    tooManyTries: top.text('tooManyTries'),
    expired: top.text('expired'),
    repeat: {
      notice: repeat.text('notice', { needs: ['reference'] }),
      noticeEarlier: repeat.text('noticeEarlier', { needs: ['reference'] }),
      kept: repeat.text('kept', { needs: ['reference'] }),
    },
    reask: top.text('reask'),
    staff: {
      listWords: staff.words('listWords'),
      showWords: staff.words('showWords'),
      contactedWords: staff.words('contactedWords'),
      closeWords: staff.words('closeWords'),
      useHereWords: staff.words('useHereWords'),
      stopHereWords: staff.words('stopHereWords'),
      fillerWords: staff.words('fillerWords'),
      helpWords: staff.words('helpWords'),
      help: staff.text('help'),
      unknownCommand: staff.text('unknownCommand'),
      notInGroupChat: staff.text('notInGroupChat'),
      listTitle: staff.text('listTitle'),
      listEmpty: staff.text('listEmpty'),
      listLine: staff.text('listLine', { needs: ['reference'] }),
      listLineUrgent: staff.text('listLineUrgent', { needs: ['reference'] }),
      urgentLevels: staff.words('urgentLevels').map((level, i) => (isLevel(level) ? level : check.fail(`staff.urgentLevels[${i}]`, `must be one of ${LEVELS.join(', ')}`))),
      listMore: staff.text('listMore', { needs: ['first', 'last', 'count'] }),
      listNext: staff.text('listNext', { max: 40, needs: ['count'] }),
      notFound: staff.text('notFound'),
      marked: staff.text('marked'),
      unchanged: staff.text('unchanged'),
      useHere: staff.text('useHere'),
      useHereMoved: staff.text('useHereMoved'),
      stopHere: staff.text('stopHere'),
      stopHereNone: staff.text('stopHereNone'),
      notHere: staff.text('notHere'),
      installed: staff.text('installed'),
      showChoice: staff.text('showChoice', { max: 40, needs: ['reference'] }),
      contactedChoice: staff.text('contactedChoice', { max: 40 }),
      closeChoice: staff.text('closeChoice', { max: 40 }),
      statuses: keyed('staff.statuses', staff.record.statuses, BOOKING_STATUSES),
    },
    card: {
      title: card.text('title', { needs: ['reference'] }),
      titleUrgent: card.text('titleUrgent', { needs: ['reference'] }),
      name: card.text('name'),
      phone: card.text('phone'),
      email: card.text('email'),
      time: card.text('time'),
      timeHint: card.text('timeHint', { needs: ['text', 'hint'] }),
      received: card.text('received'),
      consent: card.text('consent'),
      consentSelf: card.text('consentSelf'),
      consentGuardian: card.text('consentGuardian'),
      channel: card.text('channel'),
      status: card.text('status'),
      statusBy: card.text('statusBy'),
      check: card.text('check'),
      level: card.text('level'),
      reasons: card.text('reasons'),
      protocol: card.text('protocol'),
      noCheck: card.text('noCheck'),
      withdrawn: card.text('withdrawn'),
      expired: card.text('expired'),
      contactedAction: card.text('contactedAction', { max: 40 }),
      closeAction: card.text('closeAction', { max: 40 }),
      levels: keyed('card.levels', card.record.levels, LEVELS),
      answers: keyed('card.answers', card.record.answers, QUESTION_IDS),
    },
  };
}

export function loadBookingMessages(knowledgeDir: string): BookingMessages {
  return loadJsonContent(knowledgeDir, 'booking-messages.json', parseBookingMessages);
}

