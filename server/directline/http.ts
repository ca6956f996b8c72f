import type { IncomingMessage } from 'node:http';
import type { TokenClaims, TokenSigner } from './tokens';
import type { DirectLineErrorCode } from './errors';

type Headers = IncomingMessage['headers'];

export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value[0] : undefined;
}

/** The query string of a request URL as search parameters. */
export function queryOf(url: string | undefined): URLSearchParams {
  const at = (url ?? '').indexOf('?');
  return new URLSearchParams(at < 0 ? '' : (url ?? '').slice(at + 1));
}

/** A watermark from the query: absent is 0 (from the start); anything but a small whole number is refused. */
export function watermarkOf(query: URLSearchParams): number | undefined {
  const raw = query.get('watermark');
  if (raw === null || raw === '') return 0;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The origin the page reached us on, for the WebSocket URL we hand back. Behind a TLS proxy
 * X-Forwarded-Proto says https; trusting it is safe because the answer only goes back to that caller.
 */
export function publicOrigin(headers: Headers, encrypted: boolean, configured?: string): URL | undefined {
  if (configured) return new URL(configured);
  const host = header(headers, 'host');
  if (!host || !HOST.test(host)) return undefined;
  const forwarded = header(headers, 'x-forwarded-proto')?.split(',')[0]?.trim();
  const scheme = forwarded === 'https' || encrypted ? 'https' : 'http';
  return new URL(`${scheme}://${host}`);
}

export function webSocketOrigin(origin: URL): string {
  return `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
}

type Scope = TokenClaims['scope'];
type Scoped<S extends Scope> = Extract<TokenClaims, { scope: S }>;

/** Checks a token for one scope (and conversation); names the refusal otherwise. */
export function checkToken<S extends Scope>(
  signer: TokenSigner,
  token: string | undefined,
  scope: S,
  conversationId?: string,
): { claims: Scoped<S> } | { refused: DirectLineErrorCode } {
  if (!token) return { refused: 'missing_token' };
  const checked = signer.verify(token);
  if ('problem' in checked) return { refused: checked.problem === 'expired' ? 'expired_token' : 'bad_token' };
  const claims = checked.claims;
  if (!isScope(claims, scope)) return { refused: 'bad_token' };
  if (conversationId !== undefined && 'conv' in claims && claims.conv !== conversationId) return { refused: 'wrong_conversation' };
  return { claims };
}

function isScope<S extends Scope>(claims: TokenClaims, scope: S): claims is Scoped<S> {
  return claims.scope === scope;
}

/** The token from `Authorization: Bearer <token>`. */
export function bearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
  return match?.[1];
}
