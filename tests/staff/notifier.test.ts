import { expect } from 'chai';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import http from 'node:http';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { loadBookingMessages } from '../../knowledge/booking-messages';
import { loadProtocol } from '../../triage';
import type { Database, NewBooking } from '../../storage';
import { createTeamsStaffChannel } from '../../staff/channel';
import { backoffDelay, createStaffNotifier, type NotifierDeps } from '../../staff/notifier';
import { createWebhookSender, signatureOf } from '../../staff/webhook';
import type { Timers } from '../../staff/schedule';
import { TestTarget, enginesUnderTest, readTestEnvironment } from '../storage/engines';
import { fakeClock, idleTimers, memoryLogger, type Clock } from '../booking/harness';
import { startChannelStandIn, type ChannelStandIn } from './channel-stand-in';

const environment = readTestEnvironment(process.env);
const knowledge = path.join(findProjectRoot(), 'knowledge');
const SECRET = 'webhook-secret-for-tests';

interface WebhookStandIn {
  url: string;
  received: { body: Record<string, unknown>; signatureValid: boolean }[];
  failNext(count: number): void;
  close(): Promise<void>;
}

/** Practice software on loopback: checks the signature over the raw body, as the clinic's would. */
async function startWebhookStandIn(): Promise<WebhookStandIn> {
  const received: WebhookStandIn['received'] = [];
  let failures = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500);
        res.end();
        return;
      }
      received.push({ body: JSON.parse(raw), signatureValid: req.headers['x-signature'] === signatureOf(SECRET, raw) });
      // Not chained: restify, loaded by other tests, patches writeHead to return nothing.
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/hooks/callbacks`,
    received,
    failNext: (count) => (failures = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Timers run by hand: `fire()` runs whatever is due. */
function manualTimers(): Timers & { pending: () => number[]; fire: () => void } {
  const waiting = new Map<number, { callback: () => void; ms: number }>();
  let last = 0;
  return {
    set: (callback, ms) => (waiting.set(++last, { callback, ms }), last),
    clear: (id) => void waiting.delete(id),
    pending: () => [...waiting.values()].map((timer) => timer.ms),
    fire: () => {
      const due = [...waiting.entries()];
      waiting.clear();
      for (const [, timer] of due) timer.callback();
    },
  };
}

async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

function booking(activityId: string, createdAt: Date): NewBooking {
  return {
    conversationId: 'webchat/c', activityId, userKey: `user-${activityId}`, name: 'Pat Ngozi', contact: { kind: 'phone', value: '+14165550177' },
    preferredTime: { text: 'after lunch' }, consentBy: 'self', channel: 'webchat', createdAt,
    summary: { level: 'book', reasons: ['persistent'], answers: { duration: 'gt6w' }, protocol: 'p-test' },
  };
}

describe('the wait between notification attempts', () => {
  const cases: [number, number][] = [[1, 5_000], [2, 10_000], [3, 20_000], [9, 1_280_000], [10, 1_800_000], [60, 1_800_000]];
  for (const [attempts, wait] of cases) {
    it(`is ${wait / 1000} s after ${attempts} failed attempt${attempts > 1 ? 's' : ''}`, () => {
      expect(backoffDelay(attempts, 5_000, 1_800_000)).to.equal(wait);
    });
  }
});

for (const engine of enginesUnderTest(environment)) {
  describe(`staff notifications on ${engine.name}`, function () {
    let target: TestTarget;
    let db: Database;
    let teams: ChannelStandIn;
    let hook: WebhookStandIn;
    let clock: Clock;
    let log: ReturnType<typeof memoryLogger>;
    let reference = 0;

    before(async function () {
      await engine.requireAvailable(this);
    });

    beforeEach(async () => {
      target = await engine.createTarget();
      db = await target.open();
      teams = await startChannelStandIn();
      hook = await startWebhookStandIn();
      clock = fakeClock();
      log = memoryLogger();
      await db.staffConversations.use({
        key: 'msteams/19:staff@thread.tacv2', kind: 'channel', addedBy: 'staff', addedAt: clock.now(),
        reference: { channelId: 'msteams', serviceUrl: teams.serviceUrl, conversation: { id: '19:staff@thread.tacv2', conversationType: 'channel' }, bot: { id: '28:bot', name: 'Knee bot' } },
      }, 'choose');
    });

    afterEach(async () => {
      await teams.close();
      await hook.close();
      await target.dispose();
    });

    function notifier(overrides: Partial<NotifierDeps> = {}) {
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      return createStaffNotifier({
        outbox: db.outbox, bookings: db.bookings, conversations: db.staffConversations,
        channel: createTeamsStaffChannel(adapter, ''),
        webhook: createWebhookSender({ url: hook.url, secret: SECRET }),
        card: { words: loadBookingMessages(knowledge), protocol: loadProtocol(path.join(knowledge, 'triage-protocol.json')), timeZone: 'America/Toronto' },
        now: clock.now, timers: idleTimers(), log, ...overrides,
      });
    }

    const store = (webhook = false) => db.bookings.create(booking(`a${++reference}`, clock.now()), { webhook, reference: () => `KN-${'ABCDEFGH'[reference % 8]}${'2345'[reference % 4]}XZ` });

    it('retries a failed Teams post with growing waits and delivers it without losing the request', async () => {
      const { id } = await store();
      const worker = notifier();
      // 403 (the bot was removed from the team, say): botbuilder itself retries 5xx answers a few times first.
      teams.failNext(2, 403);
      expect(await worker.drain()).to.equal(1);
      expect(await worker.drain(), 'nothing is due before the wait is over').to.equal(0);
      clock.advance(5_000);
      expect(await worker.drain()).to.equal(1);
      let [item] = await db.outbox.forBooking(id);
      expect(item).to.include({ attempts: 2, status: 'pending' });
      expect(item.nextAttemptAt.getTime() - clock.now().getTime(), 'the second wait is twice the first').to.equal(10_000);
      clock.advance(10_000);
      await worker.drain();
      [item] = await db.outbox.forBooking(id);
      expect(item.status).to.equal('done');
      expect(teams.calls).to.have.length(1);
      expect(teams.calls[0].body.attachments).to.be.an('array');
      expect(teams.calls[0].authorization, 'no app id: the Emulator-style unauthenticated call').to.equal(undefined);
      expect((await db.bookings.byId(id))?.status).to.equal('open');
      const retries = log.lines.filter((line) => line.includes('staff_notify_retry'));
      expect(retries).to.have.length(2);
      expect(retries.join('\n')).to.include('"status":403').and.not.include('Pat').and.not.include('0177');
    });

    it('gives up after the most attempts, and the request stays listed for staff', async () => {
      const { id } = await store();
      const worker = notifier({ options: { maxAttempts: 2, baseDelayMs: 1 } });
      teams.failNext(10, 403);
      await worker.drain();
      clock.advance(10);
      await worker.drain();
      const [item] = await db.outbox.forBooking(id);
      expect(item).to.include({ status: 'failed', attempts: 2 });
      expect((await db.bookings.listActive(10)).records.map((r) => r.id)).to.deep.equal([id]);
      expect(log.lines.some((line) => line.includes('staff_notify_gave_up'))).to.equal(true);
    });

    it('sends the same card to the webhook, signed over the raw body with the secret, and retries it', async () => {
      await db.staffConversations.remove('msteams/19:staff@thread.tacv2');
      const { reference: ref } = await store(true);
      const worker = notifier();
      hook.failNext(1);
      await worker.drain();
      expect(hook.received).to.have.length(0);
      clock.advance(5_000);
      await worker.drain();
      expect(hook.received).to.have.length(1);
      const [{ body, signatureValid }] = hook.received;
      expect(signatureValid).to.equal(true);
      expect(body).to.deep.include({ event: 'booking.requested', reference: ref, status: 'open' });
      expect(body.request).to.deep.include({ name: 'Pat Ngozi', contact: { kind: 'phone', value: '+14165550177' } });
      expect(JSON.stringify(body.card)).to.include('Pat Ngozi').and.include(ref);
    });

    it('tells the webhook when a request is withdrawn, without the personal details', async () => {
      await db.staffConversations.remove('msteams/19:staff@thread.tacv2');
      const { reference: ref } = await store(true);
      const worker = notifier();
      await worker.drain();
      await db.bookings.withdrawAllFor(`user-a${reference}`, clock.now());
      await worker.drain();
      const update = hook.received[1].body;
      expect(update).to.deep.include({ event: 'booking.updated', reference: ref, status: 'withdrawn', request: null });
      expect(JSON.stringify(update)).to.not.include('Pat').and.not.include('0177').and.not.include('lunch');
    });

    it('posts nothing for a request withdrawn before its card was sent', async () => {
      const { id } = await store();
      await db.bookings.withdrawAllFor(`user-a${reference}`, clock.now());
      await notifier().drain();
      expect(teams.calls).to.deep.equal([]);
      expect((await db.outbox.forBooking(id)).map((item) => item.status)).to.deep.equal(['done', 'done']);
    });

    it('drains at start, wakes for new requests, sleeps until the next retry, and stops cleanly', async () => {
      const timers = manualTimers();
      const worker = notifier({ timers });
      await store();
      worker.start();
      expect(timers.pending()).to.deep.equal([0]);
      timers.fire();
      await eventually(() => teams.calls.length === 1, 'the first card');
      await eventually(() => timers.pending().length === 1, 'the next poll');
      expect(timers.pending()).to.deep.equal([30_000]);

      teams.failNext(1, 403);
      await store();
      worker.wake();
      expect(timers.pending()).to.deep.equal([0]);
      timers.fire();
      await eventually(() => timers.pending()[0] === 5_000, 'a wake-up when the retry is due');
      clock.advance(5_000);
      timers.fire();
      await eventually(() => teams.calls.length === 2, 'the retried card');
      await worker.stop();
      expect(timers.pending()).to.deep.equal([]);
    });
  });
}
