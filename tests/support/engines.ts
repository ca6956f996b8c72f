import { enginesUnderTest, readTestEnvironment, type EngineUnderTest, type TestTarget } from '../storage/engines';
import { startTestBot, type TestBot, type TestBotOptions } from './bot';

export { type EngineUnderTest };

/** SQLite always; PostgreSQL when DATABASE_URL answers (required on CI). */
export function botEngines(): EngineUnderTest[] {
  return enginesUnderTest(readTestEnvironment(process.env));
}

/** A bot on one engine, restartable on the same data (a restart of the process). */
export interface BotOnEngine {
  bot: TestBot;
  /** The PostgreSQL schema the bot uses (undefined on SQLite). */
  schema?: string;
  restart(): Promise<TestBot>;
  dispose(): Promise<void>;
}

export async function startBotOn(engine: EngineUnderTest, options: Omit<TestBotOptions, 'dataDir' | 'schema'> = {}): Promise<BotOnEngine> {
  const target: TestTarget = await engine.createTarget();
  const start = () =>
    startTestBot({
      ...options,
      dataDir: target.options.dataDir,
      schema: target.options.schema,
      env: { ...(options.env ?? {}), ...(target.options.databaseUrl ? { DATABASE_URL: target.options.databaseUrl } : {}) },
    });
  const handle: BotOnEngine = {
    bot: await start(),
    schema: target.options.schema,
    restart: async () => {
      await handle.bot.stop();
      handle.bot = await start();
      return handle.bot;
    },
    dispose: async () => {
      await handle.bot.stop();
      await target.dispose();
    },
  };
  return handle;
}
