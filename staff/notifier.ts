import type { BookingRecord, BookingStore } from '../storage/bookings';
import type { OutboxItem, OutboxStore } from '../storage/outbox';
import type { StaffConversationStore } from '../storage/staff-conversations';
import type { Logger } from '../server/logger';
import { staffCardActivity, webhookPayload, type CardContext } from './card';
import type { StaffChannel } from './channel';
import { readStaffReference } from './identity';
import type { Timers } from './schedule';
import { WebhookError, type WebhookSender } from './webhook';

export interface NotifierOptions {
  /** How often the outbox is looked at when nothing wakes the worker. */
  pollMs: number;
  /** Items taken per query. */
  batch: number;
  /** Wait after the first failure; it doubles with each further failure. */
  baseDelayMs: number;
  /** Longest wait between two attempts. */
  maxDelayMs: number;
  /** Attempts before an item is given up (the request stays listed for staff). About a day with the defaults. */
  maxAttempts: number;
  /** How long a taken item is reserved; a worker that dies mid-send frees it after this. */
  leaseMs: number;
}

export const NOTIFIER_DEFAULTS: Readonly<NotifierOptions> = Object.freeze({
  pollMs: 30_000,
  batch: 20,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 60,
  leaseMs: 2 * 60_000,
});

export interface NotifierDeps {
  outbox: Pick<OutboxStore, 'due' | 'claim' | 'complete' | 'retryLater' | 'giveUp' | 'nextDue'>;
  bookings: Pick<BookingStore, 'byId' | 'recordPost' | 'postFor'>;
  conversations: Pick<StaffConversationStore, 'get'>;
  /** Teams; without it Teams items wait. */
  channel?: StaffChannel;
  webhook?: WebhookSender;
  card: CardContext;
  now: () => Date;
  timers: Timers;
  log: Logger;
  options?: Partial<NotifierOptions>;
}

/** The wait before attempt `attempts + 1`: doubling from the base, capped. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** A send that can't succeed by retrying it (nothing to send it with); named for the logs. */
class NotReadyError extends Error {
  constructor(what: string) {
    super(`${what} is not available`);
    this.name = 'NotReadyError';
  }
}

export type StaffNotifier = ReturnType<typeof createStaffNotifier>;

/** Drains the outbox: posts and updates staff cards in Teams and on the webhook, retrying failures with backoff. */
export function createStaffNotifier(deps: NotifierDeps) {
  const options = { ...NOTIFIER_DEFAULTS, ...deps.options };
  const { outbox, bookings, log } = deps;
  let started = false;
  let timer: number | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const isTombstone = (record: BookingRecord) => record.status === 'withdrawn' || record.status === 'expired';

  /** Resolves when the item is settled: sent, or nothing is left to send; throws to retry. */
  async function deliver(item: OutboxItem): Promise<void> {
    const record = await bookings.byId(item.bookingId);
    if (item.destination === 'webhook') {
      if (!record || (item.action === 'post' && isTombstone(record))) return;
      if (!deps.webhook) throw new NotReadyError('the staff webhook');
      await deps.webhook.send(webhookPayload(record, item.action, deps.card));
      return;
    }
    if (!deps.channel) throw new NotReadyError('the Teams channel');
    if (item.action === 'post') {
      if (!record || isTombstone(record)) return;
      // Already posted: this item is a retry after a crash between sending and settling.
      if (await bookings.postFor(record.id, item.destination)) return;
      const target = await deps.conversations.get(item.destination.replace(/^teams:/, ''));
      const reference = target ? readStaffReference(target.reference) : undefined;
      if (!reference) return;
      const activityId = await deps.channel.post(reference, staffCardActivity(record, deps.card));
      await bookings.recordPost(record.id, item.destination, { activityId, reference }, deps.now());
      return;
    }
    const post = await bookings.postFor(item.bookingId, item.destination);
    const reference = post ? readStaffReference(post.reference) : undefined;
    // Nothing posted yet: a post still waiting will show the current state.
    if (!record || !post?.activityId || !reference) return;
    await deps.channel.update(reference, post.activityId, staffCardActivity(record, deps.card));
  }

  async function attempt(item: OutboxItem): Promise<void> {
    const fields = { destination: item.destination === 'webhook' ? 'webhook' : 'teams', action: item.action };
    try {
      await deliver(item);
      await outbox.complete(item.id, deps.now());
    } catch (error) {
      const attempts = item.attempts + 1;
      const err = { name: error instanceof Error ? error.name : typeof error, status: error instanceof WebhookError ? error.status : statusOf(error) };
      if (attempts >= options.maxAttempts) {
        await outbox.giveUp(item.id, attempts, err.name, deps.now());
        log.error({ event: 'staff_notify_gave_up', ...fields, attempts, err }, 'staff notification given up; the request is still listed');
        return;
      }
      const next = new Date(deps.now().getTime() + backoffDelay(attempts, options.baseDelayMs, options.maxDelayMs));
      await outbox.retryLater(item.id, attempts, next, err.name, deps.now());
      log.warn({ event: 'staff_notify_retry', ...fields, attempts, err }, 'staff notification failed; will retry');
    }
  }

  /** Sends everything due now; resolves with how many items were tried. */
  async function drain(): Promise<number> {
    let tried = 0;
    for (;;) {
      const items = await outbox.due(deps.now(), options.batch);
      for (const item of items) {
        if (!(await outbox.claim(item, new Date(deps.now().getTime() + options.leaseMs)))) continue;
        await attempt(item);
        tried++;
      }
      if (items.length < options.batch) return tried;
    }
  }

  function schedule(ms: number): void {
    if (!started) return;
    if (timer !== undefined) deps.timers.clear(timer);
    timer = deps.timers.set(() => {
      timer = undefined;
      void tick();
    }, Math.max(0, ms));
  }

  async function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drain();
        } catch (error) {
          log.error({ event: 'staff_outbox_failed', err: { name: error instanceof Error ? error.name : typeof error } }, 'outbox could not be read');
        }
      } while (again && started);
      const next = await outbox.nextDue().catch(() => undefined);
      const wait = next ? Math.min(options.pollMs, next.getTime() - deps.now().getTime()) : options.pollMs;
      schedule(wait);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    drain,
    start(): void {
      started = true;
      schedule(0);
    },
    /** Something new is in the outbox: look now rather than at the next poll. */
    wake(): void {
      if (started) schedule(0);
    },
    async stop(): Promise<void> {
      started = false;
      if (timer !== undefined) deps.timers.clear(timer);
      timer = undefined;
      await running;
    },
  };
}

/** botbuilder's HTTP errors carry the status code of the channel's answer. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status: unknown = Reflect.get(error, 'statusCode');
  return typeof status === 'number' ? status : undefined;
}
