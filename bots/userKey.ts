import { createHmac } from 'node:crypto';

/** A keyed hash of a person's channel id: the raw id or phone number is never stored. */
export function userKeyOf(secret: string, channelId: string, userId: string): string {
  return createHmac('sha256', secret).update(`${channelId}\u0000${userId}`).digest('base64url');
}
