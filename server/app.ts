import * as restify from 'restify';
import { AuthenticationConstants } from 'botframework-connector';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config';
import { isLoopbackHost, isLoopbackUrl } from '../config/hosts';
import type { Database } from '../storage';
import type { Logger } from './logger';
import { errorFields, libraryLogger } from './logger';
import { validateActivity } from './activityInput';
import { RateLimiter } from './rateLimit';
import type { BotMetrics } from './metrics';

export interface AppDeps {
  config: Config;
  database: Database;
  bot: ActivityHandler;
  log: Logger;
  /** The apology sent when a turn fails. */
  errorMessage: string;
  /** Whether the knowledge base loaded; for readiness. */
  ready: () => boolean;
  metrics?: BotMetrics;
}

/** CloudAdapter whose processing is callable directly, so the route owns status codes and error bodies. */
export class BotAdapter extends CloudAdapter {
  runActivity(authHeader: string, activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity as Activity, logic);
  }

  /** Runs a turn for the bot's own Direct Line, which has checked its own token. */
  runTrustedActivity(appId: string, activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) {
    const claimsIdentity = this.createClaimsIdentity(appId);
    const connectorFactory = this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity);
    return this.processActivity({ claimsIdentity, connectorFactory, audience: 'https://api.botframework.com', callerId: '' }, activity as Activity, logic);
  }
}

export interface App {
  server: restify.Server;
  adapter: BotAdapter;
  /** Resolves with the base URL once listening. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Builds the HTTP server around the bot from explicit dependencies; nothing global. */
export function createApp(deps: AppDeps): App {
  const { config, log } = deps;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId ?? '',
    // Setting one endpoint makes botbuilder expect them all, so the public cloud's others come along.
    ...(config.channelOpenIdMetadataUrl
      ? {
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: config.channelOpenIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {}),
  });
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    log.error({ event: 'turn_error', channel: context.activity.channelId, ...errorFields(error) }, 'turn failed');
    deps.metrics?.error('turn');
    try {
      if (context.activity.type === 'message') await context.sendActivity(deps.errorMessage);
    } catch (sendError) {
      log.error({ event: 'apology_failed', ...errorFields(sendError) }, 'could not send the apology');
    }
  };

  // restify 12 logs with pino; its type definitions still name bunyan's logger.
  const restifyLog = libraryLogger(log, 'restify') as unknown as restify.ServerOptions['log'];
  const server = restify.createServer({ name: 'knee-pain-assistant', handleUncaughtExceptions: false, log: restifyLog });
  // A stalled client must not hold a socket for Node's default five minutes.
  server.server.requestTimeout = 30_000;
  server.server.headersTimeout = 10_000;
  server.use(restify.plugins.bodyParser({ maxBodySize: config.limits.maxBodyBytes, mapParams: false, rejectUnknown: true }));
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    if (!err.statusCode || err.statusCode >= 500) log.error({ event: 'http_error', path: req.path(), ...errorFields(err) }, 'request failed');
    // The caller learns the kind of error only: a JSON parser's message, say, tells an attacker about internals.
    const status = err.statusCode ?? 500;
    err.toJSON = () => ({ error: PUBLIC_ERRORS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request') });
    return callback();
  });

  // Before routing: restify throws on a Host or target it cannot make a URL of, and on bodies it cannot inflate.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      res.send(415, { error: 'unsupported_media_type' });
      return next(false);
    }
    try {
      const target = req.url ?? '/';
      const base = `http://${req.headers.host || 'localhost'}`;
      void (target.startsWith('/') ? new URL(base + target) : new URL(target, base));
    } catch {
      res.send(400, { error: 'bad_request' });
      return next(false);
    }
    return next();
  });

  const perConversation = new RateLimiter(config.limits.perConversationPerMinute);
  const perAddress = new RateLimiter(config.limits.perAddressPerMinute);
  // Web visitors reach the Direct Line and token endpoints from their own addresses: limit each one.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const url = req.url ?? '';
    if (!url.startsWith('/v3/directline') && !url.startsWith('/api/directline')) return next();
    const wait = perAddress.take(req.socket.remoteAddress ?? 'unknown');
    if (!wait) return next();
    res.header('Retry-After', String(wait));
    res.send(429, { error: 'too_many_requests' });
    return next(false);
  });

  // Opened to the network in production without Azure credentials, visitors come only through Direct Line.
  const channelsClosed = !config.appId && config.nodeEnv === 'production' && !isLoopbackHost(config.host);

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    if (channelsClosed) {
      res.send(401);
      return;
    }
    const checked = validateActivity(req.body);
    if ('problem' in checked) {
      res.send(400, { error: 'bad_activity', problem: checked.problem, field: checked.field });
      return;
    }
    // Nobody is authenticated without an app id: replies go back in the response (expectReplies) or to
    // a channel on this machine (the Emulator), never to whatever address a caller names.
    if (!config.appId && checked.activity.deliveryMode !== 'expectReplies' && !isLoopbackUrl(checked.activity.serviceUrl)) {
      res.send(400, { error: 'bad_activity', problem: 'service_url_not_local', field: 'serviceUrl' });
      return;
    }
    const conversation = checked.activity.conversation;
    const conversationId = typeof conversation === 'object' && conversation !== null && 'id' in conversation ? String(conversation.id) : '';
    const wait = perConversation.take(`${String(checked.activity.channelId)}/${conversationId}`);
    if (wait) {
      res.header('Retry-After', String(wait));
      res.send(429, { error: 'too_many_requests' });
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    if (config.appId && !/^Bearer \S+$/.test(authHeader)) {
      res.send(401);
      return;
    }
    let turnStarted = false;
    try {
      const logic = (context: TurnContext) => {
        turnStarted = true;
        return deps.bot.run(context);
      };
      const response = await withTimeout(adapter.runActivity(authHeader, checked.activity, logic), config.limits.turnTimeoutMs);
      if (response === TIMED_OUT) {
        log.warn({ event: 'turn_timeout', channel: String(checked.activity.channelId) }, 'turn took too long');
        deps.metrics?.error('timeout');
        res.header('Retry-After', '5');
        res.send(503, { error: 'busy' });
        return;
      }
      if (response?.body !== undefined) res.send(response.status ?? 200, response.body);
      else res.send(response?.status ?? 200);
    } catch (error) {
      // With credentials set, any failure before the turn (bad token, unreachable signing keys) is a bare 401.
      if (isAuthError(error) || (config.appId && !turnStarted)) {
        log.warn({ event: 'unauthorized', ...errorFields(error) }, 'request refused');
        res.send(401);
        return;
      }
      log.error({ event: 'activity_failed', ...errorFields(error) }, 'activity processing failed');
      deps.metrics?.error('activity');
      res.send(500, { error: 'internal_error' });
    }
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await deps.database.ping();
      res.send(deps.ready() ? 200 : 503, { status: deps.ready() ? 'ready' : 'starting' });
    } catch {
      res.send(503, { status: 'database unavailable' });
    }
  });

  return {
    server,
    adapter,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address() as AddressInfo;
          resolve(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What a caller is told for restify's own errors (body parsing, routing), by status. */
const PUBLIC_ERRORS: Record<number, string> = {
  400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable', 413: 'payload_too_large',
  415: 'unsupported_media_type', 429: 'too_many_requests',
};

const TIMED_OUT = Symbol('timed out');

/** The work's result, or TIMED_OUT; the work itself carries on and its failure is swallowed. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const result = await Promise.race([work, timeout]);
    if (result === TIMED_OUT) work.catch(() => undefined);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

function isAuthError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return error.name === 'AuthenticationError' || status === 401 || status === 403;
}
