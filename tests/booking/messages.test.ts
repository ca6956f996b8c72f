import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadBookingMessages, parseBookingMessages } from '../../knowledge/booking-messages';
import { ContentError } from '../../knowledge/validate';
import { LEVELS, QUESTION_IDS } from '../../triage/ids';
import { BOOKING_STATUSES } from '../../storage/bookings';

const dir = path.join(findProjectRoot(), 'knowledge');
const raw = (): Record<string, unknown> => JSON.parse(readFileSync(path.join(dir, 'booking-messages.json'), 'utf8'));

/** A copy of the real file with the field at `where` replaced (or removed, for undefined). */
function broken(where: (string | number)[], value: unknown): unknown {
  const root: unknown = JSON.parse(JSON.stringify(raw()));
  let node: unknown = root;
  for (const key of where.slice(0, -1)) node = Reflect.get(Object(node), key);
  const last = where[where.length - 1];
  if (value === undefined) Reflect.deleteProperty(Object(node), last);
  else Reflect.set(Object(node), last, value);
  return root;
}

describe('the booking messages file', () => {
  it('loads, with words for every outcome level, question and request status', () => {
    const words = loadBookingMessages(dir);
    for (const level of LEVELS) expect(words.card.levels.get(level), level).to.be.a('string');
    for (const id of QUESTION_IDS) expect(words.card.answers.get(id), id).to.be.a('string');
    for (const status of BOOKING_STATUSES) expect(words.staff.statuses.get(status), status).to.be.a('string');
  });

  const cases: [string, (string | number)[], unknown, string][] = [
    ['the confirmation loses its {reference}', ['requested'], 'Thanks, we have it.', 'requested'],
    ['the consent question loses its {days}', ['consent', 'question'], 'Do you agree?', 'consent.question'],
    ['a level has no card words', ['card', 'levels', 'urgent'], undefined, 'card.levels.urgent'],
    ['a time choice is not a booking:time: value', ['time', 'choices', 0, 'value'], 'mornings', 'time.choices[0].value'],
    ['a button label is too long for a button', ['contact', 'sender'], 'x'.repeat(41), 'contact.sender'],
    ['the staff list words are empty', ['staff', 'listWords'], [], 'staff.listWords'],
    ['the contact noted loses its {contact}', ['contact', 'noted'], "I'll use that.", 'contact.noted'],
    ['the contact changed loses its {contact}', ['contact', 'changed'], "OK, I'll use that instead.", 'contact.changed'],
    ['the notice of an earlier request loses its {reference}', ['repeat', 'notice'], 'You already asked for a call-back.', 'repeat.notice'],
    ['the words that take the number offered are missing', ['contact', 'senderWords'], undefined, 'contact.senderWords'],
    ['the words that ask why a name is needed are empty', ['name', 'whyWords'], [], 'name.whyWords'],
    ['an urgent level is no outcome level', ['staff', 'urgentLevels'], ['soon'], 'staff.urgentLevels[0]'],
  ];
  for (const [name, where, value, field] of cases) {
    it(`fails naming ${field} when ${name}`, () => {
      expect(() => parseBookingMessages(broken(where, value), 'booking-messages.json')).to.throw(ContentError, field);
    });
  }
});
