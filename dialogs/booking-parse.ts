// The call-back dialog's readings of what a person types: pure functions, no Bot Framework.
import { chrono } from '../triage/chrono';
import type * as PhoneNumbers from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

let phoneNumbersModule: typeof PhoneNumbers | undefined;
/** Phone metadata is large and only a call-back request needs it: loaded on first need. */
function phoneNumbers(): typeof PhoneNumbers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  phoneNumbersModule ??= require('libphonenumber-js/max') as typeof PhoneNumbers;
  return phoneNumbersModule;
}
import { normaliseText } from '../matcher/normalise';
import { offsetMinutes } from '../triage/calendar';
import { withoutEmojiMarks } from '../triage/text';
import { escapeRegExp } from '../matcher/normalise';
import { withoutReference } from './booking-reference';
import type { ConsentWords, ContactWords, NameWords } from '../knowledge/booking-messages';

/** How a person wants to be reached; a phone number is kept in E.164. */
export type Contact = { kind: 'phone'; value: string; ext?: string } | { kind: 'email'; value: string };

/** The preferred time as said, plus what chrono read in it when it read something definite. */
export interface PreferredTime {
  text: string;
  hint?: { at: string; precision: 'day' | 'time' };
}

export type ConsentReading = 'self' | 'guardian' | 'decline';

export const BOOKING_PARSE_DEFAULTS = Object.freeze({
  /** Where a phone number without a country code is read as being from. */
  defaultRegion: 'CA' satisfies CountryCode,
  /** Longest name kept. */
  maxNameChars: 80,
  /** Shortest name kept: "x" is a key pressed, not a name. */
  minNameChars: 2,
  /** Most words in a name; more is a sentence, not a name. */
  maxNameWords: 6,
  /** Longest preferred-time text kept. */
  maxTimeChars: 200,
});

/** The namespaces of button values ("booking:consent:self", "topic:ice"): typed back as text, they are no answer. */
const BUTTON_VALUE_PREFIXES = ['booking:', 'topic:', 'triage:', 'staff:', 'data:'] as const;

/** A button's value rather than words: a ':' with no space anywhere, or a known namespace at the start. */
export function looksLikeButtonValue(text: string): boolean {
  const said = text.trim().toLowerCase();
  return (said.includes(':') && !/\s/.test(said)) || BUTTON_VALUE_PREFIXES.some((prefix) => said.startsWith(prefix));
}

const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+/g;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const EMAIL_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A syntactically valid address (RFC 5321 limits, dotted domain with a letters-only top level), or undefined. */
export function parseEmail(candidate: string): string | undefined {
  const trimmed = candidate.replace(/^mailto:/i, '').replace(/[.!?]+$/, '');
  if (trimmed.length > 254) return undefined;
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  const labels = trimmed.slice(at + 1).split('.');
  if (at < 1 || local.length > 64 || !EMAIL_LOCAL.test(local)) return undefined;
  if (labels.length < 2 || !labels.every((label) => EMAIL_LABEL.test(label))) return undefined;
  if (!/^[A-Za-z]{2,63}$/.test(labels[labels.length - 1])) return undefined;
  return `${local}@${labels.join('.').toLowerCase()}`;
}

/** A valid phone number or e-mail address found in the text, the one given first; Canadian numbers need no country code. */
export function parseContact(text: string, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): Contact | undefined {
  return findContact(text, region)?.contact;
}

/** Where a contact is in the text: the first valid phone number or e-mail address, and its span. */
interface FoundContact {
  at: number;
  end: number;
  contact: Contact;
}

/** Whether the text holds a phone number or an e-mail address anywhere. */
export function holdsContact(text: string, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): boolean {
  return findContact(text, region) !== undefined;
}

function findContact(text: string, region: CountryCode): FoundContact | undefined {
  let email: FoundContact | undefined;
  for (const match of text.matchAll(EMAIL)) {
    const value = parseEmail(match[0]);
    if (value) {
      const at = match.index ?? 0;
      email = { at, end: at + match[0].length, contact: { kind: 'email', value } };
      break;
    }
  }
  const phone = findPhone(text, region);
  if (email && phone) return phone.at < email.at ? phone : email;
  return email ?? phone;
}

export function parsePhone(text: string, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): Contact | undefined {
  return findPhone(text, region)?.contact;
}

function findPhone(text: string, region: CountryCode): FoundContact | undefined {
  const found = phoneNumbers().findPhoneNumbersInText(text, { defaultCountry: region }).find((match) => match.number.isValid());
  if (!found) return undefined;
  const contact: Contact = found.number.ext ? { kind: 'phone', value: found.number.number, ext: found.number.ext } : { kind: 'phone', value: found.number.number };
  return { at: found.startsAt, end: found.endsAt, contact };
}

/** How the contact reads to a person: national format at home, international otherwise. */
export function displayContact(contact: Contact, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): string {
  if (contact.kind === 'email') return contact.value;
  const phone = phoneNumbers().parsePhoneNumberFromString(contact.value);
  if (!phone) return contact.value;
  const shown = phone.country === region || (phone.countryCallingCode === '1' && region === 'CA') ? phone.formatNational() : phone.formatInternational();
  return contact.ext ? `${shown} ext. ${contact.ext}` : shown;
}

/**
 * The name in a reply ("it's Sam Lee" gives "Sam Lee", "Raj Patel, 416-555-0123" gives "Raj Patel"), or undefined
 * when the reply is not a name ("why do you need that", "idk"). Asked for a child, the parent's name is the one to ask
 * for: "Ava, I'm her mom Lisa" gives "Lisa", "she's Emma, ask for Daniel" gives "Daniel".
 */
export function parseName(text: string, words: NameWords): string | undefined {
  const said = text.replace(/\s+/g, ' ').trim();
  if (said.includes('?') || looksLikeButtonValue(said)) return undefined;
  const { askFor, parent } = nameReading(words);
  const asked = askFor.exec(said);
  if (asked && !/^(me|myself)\b/i.test(asked[1])) return nameIn(asked[1], words);
  const told = parent.exec(said);
  if (told) return nameIn(told[1], words);
  // "Raj Patel, 416-555-0123", "Tom - it's for my son": the name is the first part that is one ("Thanks, it's Rosa").
  for (const part of said.split(/[,;]|\s[-–]\s/)) {
    const name = nameIn(part, words);
    if (name) return name;
  }
  return undefined;
}

/**
 * A name corrected at a later question ("sorry, my name is spelled Sara not Sarah"): only after a lead such as "my name
 * is", so that an answer to that question is never taken for one.
 */
export function nameCorrection(text: string, words: NameWords): string | undefined {
  const typed = text.replace(/\s+/g, ' ').trim().split(' ');
  const plain = typed.map((word) => normaliseText(word));
  const nots = normalised(words.correctionNot).map((n) => n.split(' '));
  // Longest first: "my name is spelled" before "my name is".
  for (const lead of normalised(words.correctionLeads).map((l) => l.split(' ')).sort((a, b) => b.length - a.length)) {
    const at = plain.findIndex((_, i) => lead.every((w, k) => plain[i + k] === w));
    if (at < 0) continue;
    let rest = typed.slice(at + lead.length);
    const restPlain = plain.slice(at + lead.length);
    // "Sara not Sarah": the name stops where the one it replaces is named.
    const stop = restPlain.findIndex((_, i) => i > 0 && nots.some((n) => n.every((w, k) => restPlain[i + k] === w)));
    if (stop > 0) rest = rest.slice(0, stop);
    return nameIn(rest.join(' ').replace(/[,;]+$/, ''), words);
  }
  return undefined;
}

/** A word list as messages are normalised, worked out once per list. */
const normalisedLists = new WeakMap<readonly string[], readonly string[]>();
function normalised(list: readonly string[]): readonly string[] {
  let out = normalisedLists.get(list);
  if (!out) normalisedLists.set(list, (out = list.map(normaliseText)));
  return out;
}

/** "ask for Daniel", "I'm her mom Lisa", and a reply's closing punctuation (not the dot of "Jr."), from the name words. */
interface NameReading {
  askFor: RegExp;
  parent: RegExp;
  trailing: RegExp;
}
const nameReadings = new WeakMap<NameWords, NameReading>();
function nameReading(words: NameWords): NameReading {
  let reading = nameReadings.get(words);
  if (!reading) {
    const alternatives = (list: readonly string[]) => list.map(escapeRegExp).join('|');
    const parents = alternatives(words.parents);
    reading = {
      askFor: new RegExp(`\\bask for (?:me[,:]?\\s+)?(?:(?:his|her|their) (?:${parents}),? )?([^,;]+)$`, 'iu'),
      parent: new RegExp(`\\b[Ii](?:['’]?m| am) (?:her|his|their) (?:${parents}),? ([\\p{Lu}][^,;]*)$`, 'u'),
      trailing: new RegExp(`(?<!\\b(?:${alternatives(words.abbreviations)}))[.!,;:]+$`, 'u'),
    };
    nameReadings.set(words, reading);
  }
  return reading;
}

function nameIn(part: string, words: NameWords): string | undefined {
  const { trailing } = nameReading(words);
  const prefixes = normalised(words.prefixes);
  const suffixes = normalised(words.suffixes);
  // "Grace (her mom)": what is said in brackets is about the name, not part of it; nor is an emoji ("Ana 🙂").
  let tokens = withoutEmojiMarks(part).replace(/\([^)]*\)/g, ' ').replace(/[\p{Extended_Pictographic}\u200d]/gu, ' ').trim().replace(trailing, '').split(' ').filter((t) => t !== '');
  // Openings such as "hi", "my name is" or "it's", longest first, as often as they come; then endings such as "here" or "thanks".
  for (let cut = openingLength(tokens, prefixes); cut > 0; cut = openingLength(tokens, prefixes)) tokens = tokens.slice(cut);
  while (tokens.length > 1 && suffixes.includes(normaliseText(tokens[tokens.length - 1]))) tokens = tokens.slice(0, -1);
  const name = tokens.join(' ').replace(/^[:,-]\s*/, '').replace(trailing, '');
  if ([...name].length < BOOKING_PARSE_DEFAULTS.minNameChars || name.length > BOOKING_PARSE_DEFAULTS.maxNameChars) return undefined;
  if (name.split(' ').length > BOOKING_PARSE_DEFAULTS.maxNameWords) return undefined;
  // A reply with an address or digits is contact details typed too early, not a name.
  if (name.includes('@') || /\d/.test(name) || !/\p{L}/u.test(name)) return undefined;
  const notNames = normalised(words.notNames);
  const plain = normaliseText(name);
  if (normalised(words.notNameReplies).includes(plain) || plain.split(' ').some((w) => notNames.includes(w))) return undefined;
  return name;
}

/** How many of the tokens an opening such as "my name is" takes; never all of them. */
function openingLength(tokens: readonly string[], prefixes: readonly string[]): number {
  return [4, 3, 2, 1].find((k) => k < tokens.length && prefixes.includes(normaliseText(tokens.slice(0, k).join(' ')))) ?? 0;
}

/**
 * The time as said, with a hint when chrono reads a definite day or hour in the clinic's time zone; undefined when the
 * reply names no time ("who will call?", "thanks"): `timeWords` are the words that tell one without a date or an hour.
 */
export function parsePreferredTime(text: string, now: Date, timeZone: string, timeWords: readonly string[]): PreferredTime | undefined {
  const said = text.replace(/\s+/g, ' ').trim().slice(0, BOOKING_PARSE_DEFAULTS.maxTimeChars);
  // A call-back reference typed here ("KN-26HR") tells no time, however its letters read.
  const read = withoutReference(said);
  if (!/[\p{L}\p{N}]/u.test(read)) return undefined;
  const [result] = chrono().parse(read, { instant: now, timezone: offsetMinutes({ now, timeZone }) }, { forwardDate: true });
  if (!result) return tellsTime(read, timeWords) ? { text: said } : undefined;
  const known = (part: 'day' | 'hour' | 'weekday') => result.start.isCertain(part);
  // chrono reads the word "weekday" itself as a Tuesday; only a named day counts.
  const namedDay = known('weekday') && /\b(mon|tue|wed|thu|fri|sat|sun)/i.test(result.text);
  if (!known('day') && !known('hour') && !namedDay) return { text: said };
  return { text: said, hint: { at: result.start.date().toISOString(), precision: known('hour') ? 'time' : 'day' } };
}

/** An hour on its own ("after 3", "7:30"), not a digit inside a code such as a booking reference. */
const CLOCK_NUMBER = /(?:^|[^\p{L}\p{N}])\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?=$|[^\p{L}\p{N}])/iu;

/** A time told in words ("weekday mornings", "whenever", "asap"), not a question. */
function tellsTime(said: string, timeWords: readonly string[]): boolean {
  if (said.includes('?')) return false;
  const padded = ` ${normaliseText(said)} `;
  return normalised(timeWords).some((word) => padded.includes(` ${word} `)) || CLOCK_NUMBER.test(said);
}

/**
 * Agreement, agreement as a parent or guardian, refusal, or undefined when it is not clear. A whole reply from the
 * lists decides; otherwise a reply that agrees and neither refuses, doubts nor asks is agreement ("yep that's fine",
 * "I'm his dad, yes"), and one that refuses and does not agree is refusal ("nope, I'll call them myself").
 */
/**
 * The writer tells they are a child: "I'm the kid", "no, I'm 13", "i'm 15 and my knee hurts" (an age up to `childMaxAge`,
 * said of oneself). A parent telling of a child ("my son is 13") is not.
 */
export function writerIsChild(text: string, words: ConsentWords, childMaxAge: number): boolean {
  const padded = ` ${normaliseText(text)} `;
  if (normalised(words.childWriterWords).some((phrase) => padded.includes(` ${phrase} `))) return true;
  const own = /\b(?:i am|im|i m) (?:only |just )?(\d{1,2})(?: years? old| yrs? old| yo)?\b(?! (?:km|k|kg|kgs|lbs|min|mins|minutes|hours|days|weeks|months|percent|times|miles))/.exec(padded);
  return own !== null && Number(own[1]) <= childMaxAge;
}

export function readConsent(text: string, words: ConsentWords): ConsentReading | undefined {
  const emoji = withoutEmojiMarks(text).replace(/\s/g, '');
  if (words.agreeEmoji.includes(emoji)) return 'self';
  if (words.declineEmoji.includes(emoji)) return 'decline';
  const said = normaliseText(text);
  const phrases = normalised;
  if (phrases(words.declineWords).includes(said)) return 'decline';
  if (phrases(words.guardianWords).includes(said)) return 'guardian';
  if (phrases(words.agreeWords).includes(said)) return 'self';
  const opening = phrases(words.agreeWords).find((word) => said.startsWith(`${word} `));
  if (opening && phrases(words.guardianWords).some((word) => ` ${said} `.includes(` ${word} `))) return 'guardian';
  if (text.includes('?')) return undefined;
  let padded = ` ${said} `;
  const holds = (list: string[]) => phrases(list).some((word) => padded.includes(` ${word} `));
  const doubts = holds(words.doubtSigns);
  // "no problem" agrees: agreeing phrases are read, then set aside, before looking for a refusal.
  const agrees = holds(words.agreeSigns);
  for (const word of longestFirst(phrases(words.agreeSigns))) padded = padded.replaceAll(` ${word} `, '  ');
  const declines = holds(words.declineSigns);
  // A refusal stands with a doubt beside it ("I'm her mom, but no thanks"); agreement does not ("yes but delete it after").
  if (declines) return agrees ? undefined : 'decline';
  if (!agrees || doubts || holds(words.otherCarerSigns)) return undefined;
  return holds(words.guardianSigns) ? 'guardian' : 'self';
}

const longestLists = new WeakMap<readonly string[], readonly string[]>();
function longestFirst(list: readonly string[]): readonly string[] {
  let out = longestLists.get(list);
  if (!out) longestLists.set(list, (out = [...list].sort((a, b) => b.length - a.length)));
  return out;
}

/** Padded with spaces so a phrase from a list is found as whole words. */
const holdsAny = (padded: string, list: readonly string[]) => normalised(list).some((phrase) => padded.includes(` ${phrase} `));

/** A question about why a name is needed ("why do you need my name?", "what's it for"). */
export function asksWhyName(text: string, words: NameWords): boolean {
  return holdsAny(` ${normaliseText(text)} `, words.whyWords);
}

/**
 * The answer to "Should the clinic call or text you at (647) 555-0155?": the number offered ("this number", "text me",
 * "yes"), another one ("a different one", "no"), or undefined when the reply says neither.
 */
export function readOfferedNumber(text: string, words: { consent: ConsentWords; contact: ContactWords }): 'sender' | 'other' | undefined {
  const padded = ` ${normaliseText(text)} `;
  // "yes, another number": wanting another outweighs the yes beside it.
  if (holdsAny(padded, words.contact.otherWords)) return 'other';
  const consent = readConsent(text, words.consent);
  if (consent === 'decline') return 'other';
  if (consent !== undefined || holdsAny(padded, words.contact.senderWords)) return 'sender';
  return undefined;
}

/** A contact in a reply, with the text either side of it less the words that point at it ("call me at", "my number is"). */
interface ContactInReply {
  contact: Contact;
  before: string;
  after: string;
}

function contactInReply(text: string, words: ContactWords, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): ContactInReply | undefined {
  const found = findContact(text, region);
  if (!found) return undefined;
  return { contact: found.contact, before: cutLeadIns(text.slice(0, found.at), words.leadIns, 'end'), after: cutLeadIns(text.slice(found.end), words.leadIns, 'start') };
}

/** The text with the lead-in words and punctuation at one edge cut off, as often as they come ("Priya and you can call me at"). */
function cutLeadIns(text: string, leadIns: readonly string[], edge: 'start' | 'end'): string {
  const phrases = normalised(leadIns);
  const longest = Math.max(...phrases.map((phrase) => phrase.split(' ').length));
  let tokens = text.split(/\s+/).filter((token) => token !== '');
  const take = (k: number) => (edge === 'end' ? tokens.slice(-k) : tokens.slice(0, k));
  const drop = (k: number) => (tokens = edge === 'end' ? tokens.slice(0, -k) : tokens.slice(k));
  // Longest first, so "you can call me at" goes whole rather than as "at".
  const leadInLength = (): number => {
    for (let k = Math.min(longest, tokens.length); k > 0; k--) if (phrases.includes(normaliseText(take(k).join(' ')))) return k;
    return 0;
  };
  for (;;) {
    while (tokens.length && !/[\p{L}\p{N}]/u.test(take(1)[0])) drop(1);
    const k = leadInLength();
    if (k === 0) break;
    drop(k);
  }
  return tokens.join(' ').replace(/^[\s,;:.!-]+|[\s,;:.!-]+$/gu, '');
}

/** When and the words a time is read with. */
export interface TimeReading {
  now: Date;
  timeZone: string;
  /** The words that tell a time without a date or an hour ("mornings"). */
  words: readonly string[];
}

/** A time told beside a contact ("647-555-0142 after 6pm"); none when the words say what the contact is ("work number"). */
function timeBeside(text: string, labels: readonly string[], when: TimeReading): PreferredTime | undefined {
  if (!text || holdsAny(` ${normaliseText(text)} `, labels)) return undefined;
  return parsePreferredTime(text, when.now, when.timeZone, when.words);
}

/** What a reply to the name question gives: the name, and a contact and a time told with it. */
export interface NameReply {
  name?: string;
  contact?: Contact;
  time?: PreferredTime;
}

/**
 * "my name is Priya and you can call me at 647-555-0142 after 6pm" gives all three. A time is taken only beside a
 * contact (after it, or before it when the name follows it): alone, "Priya, my knee hurts at work" tells no time to call.
 */
export function readNameReply(text: string, words: { name: NameWords; contact: ContactWords }, when: TimeReading): NameReply {
  const found = contactInReply(text, words.contact);
  if (!found) return { name: parseName(text, words.name) };
  const before = parseName(found.before, words.name);
  const name = before ?? parseName(found.after, words.name);
  const rest = name && !before ? found.before : found.after;
  return { name, contact: found.contact, time: timeBeside(rest, words.contact.labels, when) };
}

/** What a reply to the time question gives: the time, and a contact that corrects the one given ("my number is actually ..."). */
export function readTimeReply(text: string, words: ContactWords, when: TimeReading): { contact?: Contact; time?: PreferredTime } {
  const found = contactInReply(text, words);
  if (!found) return { time: parsePreferredTime(text, when.now, when.timeZone, when.words) };
  return { contact: found.contact, time: timeBeside(found.after, words.labels, when) ?? timeBeside(found.before, words.labels, when) };
}
