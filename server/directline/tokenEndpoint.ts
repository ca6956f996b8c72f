import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import { errorFields } from '../logger';
import { isRecord } from './activities';
import { generateAzureToken, type AzureToken, type FetchFn } from './azure';
import { sendError } from './errors';
import { checkToken } from './http';
import type { TokenSigner } from './tokens';

export const TOKEN_PATH = '/api/directline/token';

export interface TokenEndpointDeps {
  signer: TokenSigner;
  log: Logger;
  tokenTtlSeconds: number;
  /** How long a returning visitor keeps the same id. */
  userTokenTtlSeconds: number;
  /** With the Azure secret, tokens come from Azure and the page talks to Azure. */
  azure?: { secret: string; domain: string; fetch: FetchFn; timeoutMs: number };
}

/** What the page gets: enough to open Web Chat, and a signed id to keep for next time. */
export interface TokenResponse {
  token: string;
  conversationId: string;
  userId: string;
  /** Kept by the page (localStorage) and sent back, so the visitor keeps their id. */
  userToken: string;
  expires_in: number;
  /** Direct Line's base URL when it is not this server's /v3/directline. */
  domain?: string;
}

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('base64url')}`;
}

/** Gives the page a Direct Line token, keeping the visitor's id when their signed user token proves it. */
export function mountTokenEndpoint(server: Server, deps: TokenEndpointDeps): void {
  const { signer } = deps;
  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    const presented = isRecord(req.body) && typeof req.body.userToken === 'string' ? req.body.userToken : undefined;
    const known = presented ? checkToken(signer, presented, 'user') : undefined;
    // Web Chat refuses page-chosen ids starting with dl_, so ours never do.
    const userId = known && 'claims' in known ? known.claims.user : randomId('web_');
    const userToken = signer.sign({ scope: 'user', user: userId, exp: signer.seconds() + deps.userTokenTtlSeconds });
    let body: TokenResponse;
    if (deps.azure) {
      const azureUser = `dl_${userId}`;
      let azureToken: AzureToken | undefined;
      try {
        azureToken = await generateAzureToken(deps.azure.fetch, deps.azure.domain, deps.azure.secret, azureUser, deps.azure.timeoutMs);
      } catch (error) {
        deps.log.error({ event: 'directline_azure_failed', ...errorFields(error) }, 'Azure Direct Line token request failed');
      }
      if (!azureToken) return sendError(res, 'upstream_error');
      body = { ...azureToken, userId: azureUser, userToken, domain: deps.azure.domain };
    } else {
      const conv = randomId('');
      const token = signer.sign({ scope: 'conversation', conv, user: userId, exp: signer.seconds() + deps.tokenTtlSeconds });
      body = { token, conversationId: conv, userId, userToken, expires_in: deps.tokenTtlSeconds };
    }
    res.header('Cache-Control', 'no-store');
    res.send(200, body);
  });
}
