import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { userKeyOf } from '../../bots/userKey';
import { loadBookingMessages, type BookingMessages } from '../../knowledge/booking-messages';
import { loadIntents } from '../../knowledge/intents';
import { loadKnowledgeBase } from '../../knowledge/topics';
import { loadLexicon } from '../../knowledge/lexicon';
import { loadMessages, type Messages } from '../../knowledge/messages';
import { createMatcher } from '../../matcher/matcher';
import { loadProtocol, type Protocol } from '../../triage';
import type { BookingStore, Database } from '../../storage';
import { createIntentReader, type IntentReader } from '../../dialogs/intents';
import { handleMessage, type ConversationData, type ConversationDeps, type TurnInput } from '../../dialogs/router';
import type { Reply } from '../../dialogs/replies';
import type { ClinicFacts } from '../../dialogs/clinic';
import { createTriageFlow } from '../../dialogs/triageFlow';
import type { BookingData } from '../../dialogs/booking';
import type { TriageSummary } from '../../dialogs/booking-summary';
import { createBookingHandoff, type BookingHandoff } from '../../staff/handoff';
import { createTeamsStaffChannel } from '../../staff/channel';
import { staffIdentity, type ActivityLike, type StaffSettings } from '../../staff/identity';
import type { Timers } from '../../staff/schedule';
import type { Logger } from '../../server/logger';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** The knowledge the conversation needs, loaded once per suite. */
export interface Content {
  messages: Messages;
  words: BookingMessages;
  protocol: Protocol;
  intents: IntentReader;
  conversation: Omit<ConversationDeps, 'clinic' | 'triage' | 'forgetPerson' | 'booking' | 'staffDesk'>;
}

export function loadContent(): Content {
  const dir = path.join(findProjectRoot(), 'knowledge');
  const kb = loadKnowledgeBase(dir);
  const messages = loadMessages(dir);
  const intents = createIntentReader(loadIntents(dir));
  return {
    messages,
    words: loadBookingMessages(dir),
    protocol: loadProtocol(path.join(dir, 'triage-protocol.json')),
    intents,
    conversation: { kb, matcher: createMatcher(kb, loadLexicon(dir)), messages, intents, retentionDays: 180 },
  };
}

export const CLINIC: ClinicFacts = { name: 'Test Clinic', phone: '416-555-0100', bookingUrl: 'https://clinic.example/book' };
export const STAFF_TENANT = '11111111-2222-3333-4444-555555555555';
export const STAFF_AAD = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export interface Clock {
  now: () => Date;
  advance(ms: number): void;
}

export function fakeClock(start = '2025-03-10T14:00:00.000Z'): Clock {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

/** Timers that never fire on their own: tests drain the outbox by hand. */
export function idleTimers(): Timers {
  return { set: () => 0, clear: () => undefined };
}

/** Logger that keeps every line as JSON text, so tests can look for leaks. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push(JSON.stringify({ level, ...fields, message }));
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

/** Someone talking to the bot: a channel, an id, a conversation. Staff are Teams users of the staff tenant. */
export interface Speaker {
  channelId: string;
  userId: string;
  conversationId: string;
  aadObjectId?: string;
  tenantId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
}

export function person(channelId = 'webchat', name = 'p'): Speaker {
  return { channelId, userId: channelId === 'sms' ? '+14165550199' : `${name}-user`, conversationId: `${name}-conversation-${channelId}` };
}

export function staffMember(conversationType: Speaker['conversationType'] = 'channel'): Speaker {
  return { channelId: 'msteams', userId: '29:staff', conversationId: '19:staff-room@thread.tacv2', aadObjectId: STAFF_AAD, tenantId: STAFF_TENANT, conversationType };
}

interface Data extends ConversationData {
  booking?: BookingData;
  lastOutcome?: TriageSummary;
  callbackReference?: string;
}

export interface Turn {
  replies: Reply[];
  entity<T extends NonNullable<Reply['entity']>['type']>(type: T): Extract<NonNullable<Reply['entity']>, { type: T }> | undefined;
  text: string;
}

export interface HarnessOptions {
  content: Content;
  database: Database;
  clock: Clock;
  serviceUrl?: string;
  staff?: StaffSettings;
  webhook?: { webhookUrl: string; webhookSecret: string };
  /** Replaces the booking store (a store whose writes fail). */
  bookings?: BookingStore;
  reference?: () => string;
  log?: Logger;
  /** The clinic's configured facts; CLINIC (a phone and a booking link) unless given. */
  clinic?: ClinicFacts;
}

/**
 * The real router with the real booking handoff over a real database, one message at a time,
 * with the conversation data going through JSON between turns as storage would.
 */
export function createHarness(options: HarnessOptions) {
  const { content, database, clock } = options;
  const clinic = options.clinic ?? CLINIC;
  const log = options.log ?? memoryLogger();
  const serviceUrl = options.serviceUrl ?? 'http://127.0.0.1:9';
  const settings: StaffSettings = options.staff ?? { tenantId: STAFF_TENANT, userIds: [STAFF_AAD], trusted: true };
  const handoff: BookingHandoff = createBookingHandoff({
    database: options.bookings ? { ...databaseParts(database), bookings: options.bookings } : database,
    words: content.words, messages: content.messages, clinic, protocol: content.protocol, timeZone: 'America/Toronto',
    staff: options.webhook ?? {}, now: clock.now, log, timers: idleTimers(), reference: options.reference,
  });
  const triage = createTriageFlow({
    protocol: content.protocol, messages: content.messages, clinic, checkMemory: database.checkMemory,
    timeZone: 'America/Toronto', callbackChoice: handoff.flow.callbackChoice,
  });
  const forgetPerson = async (userKey: string) => {
    await database.checkMemory.delete(userKey);
    await handoff.forgetPerson(userKey);
  };
  const deps: ConversationDeps = { ...content.conversation, clinic, triage, booking: handoff.flow, staffDesk: handoff.desk, forgetPerson };
  const conversations = new Map<string, string>();
  let activityNumber = 0;

  /** The real router, as the bot runs it. */
  const route = (data: Data, input: TurnInput): Promise<Reply[]> => handleMessage(deps, data, input);

  return {
    handoff,
    /** Starts the notifier against the real adapter, unauthenticated, as in local development. */
    startNotifier() {
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      return handoff.start(createTeamsStaffChannel(adapter, ''));
    },
    userKey: (speaker: Speaker) => userKeyOf('test-secret-0123456789', speaker.channelId, speaker.userId),
    data: (speaker: Speaker): Data => JSON.parse(conversations.get(`${speaker.channelId}/${speaker.conversationId}`) ?? '{}'),
    /** Puts back an earlier state, as when a turn's save was lost and the channel delivers the message again. */
    restore: (speaker: Speaker, data: Data): void => void conversations.set(`${speaker.channelId}/${speaker.conversationId}`, JSON.stringify(data)),

    /** One message; the conversation data goes through JSON between turns, as storage would. */
    async say(speaker: Speaker, text: string, more: { value?: string; activityId?: string; channelData?: unknown } = {}): Promise<Turn> {
      const key = `${speaker.channelId}/${speaker.conversationId}`;
      const data: Data = JSON.parse(conversations.get(key) ?? '{}');
      const activity: ActivityLike = {
        channelId: speaker.channelId,
        serviceUrl,
        from: { id: speaker.userId, aadObjectId: speaker.aadObjectId },
        recipient: { id: '28:bot', name: 'Knee bot' },
        conversation: { id: speaker.conversationId, conversationType: speaker.conversationType, tenantId: speaker.tenantId },
        channelData: more.channelData ?? (speaker.tenantId ? { tenant: { id: speaker.tenantId } } : undefined),
      };
      const input = {
        text,
        value: more.value,
        plainChannel: speaker.channelId === 'sms',
        firstContact: false,
        userKey: userKeyOf('test-secret-0123456789', speaker.channelId, speaker.userId),
        now: clock.now(),
        activityId: more.activityId ?? `activity-${++activityNumber}`,
        conversationId: key,
        channelId: speaker.channelId,
        smsSender: speaker.channelId === 'sms' ? speaker.userId : undefined,
        staff: staffIdentity(activity, settings),
      };
      const replies = await route(data, input);
      conversations.set(key, JSON.stringify(data));
      return {
        replies,
        entity: (type) => {
          for (const reply of replies) {
            const entity = reply.entity;
            if (entity && isEntity(entity, type)) return entity;
          }
          return undefined;
        },
        text: replies.map((r) => [r.title, r.text, r.detail, ...(r.choices ?? []).map((c) => `${c.label} ${c.value}`)].filter(Boolean).join('\n')).join('\n'),
      };
    },

    /** A check that ends at `book`, then the offer. */
    async bookOutcome(speaker: Speaker): Promise<Turn> {
      let turn = await this.say(speaker, 'check my symptoms');
      const replies: Record<string, string> = { injury: 'no', red_flags: 'none', age: '30', duration: 'more than 6 weeks', trend: 'same', location: 'front', severity: '4', recurrent: 'yes', aggravators: 'stairs', returning_status: 'same' };
      for (let i = 0; i < 20; i++) {
        const question = turn.entity('triage.question');
        if (!question) return turn;
        turn = await this.say(speaker, replies[question.id] ?? 'no');
      }
      return turn;
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;

function databaseParts(database: Database) {
  const { sql, bookings, outbox, accessLog, staffConversations, checkMemory, unanswered } = database;
  return { sql, bookings, outbox, accessLog, staffConversations, checkMemory, unanswered };
}

function isEntity<T extends NonNullable<Reply['entity']>['type']>(entity: NonNullable<Reply['entity']>, type: T): entity is Extract<NonNullable<Reply['entity']>, { type: T }> {
  return entity.type === type;
}
