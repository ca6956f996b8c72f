import { config as loadDotenv } from 'dotenv';
import { loadConfig, ConfigError } from './config/config';
import { findProjectRoot } from './config/paths';
import { createLogger } from './server/logger';
import { startBot } from './server/bootstrap';

async function main(): Promise<void> {
  const root = findProjectRoot();
  loadDotenv({ path: `${root}/.env`, quiet: true });
  const config = loadConfig(process.env, root);
  const log = createLogger(config.logLevel);
  const bot = await startBot(config, { log });
  log.info({ event: 'listening', url: bot.url, storage: bot.database.engine }, `Knee pain assistant listening on ${bot.url}`);
  const shutdown = () => void bot.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || (error instanceof Error && error.name === 'ContentError') ? error.message : String(error);
  console.error(`The bot could not start: ${message}`);
  process.exit(1);
});
