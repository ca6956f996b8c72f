import { expect } from 'chai';
import { createRetentionJob } from '../../staff/privacy';
import type { RetentionResult } from '../../storage';
import { fakeClock, memoryLogger } from '../booking/harness';

const EMPTY: RetentionResult = { expired: 0, deleted: 0, conversations: 0, checks: 0, notifications: 0, accessLog: 0, unanswered: 0 };

describe('the retention job', () => {
  it('runs at start and then on its interval, with the injected clock, until stopped', async () => {
    const clock = fakeClock();
    const runs: string[] = [];
    const timers: { callback: () => void; ms: number }[] = [];
    let notified = 0;
    const job = createRetentionJob({
      purge: async (now) => (runs.push(now.toISOString()), { ...EMPTY, expired: runs.length === 2 ? 3 : 0 }),
      now: clock.now,
      timers: { set: (callback, ms) => timers.push({ callback, ms }), clear: () => undefined },
      notify: () => notified++,
      log: memoryLogger(),
      options: { intervalMs: 3_600_000 },
    });
    job.start();
    expect(timers.map((t) => t.ms)).to.deep.equal([0]);
    timers[0].callback();
    await job.stop();
    expect(runs).to.deep.equal(['2025-03-10T14:00:00.000Z']);
    job.start();
    clock.advance(3_600_000);
    timers[timers.length - 1].callback();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers[timers.length - 1].ms).to.equal(3_600_000);
    expect(runs).to.have.length(2);
    expect(notified, 'expired requests have cards to update').to.equal(1);
    await job.stop();
  });

  it('logs a failed purge by its kind only and keeps going', async () => {
    const log = memoryLogger();
    const job = createRetentionJob({
      purge: async () => {
        throw new Error('connection to 10.0.0.5 refused for user sam');
      },
      now: fakeClock().now, timers: { set: () => 0, clear: () => undefined }, notify: () => undefined, log,
    });
    expect(await job.runOnce()).to.equal(undefined);
    expect(log.lines.join('\n')).to.include('retention_failed').and.not.include('sam');
  });
});
