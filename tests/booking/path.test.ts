import { expect } from 'chai';
import { BookingStore, type Database, type SqlClient } from '../../storage';
import type { StaffNotifier } from '../../staff/notifier';
import { TestTarget, enginesUnderTest, readTestEnvironment } from '../storage/engines';
import { startChannelStandIn, type ChannelStandIn } from '../staff/channel-stand-in';
import { CLINIC, STAFF_AAD, createHarness, fakeClock, loadContent, memoryLogger, person, staffMember, type Clock, type Content, type Harness, type Speaker } from './harness';

const environment = readTestEnvironment(process.env);
const DAY = 86_400_000;

/** The cards that reached the stand-in, as text, to look for facts in them. */
function cardText(body: Record<string, unknown> | undefined): string {
  return JSON.stringify(body?.attachments ?? []);
}

/** A client whose writes of new requests fail, as a full disk or a lost connection would make them. */
function failingInserts(sql: SqlClient): SqlClient {
  const guard = (statement: string) => {
    if (/INSERT INTO booking_requests/.test(statement)) throw new Error('disk I/O error');
  };
  const wrap = (inner: SqlClient): SqlClient => ({
    engine: inner.engine,
    query: async (statement, params) => (guard(statement), inner.query(statement, params)),
    run: async (statement, params) => (guard(statement), inner.run(statement, params)),
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  });
  return wrap(sql);
}

for (const engine of enginesUnderTest(environment)) {
  describe(`booking handoff on ${engine.name}`, function () {
    let content: Content;
    let target: TestTarget;
    let database: Database;
    let teams: ChannelStandIn;
    let clock: Clock;
    let log: ReturnType<typeof memoryLogger>;
    let harness: Harness;
    let notifier: StaffNotifier;
    const staff = staffMember('channel');

    before(async function () {
      await engine.requireAvailable(this);
      content = loadContent();
    });

    beforeEach(async () => {
      target = await engine.createTarget();
      database = await target.open();
      teams = await startChannelStandIn();
      clock = fakeClock();
      log = memoryLogger();
      harness = createHarness({ content, database, clock, serviceUrl: teams.serviceUrl, log });
      notifier = harness.startNotifier();
      await harness.say(staff, 'use this chat for requests');
    });

    afterEach(async () => {
      await harness.handoff.stop();
      await teams.close();
      await target.dispose();
    });

    async function request(who: Speaker = person()): Promise<string> {
      for (const [text, value] of [['book', undefined], ['', 'booking:callback'], ['yes', undefined], ['Sam Lee', undefined], ['416-555-0123', undefined]] as const) {
        await harness.say(who, text, { value });
      }
      const done = await harness.say(who, 'weekday mornings');
      const requested = done.entity('booking.requested');
      if (!requested) throw new Error(`no booking.requested in: ${done.text}`);
      return requested.reference;
    }

    it('takes a person from a book outcome to a stored request that staff see in Teams, list and mark contacted', async () => {
      const who = person();
      const outcome = await harness.bookOutcome(who);
      expect(outcome.entity('triage.outcome')).to.include({ level: 'book' });
      const offer = outcome.replies.find((r) => r.entity?.type === 'booking.offer');
      expect(offer?.choices?.map((c) => c.value), 'the offer carries the call-back choice').to.include('booking:callback');

      const consent = await harness.say(who, '', { value: 'booking:callback' });
      expect(consent.entity('booking.question')).to.deep.equal({ type: 'booking.question', id: 'consent' });
      expect((await harness.say(who, '', { value: 'booking:consent:self' })).entity('booking.question')?.id).to.equal('name');
      expect((await harness.say(who, "it's Sam Lee")).entity('booking.question')?.id).to.equal('contact');
      expect((await harness.say(who, 'sam.lee@example.com')).entity('booking.question')?.id).to.equal('time');
      const done = await harness.say(who, 'tomorrow after 5pm');
      const reference = done.entity('booking.requested')?.reference ?? '';
      expect(reference).to.match(/^KN-[2-9A-HJKMNP-TW-Z]{4}$/);
      expect(done.text).to.include(reference).and.include('sam.lee@example.com');
      expect(harness.data(who).booking, 'the dialog state is gone once the request is stored').to.equal(undefined);

      const stored = await database.bookings.byReference(reference);
      expect(stored).to.deep.include({ status: 'open', name: 'Sam Lee', consentBy: 'self' });
      expect(stored?.contact).to.deep.equal({ kind: 'email', value: 'sam.lee@example.com' });
      expect(stored?.preferredTime).to.deep.equal({ text: 'tomorrow after 5pm', hint: { at: '2025-03-11T21:00:00.000Z', precision: 'time' } });
      expect(stored?.summary).to.deep.include({ level: 'book', protocol: content.protocol.version });

      expect(await notifier.drain()).to.equal(1);
      expect(teams.calls).to.have.length(1);
      const [post] = teams.calls;
      expect(post).to.include({ method: 'POST', conversationId: '19:staff-room@thread.tacv2' });
      expect(post.activityId, 'a new post in the channel, not a reply to anything').to.equal(undefined);
      const card = cardText(post.body);
      for (const fact of ['Sam Lee', 'sam.lee@example.com', 'tomorrow after 5pm', reference, 'Book an assessment', content.protocol.version, 'Mark contacted', 'More than 6 weeks', 'How long']) {
        expect(card, fact).to.include(fact);
      }
      expect(post.body.summary, 'the notification preview names the reference only').to.equal(`Call-back request ${reference}`);

      clock.advance(60_000);
      const list = await harness.say(staff, 'open requests');
      expect(list.entity('booking.list')).to.deep.equal({ type: 'booking.list', references: [reference] });
      clock.advance(60_000);
      const shown = await harness.say(staff, `show ${reference.toLowerCase()}`);
      expect(shown.text).to.include('Sam Lee').and.include('sam.lee@example.com').and.include(content.protocol.version);
      clock.advance(60_000);

      const marked = await harness.say(staff, `staff:contacted:${reference}`);
      expect(marked.text).to.include(reference).and.include('contacted');
      expect((await database.bookings.byReference(reference))?.status).to.equal('contacted');
      await notifier.drain();
      const update = teams.calls.find((call) => call.method === 'PUT');
      expect(update).to.include({ conversationId: '19:staff-room@thread.tacv2', activityId: 'activity-1' });
      expect(cardText(update?.body)).to.include('contacted').and.not.include('Mark contacted');

      clock.advance(60_000);
      expect((await harness.say(staff, `close ${reference}`)).text).to.include('closed');
      expect((await harness.say(staff, 'requests')).entity('booking.list')?.references).to.deep.equal([]);

      const access = await database.accessLog.entries(reference);
      expect(access.map((entry) => entry.action)).to.deep.equal(['list', 'view', 'contacted', 'closed']);
      expect(access.every((entry) => entry.staffId === STAFF_AAD)).to.equal(true);
      expect(JSON.stringify(access)).to.not.include('Sam').and.not.include('book');
      expect(log.lines.join('\n')).to.not.include('Sam Lee').and.not.include('sam.lee').and.not.include('tomorrow');
    });

    it('makes one request, not two, when the last message is delivered again after a lost save', async () => {
      const who = person();
      for (const [text, value] of [['book', undefined], ['', 'booking:callback'], ['yes', undefined], ['Sam', undefined], ['4165550123', undefined]] as const) {
        await harness.say(who, text, { value });
      }
      const before = harness.data(who);
      const first = await harness.say(who, 'evenings', { activityId: 'delivered-twice' });
      harness.restore(who, before);
      const again = await harness.say(who, 'evenings', { activityId: 'delivered-twice' });
      const reference = first.entity('booking.requested')?.reference;
      expect(reference).to.be.a('string');
      expect(again.entity('booking.requested')?.reference).to.equal(reference);
      expect((await database.bookings.listActive(10)).total).to.equal(1);
      expect(await notifier.drain()).to.equal(1);
      expect(teams.calls.filter((call) => call.method === 'POST')).to.have.length(1);
    });

    it('tells the person to call the clinic, and keeps nothing, when the request cannot be written', async () => {
      const failing = createHarness({ content, database, clock, serviceUrl: teams.serviceUrl, log, bookings: new BookingStore(failingInserts(database.sql)) });
      const who = person();
      for (const [text, value] of [['book', undefined], ['', 'booking:callback'], ['yes', undefined], ['Sam Lee', undefined], ['416 555 0123', undefined]] as const) {
        await failing.say(who, text, { value });
      }
      const done = await failing.say(who, 'any time');
      expect(done.entity('booking.requested')).to.equal(undefined);
      expect(done.text).to.include(CLINIC.phone ?? '').and.match(/couldn't save/i);
      expect(failing.data(who).booking).to.equal(undefined);
      expect((await database.bookings.listActive(10)).total).to.equal(0);
      const failure = log.lines.find((line) => line.includes('booking_store_failed'));
      expect(failure).to.be.a('string').and.not.include('Sam').and.not.include('0123').and.not.include('disk');
    });

    it('withdraws the requests of a person who asks to delete their data, and updates the posted card', async () => {
      const who = person();
      const reference = await request(who);
      await notifier.drain();
      const deleted = await harness.say(who, 'delete my data');
      expect(deleted.text).to.match(/deleted/i);

      const tombstone = await database.bookings.byReference(reference);
      expect(tombstone).to.deep.include({ status: 'withdrawn', reference, name: undefined, contact: undefined, preferredTime: undefined, summary: undefined });
      await notifier.drain();
      const update = teams.calls.find((call) => call.method === 'PUT');
      expect(update?.activityId).to.equal('activity-1');
      expect(cardText(update?.body)).to.include('withdrawn').and.include(reference).and.not.include('Sam Lee').and.not.include('555');

      expect((await harness.say(staff, 'open requests')).entity('booking.list')?.references).to.deep.equal([]);
      const shown = await harness.say(staff, `show ${reference}`);
      expect(shown.text).to.include('delete their data').and.not.include('Sam');
      expect((await harness.say(staff, `contacted ${reference}`)).text).to.include('withdrawn');
    });

    it('empties requests past the retention period, updates their cards, then deletes them', async () => {
      const old = await request(person('webchat', 'old'));
      await notifier.drain();
      clock.advance(100 * DAY);
      const recent = await request(person('webchat', 'recent'));
      await notifier.drain();
      clock.advance(81 * DAY);

      const first = await harness.handoff.retention.runOnce();
      expect(first).to.include({ expired: 1, deleted: 0 });
      expect(await database.bookings.byReference(old)).to.deep.include({ status: 'expired', name: undefined, contact: undefined });
      expect((await database.bookings.byReference(recent))?.name).to.equal('Sam Lee');
      await notifier.drain();
      expect(cardText(teams.calls.find((call) => call.method === 'PUT')?.body)).to.include('retention').and.not.include('Sam Lee');

      const second = await harness.handoff.retention.runOnce();
      expect(second).to.include({ expired: 0, deleted: 1 });
      expect(await database.bookings.byReference(old)).to.equal(undefined);
      expect(await database.bookings.byReference(recent)).to.not.equal(undefined);
    });

    it('starts the call-back from "talk to someone" at any time, and gives the booking link with it', async () => {
      const offer = await harness.say(person(), 'can I talk to someone');
      const reply = offer.replies.find((r) => r.entity?.type === 'booking.offer');
      expect(reply?.links?.[0]?.url).to.equal(CLINIC.bookingUrl);
      expect(reply?.choices?.map((c) => c.value)).to.deep.equal(['booking:callback']);
    });
  });
}
