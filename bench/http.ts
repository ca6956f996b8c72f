import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon = require('autocannon');

export interface ServerUnderTest {
  child: ChildProcess;
  url: string;
  /** From spawning the process to the first answer over HTTP. */
  startToFirstAnswerMs: number;
  rssMiB(): number;
  stop(): Promise<void>;
}

const QUESTION = "what is runner's knee";

function activity(text: string, conversation: string): string {
  return JSON.stringify({
    type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies', text,
    from: { id: 'bench-user' }, recipient: { id: 'bot' }, conversation: { id: conversation }, id: `a-${conversation}`,
  });
}

/**
 * Starts `node <script>` on a port with its own data folder and waits for its first answer.
 * Use a port below Linux's ephemeral range (32768 and up): polling a port there before it listens can connect the client to itself.
 */
export async function startServer(script: string, port: number, env: Record<string, string> = {}): Promise<ServerUnderTest> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'knee-bench-'));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(QUESTION, `first-${port}`) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const startToFirstAnswerMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    child,
    url,
    startToFirstAnswerMs,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
      return kb / 1024;
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LoadFigures {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Sends expectReplies questions, each in a fresh conversation, for `seconds`. */
export async function load(url: string, connections: number, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: activity(QUESTION, '[<id>]'),
    idReplacement: true,
  });
  return {
    connections,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
