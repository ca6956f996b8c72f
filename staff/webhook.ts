import { createHmac } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the X-Signature header value. */
export function signatureOf(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Raised for a webhook answer that is not 2xx; only the status is kept. */
export class WebhookError extends Error {
  constructor(readonly status: number) {
    super(`Staff webhook answered ${status}`);
    this.name = 'WebhookError';
  }
}

export interface WebhookSender {
  send(payload: object): Promise<void>;
}

export interface WebhookOptions {
  url: string;
  secret: string;
  /** Give up on one attempt after this long; the outbox retries. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Posts JSON signed with the shared secret, so the practice software can check it came from the bot. */
export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const send = options.fetch ?? fetch;
  return {
    async send(payload) {
      const body = JSON.stringify(payload);
      const response = await send(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signatureOf(options.secret, body) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new WebhookError(response.status);
    },
  };
}
