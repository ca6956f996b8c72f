import { expect } from 'chai';
import { SqlStateStore, applyRetention, type Database, type NewBooking } from '../../storage';
import { enginesUnderTest, freshDatabaseEachTest, readTestEnvironment } from '../storage/engines';

const environment = readTestEnvironment(process.env);
const NOW = new Date('2025-03-10T14:00:00.000Z');
const DAY = 86_400_000;

function booking(overrides: Partial<NewBooking> = {}): NewBooking {
  return {
    conversationId: 'webchat/c1',
    activityId: 'a1',
    userKey: 'user-1',
    name: 'Sam Lee',
    contact: { kind: 'phone', value: '+14165550123' },
    preferredTime: { text: 'weekday mornings' },
    consentBy: 'self',
    summary: { level: 'book', reasons: ['persistent'], answers: { duration: 'gt6w' }, protocol: 'p1' },
    channel: 'webchat',
    createdAt: NOW,
    ...overrides,
  };
}

function references(...list: string[]): () => string {
  let i = 0;
  return () => list[Math.min(i++, list.length - 1)];
}

const shared = (key: string, kind: 'channel' | 'groupChat' | 'personal') => ({
  key, kind, reference: { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9', conversation: { id: key }, bot: { id: 'b' } }, addedBy: 'staff', addedAt: NOW,
});

for (const engine of enginesUnderTest(environment)) {
  describe(`booking storage on ${engine.name}`, function () {
    let db: Database;

    freshDatabaseEachTest(engine, (opened) => {
      db = opened;
    });

    it('tries another reference when the first one is taken', async () => {
      await db.bookings.create(booking(), { webhook: false, reference: references('KN-2222') });
      const second = await db.bookings.create(booking({ activityId: 'a2' }), { webhook: false, reference: references('KN-2222', 'KN-3333') });
      expect(second).to.include({ reference: 'KN-3333', created: true });
    });

    it('makes one request from two deliveries of the same message, even at the same moment', async () => {
      const results = await Promise.all([1, 2, 3].map((n) => db.bookings.create(booking(), { webhook: false, reference: references(`KN-${n}${n}${n}${n}`.replace(/1/g, 'A')) })));
      expect(new Set(results.map((r) => r.reference)).size).to.equal(1);
      expect(results.filter((r) => r.created)).to.have.length(1);
      expect((await db.bookings.listActive(10)).total).to.equal(1);
    });

    it('queues a card for every staff conversation and the webhook with the request, in one transaction', async () => {
      await db.staffConversations.use(shared('msteams/19:a', 'personal'), 'choose');
      await db.staffConversations.use(shared('msteams/19:b', 'personal'), 'choose');
      const { id } = await db.bookings.create(booking(), { webhook: true, reference: references('KN-2222') });
      const items = await db.outbox.forBooking(id);
      expect(items.map((item) => [item.destination, item.action, item.status])).to.have.deep.members([
        ['teams:msteams/19:a', 'post', 'pending'],
        ['teams:msteams/19:b', 'post', 'pending'],
        ['webhook', 'post', 'pending'],
      ]);
    });

    it('lists requests waiting for staff, oldest first, with how many there are', async () => {
      for (let n = 0; n < 3; n++) {
        await db.bookings.create(booking({ activityId: `a${n}`, createdAt: new Date(NOW.getTime() - n * DAY) }), { webhook: false, reference: references(`KN-${'ABC'[n]}222`) });
      }
      await db.bookings.setStatus('KN-A222', 'closed', 'staff', NOW);
      const { records, total } = await db.bookings.listActive(1);
      expect(total).to.equal(2);
      expect(records.map((r) => r.reference)).to.deep.equal(['KN-C222']);
    });

    it('moves a request from open to contacted to closed, and never back', async () => {
      await db.bookings.create(booking(), { webhook: false, reference: references('KN-2222') });
      const steps: ['contacted' | 'closed', boolean, string][] = [['contacted', true, 'contacted'], ['contacted', false, 'contacted'], ['closed', true, 'closed'], ['contacted', false, 'closed']];
      for (const [wanted, changed, status] of steps) {
        const result = await db.bookings.setStatus('KN-2222', wanted, 'staff-1', NOW);
        expect(result?.changed, `${wanted}`).to.equal(changed);
        expect(result?.record).to.deep.include({ status, statusBy: 'staff-1' });
      }
      expect(await db.bookings.setStatus('KN-9999', 'closed', 'staff-1', NOW)).to.equal(undefined);
    });

    it("leaves only a tombstone of one person's requests, and nobody else's", async () => {
      await db.bookings.create(booking(), { webhook: true, reference: references('KN-2222') });
      await db.bookings.create(booking({ userKey: 'user-2', activityId: 'a2', name: 'Other Person' }), { webhook: false, reference: references('KN-3333') });
      expect(await db.bookings.heldFor('user-1'), 'what is held of the person, asked before').to.deep.equal(['KN-2222']);
      expect(await db.bookings.withdrawAllFor('user-1', NOW)).to.deep.equal(['KN-2222']);
      expect(await db.bookings.heldFor('user-1'), 'and after').to.deep.equal([]);
      expect(await db.bookings.heldFor('user-2')).to.deep.equal(['KN-3333']);
      const tombstone = await db.bookings.byReference('KN-2222');
      expect(tombstone).to.deep.include({ status: 'withdrawn', statusBy: 'person', name: undefined, contact: undefined, preferredTime: undefined, summary: undefined, consentBy: 'self' });
      expect((await db.bookings.byReference('KN-3333'))?.name).to.equal('Other Person');
      const items = await db.outbox.forBooking(tombstone?.id ?? '');
      expect(items.map((item) => `${item.destination}:${item.action}`)).to.have.members(['webhook:post', 'webhook:update']);
      expect(await db.bookings.withdrawAllFor('user-1', NOW), 'a second request to forget finds nothing').to.deep.equal([]);
      const raw = await db.sql.query<Record<string, unknown>>("SELECT * FROM booking_requests WHERE reference = 'KN-2222'");
      // The whole number, not its last digits: a random id may hold "0123" by chance.
      expect(JSON.stringify(raw)).to.not.include('Sam').and.not.include('5550123').and.not.include('user-1').and.not.include('mornings');
    });

    it('lets only one worker take an outbox item', async () => {
      const { id } = await db.bookings.create(booking(), { webhook: true, reference: references('KN-2222') });
      const [item] = await db.outbox.due(NOW, 10);
      expect(item.bookingId).to.equal(id);
      const until = new Date(NOW.getTime() + 60_000);
      expect(await Promise.all([db.outbox.claim(item, until), db.outbox.claim(item, until)])).to.have.members([true, false]);
      expect(await db.outbox.due(NOW, 10)).to.deep.equal([]);
      expect(await db.outbox.due(until, 10), 'a lease that runs out frees the item').to.have.length(1);
    });

    describe('staff conversations', () => {
      it('keeps the channel staff chose when the bot is installed somewhere else', async () => {
        expect(await db.staffConversations.use(shared('msteams/19:team', 'channel'), 'ifFree')).to.equal(true);
        expect(await db.staffConversations.use(shared('msteams/19:other', 'channel'), 'ifFree')).to.equal(false);
        expect(await db.staffConversations.use(shared('msteams/a:1', 'personal'), 'ifFree')).to.equal(false);
        expect(await db.staffConversations.keys()).to.deep.equal(['msteams/19:team']);
      });

      it('switches to the conversation staff ask for', async () => {
        await db.staffConversations.use(shared('msteams/19:team', 'channel'), 'choose');
        await db.staffConversations.use(shared('msteams/19:group', 'groupChat'), 'choose');
        expect(await db.staffConversations.keys()).to.deep.equal(['msteams/19:group']);
        await db.staffConversations.use(shared('msteams/a:1', 'personal'), 'choose');
        await db.staffConversations.use(shared('msteams/a:2', 'personal'), 'ifFree');
        expect(await db.staffConversations.keys()).to.have.members(['msteams/a:1', 'msteams/a:2']);
        expect(await db.staffConversations.remove('msteams/a:1')).to.equal(true);
        expect(await db.staffConversations.remove('msteams/a:1')).to.equal(false);
      });
    });

    it('purges conversation state, check memory and the access log past their retention, and keeps SMS opt-outs', async () => {
      let clock = new Date(NOW.getTime() - 200 * DAY);
      const state = new SqlStateStore(db.sql, () => clock);
      await state.write({ 'conversation/webchat/old': { data: {} }, 'sms-optout/key': { at: 'x' } });
      await db.checkMemory.put('user-old', { lastCheckAt: clock, level: 'book', protocolVersion: 'p1' });
      await db.accessLog.record([{ at: new Date(NOW.getTime() - 800 * DAY), staffId: 's', reference: 'KN-2222', action: 'view' }]);
      clock = NOW;
      await state.write({ 'conversation/webchat/new': { data: {} } });
      await db.checkMemory.put('user-new', { lastCheckAt: NOW, level: 'book', protocolVersion: 'p1' });

      const result = await applyRetention(db, NOW);
      expect(result).to.include({ conversations: 1, checks: 1, accessLog: 1 });
      expect(Object.keys(await state.read(['conversation/webchat/old', 'conversation/webchat/new', 'sms-optout/key']))).to.have.members(['conversation/webchat/new', 'sms-optout/key']);
      expect(await db.checkMemory.get('user-new')).to.not.equal(undefined);
    });
  });
}
