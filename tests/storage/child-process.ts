import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildCommand } from './fixtures/storage-child';

/**
 * Runs the storage child in its own process. With `kill`, it is killed with SIGKILL as
 * soon as it reports its write confirmed: no clean shutdown, no chance to flush.
 */
export function runStorageChild(command: ChildCommand, kill: boolean): Promise<void> {
  const script = path.join(__dirname, 'fixtures', 'storage-child.js');
  const child = spawn(process.execPath, [script, JSON.stringify(command)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    if (kill && chunk.toString().includes('ready')) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const expected = kill ? signal === 'SIGKILL' : code === 0;
      if (expected) resolve();
      else reject(new Error(`storage child ended with code ${code}, signal ${signal}: ${stderr}`));
    });
  });
}
