import * as path from 'node:path';
import type { Server } from 'restify';
import { findProjectRoot } from '../../config/paths';
import type { Logger } from '../logger';
import { AZURE_DIRECT_LINE_DOMAIN, type FetchFn } from './azure';
import { DirectLineConversations } from './conversations';
import { mountDirectLineRest } from './rest';
import { mountStaticPage } from './static';
import type { ActivitySignals } from './signals';
import { MemoryConversationStore, type ConversationStore } from './store';
import { attachDirectLineStream } from './stream';
import { mountTokenEndpoint } from './tokenEndpoint';
import { TokenSigner } from './tokens';
import type { RunTurn } from './turns';

export { adapterTurns, repliesOf, type RunActivity, type RunTurn, type TurnBot } from './turns';
export { MemoryConversationStore, type ConversationStore } from './store';
export { SqlConversationStore, SQL_STORE_DEFAULTS, type SqlStoreLimits } from './sqlStore';
export { LocalSignals, sharedSignals, type ActivitySignals } from './signals';
export { DIRECT_LINE_ERRORS, type DirectLineErrorCode } from './errors';
export { AZURE_DIRECT_LINE_DOMAIN, type FetchFn } from './azure';
export type { TokenResponse } from './tokenEndpoint';
export type { WireActivity } from './activities';

export interface WebChatLimits {
  /** Lifetime of a conversation token, in seconds; Web Chat refreshes it every 15 minutes. */
  tokenTtlSeconds: number;
  /** Lifetime of the token inside a stream URL, in seconds. */
  streamTokenTtlSeconds: number;
  /** How long a returning visitor keeps the same id, in seconds. */
  userTokenTtlSeconds: number;
  /** Longest message text accepted; the bot itself shortens long text more gently. */
  maxTextChars: number;
  /** Most conversations kept by the in-memory store (least recently used forgotten first). */
  maxConversations: number;
  /** A conversation idle this long (ms) is forgotten. */
  conversationIdleMs: number;
  /** Most activities kept per conversation for replay. */
  maxActivitiesPerConversation: number;
  /** WebSocket ping interval (ms). */
  heartbeatMs: number;
  /** Time allowed for Azure's token endpoint (ms). */
  azureTimeoutMs: number;
}

export const WEB_CHAT_DEFAULTS: Readonly<WebChatLimits> = Object.freeze({
  tokenTtlSeconds: 30 * 60,
  streamTokenTtlSeconds: 5 * 60,
  userTokenTtlSeconds: 90 * 24 * 60 * 60,
  maxTextChars: 10_000,
  maxConversations: 2000,
  conversationIdleMs: 2 * 60 * 60 * 1000,
  maxActivitiesPerConversation: 500,
  heartbeatMs: 30_000,
  azureTimeoutMs: 10_000,
});

export interface WebChatOptions {
  /** Runs a turn in-process and returns the replies: `adapterTurns((a, logic) => app.adapter.runActivity('', a, logic), bot)`. */
  runTurn: RunTurn;
  /** Signs tokens; at least 16 characters, never sent anywhere. */
  tokenSecret: string;
  log: Logger;
  /** DIRECT_LINE_SECRET: when set, the page gets Azure tokens and talks to Azure's Direct Line. */
  directLineSecret?: string;
  /** Azure's Direct Line base URL (a regional one, or a test stand-in). */
  azureDomain?: string;
  /** Used for the Azure token exchange only. */
  fetch?: FetchFn;
  /** Shown on the page. */
  clinicName?: string;
  /** The bot's public base URL, when a proxy hides it; otherwise read from each request. */
  publicUrl?: string;
  /** Sites allowed to frame the chat page (embed.js); any site by default. */
  frameAncestors?: string[];
  publicDir?: string;
  webChatBundle?: string;
  bot?: { id: string; name: string };
  /** Defaults to a bounded in-memory store; `SqlConversationStore` lets every instance serve every conversation. */
  store?: ConversationStore;
  /** How streams hear of new activities; in-process by default, `sharedSignals` across instances. Closed by its owner. */
  signals?: ActivitySignals;
  now?: () => number;
  limits?: Partial<WebChatLimits>;
}

export interface MountedWebChat {
  conversations: DirectLineConversations;
  /** Drops open streams; call before closing the server, or it waits on them. */
  close(): void;
}

/** Web Chat for the clinic's website: the page, the embed script, the token endpoint and Direct Line 3.0 on /v3/directline. */
export function mountWebChat(server: Server, options: WebChatOptions): MountedWebChat {
  const limits = { ...WEB_CHAT_DEFAULTS, ...options.limits };
  // Fail at start-up, not on the first request, when the configured URL is wrong.
  if (options.publicUrl !== undefined) new URL(options.publicUrl);
  const now = options.now ?? Date.now;
  const signer = new TokenSigner(options.tokenSecret, now);
  const store =
    options.store ??
    new MemoryConversationStore(now, { maxConversations: limits.maxConversations, idleMs: limits.conversationIdleMs, maxActivities: limits.maxActivitiesPerConversation });
  const conversations = new DirectLineConversations({
    store,
    signals: options.signals,
    runTurn: options.runTurn,
    bot: options.bot ?? { id: 'knee-assistant', name: 'Knee pain assistant' },
    serviceUrl: 'http://localhost/directline',
    now,
    log: options.log,
  });
  const azureDomain = options.azureDomain ?? AZURE_DIRECT_LINE_DOMAIN;
  const azure = options.directLineSecret
    ? { secret: options.directLineSecret, domain: azureDomain, fetch: options.fetch ?? fetch, timeoutMs: limits.azureTimeoutMs }
    : undefined;
  const root = findProjectRoot(__dirname);

  mountTokenEndpoint(server, { signer, log: options.log, tokenTtlSeconds: limits.tokenTtlSeconds, userTokenTtlSeconds: limits.userTokenTtlSeconds, azure });
  mountDirectLineRest(server, {
    conversations,
    signer,
    tokenTtlSeconds: limits.tokenTtlSeconds,
    streamTokenTtlSeconds: limits.streamTokenTtlSeconds,
    maxTextChars: limits.maxTextChars,
    publicUrl: options.publicUrl,
  });
  mountStaticPage(server, {
    publicDir: options.publicDir ?? path.join(root, 'public'),
    webChatBundle: options.webChatBundle ?? path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js'),
    clinicName: options.clinicName,
    connectOrigins: azure ? [new URL(azureDomain).origin, webSocketOf(azureDomain)] : [],
    frameAncestors: options.frameAncestors ?? ['*'],
    publicUrl: options.publicUrl,
  });
  const stream = attachDirectLineStream(server.server, { conversations, signer, log: options.log, heartbeatMs: limits.heartbeatMs });
  return { conversations, close: stream.close };
}

function webSocketOf(domain: string): string {
  const url = new URL(domain);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}
