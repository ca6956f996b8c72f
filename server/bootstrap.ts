import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import { loadKnowledgeBase } from '../knowledge/topics';
import { loadLexicon } from '../knowledge/lexicon';
import { loadMessages } from '../knowledge/messages';
import { loadIntents } from '../knowledge/intents';
import { createMatcher } from '../matcher/matcher';
import { storedAnalysis } from '../matcher/snapshot';
import { createLanguageReader, englishWordsOf } from '../matcher/language';
import { loadLanguages } from '../knowledge/languages';
import { createIntentReader } from '../dialogs/intents';
import { openDatabase, type Database } from '../storage';
import { ConversationStore } from '../bots/conversationStore';
import { KneeBot } from '../bots/kneeBot';
import { SmsOptOuts } from '../bots/smsOptOuts';
import { createApp, type App } from './app';
import type { Logger } from './logger';
import { errorFields } from './logger';
import { loadProtocol } from '../triage';
import { createTriageFlow } from '../dialogs/triageFlow';
import { adapterTurns, LocalSignals, mountWebChat, sharedSignals, SqlConversationStore, WEB_CHAT_DEFAULTS } from './directline';
import { createBookingHandoff } from '../staff/handoff';
import { createTeamsStaffChannel } from '../staff/channel';
import { staffSettingsFrom } from '../staff/identity';
import { loadBookingMessages } from '../knowledge/booking-messages';

export interface StartOptions {
  log: Logger;
  /** The clock; tests fix "today". */
  now?: () => Date;
  /** PostgreSQL schema to use (tests isolate themselves with one). */
  schema?: string;
}

export interface RunningBot {
  app: App;
  /** The bot's turn logic, for an adapter of a test's own (botbuilder's TestAdapter). */
  bot: Pick<KneeBot, 'run'>;
  database: Database;
  url: string;
  /** Where Prometheus metrics are served on loopback, when METRICS_PORT is set. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

/** Loads content (failing fast on a broken file), opens storage, and serves the bot. */
export async function startBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const now = options.now ?? (() => new Date());
  const kb = loadKnowledgeBase(config.knowledgeDir);
  const lexicon = loadLexicon(config.knowledgeDir);
  const messages = loadMessages(config.knowledgeDir);
  const intentPhrases = loadIntents(config.knowledgeDir);
  const intents = createIntentReader(intentPhrases);
  const readLanguage = createLanguageReader(loadLanguages(config.knowledgeDir), englishWordsOf(kb, lexicon));
  const protocol = loadProtocol(path.join(config.knowledgeDir, 'triage-protocol.json'));
  // The build analyses the knowledge base once (scripts/kb-snapshot.ts); without a matching snapshot it is analysed here.
  const matcher = createMatcher(kb, lexicon, { analysed: storedAnalysis(kb, lexicon) });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: options.schema,
    onConnectionError: (error) => options.log.warn({ event: 'db_connection_lost', ...errorFields(error) }, 'database connection lost'),
  });
  // Unconfigured, the clinic is the one the guide is written for, so the welcome and the answers name the same clinic.
  const clinic = { ...config.clinic, name: config.clinic.name ?? kb.clinicName };
  const userKeySecret = config.userKeySecret ?? userKeySecretFile(config.dataDir);
  const handoff = createBookingHandoff({
    database,
    words: loadBookingMessages(config.knowledgeDir),
    messages,
    clinic,
    protocol,
    timeZone: config.clinic.timeZone,
    staff: config.staff,
    now,
    log: options.log,
    retention: { days: config.retentionDays, directLineIdleMs: WEB_CHAT_DEFAULTS.conversationIdleMs },
  });
  const triage = createTriageFlow({
    protocol,
    messages,
    clinic,
    checkMemory: database.checkMemory,
    timeZone: config.clinic.timeZone,
    callbackChoice: handoff.flow.callbackChoice,
  });
  // prom-client and its default collectors (a GC observer among them) cost start-up time and work on every turn: only when served.
  const metrics = config.metricsPort === undefined ? undefined : (await import('./metrics')).createMetrics();
  const bot = new KneeBot({
    conversation: {
      kb,
      matcher,
      messages,
      intents,
      clinic,
      triage,
      booking: handoff.flow,
      staffDesk: handoff.desk,
      recordUnanswered: (text, band, at) => database.unanswered.record(text, band, at),
      forgetPerson: async (userKey) => {
        await database.checkMemory.delete(userKey);
        await handoff.forgetPerson(userKey);
      },
      forgetCheck: async (userKey) => {
        await database.checkMemory.delete(userKey);
      },
      withdrawCallbacks: (userKey) => handoff.forgetPerson(userKey),
      retentionDays: config.retentionDays,
      optionWords: protocol.language.optionWords,
      readLanguage,
      heldAbout: async (userKey) => ({ lastCheckAt: (await database.checkMemory.get(userKey))?.lastCheckAt, callbacks: await database.bookings.heldFor(userKey) }),
      timeZone: config.clinic.timeZone,
    },
    store: new ConversationStore(database.state),
    userKeySecret,
    maxMessageChars: config.limits.maxMessageChars,
    now,
    smsOptOuts: new SmsOptOuts(database.state),
    smsKeywords: intentPhrases.smsKeywords,
    metrics,
    log: options.log,
    staff: staffSettingsFrom(config),
    staffDesk: handoff.desk,
  });
  const app = createApp({ config, database, bot, log: options.log, errorMessage: messages.error, ready: () => true, metrics });
  handoff.start(createTeamsStaffChannel(app.adapter, config.appId ?? ''));
  // Web Chat's conversations live in the database and streams hear of new activities from every instance.
  const directLineSignals = database.notifications ? sharedSignals(database.notifications, options.log) : new LocalSignals();
  const webChat = mountWebChat(app.server, {
    runTurn: adapterTurns((activity, logic) => app.adapter.runTrustedActivity(config.appId ?? '', activity, logic), bot),
    tokenSecret: userKeySecret,
    log: options.log,
    directLineSecret: config.directLineSecret,
    clinicName: config.clinic.name,
    store: new SqlConversationStore(database.sql, () => now().getTime(), {
      idleMs: WEB_CHAT_DEFAULTS.conversationIdleMs,
      maxActivities: WEB_CHAT_DEFAULTS.maxActivitiesPerConversation,
    }),
    signals: directLineSignals,
  });
  const url = await app.listen();
  const metricsUrl = config.metricsPort === undefined ? undefined : await metrics?.listen(config.metricsPort);
  return {
    app,
    bot,
    database,
    url,
    metricsUrl,
    stop: async () => {
      await handoff.stop();
      webChat.close();
      await metrics?.close();
      await app.close();
      await directLineSignals.close();
      await database.close();
    },
  };
}

/** Without USER_KEY_SECRET a random secret is made once and kept beside the data. */
function userKeySecretFile(dataDir: string): string {
  const file = path.join(dataDir, 'user-key.secret');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return fs.readFileSync(file, 'utf8').trim();
}
