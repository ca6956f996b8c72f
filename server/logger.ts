import pino from 'pino';

/** The logging surface the bot uses; pino's logger fits it. Never pass message text or personal data. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: undefined, redact: { paths: ['text', '*.text', 'name', 'phone', 'email'], remove: true } }, destination ?? process.stdout);
}

/** Only the error's kind and a short message: never a request body or message text. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { err: { name: error.name, message: error.message.slice(0, 200), stack: error.stack?.split('\n').slice(0, 6).join('\n') } };
  return { err: { name: typeof error } };
}

interface RequestLike {
  method?: string;
  url?: string;
}

/** A request as a library may log it: the method and path, never headers (Authorization), query (tokens) or body. */
function requestSummary(req: unknown): Record<string, unknown> {
  const { method, url } = (typeof req === 'object' && req !== null ? req : {}) as RequestLike;
  return { method: typeof method === 'string' ? method.slice(0, 16) : undefined, path: typeof url === 'string' ? url.split('?')[0].slice(0, 200) : undefined };
}

const LIBRARY_SERIALIZERS = { req: requestSummary, res: () => undefined, err: (error: unknown) => errorFields(error).err, body: () => undefined };

/**
 * The logger handed to a library such as restify, which logs whole requests (headers and all) when
 * it fails to format a response: the same destination as the bot's own log, with requests cut to
 * their method and path. A logger that is not pino's gets a silent one.
 */
export function libraryLogger(log: Logger, component: string): pino.Logger {
  if (!isPino(log)) return pino({ enabled: false });
  return log.child({ component }, { serializers: LIBRARY_SERIALIZERS });
}

function isPino(log: Logger): log is Logger & pino.Logger {
  return typeof (log as Partial<pino.Logger>).child === 'function' && typeof (log as Partial<pino.Logger>).bindings === 'function';
}
