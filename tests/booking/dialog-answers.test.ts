import { expect } from 'chai';
import type { Database } from '../../storage';
import type { ClinicFacts } from '../../dialogs/clinic';
import { fill } from '../../knowledge/messages';
import { freshDatabaseEachTest, sqliteEngine } from '../storage/engines';
import { createHarness, fakeClock, loadContent, person, type Clock, type Content, type Harness, type Speaker, type Turn } from './harness';

type Step = 'consent' | 'name' | 'contact' | 'time';

/** The answers that reach each question, in order. */
const ANSWERS: [Step, string][] = [
  ['consent', 'yes'],
  ['name', 'Robin Quayle'],
  ['contact', 'robin@example.ca'],
];

// Answers that tell more, or other, than the question asked: a contact corrected or given early, a question back, a stale button.
describe('the call-back dialog, with answers that tell more or other than was asked', function () {
  let content: Content;
  let database: Database;
  let clock: Clock;
  let harness: Harness;

  before(() => {
    content = loadContent();
  });

  freshDatabaseEachTest(sqliteEngine(), (opened) => {
    database = opened;
    clock = fakeClock();
    harness = createHarness({ content, database, clock });
  });

  /** Starts the dialog and answers up to (not including) `step`. */
  async function reach(who: Speaker, step: Step, on: Harness = harness): Promise<Turn> {
    let turn = await on.say(who, '', { value: 'booking:callback' });
    for (const [at, answer] of ANSWERS) {
      if (at === step) break;
      turn = await on.say(who, answer);
    }
    expect(turn.entity('booking.question')?.id).to.equal(step);
    return turn;
  }

  async function stored(turn: Turn) {
    const reference = turn.entity('booking.requested')?.reference;
    expect(reference, `no request in: ${turn.text}`).to.be.a('string');
    return database.bookings.byReference(reference ?? '');
  }

  describe('a contact corrected at the time question', () => {
    it('keeps the corrected number, says so, and asks for the time again', async () => {
      const who = person();
      await reach(who, 'time');
      const turn = await harness.say(who, 'wait, my number is actually 647 555 0123, call that instead');
      expect(turn.entity('booking.requested')).to.equal(undefined);
      expect(turn.entity('booking.question')?.id).to.equal('time');
      expect(harness.data(who).booking).to.deep.include({ step: 'time', attempts: 0, contact: { kind: 'phone', value: '+16475550123' } });
      expect(turn.replies[0].text).to.equal(fill(content.words.contact.changed, { contact: '(647) 555-0123' }));
      const done = await harness.say(who, 'evenings');
      expect((await stored(done))?.contact).to.deep.equal({ kind: 'phone', value: '+16475550123' });
    });

    it('takes the request at once when the correction tells the time too', async () => {
      const who = person();
      await reach(who, 'time');
      const done = await harness.say(who, 'mornings, but use 647-555-0123');
      const request = await stored(done);
      expect(request?.contact).to.deep.equal({ kind: 'phone', value: '+16475550123' });
      expect(request?.preferredTime).to.deep.equal({ text: 'mornings' });
    });
  });

  describe('the name question', () => {
    const notNames: [string, string, string | undefined][] = [
      ['a stale button value typed back', 'booking:consent:self', undefined],
      ['a value of another namespace', 'topic:ice', undefined],
      ['one character', 'x', undefined],
      ['a stale button pressed again', 'Yes, I agree', 'booking:consent:self'],
    ];
    for (const [name, text, value] of notNames) {
      it(`refuses ${name} ("${text}") as a name and asks again`, async () => {
        const who = person();
        await reach(who, 'name');
        const turn = await harness.say(who, text, { value });
        expect(turn.entity('booking.question')?.id).to.equal('name');
        expect(harness.data(who).booking).to.deep.include({ step: 'name', attempts: 1 });
        expect(harness.data(who).booking?.name).to.equal(undefined);
      });
    }

    it('takes the name, the number and the time from one sentence, and asks nothing more', async () => {
      const who = person();
      await reach(who, 'name');
      const done = await harness.say(who, 'my name is Priya and you can call me at 647-555-0142 after 6pm');
      const request = await stored(done);
      expect(request).to.deep.include({ name: 'Priya', contact: { kind: 'phone', value: '+16475550142' } });
      expect(request?.preferredTime).to.deep.equal({ text: 'after 6pm', hint: { at: '2025-03-10T22:00:00.000Z', precision: 'time' } });
    });

    it('keeps a number given with the name, says so, and goes on to the time', async () => {
      const who = person();
      await reach(who, 'name');
      const turn = await harness.say(who, 'Raj Patel, 416-555-0123');
      expect(turn.entity('booking.question')?.id).to.equal('time');
      expect(turn.replies[0].text).to.equal(fill(content.words.contact.noted, { contact: '(416) 555-0123' }));
      const request = await stored(await harness.say(who, 'any time'));
      expect(request).to.deep.include({ name: 'Raj Patel', contact: { kind: 'phone', value: '+14165550123' } });
    });

    it('does not offer the SMS sender number when another was given with the name', async () => {
      const who = person('sms');
      await reach(who, 'name');
      const turn = await harness.say(who, 'Priya, 647-555-0142');
      expect(turn.entity('booking.question')?.id).to.equal('time');
      const request = await stored(await harness.say(who, 'weekday mornings'));
      expect(request?.contact).to.deep.equal({ kind: 'phone', value: '+16475550142' });
    });

    it('keeps a number given instead of the name and asks for the name again, without counting it unclear', async () => {
      const who = person();
      await reach(who, 'name');
      const turn = await harness.say(who, 'call me at 647-555-0142');
      expect(turn.entity('booking.question')?.id).to.equal('name');
      expect(harness.data(who).booking).to.deep.include({ step: 'name', attempts: 0, contact: { kind: 'phone', value: '+16475550142' } });
      expect((await harness.say(who, 'Priya')).entity('booking.question')?.id).to.equal('time');
      expect((await stored(await harness.say(who, 'evenings')))?.name).to.equal('Priya');
    });

    it('keeps a number and time given before the name when the name then comes with the number again', async () => {
      const who = person();
      await reach(who, 'name');
      await harness.say(who, '647-555-0142 after 6pm');
      const request = await stored(await harness.say(who, 'Priya, 647-555-0142'));
      expect(request).to.deep.include({ name: 'Priya', contact: { kind: 'phone', value: '+16475550142' } });
      expect(request?.preferredTime?.text).to.equal('after 6pm');
    });

    it('says why a name is needed when asked, and asks again without counting it unclear', async () => {
      const who = person();
      await reach(who, 'name');
      for (const question of ['why do you need my name?', 'what for', 'why do you need my name?']) {
        const turn = await harness.say(who, question);
        expect(turn.replies[0].text).to.equal(content.words.name.why);
        expect(turn.entity('booking.question')?.id).to.equal('name');
      }
      expect(harness.data(who).booking).to.deep.include({ step: 'name', attempts: 0 });
      expect((await harness.say(who, 'Robin')).entity('booking.question')?.id).to.equal('contact');
    });
  });

  describe('the SMS sender number offered', () => {
    for (const reply of ['this number', 'same number', 'that one', 'text me', 'call me on this']) {
      it(`takes "${reply}" as yes to the number offered`, async () => {
        const who = person('sms');
        await reach(who, 'name');
        await harness.say(who, 'Robin Quayle');
        const turn = await harness.say(who, reply);
        expect(turn.entity('booking.question')?.id).to.equal('time');
        expect((await stored(await harness.say(who, 'evenings')))?.contact).to.deep.equal({ kind: 'phone', value: '+14165550199' });
      });
    }

    for (const reply of ['not this one', 'a different number please']) {
      it(`asks for another number on "${reply}"`, async () => {
        const who = person('sms');
        await reach(who, 'name');
        await harness.say(who, 'Robin Quayle');
        const turn = await harness.say(who, reply);
        expect(turn.replies[0].text).to.equal(content.words.contact.otherQuestion);
        expect(harness.data(who).booking).to.deep.include({ step: 'contact', senderOffered: false });
      });
    }
  });

  it('says when the clinic calls, when its hours are configured', async () => {
    const clinic: ClinicFacts = { name: 'Test Clinic', phone: '416-555-0100', hours: 'Mon-Fri 8am-8pm' };
    const withHours = createHarness({ content, database, clock, clinic });
    const who = person();
    await withHours.say(who, '', { value: 'booking:callback' });
    for (const answer of ['yes', 'Sam Lee', '416-555-0123']) await withHours.say(who, answer);
    const done = await withHours.say(who, 'sunday morning');
    expect(done.entity('booking.requested')).to.not.equal(undefined);
    expect(done.text).to.include('during its opening hours (Mon-Fri 8am-8pm)');
  });

  describe('a clinic with only some ways to book configured', () => {
    const clinics: [string, ClinicFacts][] = [
      ['neither a phone nor a booking link', { name: 'Test Clinic' }],
      ['only a phone', { name: 'Test Clinic', phone: '416-555-0100' }],
      ['only a booking link', { name: 'Test Clinic', bookingUrl: 'https://clinic.example/book' }],
    ];
    /** What every reply says, with no phone and no online booking unless the clinic has them. */
    const mentionsOnly = (turn: Turn, clinic: ClinicFacts) => {
      if (!clinic.bookingUrl) expect(turn.text).to.not.match(/online|https?:/i);
      if (!clinic.phone) expect(turn.text).to.not.match(/\bcall (us|the clinic)\b/i);
      expect(turn.text).to.not.include(content.messages.bookingNoContact);
    };
    const callbackOffered = (turn: Turn) => turn.replies.find((r) => r.entity?.type === 'booking.offer')?.choices?.map((c) => c.value) ?? [];

    it('offers the call-back, and no dead end, after a check that ends in booking at a clinic with neither a phone nor a link', async () => {
      const clinic = clinics[0][1];
      const outcome = await createHarness({ content, database, clock, clinic }).bookOutcome(person());
      expect(outcome.entity('triage.outcome')).to.include({ level: 'book' });
      const offer = outcome.replies.find((r) => r.entity?.type === 'booking.offer');
      expect(offer?.text).to.equal(content.messages.bookingOffer);
      expect(callbackOffered(outcome)).to.deep.equal(['booking:callback']);
    });

    for (const [name, clinic] of clinics) {
      it(`offers booking with ${name} by the ways configured, and the call-back`, async () => {
        const on = createHarness({ content, database, clock, clinic });
        const offer = await on.say(person(), 'book');
        mentionsOnly(offer, clinic);
        expect(callbackOffered(offer)).to.deep.equal(['booking:callback']);
      });

      it(`mentions only the ways configured after consent is refused, with ${name}`, async () => {
        const on = createHarness({ content, database, clock, clinic });
        const who = person();
        await reach(who, 'consent', on);
        const refused = await on.say(who, 'no thanks');
        mentionsOnly(refused, clinic);
        // With no other way, the call-back stays on offer; with one, declining it is not met with it again.
        expect(callbackOffered(refused)).to.deep.equal(clinic.phone || clinic.bookingUrl ? [] : ['booking:callback']);
      });

      it(`mentions only the ways configured after three unclear answers, with ${name}`, async () => {
        const on = createHarness({ content, database, clock, clinic });
        const who = person();
        await reach(who, 'name', on);
        let turn = await on.say(who, '12');
        for (let i = 0; i < 2; i++) turn = await on.say(who, '12');
        expect(turn.entity('booking.question')).to.equal(undefined);
        mentionsOnly(turn, clinic);
        expect(callbackOffered(turn)).to.deep.equal(clinic.phone || clinic.bookingUrl ? [] : ['booking:callback']);
      });
    }
  });

  describe('a second call-back in the same conversation', () => {
    async function requestOnce(who: Speaker): Promise<string> {
      await reach(who, 'time');
      const done = await harness.say(who, 'evenings');
      return done.entity('booking.requested')?.reference ?? '';
    }

    it('tells of the first request before asking to make another', async () => {
      const who = person();
      const reference = await requestOnce(who);
      const again = await harness.say(who, '', { value: 'booking:callback' });
      expect(again.replies, 'a notice, then the consent question').to.have.length(2);
      expect(again.replies[0].text).to.equal(fill(content.words.repeat.notice, { reference }));
      expect(again.entity('booking.question')?.id).to.equal('consent');
    });

    it('makes no second request when the person says no, and says the first stands', async () => {
      const who = person();
      const reference = await requestOnce(who);
      await harness.say(who, '', { value: 'booking:callback' });
      const kept = await harness.say(who, 'no');
      expect(kept.entity('booking.offer'), 'the first request stands: no booking offer').to.equal(undefined);
      expect(kept.text).to.equal(fill(content.words.repeat.kept, { reference }));
      expect(harness.data(who).booking).to.equal(undefined);
      expect((await database.bookings.listActive(10)).total).to.equal(1);
    });

    it('makes a second request when the person goes ahead', async () => {
      const who = person();
      const first = await requestOnce(who);
      await harness.say(who, '', { value: 'booking:callback' });
      for (const [, answer] of ANSWERS) await harness.say(who, answer);
      const second = (await harness.say(who, 'mornings')).entity('booking.requested')?.reference;
      expect(second).to.be.a('string').and.not.equal(first);
      expect((await database.bookings.listActive(10)).total).to.equal(2);
    });

    it('does not tell of a request in another conversation', async () => {
      await requestOnce(person('webchat', 'first'));
      const other = await harness.say(person('webchat', 'second'), '', { value: 'booking:callback' });
      expect(other.replies).to.have.length(1);
      expect(other.entity('booking.question')?.id).to.equal('consent');
    });
  });
});
