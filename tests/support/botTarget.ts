import type { TestTarget } from '../storage/engines';

/**
 * The environment that points a bot process (`node dist/index.js`) at one test target: its data
 * folder and, on PostgreSQL, its schema. A process has no schema setting, so the search_path
 * travels in the connection's start-up options; the schema must exist (open the target first).
 */
export function botEnvFor(target: TestTarget, databaseUrl = target.options.databaseUrl): Record<string, string> {
  const env: Record<string, string> = { DATA_DIR: target.options.dataDir };
  if (databaseUrl === undefined) return env;
  const url = new URL(databaseUrl);
  if (target.options.schema !== undefined) url.searchParams.set('options', `-c search_path=${target.options.schema}`);
  env.DATABASE_URL = url.toString();
  return env;
}

/** The same database URL, reached through another loopback port (a proxy a test can cut). */
export function throughPort(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

/** Where a database URL's server listens. */
export function serverOf(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) };
}
