import { ActivityHandler } from 'botbuilder';
import { loadConfig } from '../config/config';
import { findProjectRoot } from '../config/paths';
import { openDatabase } from '../storage';
import { ConversationStore } from '../bots/conversationStore';
import { createApp } from '../server/app';
import { createLogger } from '../server/logger';

/** The baseline for the HTTP benchmark: the same stack and storage, with a bot that only echoes. */
class EchoBot extends ActivityHandler {
  constructor(store: ConversationStore) {
    super();
    this.onMessage(async (context, next) => {
      const key = store.key(context.activity.channelId, context.activity.conversation.id);
      const conversation = await store.load(key);
      conversation.seen.push(context.activity.id ?? '');
      await store.save(key, conversation);
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, findProjectRoot());
  const log = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = createApp({ config, database, bot: new EchoBot(new ConversationStore(database.state)), log, errorMessage: 'error', ready: () => true });
  const url = await app.listen();
  log.info({ event: 'listening', url }, `echo bot listening on ${url}`);
}

void main();
