import { createHash } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import type { SqlClient } from './sql';

/** What a listener is told: each payload sent on its channel, and when it must re-read everything. */
export interface NotificationHandler {
  /** A payload sent on the channel by any process sharing the database (this one included). */
  message(payload: string): void;
  /** Listening has just (re)started: payloads sent before may have been missed. */
  resync(): void;
}

/** Short messages between the processes sharing one PostgreSQL database (LISTEN/NOTIFY). */
export interface DatabaseNotifications {
  /** Sends the payload to every process listening on the channel; never put personal data in it. */
  notify(channel: string, payload: string): Promise<void>;
  /** Listens on one dedicated connection, opened on first use and reopened by itself; returns the stop function. */
  listen(channel: string, handler: NotificationHandler): () => void;
  /** Closes the listening connection; idempotent. */
  close(): Promise<void>;
}

export interface NotificationOptions {
  /** The schema the database uses: channels are per schema, as the tables are. */
  schema?: string;
  /** Give up opening the listening connection after this long (ms), and try again. */
  connectionTimeoutMs: number;
  /** How often (ms) the listening connection is checked; a host that vanished answers nothing. */
  heartbeatMs: number;
  /** The first wait (ms) before reopening a lost connection; it doubles up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
  /** Told when the listening connection fails or drops (log it); it is reopened regardless. */
  onConnectionError: (error: Error) => void;
}

export const NOTIFICATION_DEFAULTS: Readonly<NotificationOptions> = Object.freeze({
  connectionTimeoutMs: 5000,
  heartbeatMs: 15_000,
  retryMs: 250,
  maxRetryMs: 5000,
  onConnectionError: (): void => undefined,
});

/** PostgreSQL names are at most 63 bytes; a long schema name is shortened to a digest. */
function channelName(channel: string, schema: string): string {
  const full = `${channel}.${schema}`;
  return Buffer.byteLength(full) <= 63 ? full : `${channel}.${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

const errorOf = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));

/** Notifies through the pool, and listens on one connection of its own that survives drops and failovers. */
export function postgresNotifications(sql: SqlClient, databaseUrl: string, options: Partial<NotificationOptions> = {}): DatabaseNotifications {
  const settings = { ...NOTIFICATION_DEFAULTS, ...options };
  const handlers = new Map<string, Set<NotificationHandler>>();
  let current: { client: Client; schema: string } | undefined;
  let connecting = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = settings.retryMs;
  let poolSchema: Promise<string> | undefined;

  // search_path may come from the URL's options rather than `schema`, so the server says which schema is in use.
  const schemaOf = async (query: (text: string) => Promise<{ name: string | null }[]>) => (await query('SELECT current_schema() AS name'))[0]?.name ?? '';

  const forEach = (channel: string | undefined, call: (handler: NotificationHandler) => void) => {
    const sets = channel === undefined ? [...handlers.values()] : [handlers.get(channel) ?? new Set<NotificationHandler>()];
    for (const handler of sets.flatMap((set) => [...set])) call(handler);
  };

  const retryLater = () => {
    if (closed || retryTimer || connecting || !handlers.size) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, settings.maxRetryMs);
  };

  const lost = (client: Client, error?: Error) => {
    // A connection still opening fails its connect(); one already let go has been reported.
    if (current?.client !== client) return;
    if (error) settings.onConnectionError(error);
    current = undefined;
    // A connection that failed is not asked to say goodbye: it may never answer.
    client.connection.stream.destroy();
    retryLater();
  };

  const connect = async () => {
    if (closed || current || connecting) return;
    connecting = true;
    const client = new Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      query_timeout: settings.connectionTimeoutMs,
      keepAlive: true,
      options: settings.schema === undefined ? undefined : `-c search_path=${settings.schema}`,
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client));
    client.on('notification', (note) => {
      if (current?.client !== client) return;
      const channel = [...handlers.keys()].find((name) => channelName(name, current?.schema ?? '') === note.channel);
      if (channel !== undefined) forEach(channel, (handler) => handler.message(note.payload ?? ''));
    });
    try {
      await client.connect();
      const schema = await schemaOf(async (text) => (await client.query<{ name: string | null }>(text)).rows);
      // The map is read live, so a channel added while these run is listened to as well.
      for (const channel of handlers.keys()) await client.query(`LISTEN ${escapeIdentifier(channelName(channel, schema))}`);
      if (closed) throw new Error('closed while connecting');
      current = { client, schema };
      retryMs = settings.retryMs;
    } catch (error) {
      if (!closed) settings.onConnectionError(errorOf(error));
      client.connection.stream.destroy();
    } finally {
      connecting = false;
    }
    if (current?.client === client) forEach(undefined, (handler) => handler.resync());
    else retryLater();
  };

  // Repeating a LISTEN changes nothing, checks the connection, and keeps it recognisable in pg_stat_activity.
  let checking = false;
  const heartbeat = setInterval(() => {
    const listening = current;
    const [channel] = handlers.keys();
    if (!listening || checking) return;
    checking = true;
    const check = channel === undefined ? 'SELECT 1' : `LISTEN ${escapeIdentifier(channelName(channel, listening.schema))}`;
    listening.client
      .query(check)
      .catch((error: unknown) => lost(listening.client, errorOf(error)))
      .finally(() => (checking = false));
  }, settings.heartbeatMs);
  heartbeat.unref();

  return {
    notify: async (channel, payload) => {
      poolSchema ??= schemaOf((text) => sql.query<{ name: string | null }>(text));
      const schema = await poolSchema.catch((error: unknown) => {
        poolSchema = undefined;
        throw error;
      });
      await sql.query('SELECT pg_notify($1, $2)', [channelName(channel, schema), payload]);
    },
    listen: (channel, handler) => {
      const set = handlers.get(channel) ?? new Set();
      const added = !handlers.has(channel);
      set.add(handler);
      handlers.set(channel, set);
      const listening = current;
      if (listening && added) {
        listening.client
          .query(`LISTEN ${escapeIdentifier(channelName(channel, listening.schema))}`)
          .then(() => handler.resync(), (error: unknown) => lost(listening.client, errorOf(error)));
      } else if (listening) {
        handler.resync();
      } else {
        void connect();
      }
      return () => {
        set.delete(handler);
        if (!set.size && handlers.get(channel) === set) handlers.delete(channel);
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      if (retryTimer) clearTimeout(retryTimer);
      const listening = current;
      current = undefined;
      if (!listening) return;
      const ended = listening.client.end().catch(() => undefined);
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, settings.connectionTimeoutMs).unref())]);
      listening.client.connection.stream.destroy();
    },
  };
}
