import { randomUUID } from 'node:crypto';
import { httpRequest, type RawPart } from './raw';

/** A Direct Line session opened the way Web Chat opens one, for rows that need real tokens. */
export interface Session {
  conversationId: string;
  /** Conversation-scoped bearer token. */
  token: string;
  /** The token inside the stream URL. */
  streamToken: string;
  /** The returning-visitor token from the token endpoint. */
  userToken: string;
}

export interface HostileContext {
  /** host:port of the bot. */
  host: string;
  session: Session;
  /** A second visitor's session: its tokens must never open the first one's conversation. */
  other: Session;
}

/**
 * What the bot must do with a row: `refused` is any 4xx; `answered` is a 4xx or a 2xx (the input
 * is technically valid); `upgraded` is a WebSocket accepted and then closed by the server for
 * what followed; `dropped` allows the connection to be closed without an answer (CONNECT).
 */
export type Expectation = 'refused' | 'answered' | 'upgraded' | 'dropped';

export interface HostileRow {
  name: string;
  expect: Expectation;
  build(ctx: HostileContext): RawPart[];
  /** The bot may log an error for this row (it cannot deliver replies to a made-up serviceUrl). */
  mayLogError?: boolean;
}

/** A well-formed activity for /api/messages, in a fresh conversation, with `extra` laid over it. */
export function activity(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text: 'hello',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: `hostile-${randomUUID()}` },
    recipient: { id: 'bot' },
    conversation: { id: `hostile-${randomUUID()}` },
    id: randomUUID(),
    ...extra,
  };
}

export const JSON_TYPE = 'Content-Type: application/json';

/** POST a body to a path with JSON content type (or the given headers). */
export function post(path: string, body: RawPart, headers: string[] = [JSON_TYPE]) {
  return (ctx: HostileContext): RawPart[] => [httpRequest({ path, host: ctx.host, headers, body })];
}

export function row(name: string, expect: Expectation, build: (ctx: HostileContext) => RawPart[], mayLogError = false): HostileRow {
  return { name, expect, build, mayLogError };
}

/** `depth` nested arrays (or objects) as JSON text, built without recursion. */
export function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Puts raw JSON text in place of a field of a valid activity. */
export function withRawField(field: string, rawJson: string, base: Record<string, unknown> = activity()): string {
  const marker = `"__raw_${randomUUID()}__"`;
  return JSON.stringify({ ...base, [field]: JSON.parse(marker) }).replace(marker, rawJson);
}
