import type { Request, Response, Server } from 'restify';
import { isRecord, readPostedActivity } from './activities';
import type { DirectLineConversations } from './conversations';
import { sendError, type DirectLineErrorCode } from './errors';
import { bearerToken, checkToken, publicOrigin, queryOf, watermarkOf, webSocketOrigin } from './http';
import type { TokenSigner } from './tokens';

export const DIRECT_LINE_PATH = '/v3/directline';

export interface DirectLineRestDeps {
  conversations: DirectLineConversations;
  signer: TokenSigner;
  /** Lifetime of conversation tokens; the page refreshes them. */
  tokenTtlSeconds: number;
  /** Lifetime of the token inside a stream URL, which only opens the socket. */
  streamTokenTtlSeconds: number;
  /** Longest message text accepted. */
  maxTextChars: number;
  /** The bot's public URL when known (otherwise taken from the request). */
  publicUrl?: string;
}

/** Direct Line 3.0 as Web Chat calls it, served by the bot itself. */
export function mountDirectLineRest(server: Server, deps: DirectLineRestDeps): void {
  const { conversations, signer } = deps;

  /** Checks the bearer token against the conversation in the path; answers the refusal itself. */
  const authorize = async (req: Request, res: Response, conversationId: string | undefined) => {
    const checked = checkToken(signer, bearerToken(req.headers), 'conversation', conversationId);
    if ('refused' in checked) return refuse(res, checked.refused);
    const owner = await conversations.userOf(checked.claims.conv);
    if (owner === undefined && conversationId !== undefined) return refuse(res, 'unknown_conversation');
    if (owner !== undefined && owner !== checked.claims.user) return refuse(res, 'wrong_conversation');
    return checked.claims;
  };

  const conversationToken = (conv: string, user: string) => ({
    token: signer.sign({ scope: 'conversation', conv, user, exp: signer.seconds() + deps.tokenTtlSeconds }),
    expires_in: deps.tokenTtlSeconds,
  });

  const streamUrl = (req: Request, conv: string, user: string, watermark: number) => {
    const origin = publicOrigin(req.headers, req.isSecure(), deps.publicUrl);
    if (!origin) return undefined;
    const token = signer.sign({ scope: 'stream', conv, user, exp: signer.seconds() + deps.streamTokenTtlSeconds });
    const query = new URLSearchParams({ watermark: String(watermark), t: token });
    return `${webSocketOrigin(origin)}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conv)}/stream?${query}`;
  };

  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const claims = await authorize(req, res, undefined);
    if (!claims) return;
    const locale = isRecord(req.body) && typeof req.body.locale === 'string' ? req.body.locale : undefined;
    const created = await conversations.start(claims.conv, claims.user, locale);
    const url = streamUrl(req, claims.conv, claims.user, 0);
    if (!url) return refuse(res, 'bad_request');
    ok(res, created ? 201 : 200, { conversationId: claims.conv, ...conversationToken(claims.conv, claims.user), streamUrl: url });
  });

  // Reconnecting after a dropped socket: a fresh stream URL from the page's watermark.
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const conv = String(req.params.conversationId);
    const claims = await authorize(req, res, conv);
    if (!claims) return;
    const watermark = watermarkOf(queryOf(req.url));
    const url = watermark === undefined ? undefined : streamUrl(req, conv, claims.user, watermark);
    if (!url) return refuse(res, 'bad_request');
    ok(res, 200, { conversationId: conv, ...conversationToken(conv, claims.user), streamUrl: url });
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conv = String(req.params.conversationId);
    const claims = await authorize(req, res, conv);
    if (!claims) return;
    const posted = readPostedActivity(req.body, deps.maxTextChars);
    if ('problem' in posted) return refuse(res, posted.problem);
    const result = await conversations.post(conv, claims.user, posted.message);
    if ('unknown' in result) return refuse(res, 'unknown_conversation');
    if ('botFailed' in result) return refuse(res, 'bot_error');
    ok(res, 200, { id: result.id });
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conv = String(req.params.conversationId);
    const claims = await authorize(req, res, conv);
    if (!claims) return;
    const watermark = watermarkOf(queryOf(req.url));
    if (watermark === undefined) return refuse(res, 'bad_request');
    const set = await conversations.since(conv, watermark);
    if (!set) return refuse(res, 'unknown_conversation');
    ok(res, 200, { activities: set.activities, watermark: String(set.watermark) });
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const claims = await authorize(req, res, undefined);
    if (!claims) return;
    ok(res, 200, { conversationId: claims.conv, ...conversationToken(claims.conv, claims.user) });
  });
}

function refuse(res: Response, code: DirectLineErrorCode): undefined {
  sendError(res, code);
  return undefined;
}

function ok(res: Response, status: number, body: Record<string, unknown>): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}
