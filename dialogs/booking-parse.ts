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
  /** Most words in a name; more is a sentence, not a name. */
  maxNameWords: 6,
  /** Longest preferred-time text kept. */
  maxTimeChars: 200,
});

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

/** A valid phone number or e-mail address found in the text; Canadian numbers need no country code. */
export function parseContact(text: string, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): Contact | undefined {
  for (const candidate of text.match(EMAIL) ?? []) {
    const email = parseEmail(candidate);
    if (email) return { kind: 'email', value: email };
  }
  return parsePhone(text, region);
}

export function parsePhone(text: string, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): Contact | undefined {
  const found = phoneNumbers().findPhoneNumbersInText(text, { defaultCountry: region }).find((match) => match.number.isValid());
  if (!found) return undefined;
  return found.number.ext ? { kind: 'phone', value: found.number.number, ext: found.number.ext } : { kind: 'phone', value: found.number.number };
}

/** How the contact reads to a person: national format at home, international otherwise. */
export function displayContact(contact: Contact, region: CountryCode = BOOKING_PARSE_DEFAULTS.defaultRegion): string {
  if (contact.kind === 'email') return contact.value;
  const phone = phoneNumbers().parsePhoneNumberFromString(contact.value);
  if (!phone) return contact.value;
  const shown = phone.country === region || (phone.countryCallingCode === '1' && region === 'CA') ? phone.formatNational() : phone.formatInternational();
  return contact.ext ? `${shown} ext. ${contact.ext}` : shown;
}

/** The name in a reply ("it's Sam Lee" gives "Sam Lee"), or undefined when the reply is not a name. */
export function parseName(text: string, prefixes: readonly string[]): string | undefined {
  const words = text.replace(/\s+/g, ' ').trim().replace(/[.!,;]+$/, '').split(' ');
  const known = new Set(prefixes.map(normaliseText));
  // The longest opening such as "my name is" or "it's" is dropped; what is left is the name.
  const cut = [4, 3, 2, 1].find((k) => k < words.length && known.has(normaliseText(words.slice(0, k).join(' '))));
  const name = words.slice(cut ?? 0).join(' ').replace(/^[:,-]\s*/, '');
  if (!name || name.length > BOOKING_PARSE_DEFAULTS.maxNameChars) return undefined;
  if (name.split(' ').length > BOOKING_PARSE_DEFAULTS.maxNameWords) return undefined;
  // A reply with an address or digits is contact details typed too early, not a name.
  if (name.includes('@') || /\d/.test(name) || !/\p{L}/u.test(name)) return undefined;
  return name;
}

/** The time as said, with a hint when chrono reads a definite day or hour in the clinic's time zone. */
export function parsePreferredTime(text: string, now: Date, timeZone: string): PreferredTime | undefined {
  const said = text.replace(/\s+/g, ' ').trim().slice(0, BOOKING_PARSE_DEFAULTS.maxTimeChars);
  if (!/[\p{L}\p{N}]/u.test(said)) return undefined;
  const [result] = chrono().parse(said, { instant: now, timezone: offsetMinutes({ now, timeZone }) }, { forwardDate: true });
  if (!result) return { text: said };
  const known = (part: 'day' | 'hour' | 'weekday') => result.start.isCertain(part);
  // chrono reads the word "weekday" itself as a Tuesday; only a named day counts.
  const namedDay = known('weekday') && /\b(mon|tue|wed|thu|fri|sat|sun)/i.test(result.text);
  if (!known('day') && !known('hour') && !namedDay) return { text: said };
  return { text: said, hint: { at: result.start.date().toISOString(), precision: known('hour') ? 'time' : 'day' } };
}

/** Agreement, agreement as a parent or guardian, refusal, or undefined when it is not clear. */
export function readConsent(text: string, words: { agreeWords: string[]; guardianWords: string[]; declineWords: string[] }): ConsentReading | undefined {
  const said = normaliseText(text);
  const phrases = (list: string[]) => list.map(normaliseText);
  if (phrases(words.declineWords).includes(said)) return 'decline';
  if (phrases(words.guardianWords).includes(said)) return 'guardian';
  if (phrases(words.agreeWords).includes(said)) return 'self';
  const opening = phrases(words.agreeWords).find((word) => said.startsWith(`${word} `));
  if (opening && phrases(words.guardianWords).some((word) => ` ${said} `.includes(` ${word} `))) return 'guardian';
  return undefined;
}
