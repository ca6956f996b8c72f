import { expect } from 'chai';
import { DIRECT_LINE_CHANNEL, LocalSignals, sharedSignals, type ActivitySignals } from '../../server/directline/signals';
import type { Database, DatabaseNotifications, NotificationHandler } from '../../storage';
import { postgresNotifications } from '../../storage/notifications';
import { serverOf, throughPort } from '../support/botTarget';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { postgresEngine, readTestEnvironment, requireUrl, withPostgresAdmin, type TestTarget } from '../storage/engines';
import { captureLogger } from './echoServer';

/** Counts each listener's wake-ups. */
function counter(signals: ActivitySignals, conversationId: string): { readonly count: number; stop(): void } {
  let count = 0;
  const stop = signals.subscribe(conversationId, () => (count += 1));
  return {
    get count() {
      return count;
    },
    stop,
  };
}

/** Polls until the condition holds; a liveness bound, not a timing claim. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string, boundMs = 15_000): Promise<void> {
  const until = Date.now() + boundMs;
  while (Date.now() < until) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not within ${boundMs / 1000} s: ${what}`);
}

/** Notifications between processes, played by the test: what is sent is heard back by every listener, ours included. */
function loopbackNotifications(options: { failNotify?: boolean } = {}) {
  const handlers = new Set<NotificationHandler>();
  const sent: string[] = [];
  const notifications: DatabaseNotifications = {
    notify: async (_channel, payload) => {
      if (options.failNotify) throw new Error('database unavailable');
      sent.push(payload);
    },
    listen: (_channel, handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close: async () => undefined,
  };
  return {
    notifications,
    sent,
    /** Delivers what was sent, in order, as the listening connection would. */
    deliver: () => sent.splice(0).forEach((payload) => handlers.forEach((handler) => handler.message(payload))),
    fromAnotherInstance: (payload: string) => handlers.forEach((handler) => handler.message(payload)),
    reconnected: () => handlers.forEach((handler) => handler.resync()),
  };
}

describe('Direct Line signals', () => {
  describe('in one process', () => {
    it('wakes the listeners of the announced conversation only, until they unsubscribe', async () => {
      const signals = new LocalSignals();
      const a = counter(signals, 'a');
      const b = counter(signals, 'b');
      signals.announce('a');
      expect([a.count, b.count]).to.deep.equal([1, 0]);
      a.stop();
      signals.announce('a');
      expect(a.count).to.equal(1);
    });
  });

  describe('shared between instances', () => {
    it('wakes its own streams at once, and only once when its own notification comes back', () => {
      const bus = loopbackNotifications();
      const signals = sharedSignals(bus.notifications, captureLogger());
      const heard = counter(signals, 'c');
      signals.announce('c');
      expect(heard.count).to.equal(1);
      return Promise.resolve().then(() => {
        expect(bus.sent).to.deep.equal(['c']);
        bus.deliver();
        expect(heard.count).to.equal(1);
      });
    });

    it('wakes its streams for another instance’s activities', () => {
      const bus = loopbackNotifications();
      const signals = sharedSignals(bus.notifications, captureLogger());
      const heard = counter(signals, 'c');
      bus.fromAnotherInstance('c');
      bus.fromAnotherInstance('other');
      expect(heard.count).to.equal(1);
    });

    it('has every stream re-read after the listening connection comes back', () => {
      const bus = loopbackNotifications();
      const signals = sharedSignals(bus.notifications, captureLogger());
      const one = counter(signals, 'one');
      const two = counter(signals, 'two');
      bus.reconnected();
      expect([one.count, two.count]).to.deep.equal([1, 1]);
    });

    it('still hears the next notification after telling the others failed, and logs no conversation id', async () => {
      const bus = loopbackNotifications({ failNotify: true });
      const log = captureLogger();
      const signals = sharedSignals(bus.notifications, log);
      const heard = counter(signals, 'conversation-7');
      signals.announce('conversation-7');
      await new Promise((resolve) => setImmediate(resolve));
      bus.fromAnotherInstance('conversation-7');
      expect(heard.count).to.equal(2);
      expect(log.lines.join('\n')).to.contain('directline_notify_failed').and.not.contain('conversation-7');
    });
  });

  describe('over PostgreSQL LISTEN/NOTIFY', function () {
    const environment = readTestEnvironment(process.env);
    const engine = postgresEngine(environment);
    let target: TestTarget;
    let first: Database;
    let second: Database;
    let proxy: TcpProxy | undefined;
    const closing: (() => Promise<void>)[] = [];

    before(async function () {
      await engine.requireAvailable(this);
    });
    beforeEach(async () => {
      target = await engine.createTarget();
      first = await target.open();
      second = await target.open();
    });
    afterEach(async () => {
      for (const close of closing.splice(0).reverse()) await close();
      await proxy?.close();
      proxy = undefined;
      await target?.dispose();
    });

    /** An instance's signals, closed after the test. */
    const signalsOf = (database: Database) => {
      if (!database.notifications) throw new Error('a PostgreSQL database has notifications');
      const signals = sharedSignals(database.notifications, captureLogger());
      closing.push(() => signals.close());
      return signals;
    };

    /** A listening connection of its own, through `url`, checked often so a lost host is noticed quickly. */
    const listenerThrough = (url: string, reported: Error[]) => {
      const notifications = postgresNotifications(first.sql, url, { schema: target.options.schema, heartbeatMs: 200, connectionTimeoutMs: 1000, onConnectionError: (error) => reported.push(error) });
      closing.push(() => notifications.close());
      return sharedSignals(notifications, captureLogger());
    };

    it('wakes a stream on one instance when another stores activities', async () => {
      const onFirst = counter(signalsOf(first), 'c');
      const onSecond = signalsOf(second);
      // The first wake is the re-read that follows LISTEN; after it, nothing can be missed.
      await eventually(() => onFirst.count === 1, 'the first instance listens');
      onSecond.announce('c');
      await eventually(() => onFirst.count === 2, 'the first instance hears the second');
    });

    it('hears nothing from another schema on the same database', async () => {
      const otherTarget = await engine.createTarget();
      closing.push(() => otherTarget.dispose());
      const elsewhere = await otherTarget.open();
      const signals = signalsOf(first);
      const c = counter(signals, 'c');
      const d = counter(signals, 'd');
      await eventually(() => c.count === 1 && d.count === 1, 'the first instance listens');
      await elsewhere.notifications?.notify(DIRECT_LINE_CHANNEL, 'c');
      await second.notifications?.notify(DIRECT_LINE_CHANNEL, 'd');
      // Notifications arrive in commit order: by the time d is heard, c would have been.
      await eventually(() => d.count === 2, 'the first instance hears the second');
      expect(c.count).to.equal(1);
    });

    it('listens again by itself after its connection is terminated, and has every stream re-read', async () => {
      const reported: Error[] = [];
      const url = new URL(target.options.databaseUrl ?? '');
      url.searchParams.set('application_name', `${target.options.schema}_listener`);
      const signals = listenerThrough(url.toString(), reported);
      const heard = counter(signals, 'c');
      await eventually(() => heard.count === 1, 'it listens');
      const terminated = await withPostgresAdmin(requireUrl(environment), async (admin) =>
        (await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [url.searchParams.get('application_name')])).rowCount,
      );
      expect(terminated).to.equal(1);
      await eventually(() => heard.count === 2, 'it re-reads after listening again');
      expect(reported.length).to.be.at.least(1);
      signalsOf(second).announce('c');
      await eventually(() => heard.count === 3, 'it hears the other instance again');
    });

    for (const outage of ['cut', 'swallow'] as const) {
      it(`recovers what it missed while its database was away (${outage === 'cut' ? 'connections reset' : 'host vanished'})`, async () => {
        proxy = await startTcpProxy(serverOf(requireUrl(environment)));
        const reported: Error[] = [];
        const signals = listenerThrough(throughPort(target.options.databaseUrl ?? '', proxy.port), reported);
        const heard = counter(signals, 'c');
        await eventually(() => heard.count === 1, 'it listens');
        proxy[outage]();
        await eventually(() => reported.length > 0, 'the lost connection is noticed');
        // Sent while nobody listens through the proxy: this notification is lost for good.
        signalsOf(second).announce('c');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(heard.count).to.equal(1);
        proxy.restore();
        await eventually(() => heard.count === 2, 'it re-reads once it listens again');
      });
    }

    it('closes its listening connection on shutdown', async () => {
      const url = new URL(target.options.databaseUrl ?? '');
      const name = `${target.options.schema}_closing`;
      url.searchParams.set('application_name', name);
      const database = await target.open({ databaseUrl: url.toString() });
      const heard = counter(signalsOf(database), 'c');
      await eventually(() => heard.count === 1, 'it listens');
      const connections = () =>
        withPostgresAdmin(requireUrl(environment), async (admin) => Number((await admin.query('SELECT COUNT(*) AS n FROM pg_stat_activity WHERE application_name = $1', [name])).rows[0]?.n));
      expect(await connections()).to.be.at.least(1);
      await database.close();
      await eventually(async () => (await connections()) === 0, 'no connection is left open');
    });
  });
});
