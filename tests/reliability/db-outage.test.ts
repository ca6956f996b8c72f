import { expect } from 'chai';
import type { Database } from '../../storage';
import { startBotProcess, type BotProcess } from '../hostile/botProcess';
import { Person } from '../support/bot';
import { botSetbackReplies, startBookingLoad, type Setback } from '../support/bookingLoad';
import { botEnvFor, serverOf, throughPort } from '../support/botTarget';
import { expectConfirmedStoredOnce } from '../support/storedRequests';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { postgresEngine, readTestEnvironment, requireUrl, type TestTarget } from '../storage/engines';

const PEOPLE = 20;
/** The shortest the database stays away: long enough for every person to run into it. */
const OUTAGE_MS = 4000;
/** A liveness bound for recovering by itself, not a performance claim. */
const RECOVERY_BOUND_MS = 30_000;

interface Outage {
  name: string;
  begin(proxy: TcpProxy): void;
}

const OUTAGES: Outage[] = [
  { name: 'its connections are reset (the server is down)', begin: (proxy) => proxy.cut() },
  { name: 'its connections go silent (the host vanished)', begin: (proxy) => proxy.swallow() },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** /readyz's status; a readiness check that hangs is a failure too, so it is bounded. */
async function readiness(url: string): Promise<number | string> {
  return fetch(`${url}/readyz`, { signal: AbortSignal.timeout(RECOVERY_BOUND_MS) })
    .then((res) => res.status)
    .catch(() => `no answer in ${RECOVERY_BOUND_MS / 1000} s`);
}

/** Polls `check` until it holds; fails after `boundMs`. */
async function eventually(check: () => Promise<boolean>, boundMs: number, what: string): Promise<void> {
  const until = Date.now() + boundMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`not within ${boundMs / 1000} s: ${what}`);
}

describe('PostgreSQL going away under booking load and coming back', () => {
  const environment = readTestEnvironment(process.env);
  const engine = postgresEngine(environment);
  const replies = botSetbackReplies();
  /**
   * A turn spoiled by the outage gets the apology, the "call the clinic" of a failed write, or the
   * 503 of a turn out of time (a redelivered message the bot has since handled gets its replies again).
   */
  const plain = (turn: Setback) =>
    (turn.status === 200 && [replies.failedTurn, replies.busy, replies.failedWrite].includes(turn.text)) || (turn.status === 503 && turn.text === '');
  let target: TestTarget;
  let database: Database;
  let proxy: TcpProxy;
  let bot: BotProcess;

  before(async function () {
    await engine.requireAvailable(this);
  });
  beforeEach(async () => {
    target = await engine.createTarget();
    // Creates the schema and tables; the test reads the requests through it too, past the proxy.
    database = await target.open();
    proxy = await startTcpProxy(serverOf(requireUrl(environment)));
    bot = await startBotProcess(botEnvFor(target, throughPort(target.options.databaseUrl ?? '', proxy.port)));
  });
  afterEach(async () => {
    await bot?.stop();
    await proxy?.close();
    await target?.dispose();
  });

  for (const outage of OUTAGES) {
    it(`apologises while ${outage.name}, recovers by itself, and loses or doubles no confirmed request`, async function () {
      this.timeout(90_000);
      const probe = new Person(bot.url);
      let wentAway: number | undefined;
      // The database goes away right after a confirmation, while other people's requests are being written.
      const load = startBookingLoad(bot.url, {
        people: PEOPLE,
        onConfirmed: (running) => {
          if (wentAway !== undefined || running.confirmed.length < 2 * PEOPLE || running.submitting === 0) return;
          outage.begin(proxy);
          wentAway = Date.now();
        },
      });
      let confirmedBeforeRestore = 0;
      try {
        await load.confirmedAtLeast(2 * PEOPLE);
        await eventually(async () => wentAway !== undefined, RECOVERY_BOUND_MS, 'a moment with a request being written');

        // Down: a plain apology, no crash and no stack trace, and not ready.
        const [down, ready] = await Promise.all([probe.say('what is runners knee'), readiness(bot.url)]);
        expect([`200 ${replies.failedTurn}`, '503 ']).to.include(`${down.status} ${down.text}`);
        expect(ready).to.equal(503);
        await sleep(OUTAGE_MS - (Date.now() - (wentAway ?? 0)));
        expect(bot.alive(), bot.crashReport()).to.equal(true);
        confirmedBeforeRestore = load.confirmed.length;

        proxy.restore();
        await eventually(async () => (await readiness(bot.url)) === 200, RECOVERY_BOUND_MS, '/readyz ready again');
        await eventually(async () => (await probe.say('what is runners knee')).entity('kb.answer')?.id === 'what-is-runners-knee', RECOVERY_BOUND_MS, 'an answer again');
        // The load carries on by itself: more requests are confirmed after the outage.
        await load.confirmedAtLeast(confirmedBeforeRestore + 2 * PEOPLE, RECOVERY_BOUND_MS);
      } finally {
        await load.stop();
      }

      expect(bot.alive(), bot.crashReport()).to.equal(true);
      expect(bot.crashReport()).to.equal('');
      // The outage was felt, and every turn it spoiled got a plain answer.
      expect(load.setbacks.length).to.be.greaterThan(0);
      expect(load.setbacks.filter((s) => !plain(s))).to.deep.equal([]);

      await expectConfirmedStoredOnce(database.sql, load.confirmed);
    });
  }
});
