import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProjectRoot } from '../../config/paths';
import { Person } from '../support/bot';

describe('stopping the bot with SIGTERM', () => {
  it('stops taking requests, finishes the turn in flight, closes the database and exits 0', async function () {
    this.timeout(30_000);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'knee-sigterm-'));
    // Below Linux's ephemeral range (32768 and up): polling a port there before it listens can connect the client to itself.
    const port = 19870 + Math.floor(Math.random() * 100);
    const child = spawn(process.execPath, [path.join(findProjectRoot(), 'dist/index.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i++) {
        if (await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const person = new Person(url);
      const inFlight = person.say('what is runners knee').catch(() => undefined);
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).to.equal(0);
      const turn = await inFlight;
      // A request that reached the server before the signal is answered in full.
      if (turn) expect(turn.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
      expect(await fetch(`${url}/healthz`).then(() => 'answered').catch(() => 'refused')).to.equal('refused');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
