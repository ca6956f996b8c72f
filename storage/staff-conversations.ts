import type { SqlClient } from './sql';

/** A Teams conversation the clinic chose for call-back cards: a channel, a group chat, or a staff member's 1:1 chat. */
export interface StaffConversation {
  /** `<channel id>/<conversation id>`. */
  key: string;
  kind: 'channel' | 'groupChat' | 'personal';
  /** The Bot Framework conversation reference, as plain JSON, for proactive messages. */
  reference: object;
  /** The Entra object id of the staff member who chose it. */
  addedBy: string;
  addedAt: Date;
}

interface Row {
  conversation_key: string;
  kind: string;
  reference: string;
  added_by: string;
  added_at: string;
}

export class StaffConversationStore {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Sends future cards to this conversation. `choose` (staff asked for it) makes a channel or group chat
   * the only one, or adds a 1:1 chat in place of any shared one. `ifFree` (the bot was installed) only
   * takes it when that changes nobody's choice. True when the conversation is now in use.
   */
  async use(conversation: StaffConversation, mode: 'choose' | 'ifFree'): Promise<boolean> {
    const shared = conversation.kind !== 'personal';
    return this.sql.transaction(async (tx) => {
      const others = await tx.query<{ conversation_key: string; kind: string }>('SELECT conversation_key, kind FROM staff_conversations WHERE conversation_key <> $1', [conversation.key]);
      const othersShared = others.some((row) => row.kind !== 'personal');
      if (mode === 'ifFree' && (othersShared || (shared && others.length > 0))) return false;
      if (shared) await tx.run('DELETE FROM staff_conversations WHERE conversation_key <> $1', [conversation.key]);
      else await tx.run("DELETE FROM staff_conversations WHERE kind <> 'personal'");
      await tx.run(
        `INSERT INTO staff_conversations (conversation_key, kind, reference, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (conversation_key) DO UPDATE SET kind = excluded.kind, reference = excluded.reference,
           added_by = excluded.added_by, added_at = excluded.added_at`,
        [conversation.key, conversation.kind, JSON.stringify(conversation.reference), conversation.addedBy, conversation.addedAt.toISOString()],
      );
      return true;
    });
  }

  /** True when the conversation was in use. */
  async remove(key: string): Promise<boolean> {
    const { changes } = await this.sql.run('DELETE FROM staff_conversations WHERE conversation_key = $1', [key]);
    return changes > 0;
  }

  async get(key: string): Promise<{ kind: StaffConversation['kind']; reference: unknown } | undefined> {
    const [row] = await this.sql.query<Row>('SELECT conversation_key, kind, reference, added_by, added_at FROM staff_conversations WHERE conversation_key = $1', [key]);
    return row ? { kind: toKind(row.kind), reference: JSON.parse(row.reference) } : undefined;
  }

  async keys(): Promise<string[]> {
    const rows = await this.sql.query<{ conversation_key: string }>('SELECT conversation_key FROM staff_conversations ORDER BY added_at');
    return rows.map((row) => row.conversation_key);
  }
}

function toKind(kind: string): StaffConversation['kind'] {
  return kind === 'channel' || kind === 'groupChat' ? kind : 'personal';
}
