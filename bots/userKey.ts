import { createHmac } from 'node:crypto';

/** Keys already computed: a conversation's every turn asks again, and an HMAC costs more than the rest of the lookup. */
const computed = new Map<string, string>();
const MAX_KEYS = 10_000;

/** A keyed hash of a person's channel id: the raw id or phone number is never stored. */
export function userKeyOf(secret: string, channelId: string, userId: string): string {
  const input = `${channelId}\u0000${userId}`;
  const cacheKey = `${secret}\u0000${input}`;
  let key = computed.get(cacheKey);
  if (key === undefined) {
    key = createHmac('sha256', secret).update(input).digest('base64url');
    if (computed.size >= MAX_KEYS) computed.clear();
    computed.set(cacheKey, key);
  }
  return key;
}
