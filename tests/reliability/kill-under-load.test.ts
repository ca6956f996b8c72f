import { expect } from 'chai';
import type { Database } from '../../storage';
import { startBotProcess, type BotProcess } from '../hostile/botProcess';
import { startBookingLoad, type BookingLoad, type ConfirmedRequest } from '../support/bookingLoad';
import { botEnvFor } from '../support/botTarget';
import { botEngines } from '../support/engines';
import { expectConfirmedStoredOnce } from '../support/storedRequests';
import type { TestTarget } from '../storage/engines';

const PEOPLE = 20;
/** Confirmations seen before the kill; the kill waits for a moment with a request being written. */
const CONFIRMED_BEFORE_KILL = 30;

/** Runs the load and SIGKILLs the bot right after a confirmation, while other people's last answers are in flight. */
async function killMidLoad(bot: BotProcess): Promise<{ load: BookingLoad; inFlightAtKill: number }> {
  let inFlightAtKill = 0;
  let killed: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  const load = startBookingLoad(bot.url, {
    people: PEOPLE,
    onConfirmed: (running) => {
      if (killed || running.confirmed.length < CONFIRMED_BEFORE_KILL || running.submitting === 0) return;
      inFlightAtKill = running.submitting;
      killed = bot.stop();
      stopped = running.stop();
    },
  });
  try {
    await load.confirmedAtLeast(CONFIRMED_BEFORE_KILL);
    // A liveness bound: with 20 people, a confirmation with another request in flight comes at once.
    for (let i = 0; i < 300 && !killed; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(killed, 'no moment with a request in flight').to.not.equal(undefined);
    await killed;
    await stopped;
  } finally {
    await load.stop();
  }
  return { load, inFlightAtKill };
}

for (const engine of botEngines()) {
  describe(`the bot killed with SIGKILL in the middle of booking writes, on ${engine.name}`, () => {
    let target: TestTarget;
    let database: Database;
    const bots: BotProcess[] = [];

    before(async function () {
      await engine.requireAvailable(this);
    });
    beforeEach(async () => {
      target = await engine.createTarget();
      // The schema and tables (on PostgreSQL the bot process needs the schema to exist); read back directly.
      database = await target.open();
    });
    afterEach(async () => {
      await Promise.all(bots.splice(0).map((bot) => bot.stop()));
      await target.dispose();
    });

    it('keeps every request it confirmed, and starts again on the same data', async function () {
      this.timeout(60_000);
      const first = await startBotProcess(botEnvFor(target));
      bots.push(first);
      const { load, inFlightAtKill } = await killMidLoad(first);
      expect(first.alive()).to.equal(false);
      expect(inFlightAtKill).to.be.greaterThan(0);
      const confirmed: ConfirmedRequest[] = [...load.confirmed];

      // Restarted on the same data, it takes requests again.
      const second = await startBotProcess(botEnvFor(target));
      bots.push(second);
      expect(await fetch(`${second.url}/readyz`).then((res) => res.status)).to.equal(200);
      const after = startBookingLoad(second.url, { people: 2 });
      try {
        await after.confirmedAtLeast(2);
      } finally {
        await after.stop();
      }
      confirmed.push(...after.confirmed);
      await second.stop();

      await expectConfirmedStoredOnce(database.sql, confirmed);
    });
  });
}
