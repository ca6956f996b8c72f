import { expect } from 'chai';
import type { Database } from '../../storage';
import { freshDatabaseEachTest, sqliteEngine } from '../storage/engines';
import { createHarness, fakeClock, loadContent, person, type Clock, type Content, type Harness, type Speaker } from './harness';

type Step = 'consent' | 'name' | 'contact' | 'time';

/** The answers that reach each question, in order. */
const ANSWERS: [Step, string][] = [
  ['consent', 'yes'],
  ['name', 'Robin Quayle'],
  ['contact', '(647) 555-0142'],
];

const PERSONAL = ['Robin', 'Quayle', '647', '0142', '+1647'];

describe('the call-back dialog', function () {
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
  async function reach(who: Speaker, step: Step) {
    let turn = await harness.say(who, '', { value: 'booking:callback' });
    for (const [at, answer] of ANSWERS) {
      if (at === step) break;
      turn = await harness.say(who, answer);
    }
    expect(turn.entity('booking.question')?.id).to.equal(step);
    return turn;
  }

  const keptAnything = (who: Speaker) => {
    const state = JSON.stringify(harness.data(who));
    return PERSONAL.filter((fragment) => state.includes(fragment));
  };

  for (const step of ['consent', 'name', 'contact', 'time'] as const) {
    it(`stops at the ${step} question on "cancel" and keeps nothing it collected`, async () => {
      const who = person();
      await reach(who, step);
      const turn = await harness.say(who, 'cancel');
      expect(turn.text).to.match(/stopped the call-back request/);
      expect(harness.data(who).booking).to.equal(undefined);
      expect(keptAnything(who)).to.deep.equal([]);
      expect((await database.bookings.listActive(10)).total).to.equal(0);
    });

    it(`stops at the ${step} question when the person changes their mind, and keeps nothing`, async () => {
      for (const withdrawal of ['I changed my mind', "actually no, don't call me", 'no wait, actually cancel that', "actually no, don't store my details", 'I withdraw my consent']) {
        const who = person();
        await reach(who, step);
        const turn = await harness.say(who, withdrawal);
        expect(turn.text, withdrawal).to.match(/stopped the call-back request/);
        expect(harness.data(who).booking, withdrawal).to.equal(undefined);
        expect(keptAnything(who), withdrawal).to.deep.equal([]);
      }
      expect((await database.bookings.listActive(10)).total).to.equal(0);
    });

    it(`takes "hold on" at the ${step} question as a pause, not an answer`, async () => {
      const who = person();
      await reach(who, step);
      const turn = await harness.say(who, 'hold on');
      expect(turn.replies[0].text).to.equal('Take your time.');
      expect(turn.entity('booking.question')?.id).to.equal(step);
      expect(harness.data(who).booking?.attempts).to.equal(0);
      expect(harness.data(who).booking?.name).to.equal(step === 'name' || step === 'consent' ? undefined : 'Robin Quayle');
    });

    it(`explains itself at the ${step} question on "help" and asks it again`, async () => {
      const who = person();
      await reach(who, step);
      const turn = await harness.say(who, 'help');
      expect(turn.replies[0].text).to.match(/call-back request/);
      expect(turn.entity('booking.question')?.id).to.equal(step);
      expect(harness.data(who).booking?.step).to.equal(step);
    });

    it(`carries warning signs told at the ${step} question to staff: the request is to be seen today, with the signs`, async () => {
      const who = person();
      await reach(who, step);
      const told = await harness.say(who, 'also my calf is red and swollen since yesterday');
      expect(told.replies[0].text).to.match(/checked today/);
      expect(told.entity('booking.question')?.id).to.equal(step);
      // The question is asked again: its answer, then the rest.
      const from = step === 'time' ? ANSWERS.length : ANSWERS.findIndex(([at]) => at === step);
      let turn = told;
      for (const [, answer] of [...ANSWERS.slice(from), ['time', 'evenings']]) turn = await harness.say(who, answer);
      expect(turn.entity('booking.requested')).to.not.equal(undefined);
      const { records } = await database.bookings.listActive(10);
      expect(records[0].summary).to.deep.include({ level: 'urgent', reasons: ['possible_clot'] });
    });

    it(`answers an emergency at the ${step} question with the emergency outcome and drops the request`, async () => {
      const who = person();
      await reach(who, step);
      const turn = await harness.say(who, "my kneecap is out of place and I can't walk");
      expect(turn.entity('triage.outcome')).to.include({ level: 'emergency' });
      expect(harness.data(who).booking).to.equal(undefined);
      expect(keptAnything(who)).to.deep.equal([]);
    });

    it(`gives crisis resources at the ${step} question, then keeps the request waiting: "thanks" is no answer, a clear one goes on`, async () => {
      const who = person();
      await reach(who, step);
      const crisis = await harness.say(who, 'honestly i just want to die');
      expect(crisis.entity('safety.crisis')).to.not.equal(undefined);
      expect(crisis.entity('booking.question'), 'nothing but the resources').to.equal(undefined);
      // "thanks" to the resources is neither consent nor a name: a kind word, then the question again, not counted as unclear.
      const thanks = await harness.say(who, 'thanks');
      expect(thanks.text).to.match(/Take care of yourself/);
      expect(thanks.text).to.match(/go on with the call-back request/);
      expect(thanks.entity('booking.question')?.id).to.equal(step);
      expect(harness.data(who).booking).to.include({ step, attempts: 0 });
      expect(harness.data(who).booking?.name).to.equal(step === 'name' || step === 'consent' ? undefined : 'Robin Quayle');
      // The next clear answer takes the request on.
      const answer = step === 'time' ? 'weekday mornings' : (ANSWERS.find(([at]) => at === step)?.[1] ?? '');
      const next = await harness.say(who, answer);
      if (step === 'time') expect(next.entity('booking.requested')).to.not.equal(undefined);
      else expect(next.entity('booking.question')?.id).to.not.equal(step);
    });

    it(`goes on with the request when the reply after crisis resources at the ${step} question answers it plainly`, async () => {
      const who = person();
      await reach(who, step);
      await harness.say(who, 'i want to kill myself');
      const plain: Record<Step, { text: string; value?: string }> = {
        consent: { text: '', value: 'booking:consent:self' },
        // A name is free text: after the resources it is asked for again rather than taken from whatever comes.
        name: { text: 'Robin Quayle' },
        contact: { text: '(647) 555-0142' },
        time: { text: 'after 5pm' },
      };
      const turn = await harness.say(who, plain[step].text, plain[step].value ? { value: plain[step].value } : {});
      if (step === 'name') {
        expect(turn.entity('booking.question')?.id).to.equal('name');
        expect(harness.data(who).booking?.name).to.equal(undefined);
      } else if (step === 'time') expect(turn.entity('booking.requested')).to.not.equal(undefined);
      else expect(turn.entity('booking.question')?.id).to.equal(step === 'consent' ? 'name' : 'time');
    });

    it(`asks the ${step} question again after an unclear answer, and gives up after three`, async () => {
      const who = person();
      await reach(who, step);
      const unclear = step === 'time' ? '...' : step === 'consent' ? 'maybe, what for?' : '12';
      const again = await harness.say(who, unclear);
      expect(again.entity('booking.question')?.id).to.equal(step);
      await harness.say(who, unclear);
      const last = await harness.say(who, unclear);
      expect(last.entity('booking.question')).to.equal(undefined);
      expect(last.entity('booking.offer'), 'the booking link and phone are offered instead').to.not.equal(undefined);
      expect(harness.data(who).booking).to.equal(undefined);
      expect(keptAnything(who)).to.deep.equal([]);
    });
  }

  it('keeps nothing and offers the booking page when consent is refused', async () => {
    const who = person();
    await reach(who, 'consent');
    const turn = await harness.say(who, 'no thanks');
    expect(turn.text).to.match(/haven't kept anything/);
    expect(turn.entity('booking.offer')).to.not.equal(undefined);
    expect(turn.replies.flatMap((r) => r.choices ?? []).map((c) => c.value)).to.not.include('booking:callback');
    expect(harness.data(who).booking).to.equal(undefined);
  });

  it('asks for consent before anything identifying, and reads nothing typed early as an answer', async () => {
    const who = person();
    const first = await reach(who, 'consent');
    expect(first.text).to.match(/180 days/).and.match(/delete my data/);
    const early = await harness.say(who, 'Robin Quayle 647-555-0142');
    expect(early.entity('booking.question')?.id).to.equal('consent');
    expect(keptAnything(who)).to.deep.equal([]);
  });

  it('asks a parent or guardian when the request itself tells of a child ("my daughter (14)..."), with no check done', async () => {
    const who = person();
    // Told of a knee, the check is offered first; asked again, the call-back it is.
    const first = await harness.say(who, 'my daughter (14) has sore knees from soccer, can someone call me');
    expect(first.text).to.match(/to skip them, say "call me back" again/);
    const consent = await harness.say(who, 'please just call me back');
    expect(consent.text).to.match(/parent or guardian must agree/);
    expect(consent.text).to.not.match(/summary of the symptom check/);
    expect(consent.replies.flatMap((r) => r.choices ?? []).map((c) => c.value)).to.deep.equal(['booking:consent:guardian', 'booking:consent:decline']);
    await harness.say(who, 'yes please');
    await harness.say(who, 'Robin Quayle');
    await harness.say(who, 'robin@example.ca');
    const done = await harness.say(who, '', { value: 'booking:time:evenings' });
    expect(await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '')).to.deep.include({ consentBy: 'guardian' });
  });

  it("takes no consent from a writer who says they are under 16: a parent's or guardian's is taken", async () => {
    const who = person();
    await harness.say(who, "I'm 13 and my knee hurts when I run, can someone call me?");
    await harness.say(who, 'call me back');
    const refused = await harness.say(who, 'yes');
    expect(refused.text).to.match(/you're under 16, so a parent or guardian needs to agree/);
    expect(refused.entity('booking.question')?.id).to.equal('consent');
    expect((await harness.say(who, "I'm her mom and I agree")).entity('booking.question')?.id).to.equal('name');
    await harness.say(who, 'Robin Quayle');
    await harness.say(who, 'robin@example.ca');
    const done = await harness.say(who, '', { value: 'booking:time:evenings' });
    expect(await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '')).to.deep.include({ consentBy: 'guardian' });
  });

  // From a black-box test: a child's age told only at the name question, a parent's yes reported by the child, and a
  // parent's name told as whose it is.
  it('asks a parent or guardian again when "I\'m 13" comes at the name question, and takes no "my mom says yes"', async () => {
    const who = person();
    await harness.say(who, '', { value: 'booking:callback' });
    await harness.say(who, 'yes');
    const child = await harness.say(who, 'Im 13');
    expect(child.text).to.match(/parent or guardian needs to agree/);
    expect(child.entity('booking.question')?.id).to.equal('consent');
    expect((await harness.say(who, 'my mom says yes')).entity('booking.question')?.id).to.equal('consent');
    expect((await harness.say(who, "I'm her mom and I agree")).entity('booking.question')?.id).to.equal('name');
    await harness.say(who, 'my mom is Ana Silva');
    await harness.say(who, 'ana@example.ca');
    const done = await harness.say(who, '', { value: 'booking:time:evenings' });
    expect(await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '')).to.deep.include({ consentBy: 'guardian', name: 'Ana Silva' });
  });

  it('does not keep "yes but delete it after" as a name', async () => {
    const who = person();
    await reach(who, 'name');
    const turn = await harness.say(who, 'yes but delete it after');
    expect(turn.entity('booking.question')?.id).to.equal('name');
    expect(harness.data(who).booking?.name).to.equal(undefined);
  });

  it('does not take "yes" after "no, I\'m the kid" as consent either', async () => {
    const who = person();
    await harness.say(who, '', { value: 'booking:callback' });
    await harness.say(who, "no I'm the kid, my mom is at work");
    const again = await harness.say(who, 'yes i agree');
    expect(again.text).to.match(/parent or guardian needs to agree/);
    expect(again.entity('booking.question')?.id).to.equal('consent');
  });

  it('asks a parent or guardian when the symptom check was about a child, and records who agreed', async () => {
    const who = person();
    harness.restore(who, { lastOutcome: { level: 'book', reasons: ['child'], answers: { age: 'child' }, protocol: content.protocol.version } });
    const consent = await harness.say(who, '', { value: 'booking:callback' });
    expect(consent.text).to.match(/parent or guardian/);
    expect(consent.replies[0].choices?.map((c) => c.value)).to.deep.equal(['booking:consent:guardian', 'booking:consent:decline']);
    await harness.say(who, 'yes');
    await harness.say(who, 'Robin Quayle');
    await harness.say(who, 'robin@example.ca');
    const done = await harness.say(who, '', { value: 'booking:time:evenings' });
    const stored = await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '');
    expect(stored).to.deep.include({ consentBy: 'guardian' });
    expect(stored?.preferredTime).to.deep.equal({ text: 'Evenings' });
  });

  it('offers the SMS sender number to confirm, and keeps it only once confirmed', async () => {
    const who = person('sms');
    await reach(who, 'name');
    const ask = await harness.say(who, 'Robin Quayle');
    expect(ask.entity('booking.question')?.id).to.equal('contact');
    expect(ask.text).to.include('(416) 555-0199');
    expect(JSON.stringify(harness.data(who)), 'the sender number is not in the dialog state').to.not.include('0199');
    await harness.say(who, '1');
    const done = await harness.say(who, 'after 6pm');
    const stored = await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '');
    expect(stored?.contact).to.deep.equal({ kind: 'phone', value: '+14165550199' });
  });

  // From a black-box test by SMS: the number in the request was dropped after consent, and "1" then kept the sender's.
  it('asks again for a number told in the request itself, keeping nothing of it before consent and not offering the sender number', async () => {
    const who = person('sms');
    const first = await harness.say(who, 'Hi, can someone call me back at 647-555-2222? It is about my knee');
    expect(first.entity('booking.question')?.id).to.equal('consent');
    expect(first.text).to.match(/haven't kept the number/);
    expect(JSON.stringify(harness.data(who)), 'nothing of the number is kept before consent').to.not.include('2222');
    await harness.say(who, 'yes');
    const ask = await harness.say(who, 'Robin Quayle');
    expect(ask.entity('booking.question')?.id).to.equal('contact');
    expect(ask.text).to.match(/type it again/).and.not.include('555-0199');
    await harness.say(who, '647-555-2222');
    const done = await harness.say(who, 'after 6pm');
    const stored = await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '');
    expect(stored?.contact).to.deep.equal({ kind: 'phone', value: '+16475552222' });
  });

  it('lets an SMS sender give another number instead of their own', async () => {
    const who = person('sms');
    await reach(who, 'name');
    await harness.say(who, 'Robin Quayle');
    const other = await harness.say(who, '2');
    expect(other.entity('booking.question')?.id).to.equal('contact');
    await harness.say(who, '+44 20 7946 0958');
    const done = await harness.say(who, 'weekday mornings');
    const stored = await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '');
    expect(stored?.contact).to.deep.equal({ kind: 'phone', value: '+442079460958' });
    expect(done.text).to.include('+44 20 7946 0958');
  });

  for (const [reply, kept] of [
    ['no, use 647-555-0142 instead', '+16475550142'],
    ["yep that's fine", '+14165550199'],
  ]) {
    it(`keeps ${kept} when an SMS sender offered their own number says "${reply}"`, async () => {
      const who = person('sms');
      await reach(who, 'name');
      await harness.say(who, 'Robin Quayle');
      await harness.say(who, reply);
      const done = await harness.say(who, 'weekday mornings');
      const stored = await database.bookings.byReference(done.entity('booking.requested')?.reference ?? '');
      expect(stored?.contact).to.deep.equal({ kind: 'phone', value: kept });
    });
  }

  it('lets a half-finished request time out and forgets what it had', async () => {
    const who = person();
    await reach(who, 'time');
    clock.advance(61 * 60_000);
    const turn = await harness.say(who, 'evenings');
    expect(turn.entity('booking.requested')).to.equal(undefined);
    expect(turn.text).to.match(/timed out/);
    expect(keptAnything(who)).to.deep.equal([]);
  });

  it('asks the pending question again when the call-back button is pressed a second time', async () => {
    const who = person();
    await reach(who, 'contact');
    const again = await harness.say(who, '', { value: 'booking:callback' });
    expect(again.entity('booking.question')?.id).to.equal('contact');
    expect(harness.data(who).booking).to.deep.include({ step: 'contact', attempts: 0, name: 'Robin Quayle' });
  });

  it('says a name in another script back as written, on SMS too (the confirmation is not kept to GSM-7)', async () => {
    const who = person('sms');
    await harness.say(who, 'book');
    for (const answer of ['1', '1', '李明', '1']) await harness.say(who, answer);
    const done = await harness.say(who, '4');
    const confirmation = done.replies.find((r) => r.entity?.type === 'booking.requested');
    expect(confirmation?.text).to.include('Thanks, 李明.');
    expect(confirmation?.anyScript).to.equal(true);
  });

  it('keeps a name, number and time told beside the consent, and asks only for what is missing', async () => {
    const all = person();
    await harness.say(all, '', { value: 'booking:callback' });
    const done = await harness.say(all, "yes, I'm Bob Marley, call me at 416-555-0123 weekday mornings");
    expect(done.entity('booking.requested')?.reference).to.match(/^KN-/);
    expect(done.text).to.include('Thanks, Bob Marley').and.include('(416) 555-0123').and.include('weekday mornings');
    const some = person();
    await harness.say(some, '', { value: 'booking:callback' });
    const next = await harness.say(some, 'sure, call me at 647-555-0142');
    expect(next.text).to.include('(647) 555-0142');
    expect(next.entity('booking.question')?.id).to.equal('name');
    expect((await harness.say(some, 'Robin')).entity('booking.question')?.id).to.equal('time');
  });

  it('reads "actually no, my number is ..." as a correction, and "no call back before 5pm" as a time, not as withdrawing', async () => {
    const who = person();
    await reach(who, 'time');
    const corrected = await harness.say(who, 'actually no, my number is 416-555-0124');
    expect(corrected.text).to.include('(416) 555-0124');
    expect(corrected.entity('booking.question')?.id).to.equal('time');
    const done = await harness.say(who, 'no call back before 5pm please');
    expect(done.entity('booking.requested')?.reference).to.match(/^KN-/);
  });

  it('puts the name right when it is corrected at the number question ("my name is spelled Sara not Sarah")', async () => {
    const who = person();
    await harness.say(who, '', { value: 'booking:callback' });
    await harness.say(who, 'yes');
    await harness.say(who, 'Sarah');
    const turn = await harness.say(who, 'sorry, my name is spelled Sara not Sarah');
    expect(turn.text).to.include("I'll ask for Sara.");
    expect(turn.entity('booking.question')?.id).to.equal('contact');
    expect(harness.data(who).booking).to.deep.include({ name: 'Sara', attempts: 0 });
  });

  it('takes a request on SMS with numbered answers only', async () => {
    const who = person('sms');
    const offer = await harness.say(who, 'book');
    expect(offer.replies[0].choices?.[0]?.value).to.equal('booking:callback');
    for (const answer of ['1', '1', 'Robin', '1']) await harness.say(who, answer);
    const done = await harness.say(who, '4');
    expect(done.entity('booking.requested')?.reference).to.match(/^KN-/);
  });
});
