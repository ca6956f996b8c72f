import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Database, OpenDatabaseOptions, openDatabase } from '../../storage';

/** What the storage tests read from the environment (tests may; production code may not). */
export interface TestEnvironment {
  readonly databaseUrl?: string;
  /** On CI an unreachable PostgreSQL fails the run instead of skipping it. */
  readonly ci: boolean;
}

export function readTestEnvironment(env: NodeJS.ProcessEnv): TestEnvironment {
  return { databaseUrl: env.DATABASE_URL || undefined, ci: env.CI === 'true' };
}

/** One isolated database for one test: its own temp folder and, on PostgreSQL, its own schema. */
export interface TestTarget {
  readonly options: OpenDatabaseOptions;
  /** Opens the target again (a restart); everything opened is closed by dispose(). */
  open(extra?: Partial<OpenDatabaseOptions>): Promise<Database>;
  dispose(): Promise<void>;
}

export interface EngineUnderTest {
  readonly name: 'sqlite' | 'postgres';
  /** For a `before` hook: skips the suite with a printed reason, or fails it on CI. */
  requireAvailable(context: Mocha.Context): Promise<void>;
  createTarget(): Promise<TestTarget>;
}

export function enginesUnderTest(environment: TestEnvironment): EngineUnderTest[] {
  return [sqliteEngine(), postgresEngine(environment)];
}

export function sqliteEngine(): EngineUnderTest {
  return {
    name: 'sqlite',
    requireAvailable: async () => undefined,
    createTarget: async () => createTarget({ dataDir: temporaryDataDir() }, async () => undefined),
  };
}

export function postgresEngine(environment: TestEnvironment): EngineUnderTest {
  let unavailable: Promise<string | undefined> | undefined;
  return {
    name: 'postgres',
    requireAvailable: async (suite) => {
      unavailable ??= probePostgres(environment.databaseUrl);
      const reason = await unavailable;
      if (reason === undefined) return;
      if (environment.ci) throw new Error(`PostgreSQL storage tests cannot be skipped on CI: ${reason}`);
      console.log(`      PostgreSQL storage tests SKIPPED: ${reason}`);
      // Skipped only where PostgreSQL is absent, saying why; CI fails above instead.
      suite.skip();
    },
    createTarget: async () => {
      const databaseUrl = requireUrl(environment);
      const schema = `test_${randomBytes(6).toString('hex')}`;
      // The application name lets a test single out this target's connections on a shared server.
      const url = new URL(databaseUrl);
      url.searchParams.set('application_name', schema);
      return createTarget({ databaseUrl: url.toString(), dataDir: temporaryDataDir(), schema }, () =>
        withPostgresAdmin(databaseUrl, async (admin) => {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        }),
      );
    },
  };
}

/** Runs `fn` on a separate, plain connection: the "second connection" of the tests. */
export async function withPostgresAdmin<T>(databaseUrl: string, fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

export function requireUrl(environment: TestEnvironment): string {
  if (environment.databaseUrl === undefined) throw new Error('DATABASE_URL is not set');
  return environment.databaseUrl;
}

async function probePostgres(databaseUrl: string | undefined): Promise<string | undefined> {
  if (databaseUrl === undefined) return 'DATABASE_URL is not set';
  try {
    await withPostgresAdmin(databaseUrl, (admin) => admin.query('SELECT 1'));
    return undefined;
  } catch (error) {
    return `the server at DATABASE_URL did not answer (${error instanceof Error ? error.message : String(error)})`;
  }
}

function temporaryDataDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'storage-test-')), 'data');
}

async function createTarget(options: OpenDatabaseOptions, dropDatabase: () => Promise<void>): Promise<TestTarget> {
  const opened: Database[] = [];
  return {
    options,
    open: async (extra = {}) => {
      const database = await openDatabase({ ...options, ...extra });
      opened.push(database);
      return database;
    },
    dispose: async () => {
      await Promise.all(opened.map((database) => database.close()));
      await dropDatabase();
      rmSync(path.dirname(options.dataDir), { recursive: true, force: true });
    },
  };
}

/**
 * For a suite on one engine: skips it (or fails it on CI) when the engine is absent, gives each test
 * a fresh target opened once, and disposes of it afterwards. `opened` receives the database and target.
 */
export function freshDatabaseEachTest(engine: EngineUnderTest, opened: (db: Database, target: TestTarget) => void): void {
  let target: TestTarget | undefined;
  before(async function () {
    await engine.requireAvailable(this);
  });
  beforeEach(async () => {
    target = await engine.createTarget();
    opened(await target.open(), target);
  });
  afterEach(async () => {
    await target?.dispose();
    target = undefined;
  });
}
