import { expect } from 'chai';
import fc from 'fast-check';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadBookingMessages } from '../../knowledge/booking-messages';
import { asksWhyName, displayContact, looksLikeButtonValue, nameCorrection, parseContact, parseEmail, parseName, parsePreferredTime, readConsent, readNameReply, readOfferedNumber, readTimeReply } from '../../dialogs/booking-parse';
import { REFERENCE_ALPHABET, findReference, newReference } from '../../dialogs/booking-reference';
import { readTestData } from '../support/data';

const words = loadBookingMessages(path.join(findProjectRoot(), 'knowledge'));
const NOW = new Date('2025-03-10T14:00:00.000Z'); // a Monday, 10:00 in Toronto

describe('reading call-back details', () => {
  describe('contact', () => {
    const cases: [string, string | undefined][] = [
      ['416-555-0123', '+14165550123'],
      ['(416) 555 0123', '+14165550123'],
      ['4165550123', '+14165550123'],
      ['call me at 647.555.0142 please', '+16475550142'],
      ['+1 613 555 0100', '+16135550100'],
      ['1-800-555-0199', '+18005550199'],
      ['+44 20 7946 0958', '+442079460958'],
      ['011 44 20 7946 0958', '+442079460958'],
      ['+33 6 12 34 56 78', '+33612345678'],
      ['555-1234', undefined],
      ['12345', undefined],
      ['647-555-01234', undefined],
      ['tomorrow', undefined],
      ['', undefined],
    ];
    for (const [said, e164] of cases) {
      it(`reads "${said}" as ${e164 ?? 'no phone number'}`, () => {
        const contact = parseContact(said);
        expect(contact?.kind === 'phone' ? contact.value : undefined).to.equal(e164);
      });
    }

    it('keeps an extension beside the number', () => {
      expect(parseContact('416-555-0123 ext. 22')).to.deep.equal({ kind: 'phone', value: '+14165550123', ext: '22' });
    });

    const emails: [string, string | undefined][] = [
      ['sam.lee@example.com', 'sam.lee@example.com'],
      ['Sam.Lee+knee@Example.CA', 'Sam.Lee+knee@example.ca'],
      ['my email is robin@clinic.example.org.', 'robin@clinic.example.org'],
      ['mailto:a@b.co', 'a@b.co'],
      ['sam@localhost', undefined],
      ['sam@@example.com', undefined],
      ['.sam@example.com', undefined],
      ['sam..lee@example.com', undefined],
      ['sam@-example.com', undefined],
      ['sam@example.c0m', undefined],
      [`${'a'.repeat(65)}@example.com`, undefined],
    ];
    for (const [said, email] of emails) {
      it(`reads "${said.slice(0, 40)}" as ${email ?? 'no e-mail'}`, () => {
        const contact = parseContact(said);
        expect(contact?.kind === 'email' ? contact.value : undefined).to.equal(email);
      });
    }

    it('never accepts an address with spaces or without a dot in the domain', () => {
      fc.assert(fc.property(fc.string(), fc.string(), (local, domain) => {
        const email = parseEmail(`${local}@${domain}`);
        return email === undefined || (!/\s/.test(email) && email.split('@')[1].includes('.'));
      }));
    });

    it('shows Canadian numbers the national way and others the international way', () => {
      expect(displayContact({ kind: 'phone', value: '+14165550123' })).to.equal('(416) 555-0123');
      expect(displayContact({ kind: 'phone', value: '+442079460958' })).to.equal('+44 20 7946 0958');
      expect(displayContact({ kind: 'phone', value: '+14165550123', ext: '5' })).to.equal('(416) 555-0123 ext. 5');
    });
  });

  describe('name', () => {
    const cases: [string, string | undefined][] = [
      ['Sam Lee', 'Sam Lee'],
      ["it's Sam", 'Sam'],
      ['My name is Zoë O\'Brien-Nguyen.', "Zoë O'Brien-Nguyen"],
      ["I'm Jo", 'Jo'],
      ['call me Al', 'Al'],
      ['sam@example.com', undefined],
      ['416 555 0123', undefined],
      ['Sam 2', undefined],
      ['!!!', undefined],
      ['my knee hurts when I run up the stairs every morning', undefined],
      ['x'.repeat(81), undefined],
      // Openings, endings, contact details typed after the name, and a parent's name for a child's call-back.
      ['Sam here', 'Sam'],
      ['Hi, my name is Anne-Marie Tremblay, thanks', 'Anne-Marie Tremblay'],
      ["Name's Dave", 'Dave'],
      ['you can ask for Li Wei', 'Li Wei'],
      ['Raj Patel, 416-555-0123', 'Raj Patel'],
      ["Ava, I'm her mom Lisa", 'Lisa'],
      ["she's Emma, I'm her dad, ask for Daniel", 'Daniel'],
      ["Tom - it's for my son Jake, so ask for me", 'Tom'],
      // Replies that are not names.
      ['why do you need that', undefined],
      ['idk', undefined],
      ["I'd rather not say", undefined],
      ['what?', undefined],
      // Button values typed back, and a single key.
      ['booking:consent:self', undefined],
      ['Triage:start', undefined],
      ['booking: self', undefined],
      ['x', undefined],
      ['J.', undefined],
      ['Jo', 'Jo'],
      // An emoji beside a name is not part of it; a name in another script is kept as written.
      ['Ana 🙂', 'Ana'],
      ['👋 Priya here', 'Priya'],
      ['李明', '李明'],
    ];
    for (const [said, name] of cases) {
      it(`reads "${said.slice(0, 40)}" as ${name ?? 'no name'}`, () => {
        expect(parseName(said, words.name)).to.equal(name);
      });
    }
  });

  describe('button values', () => {
    const cases: [string, boolean][] = [
      ['booking:consent:self', true],
      ['staff:contacted:KN-7F3Q', true],
      ['topic: ice', true],
      ['a:b', true],
      ['Name: Sam', false],
      ['Sam Lee', false],
      ['after 5:30', false],
    ];
    for (const [said, button] of cases) {
      it(`reads "${said}" as ${button ? 'a button value' : 'words'}`, () => {
        expect(looksLikeButtonValue(said)).to.equal(button);
      });
    }
  });

  describe('a reply to the name question that tells more', () => {
    const when = { now: NOW, timeZone: 'America/Toronto', words: words.time.words };
    const phone = (value: string) => ({ kind: 'phone', value });
    const cases: [string, { name?: string; contact?: object; time?: string }][] = [
      ['my name is Priya and you can call me at 647-555-0142 after 6pm', { name: 'Priya', contact: phone('+16475550142'), time: 'after 6pm' }],
      ['Raj Patel, 416-555-0123', { name: 'Raj Patel', contact: phone('+14165550123') }],
      ['this is Dana Smith at 416-555-0123', { name: 'Dana Smith', contact: phone('+14165550123') }],
      ["647-555-0142, it's Priya", { name: 'Priya', contact: phone('+16475550142') }],
      ["she's Emma, I'm her dad, ask for Daniel, 416-555-0123", { name: 'Daniel', contact: phone('+14165550123') }],
      ['Sam at sam@example.com, mornings are best', { name: 'Sam', contact: { kind: 'email', value: 'sam@example.com' }, time: 'mornings are best' }],
      ['call me at 647-555-0142', { contact: phone('+16475550142') }],
      // Words that say what the number is tell no time.
      ['Priya, 416-555-0123 work number', { name: 'Priya', contact: phone('+14165550123') }],
      // Without a contact, no time is read: "at work" here is not when to call.
      ['Priya, my knee hurts at work', { name: 'Priya' }],
      ['Robin Quayle', { name: 'Robin Quayle' }],
      // A time (the next question's button among them) or a referral is no name.
      ['Evenings', {}], ['any time', {}], ['Weekday mornings', {}], ['Dr. Smith referred me', {}],
    ];
    for (const [said, reading] of cases) {
      it(`reads "${said.slice(0, 50)}" as ${JSON.stringify(reading)}`, () => {
        const got = readNameReply(said, words, when);
        expect({ name: got.name, contact: got.contact, time: got.time?.text }).to.deep.equal({ name: reading.name, contact: reading.contact, time: reading.time });
      });
    }

    for (const said of ['why do you need my name?', 'why do you need that', "what's it for", 'do I have to?']) {
      it(`reads "${said}" as asking why`, () => {
        expect(asksWhyName(said, words.name)).to.equal(true);
      });
    }
    for (const said of ['Sam Lee', 'Whyte', 'no']) {
      it(`does not read "${said}" as asking why`, () => {
        expect(asksWhyName(said, words.name)).to.equal(false);
      });
    }
  });

  describe('a reply to the time question that corrects the contact', () => {
    const when = { now: NOW, timeZone: 'America/Toronto', words: words.time.words };
    const cases: [string, { contact?: string; time?: string }][] = [
      ['wait, my number is actually 647 555 0123, call that instead', { contact: '+16475550123' }],
      ['mornings, but use 647-555-0123', { contact: '+16475550123', time: 'mornings' }],
      ['647-555-0142 after 6pm', { contact: '+16475550142', time: 'after 6pm' }],
      ['sorry, email me at sam@example.com instead', { contact: 'sam@example.com' }],
      ['my cell is 416-555-0123, call after work', { contact: '+14165550123' }],
      ['weekday mornings', { time: 'weekday mornings' }],
    ];
    for (const [said, reading] of cases) {
      it(`reads "${said.slice(0, 50)}" as ${JSON.stringify(reading)}`, () => {
        const got = readTimeReply(said, words.contact, when);
        expect({ contact: got.contact?.value, time: got.time?.text }).to.deep.equal({ contact: reading.contact, time: reading.time });
      });
    }
  });

  describe('a reply to the SMS sender number offered', () => {
    const cases: [string, 'sender' | 'other' | undefined][] = [
      ['this number', 'sender'],
      ['same number', 'sender'],
      ['that one', 'sender'],
      ['text me', 'sender'],
      ['call me on this', 'sender'],
      ["yep that's fine", 'sender'],
      ['no', 'other'],
      ['not this one', 'other'],
      ['yes, a different one', 'other'],
      ['email me instead', 'other'],
      ["don't call me", 'other'],
      ['hmm', undefined],
    ];
    for (const [said, reading] of cases) {
      it(`reads "${said}" as ${reading ?? 'unclear'}`, () => {
        expect(readOfferedNumber(said, words)).to.equal(reading);
      });
    }
  });

  describe('a name corrected at a later question', () => {
    const cases: [string, string | undefined][] = [
      ['sorry, my name is spelled Sara not Sarah', 'Sara'],
      ['my name is actually Sara', 'Sara'],
      ["it's spelled Jon, not John", 'Jon'],
      // Only after a lead such as "my name is": an answer to the question itself is never one.
      ['416-555-0123', undefined],
      ['Sara', undefined],
      ['no', undefined],
    ];
    for (const [said, name] of cases) {
      it(`reads "${said}" as ${name ?? 'no correction'}`, () => {
        expect(nameCorrection(said, words.name)).to.equal(name);
      });
    }
  });

  describe('preferred time', () => {
    const cases: [string, { at: string; precision: 'day' | 'time' } | undefined][] = [
      ['tomorrow after 5pm', { at: '2025-03-11T21:00:00.000Z', precision: 'time' }],
      ['Friday at 3pm', { at: '2025-03-14T19:00:00.000Z', precision: 'time' }],
      ['tomorrow', { at: '2025-03-11T14:00:00.000Z', precision: 'day' }],
      ['weekday mornings', undefined],
      ['any weekday after 4', undefined],
      ['evenings', undefined],
      ['whenever', undefined],
      ['no preference', undefined],
      ["doesn't matter", undefined],
    ];
    for (const [said, hint] of cases) {
      it(`keeps "${said}" as said, with ${hint ? `a ${hint.precision} hint` : 'no hint'}`, () => {
        expect(parsePreferredTime(said, NOW, 'America/Toronto', words.time.words)).to.deep.equal(hint ? { text: said, hint } : { text: said });
      });
    }

    it('takes nothing without a letter or digit', () => {
      expect(parsePreferredTime(' ?! ', NOW, 'America/Toronto', words.time.words)).to.equal(undefined);
    });

    for (const said of ['who will call?', 'no', 'thanks', "what's this for", 'KN-26HR', 'KN-677M']) {
      it(`takes no time from "${said}"`, () => {
        expect(parsePreferredTime(said, NOW, 'America/Toronto', words.time.words)).to.equal(undefined);
      });
    }

    it('keeps at most 200 characters of a long answer', () => {
      expect(parsePreferredTime('mornings '.repeat(60), NOW, 'America/Toronto', words.time.words)?.text).to.have.length(200);
    });
  });

  describe('consent', () => {
    const cases: [string, string | undefined][] = [
      ['yes', 'self'],
      ['Yes, I agree.', 'self'],
      ['OK', 'self'],
      ["yes, I'm the parent", 'guardian'],
      ['I am the guardian', 'guardian'],
      ['no', 'decline'],
      ["I don't agree", 'decline'],
      ['maybe', undefined],
      ['what will you do with it?', undefined],
      ['Sam Lee', undefined],
      // Agreement and refusal in the words people use, and doubts or questions, which are not consent.
      ['yep that\'s fine', 'self'],
      ['ok no problem', 'self'],
      ['yes that\'s fine, my number is 416-555-0123', 'self'],
      ["I'm his dad, yes", 'guardian'],
      ['i\'m her legal guardian and i agree', 'guardian'],
      ["nope, I'll call them myself", 'decline'],
      ["I'm her mom, but no thanks", 'decline'],
      ['yes but delete it after', undefined],
      ["ok if you don't share it with anyone", undefined],
      ['not sure', undefined],
      ["I'm his grandma, is that ok?", undefined],
    ];
    for (const [said, reading] of cases) {
      it(`reads "${said}" as ${reading ?? 'unclear'}`, () => {
        expect(readConsent(said, words.consent)).to.equal(reading);
      });
    }
  });

  describe('references', () => {
    it('are KN- and four characters nobody mixes up on the phone', () => {
      fc.assert(fc.property(fc.integer(), () => /^KN-[2-9A-HJKMNP-TW-Z]{4}$/.test(newReference())));
      for (const confusing of '01ILOUV') expect(REFERENCE_ALPHABET).to.not.include(confusing);
    });

    it('are found again however staff type them', () => {
      fc.assert(fc.property(fc.constantFrom(...'abcdefghjkmnpqrstwxyz23456789'.split('')), fc.constantFrom('', ' ', '-'), (ch, separator) => {
        const reference = `KN-${ch.toUpperCase().repeat(4)}`;
        return findReference(`show kn${separator}${ch.repeat(4)} please`) === reference;
      }));
      expect(findReference('KN-0OIL')).to.equal(undefined);
      expect(findReference('no reference here')).to.equal(undefined);
    });
  });
});

interface BookingReplies {
  consent: { reply: string; expect: 'self' | 'guardian' | 'decline' | 'unclear' }[];
  name: { reply: string; expect: string | null }[];
  contact: { reply: string; expect: { phone: string } | { email: string } | null }[];
  time: { reply: string; expect: 'any' | null }[];
}

// Written apart from the reading code (tests/data/booking-replies.json).
describe('reading call-back replies written as people answer', () => {
  const replies = readTestData<BookingReplies>('booking-replies.json');
  for (const { reply, expect: reading } of replies.consent) {
    it(`consent: reads "${reply}" as ${reading}`, () => {
      expect(readConsent(reply, words.consent) ?? 'unclear').to.equal(reading);
    });
  }
  for (const { reply, expect: name } of replies.name) {
    it(`name: reads "${reply}" as ${name ?? 'no name'}`, () => {
      expect(parseName(reply, words.name) ?? null).to.equal(name);
    });
  }
  for (const { reply, expect: contact } of replies.contact) {
    it(`contact: reads "${reply}" as ${JSON.stringify(contact)}`, () => {
      const found = parseContact(reply);
      expect(found ? { [found.kind]: found.value } : null).to.deep.equal(contact);
    });
  }
  for (const { reply, expect: time } of replies.time) {
    it(`time: ${time ? 'keeps' : 'takes no time from'} "${reply}"`, () => {
      expect(parsePreferredTime(reply, NOW, 'America/Toronto', words.time.words) ? 'any' : null).to.equal(time);
    });
  }
});
