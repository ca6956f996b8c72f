import type { SqlClient } from './sql';

/**
 * Forgets the bot's own Direct Line conversations untouched since `cutoff`, with their activities
 * (the words people typed); returns how many conversations went. The store already treats them as gone.
 */
export async function purgeIdleDirectLine(sql: SqlClient, cutoff: Date): Promise<number> {
  const at = cutoff.toISOString();
  return sql.transaction(async (tx) => {
    await tx.run('DELETE FROM directline_activities WHERE conversation_id IN (SELECT conversation_id FROM directline_conversations WHERE touched_at < $1)', [at]);
    const { changes } = await tx.run('DELETE FROM directline_conversations WHERE touched_at < $1', [at]);
    return changes;
  });
}
