import net from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { findProjectRoot } from '../config/paths';
import { startServer, type ServerUnderTest } from './http';
import { runConversations, type LoadFigures } from './soak';

/**
 * Load and soak on loopback: the real bot as a child process, 50 people at once each going through
 * whole visits (a question, a symptom check to its outcome, a follow-up), on SQLite then PostgreSQL.
 *   node dist/bench/load.js [--seconds 60] [--soak-seconds 300] [--people 50] [--db sqlite|postgres|both] [--pg-url URL]
 */
interface Options {
  seconds: number;
  soakSeconds: number;
  people: number;
  engines: ('sqlite' | 'postgres')[];
  /** A database the bench may connect to and create its own throwaway database from. */
  pgUrl: string;
}

const TARGETS = { errors: 0, rssGrowthPercent: 20 };

function readOptions(argv: string[]): Options {
  const options: Options = { seconds: 60, soakSeconds: 300, people: 50, engines: ['sqlite', 'postgres'], pgUrl: 'postgres://postgres@127.0.0.1:5432/test' };
  const number = (flag: string, value: string | undefined, max: number) => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} needs a whole number from 1 to ${max}, got ${value}`);
    return n;
  };
  for (let i = 2; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--seconds') options.seconds = number(flag, value, 3600);
    else if (flag === '--soak-seconds') options.soakSeconds = number(flag, value, 24 * 3600);
    else if (flag === '--people') options.people = number(flag, value, 1000);
    else if (flag === '--pg-url') options.pgUrl = value ?? '';
    else if (flag === '--db' && (value === 'sqlite' || value === 'postgres')) options.engines = [value];
    else if (flag === '--db' && value === 'both') options.engines = ['sqlite', 'postgres'];
    else throw new Error(`unknown option ${flag} ${value ?? ''}`);
  }
  const pg = new URL(options.pgUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(pg.hostname)) throw new Error('--pg-url must be on loopback');
  return options;
}

/** A port free on loopback right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh PostgreSQL database for one run, dropped afterwards; the reason instead when PostgreSQL does not answer. */
async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> } | { skipped: string }> {
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const name = `bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    return { skipped: `cannot create a database: ${error instanceof Error ? error.message : String(error)}` };
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

function line(label: string, f: LoadFigures): string {
  const kinds = Object.entries(f.errorKinds).map(([kind, n]) => `${kind}: ${n}`).join(', ');
  return (
    `${label}: ${f.turnsPerSecond.toFixed(0)} turns/s (${f.turns} turns, ${f.scriptsCompleted} visits completed in ${f.seconds.toFixed(0)} s), ` +
    `turn latency p50 ${f.p50.toFixed(1)} ms p99 ${f.p99.toFixed(1)} ms, errors ${f.errors} (target ${TARGETS.errors})${kinds ? ` [${kinds}]` : ''}`
  );
}

/** Set by Ctrl-C or SIGTERM: the phases end at once and the bot and database are still cleaned up. */
const interrupted = { now: false };

async function benchOne(root: string, engine: 'sqlite' | 'postgres', options: Options): Promise<boolean> {
  console.log(`\n## ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${options.people} people at once, loopback`);
  console.log('limits: all at their defaults, none raised (each visit is its own conversation, about 15 turns, under RATE_LIMIT_PER_CONVERSATION; TURN_TIMEOUT_MS 15 s)');
  let database: { url: string; drop(): Promise<void> } | undefined;
  if (engine === 'postgres') {
    const fresh = await freshDatabase(options.pgUrl);
    if ('skipped' in fresh) {
      console.log(`PostgreSQL SKIPPED: ${fresh.skipped} (${options.pgUrl})`);
      return true;
    }
    database = fresh;
  }
  let bot: ServerUnderTest | undefined;
  try {
    // An empty DATABASE_URL keeps a shell's setting from turning the SQLite run into a PostgreSQL one.
    bot = await startServer(path.join(root, 'dist', 'index.js'), await freePort(), { DATABASE_URL: database?.url ?? '' });
    let exited: string | undefined;
    bot.child.once('exit', (code, signal) => (exited = `code ${code}, signal ${signal}`));
    const running = bot;
    const stop = () => interrupted.now || exited !== undefined;
    const rss = () => {
      if (exited) throw new Error(`the bot exited during the run (${exited})`);
      if (interrupted.now) throw new Error('interrupted');
      const mib = running.rssMiB();
      if (!Number.isFinite(mib)) throw new Error('the bot is gone (no resident memory to read)');
      return mib;
    };
    const idle = rss();
    console.log(`start to first answer ${bot.startToFirstAnswerMs.toFixed(0)} ms; RSS at start ${idle.toFixed(1)} MiB`);
    // RSS is read every second: a single reading lands anywhere on the collector's sawtooth, peaks compare like with like.
    const samples: { at: number; mib: number }[] = [];
    const sampler = setInterval(() => {
      const mib = running.rssMiB();
      if (Number.isFinite(mib)) samples.push({ at: Date.now(), mib });
    }, 1000);
    const peak = (from: number, to: number) => Math.max(...samples.filter((s) => s.at >= from && s.at < to).map((s) => s.mib));
    let load: LoadFigures;
    let soak: LoadFigures;
    const loadStart = Date.now();
    let soakStart = loadStart;
    try {
      load = await runConversations(bot.url, options.people, options.seconds, stop);
      console.log(line(`load, ${options.seconds} s`, load));
      console.log(`RSS after the load ${rss().toFixed(1)} MiB (peak ${peak(loadStart, Date.now()).toFixed(1)}); soaking for ${options.soakSeconds} s...`);
      soakStart = Date.now();
      soak = await runConversations(bot.url, options.people, options.soakSeconds, stop);
      console.log(line(`soak, ${options.soakSeconds} s`, soak));
    } finally {
      clearInterval(sampler);
    }
    const soakEnd = Date.now();
    const soaked = rss();
    const minute = 60_000;
    const perMinute: string[] = [];
    for (let from = soakStart; from < soakEnd; from += minute) {
      const top = peak(from, Math.min(from + minute, soakEnd));
      if (Number.isFinite(top)) perMinute.push(top.toFixed(0));
    }
    const warmPeak = peak(loadStart, soakStart);
    const lastPeak = peak(Math.max(soakStart, soakEnd - minute), soakEnd);
    const growth = ((lastPeak - warmPeak) / warmPeak) * 100;
    console.log(
      `RSS: start ${idle.toFixed(1)} MiB; peak during the load ${warmPeak.toFixed(1)} MiB; peak in each minute of the soak ${perMinute.join(', ')} MiB; ` +
        `at the end ${soaked.toFixed(1)} MiB. Growth over the soak (last minute's peak against the load's) ${growth.toFixed(1)}% ` +
        `(target < ${TARGETS.rssGrowthPercent}%); from start ${(((soaked - idle) / idle) * 100).toFixed(1)}%`,
    );
    return load.errors + soak.errors === TARGETS.errors && growth < TARGETS.rssGrowthPercent;
  } finally {
    await bot?.stop();
    await database?.drop();
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (interrupted.now = true));
  const root = findProjectRoot();
  let met = true;
  for (const engine of options.engines) {
    try {
      met = (await benchOne(root, engine, options)) && met;
    } catch (error) {
      console.log(`${engine}: ${error instanceof Error ? error.message : String(error)}`);
      met = false;
    }
    if (interrupted.now) break;
  }
  console.log(`\n${met ? 'All targets met.' : 'Some targets missed (see above).'}`);
  process.exitCode = met ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
