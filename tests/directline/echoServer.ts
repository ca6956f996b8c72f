import * as restify from 'restify';
import { ActivityHandler, CardFactory, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import { BotAdapter } from '../../server/app';
import type { Logger } from '../../server/logger';
import { adapterTurns, mountWebChat, type MountedWebChat, type WebChatOptions } from '../../server/directline';

export const WELCOME = 'Welcome to the echo bot. Say anything.';
export const SAY_HELLO = { title: 'Say hello', value: 'hello' } as const;
/** Typing this makes the echo bot answer with an Adaptive Card. */
export const CARD_REQUEST = 'show me a card';
export const PAIN_CARD = {
  type: 'AdaptiveCard',
  version: '1.3',
  body: [{ type: 'TextBlock', text: 'Where does it hurt?', wrap: true }],
  actions: [
    { type: 'Action.Submit', title: 'Around the kneecap', data: { where: 'kneecap' } },
    { type: 'Action.Submit', title: 'Somewhere else', data: { where: 'elsewhere' } },
  ],
};

/** A bot that welcomes, echoes text and reports card or button values, with a suggested action to click. */
export class EchoBot extends ActivityHandler {
  /** Every activity the bot received, for assertions on what reached it. */
  readonly received: TurnContext['activity'][] = [];

  constructor() {
    super();
    this.onTurn(async (context, next) => {
      this.received.push({ ...context.activity });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        await context.sendActivity(withHello(WELCOME, member.id));
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      if (text === CARD_REQUEST) {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(PAIN_CARD)));
        return next();
      }
      const reply = value !== undefined ? `You chose ${JSON.stringify(value)}` : `You said: ${text}`;
      await context.sendActivity(withHello(reply, context.activity.from.id));
      await next();
    });
  }
}

function withHello(text: string, userId: string) {
  const message = MessageFactory.suggestedActions([{ type: 'imBack', ...SAY_HELLO }], text);
  if (message.suggestedActions) message.suggestedActions.to = [userId];
  return message;
}

/** A Logger that keeps every line as JSON text, so tests can look for leaks. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push(JSON.stringify({ level, ...fields, msg: message }));
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

export interface EchoServer {
  url: string;
  bot: EchoBot;
  log: Logger & { lines: string[] };
  webChat: MountedWebChat;
  close(): Promise<void>;
}

export const TEST_TOKEN_SECRET = 'test-direct-line-token-secret-0123456789';

/** Body limit of the test server, as the bot's default MAX_BODY_BYTES. */
export const TEST_MAX_BODY_BYTES = 256 * 1024;

/**
 * A restify server set up as server/app.ts sets up its own (same body parser, the same
 * BotAdapter), with Web Chat mounted, on a free loopback port.
 */
export async function startEchoServer(options: Partial<Omit<WebChatOptions, 'runTurn' | 'log'>> = {}): Promise<EchoServer> {
  const server = restify.createServer({ name: 'directline-test', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: TEST_MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  const adapter = new BotAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  const log = captureLogger();
  const webChat = mountWebChat(server, { runTurn: adapterTurns((activity, logic) => adapter.runActivity('', activity, logic), bot), tokenSecret: TEST_TOKEN_SECRET, log, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    bot,
    log,
    webChat,
    close: async () => {
      webChat.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
