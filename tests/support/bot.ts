import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../config/config';
import { findProjectRoot } from '../../config/paths';
import { createLogger } from '../../server/logger';
import { startBot, type RunningBot } from '../../server/bootstrap';

export interface TestBot {
  url: string;
  running: RunningBot;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  dataDir: string;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  now?: () => Date;
  schema?: string;
  /** Reuse a data folder (to restart the bot on the same SQLite file). */
  dataDir?: string;
  keepData?: boolean;
}

/** Starts the real server on a free loopback port with its own data folder. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'knee-bot-'));
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...options.env };
  const config = loadConfig(env, findProjectRoot());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const running = await startBot(config, { log: createLogger(config.logLevel, sink), now: options.now, schema: options.schema });
  return {
    url: running.url,
    running,
    logs,
    dataDir,
    stop: async () => {
      await running.stop();
      if (!options.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BotActivity {
  type: string;
  text?: string;
  entities?: { type: string; [key: string]: unknown }[];
  suggestedActions?: { actions: { title: string; value: unknown }[] };
  attachments?: { contentType: string; content: unknown }[];
}

export interface TurnResult {
  status: number;
  activities: BotActivity[];
  /** The first entity of this type among the replies. */
  entity(type: string): Record<string, unknown> | undefined;
  text: string;
}

/** A person talking to the bot over /api/messages with expectReplies, as Web Chat or a channel would. */
export class Person {
  readonly conversationId = `c-${randomUUID()}`;
  constructor(
    private readonly baseUrl: string,
    readonly channelId = 'webchat',
    readonly userId = `u-${randomUUID()}`,
    private readonly extra: Record<string, unknown> = {},
  ) {}

  join(): Promise<TurnResult> {
    return this.post({ type: 'conversationUpdate', membersAdded: [{ id: this.userId }] });
  }

  say(text: string, more: Record<string, unknown> = {}): Promise<TurnResult> {
    return this.post({ type: 'message', text, ...more });
  }

  press(value: string): Promise<TurnResult> {
    return this.post({ type: 'message', text: value, value });
  }

  async post(activity: Record<string, unknown>): Promise<TurnResult> {
    const body = {
      channelId: this.channelId,
      serviceUrl: 'http://127.0.0.1:9',
      deliveryMode: 'expectReplies',
      from: { id: this.userId, name: 'Test Person' },
      recipient: { id: 'bot', name: 'Knee bot' },
      conversation: { id: this.conversationId },
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      ...this.extra,
      ...activity,
    };
    const res = await fetch(`${this.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const raw = await res.text();
    let activities: BotActivity[] = [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && 'activities' in parsed && Array.isArray(parsed.activities)) activities = parsed.activities;
    } catch {
      // Not JSON: an error status, asserted by the caller.
    }
    return {
      status: res.status,
      activities,
      entity: (type) => activities.flatMap((a) => a.entities ?? []).find((e) => e.type === type),
      text: activities.map((a) => a.text ?? '').join('\n'),
    };
  }
}
