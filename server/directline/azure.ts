import { isRecord } from './activities';

/** Azure Bot Service's Direct Line; regional deployments use another host. */
export const AZURE_DIRECT_LINE_DOMAIN = 'https://directline.botframework.com/v3/directline';

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface AzureToken {
  token: string;
  conversationId: string;
  expires_in: number;
}

/**
 * Trades the Direct Line secret for a conversation token bound to this user, server-side,
 * so the secret never reaches a browser. Azure wants such user ids to start with `dl_`.
 */
export async function generateAzureToken(fetchFn: FetchFn, domain: string, secret: string, userId: string, timeoutMs: number): Promise<AzureToken | undefined> {
  const response = await fetchFn(`${domain}/tokens/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user: { id: userId } }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) return undefined;
  const body: unknown = await response.json();
  if (!isRecord(body)) return undefined;
  const { token, conversationId, expires_in: expiresIn } = body;
  if (typeof token !== 'string' || !token || typeof conversationId !== 'string' || typeof expiresIn !== 'number') return undefined;
  return { token, conversationId, expires_in: expiresIn };
}
