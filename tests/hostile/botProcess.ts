import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';

/**
 * The real bot in its own process (`node dist/index.js`), so a request that kills it fails a
 * test instead of taking the test runner down with it.
 */
export interface BotProcess {
  url: string;
  /** host:port, for raw requests. */
  host: string;
  alive(): boolean;
  /** Everything the bot wrote to stdout (its JSON log lines) since it started. */
  logLines(): string[];
  /** The first lines it wrote to stderr: a crash's message. */
  crashReport(): string;
  stop(): Promise<void>;
}

/** Generous limits so the corpus tests the input handling, not the rate limiter. */
const HOSTILE_ENV = { RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_CONVERSATION: '100000', LOG_LEVEL: 'info' };

export async function startBotProcess(env: Record<string, string> = {}): Promise<BotProcess> {
  const root = findProjectRoot();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'knee-hostile-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], {
    cwd: root,
    // Nothing inherited: no DATABASE_URL or secrets from the shell running the tests.
    env: { ...HOSTILE_ENV, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start in 20 s: ${stderr}`)), 20_000);
    const look = () => {
      const found = /"event":"listening"[^\n]*"url":"([^"]+)"/.exec(stdout) ?? /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"event":"listening"/.exec(stdout);
      if (!found) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolve(found[1]);
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    url,
    host: new URL(url).host,
    alive: () => child.exitCode === null && child.signalCode === null,
    logLines: () => stdout.split('\n').filter(Boolean),
    crashReport: () => stderr.split('\n').slice(0, 8).join('\n'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
