import type { BookingStore } from '../storage/bookings';
import type { RetentionResult } from '../storage/retention';
import type { Logger } from '../server/logger';
import type { Timers } from './schedule';

export interface ForgetDeps {
  bookings: Pick<BookingStore, 'withdrawAllFor'>;
  now: () => Date;
  /** Tells the notifier that cards need updating to "withdrawn". */
  notify: () => void;
  log: Logger;
}

/** "Delete my data" for call-back requests: tombstones stay, personal details go, posted cards are updated. */
export function createForgetPerson(deps: ForgetDeps): (userKey: string) => Promise<number> {
  return async (userKey) => {
    const withdrawn = await deps.bookings.withdrawAllFor(userKey, deps.now());
    if (withdrawn.length === 0) return 0;
    deps.log.info({ event: 'booking_withdrawn', count: withdrawn.length }, 'call-back requests withdrawn by the person');
    deps.notify();
    return withdrawn.length;
  };
}

export interface RetentionJobOptions {
  /** How often old data is looked for. */
  intervalMs: number;
}

export const RETENTION_JOB_DEFAULTS: Readonly<RetentionJobOptions> = Object.freeze({ intervalMs: 60 * 60_000 });

export interface RetentionJobDeps {
  /** One pass: `applyRetention` bound to the database and its options. */
  purge: (now: Date) => Promise<RetentionResult>;
  now: () => Date;
  timers: Timers;
  /** Tells the notifier that expired requests' cards need updating. */
  notify: () => void;
  log: Logger;
  options?: Partial<RetentionJobOptions>;
}

/** Runs the retention purge at start and then on an interval. */
export function createRetentionJob(deps: RetentionJobDeps) {
  const { intervalMs } = { ...RETENTION_JOB_DEFAULTS, ...deps.options };
  let timer: number | undefined;
  let running: Promise<RetentionResult | undefined> | undefined;
  let started = false;

  async function runOnce(): Promise<RetentionResult | undefined> {
    try {
      const result = await deps.purge(deps.now());
      if (result.expired > 0) deps.notify();
      deps.log.info({ event: 'retention_purge', ...result }, 'old data purged');
      return result;
    } catch (error) {
      deps.log.error({ event: 'retention_failed', err: { name: error instanceof Error ? error.name : typeof error } }, 'retention purge failed');
      return undefined;
    }
  }

  function schedule(ms: number): void {
    if (!started) return;
    timer = deps.timers.set(() => {
      running = runOnce().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, ms);
  }

  return {
    runOnce,
    start(): void {
      started = true;
      schedule(0);
    },
    async stop(): Promise<void> {
      started = false;
      if (timer !== undefined) deps.timers.clear(timer);
      timer = undefined;
      await running;
    },
  };
}
