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
