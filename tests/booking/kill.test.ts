import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { OpenDatabaseOptions } from '../../storage';
import { TestTarget, enginesUnderTest, readTestEnvironment } from '../storage/engines';

const environment = readTestEnvironment(process.env);

/** Runs the booking child and kills it with SIGKILL the moment it reports a confirmed reference. */
function confirmThenKill(options: OpenDatabaseOptions): Promise<string> {
  const script = path.join(__dirname, 'fixtures', 'booking-child.js');
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let reference: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const match = /ready (KN-\w+)/.exec(chunk.toString());
    if (match && !reference) {
      reference = match[1];
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && reference) resolve(reference);
      else reject(new Error(`booking child ended with code ${code}, signal ${signal}: ${stderr}`));
    });
  });
}

for (const engine of enginesUnderTest(environment)) {
  describe(`a confirmed call-back request on ${engine.name}`, function () {
    let target: TestTarget;

    before(async function () {
      await engine.requireAvailable(this);
    });

    beforeEach(async () => {
      target = await engine.createTarget();
    });

    afterEach(async () => {
      await target.dispose();
    });

    it('survives the process being killed right after the confirmation', async () => {
      const reference = await confirmThenKill(target.options);
      const db = await target.open();
      const stored = await db.bookings.byReference(reference);
      expect(stored).to.deep.include({ reference, status: 'open', name: 'Kim Kill' });
      expect(stored?.contact).to.deep.equal({ kind: 'email', value: 'kim@example.com' });
    });
  });
}
