import type { Messages } from '../knowledge/messages';
import type { BookingMessages } from '../knowledge/booking-messages';
import { RETENTION_DEFAULTS, applyRetention, type Database, type RetentionOptions } from '../storage';
import type { Protocol } from '../triage';
import type { Logger } from '../server/logger';
import type { ClinicFacts } from '../dialogs/clinic';
import { createBookingFlow } from '../dialogs/booking';
import type { CardContext } from './card';
import type { StaffChannel } from './channel';
import { createStaffDesk } from './desk';
import { createStaffNotifier, type NotifierOptions, type StaffNotifier } from './notifier';
import { createForgetPerson, createRetentionJob, type RetentionJobOptions } from './privacy';
import { systemTimers, type Timers } from './schedule';
import { createWebhookSender } from './webhook';

export interface HandoffDeps {
  database: Pick<Database, 'sql' | 'bookings' | 'outbox' | 'accessLog' | 'staffConversations' | 'checkMemory' | 'unanswered'>;
  words: BookingMessages;
  messages: Messages;
  clinic: ClinicFacts;
  protocol: Protocol;
  timeZone: string;
  /** STAFF_WEBHOOK_URL and STAFF_WEBHOOK_SECRET. */
  staff: { webhookUrl?: string; webhookSecret?: string };
  now: () => Date;
  log: Logger;
  timers?: Timers;
  retention?: RetentionOptions;
  retentionJob?: Partial<RetentionJobOptions>;
  notifier?: Partial<NotifierOptions>;
  /** Makes candidate references (tests fix them). */
  reference?: () => string;
}

export type BookingHandoff = ReturnType<typeof createBookingHandoff>;

/** The booking handoff assembled from explicit dependencies: the dialog, the staff desk, privacy and the notifier. */
export function createBookingHandoff(deps: HandoffDeps) {
  const { database, words, log, now } = deps;
  const timers = deps.timers ?? systemTimers();
  const card: CardContext = { words, protocol: deps.protocol, timeZone: deps.timeZone };
  const webhook = deps.staff.webhookUrl && deps.staff.webhookSecret ? createWebhookSender({ url: deps.staff.webhookUrl, secret: deps.staff.webhookSecret }) : undefined;
  const retentionDays = deps.retention?.days ?? RETENTION_DEFAULTS.days;
  let notifier: StaffNotifier | undefined;
  const notify = () => notifier?.wake();

  const flow = createBookingFlow({
    words, messages: deps.messages, clinic: deps.clinic, store: database.bookings, webhook: webhook !== undefined,
    notify, timeZone: deps.timeZone, log, retentionDays, reference: deps.reference,
    childMaxAge: childMaxAge(deps.protocol),
  });
  const desk = createStaffDesk({ words, card, bookings: database.bookings, accessLog: database.accessLog, conversations: database.staffConversations, now, notify });
  const forgetPerson = createForgetPerson({ bookings: database.bookings, now, notify, log });
  const retention = createRetentionJob({ purge: (at) => applyRetention(database, at, deps.retention), now, timers, notify, log, options: deps.retentionJob });

  return {
    flow,
    desk,
    forgetPerson,
    retention,
    /** Starts sending cards (once the adapter exists) and the retention schedule. */
    start(channel: StaffChannel | undefined): StaffNotifier {
      notifier = createStaffNotifier({
        outbox: database.outbox, bookings: database.bookings, conversations: database.staffConversations,
        channel, webhook, card, now, timers, log, options: deps.notifier,
      });
      notifier.start();
      retention.start();
      return notifier;
    },
    async stop(): Promise<void> {
      await notifier?.stop();
      await retention.stop();
    },
  };
}

/** The oldest age of the protocol's child band: a writer this age or younger cannot agree to a call-back for themselves. */
function childMaxAge(protocol: Protocol): number {
  const max = protocol.ageBands.find((band) => band.code === 'child')?.max;
  if (max === undefined || max === null) throw new Error(`triage protocol ${protocol.version}: the child age band needs a max`);
  return max;
}
