import { createHash, randomUUID } from 'node:crypto';
import { enqueueNotifications } from './outbox';
import type { SqlClient } from './sql';

export const BOOKING_STATUSES = ['open', 'contacted', 'closed', 'withdrawn', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses whose personal details are gone: only a tombstone remains. */
export const TOMBSTONE_STATUSES: readonly BookingStatus[] = ['withdrawn', 'expired'];

export interface StoredContact {
  kind: 'phone' | 'email';
  value: string;
  ext?: string;
}

export interface StoredTime {
  text: string;
  hint?: { at: string; precision: 'day' | 'time' };
}

export interface NewBooking {
  /** The conversation and the activity that asked, so a redelivered message finds its request instead of making one. */
  conversationId: string;
  activityId: string;
  userKey: string;
  name: string;
  contact: StoredContact;
  preferredTime: StoredTime;
  consentBy: 'self' | 'guardian';
  /** The triage summary as plain JSON, or undefined when there was no check. */
  summary?: object;
  channel: string;
  createdAt: Date;
}

/** A request as staff see it; the personal fields are undefined once it is a tombstone. */
export interface BookingRecord {
  id: string;
  reference: string;
  status: BookingStatus;
  name?: string;
  contact?: StoredContact;
  preferredTime?: StoredTime;
  consentBy?: 'self' | 'guardian';
  summary?: unknown;
  channel: string;
  createdAt: Date;
  updatedAt: Date;
  /** Who last changed the status: a staff Entra object id, or "person". */
  statusBy?: string;
  statusAt?: Date;
}

export interface CreateOptions {
  /** Also notify the staff webhook. */
  webhook: boolean;
  /** Makes a candidate reference; called again after a collision. */
  reference: () => string;
}

interface BookingRow {
  id: string;
  reference: string;
  status: string;
  name: string | null;
  contact_kind: string | null;
  contact: string | null;
  contact_ext: string | null;
  preferred_time: string | null;
  time_hint: string | null;
  consent_by: string | null;
  summary: string | null;
  channel: string;
  created_at: string;
  updated_at: string;
  status_by: string | null;
  status_at: string | null;
}

const COLUMNS = 'id, reference, status, name, contact_kind, contact, contact_ext, preferred_time, time_hint, consent_by, summary, channel, created_at, updated_at, status_by, status_at';
const SCRUB = 'name = NULL, contact_kind = NULL, contact = NULL, contact_ext = NULL, preferred_time = NULL, time_hint = NULL, summary = NULL, user_key = NULL';
const MAX_REFERENCE_TRIES = 12;

/** Hashed, because an SMS conversation id can be the person's phone number. */
export function idempotencyKeyOf(conversationId: string, activityId: string): string {
  return createHash('sha256').update(`${conversationId}\u0000${activityId}`).digest('base64url');
}

/** Call-back requests, their posted cards, and the notifications that go with every change. */
export class BookingStore {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Stores a request and queues its staff notifications in one transaction. The same conversation
   * and activity always give the same request (`created: false` the second time).
   */
  async create(booking: NewBooking, options: CreateOptions): Promise<{ id: string; reference: string; created: boolean }> {
    const key = idempotencyKeyOf(booking.conversationId, booking.activityId);
    for (let attempt = 0; attempt < MAX_REFERENCE_TRIES; attempt++) {
      const stored = await this.sql.transaction(async (tx) => {
        const [existing] = await tx.query<{ id: string; reference: string }>('SELECT id, reference FROM booking_requests WHERE idempotency_key = $1', [key]);
        if (existing) return { ...existing, created: false };
        const id = randomUUID();
        const reference = options.reference();
        const now = booking.createdAt.toISOString();
        // DO NOTHING on any unique column: a taken reference or a racing duplicate both come back as 0 changes.
        const { changes } = await tx.run(
          `INSERT INTO booking_requests (id, reference, idempotency_key, user_key, status, name, contact_kind, contact, contact_ext,
             preferred_time, time_hint, consent_by, summary, channel, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) ON CONFLICT DO NOTHING`,
          [id, reference, key, booking.userKey, booking.name, booking.contact.kind, booking.contact.value, booking.contact.ext ?? null,
            booking.preferredTime.text, booking.preferredTime.hint ? JSON.stringify(booking.preferredTime.hint) : null, booking.consentBy,
            booking.summary ? JSON.stringify(booking.summary) : null, booking.channel, now],
        );
        if (changes === 0) return undefined;
        const staff = await tx.query<{ conversation_key: string }>('SELECT conversation_key FROM staff_conversations ORDER BY added_at');
        const destinations = [...staff.map((row) => `teams:${row.conversation_key}`), ...(options.webhook ? ['webhook'] : [])];
        await enqueueNotifications(tx, destinations.map((destination) => ({ bookingId: id, destination, action: 'post' as const })), booking.createdAt);
        return { id, reference, created: true };
      });
      if (stored) return stored;
    }
    throw new Error(`No free booking reference after ${MAX_REFERENCE_TRIES} tries`);
  }

  async byReference(reference: string): Promise<BookingRecord | undefined> {
    const [row] = await this.sql.query<BookingRow>(`SELECT ${COLUMNS} FROM booking_requests WHERE reference = $1`, [reference]);
    return row ? toRecord(row) : undefined;
  }

  async byId(id: string): Promise<BookingRecord | undefined> {
    const [row] = await this.sql.query<BookingRow>(`SELECT ${COLUMNS} FROM booking_requests WHERE id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  }

  /** Requests still waiting for staff (open or contacted), oldest first, and how many there are in all. */
  async listActive(limit: number): Promise<{ records: BookingRecord[]; total: number }> {
    const rows = await this.sql.query<BookingRow>(
      `SELECT ${COLUMNS} FROM booking_requests WHERE status IN ('open', 'contacted') ORDER BY created_at, reference LIMIT $1`,
      [limit],
    );
    const [count] = await this.sql.query<{ total: number | string }>("SELECT COUNT(*) AS total FROM booking_requests WHERE status IN ('open', 'contacted')");
    return { records: rows.map(toRecord), total: Number(count?.total ?? 0) };
  }

  /** A staff change of status; cards already posted are queued for an update in the same transaction. */
  async setStatus(reference: string, status: 'contacted' | 'closed', staffId: string, now: Date): Promise<{ record: BookingRecord; changed: boolean } | undefined> {
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string; status: string }>('SELECT id, status FROM booking_requests WHERE reference = $1', [reference]);
      if (!row) return undefined;
      const changed = (status === 'contacted' ? ['open'] : ['open', 'contacted']).includes(row.status);
      if (changed) {
        await tx.run('UPDATE booking_requests SET status = $2, status_by = $3, status_at = $4, updated_at = $4 WHERE id = $1', [row.id, status, staffId, now.toISOString()]);
        await queueUpdates(tx, [row.id], now);
      }
      const [after] = await tx.query<BookingRow>(`SELECT ${COLUMNS} FROM booking_requests WHERE id = $1`, [row.id]);
      return after ? { record: toRecord(after), changed } : undefined;
    });
  }

  /** The references of a person's requests that still hold their details ("what do you keep about me?"). */
  async heldFor(userKey: string): Promise<string[]> {
    const rows = await this.sql.query<{ reference: string }>(
      "SELECT reference FROM booking_requests WHERE user_key = $1 AND status NOT IN ('withdrawn', 'expired') ORDER BY created_at",
      [userKey],
    );
    return rows.map((row) => row.reference);
  }

  /** "Delete my data": the person's requests keep only a tombstone, and their posted cards are queued to say so. */
  async withdrawAllFor(userKey: string, now: Date): Promise<string[]> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; reference: string }>('SELECT id, reference FROM booking_requests WHERE user_key = $1', [userKey]);
      if (rows.length === 0) return [];
      await tx.run(`UPDATE booking_requests SET ${SCRUB}, status = 'withdrawn', status_by = 'person', status_at = $2, updated_at = $2 WHERE user_key = $1`, [userKey, now.toISOString()]);
      await queueUpdates(tx, rows.map((row) => row.id), now);
      return rows.map((row) => row.reference);
    });
  }

  /** Empties requests made before `cutoff` that still hold personal details, and queues their cards' update. */
  async expireOlderThan(cutoff: Date, now: Date): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>("SELECT id FROM booking_requests WHERE created_at < $1 AND status NOT IN ('withdrawn', 'expired')", [cutoff.toISOString()]);
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      await tx.run(`UPDATE booking_requests SET ${SCRUB}, status = 'expired', status_at = $${ids.length + 1}, updated_at = $${ids.length + 1} WHERE id IN (${placeholders(ids.length)})`, [...ids, now.toISOString()]);
      await queueUpdates(tx, ids, now);
      return ids.length;
    });
  }

  /** Deletes tombstones made before `cutoff` once nothing is left to tell staff about them. */
  async deleteTombstonesOlderThan(cutoff: Date): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `SELECT id FROM booking_requests r WHERE created_at < $1 AND status IN ('withdrawn', 'expired')
         AND NOT EXISTS (SELECT 1 FROM booking_outbox o WHERE o.booking_id = r.id AND o.status = 'pending')`,
        [cutoff.toISOString()],
      );
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return 0;
      for (const table of ['booking_outbox', 'booking_posts']) await tx.run(`DELETE FROM ${table} WHERE booking_id IN (${placeholders(ids.length)})`, ids);
      const { changes } = await tx.run(`DELETE FROM booking_requests WHERE id IN (${placeholders(ids.length)})`, ids);
      return changes;
    });
  }

  /** Remembers where a card went, so it can be updated (withdrawn, contacted) later. */
  async recordPost(bookingId: string, destination: string, post: { activityId?: string; reference?: object }, now: Date): Promise<void> {
    await this.sql.run(
      `INSERT INTO booking_posts (booking_id, destination, activity_id, reference, posted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (booking_id, destination) DO UPDATE SET activity_id = excluded.activity_id, reference = excluded.reference, posted_at = excluded.posted_at`,
      [bookingId, destination, post.activityId ?? null, post.reference ? JSON.stringify(post.reference) : null, now.toISOString()],
    );
  }

  async postFor(bookingId: string, destination: string): Promise<{ activityId?: string; reference?: unknown } | undefined> {
    const [row] = await this.sql.query<{ activity_id: string | null; reference: string | null }>(
      'SELECT activity_id, reference FROM booking_posts WHERE booking_id = $1 AND destination = $2',
      [bookingId, destination],
    );
    if (!row) return undefined;
    return { activityId: row.activity_id ?? undefined, reference: row.reference ? JSON.parse(row.reference) : undefined };
  }
}

/** Every destination that was sent (or will be sent) the card gets an update. */
async function queueUpdates(tx: SqlClient, ids: string[], now: Date): Promise<void> {
  for (const id of ids) {
    const rows = await tx.query<{ destination: string }>("SELECT DISTINCT destination FROM booking_outbox WHERE booking_id = $1 AND action = 'post'", [id]);
    await enqueueNotifications(tx, rows.map((row) => ({ bookingId: id, destination: row.destination, action: 'update' as const })), now);
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
}

function toRecord(row: BookingRow): BookingRecord {
  const status = BOOKING_STATUSES.find((s) => s === row.status) ?? 'open';
  const contactKind = row.contact_kind === 'phone' || row.contact_kind === 'email' ? row.contact_kind : undefined;
  const contact: StoredContact | undefined = contactKind && row.contact ? { kind: contactKind, value: row.contact } : undefined;
  if (contact && row.contact_ext) contact.ext = row.contact_ext;
  return {
    id: row.id,
    reference: row.reference,
    status,
    name: row.name ?? undefined,
    contact,
    preferredTime: row.preferred_time === null ? undefined : { text: row.preferred_time, ...readHint(row.time_hint) },
    consentBy: row.consent_by === 'self' || row.consent_by === 'guardian' ? row.consent_by : undefined,
    summary: row.summary ? JSON.parse(row.summary) : undefined,
    channel: row.channel,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    statusBy: row.status_by ?? undefined,
    statusAt: row.status_at ? new Date(row.status_at) : undefined,
  };
}

function readHint(raw: string | null): { hint?: StoredTime['hint'] } {
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null) return {};
  const at: unknown = Reflect.get(parsed, 'at');
  const precision: unknown = Reflect.get(parsed, 'precision');
  if (typeof at !== 'string' || (precision !== 'day' && precision !== 'time')) return {};
  return { hint: { at, precision } };
}

