import type { TokenResponse } from '../../server/directline/tokenEndpoint';
import WebSocket from 'ws';

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when the body is not JSON). */
  body: unknown;
  raw: string;
}

/** One HTTP call with an optional bearer token and JSON body. */
export async function call(method: string, url: string, options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body });
  const raw = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, raw };
}

/** What the page gets from the token endpoint. */
export type Session = TokenResponse;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a field as a string, failing the test clearly when it is not one. */
export function str(value: unknown, field: string): string {
  const found = isRecord(value) ? value[field] : undefined;
  if (typeof found !== 'string') throw new Error(`expected a string ${field} in ${JSON.stringify(value)}`);
  return found;
}

export async function getSession(baseUrl: string, userToken?: string): Promise<Session> {
  const res = await call('POST', `${baseUrl}/api/directline/token`, { body: userToken ? { userToken } : {} });
  if (res.status !== 200 || !isRecord(res.body)) throw new Error(`token endpoint answered ${res.status}: ${res.raw}`);
  const b = res.body;
  return {
    token: str(b, 'token'),
    conversationId: str(b, 'conversationId'),
    userId: str(b, 'userId'),
    userToken: str(b, 'userToken'),
    expires_in: Number(b.expires_in),
    domain: typeof b.domain === 'string' ? b.domain : undefined,
  };
}

export interface Activity {
  type: string;
  id?: string;
  text?: string;
  value?: unknown;
  replyToId?: string;
  from?: { id: string; role?: string };
  channelId?: string;
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

export function asActivitySet(body: unknown): ActivitySet {
  if (!isRecord(body) || !Array.isArray(body.activities) || typeof body.watermark !== 'string') throw new Error(`not an activity set: ${JSON.stringify(body)}`);
  return { activities: body.activities.filter(isRecord).map((a) => ({ ...a, type: String(a.type) })), watermark: body.watermark };
}

/** A started conversation, as Web Chat would hold it. */
export class Chat {
  constructor(
    readonly base: string,
    readonly conversationId: string,
    public token: string,
    readonly streamUrl: string,
    readonly userId: string,
  ) {}

  static async start(baseUrl: string, session?: Session): Promise<Chat> {
    const s = session ?? (await getSession(baseUrl));
    const res = await call('POST', `${baseUrl}/v3/directline/conversations`, { token: s.token, body: { user: { id: s.userId } } });
    if (res.status !== 201) throw new Error(`start answered ${res.status}: ${res.raw}`);
    return new Chat(`${baseUrl}/v3/directline`, str(res.body, 'conversationId'), str(res.body, 'token'), str(res.body, 'streamUrl'), s.userId);
  }

  post(activity: Record<string, unknown>, token = this.token): Promise<JsonResponse> {
    return call('POST', `${this.base}/conversations/${this.conversationId}/activities`, { token, body: activity });
  }

  say(text: string, clientActivityID = `client-${Math.random().toString(36).slice(2)}`): Promise<JsonResponse> {
    return this.post({ type: 'message', text, from: { id: this.userId }, channelData: { clientActivityID } });
  }

  async activities(watermark?: string): Promise<ActivitySet> {
    const query = watermark === undefined ? '' : `?watermark=${watermark}`;
    const res = await call('GET', `${this.base}/conversations/${this.conversationId}/activities${query}`, { token: this.token });
    if (res.status !== 200) throw new Error(`get activities answered ${res.status}: ${res.raw}`);
    return asActivitySet(res.body);
  }
}

/** A WebSocket stream that collects frames, and waits for some. */
export class StreamReader {
  readonly frames: ActivitySet[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = String(data);
      if (!text) return;
      this.frames.push(asActivitySet(JSON.parse(text)));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(url: string): Promise<StreamReader> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new StreamReader(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get activities(): Activity[] {
    return this.frames.flatMap((f) => f.activities);
  }

  /** Resolves once at least `count` activities have arrived (or fails after a while). */
  async waitFor(count: number, timeoutMs = 5000): Promise<Activity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.activities.length < count) {
      if (Date.now() > deadline) throw new Error(`waited for ${count} activities, got ${this.activities.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.activities;
  }

  close(): void {
    this.socket.close();
  }
}

/** The status code an upgrade is refused with, or 101 when it is accepted. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    socket.once('error', () => resolve(0));
  });
}
