import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token lets its holder do: talk in one conversation, open its stream, or prove a returning visitor's id. */
export type TokenClaims =
  | { scope: 'conversation'; conv: string; user: string; exp: number }
  | { scope: 'stream'; conv: string; user: string; exp: number }
  | { scope: 'user'; user: string; exp: number };

export type TokenProblem = 'malformed' | 'bad_signature' | 'expired';

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseClaims(value: unknown): TokenClaims | undefined {
  if (!isRecord(value) || typeof value.exp !== 'number' || typeof value.user !== 'string' || !value.user) return undefined;
  const { scope, exp, user, conv } = value;
  if (scope === 'user') return { scope, user, exp };
  if ((scope === 'conversation' || scope === 'stream') && typeof conv === 'string' && conv) return { scope, conv, user, exp };
  return undefined;
}

/**
 * HS256 JSON Web Tokens: Web Chat reads the `user` claim to learn who it is talking as,
 * and the signature keeps a page from naming someone else's conversation or id.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string, private readonly now: () => number) {
    if (secret.length < 16) throw new Error('The Direct Line token secret must be at least 16 characters');
    // A derived key, so the same configured secret never signs two kinds of thing.
    this.key = createHmac('sha256', secret).update('knee-bot direct line tokens v1').digest();
  }

  /** Seconds since the epoch, as tokens count time. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  sign(claims: TokenClaims): string {
    const body = `${HEADER}.${base64url(JSON.stringify({ ...claims, iat: this.seconds() }))}`;
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  verify(token: string): { claims: TokenClaims } | { problem: TokenProblem } {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { problem: 'malformed' };
    const expected = this.mac(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'bad_signature' };
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { problem: 'malformed' };
    }
    const claims = parseClaims(payload);
    if (!claims) return { problem: 'malformed' };
    if (claims.exp <= this.seconds()) return { problem: 'expired' };
    return { claims };
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }
}
