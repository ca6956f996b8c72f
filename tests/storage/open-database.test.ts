import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OpenDatabaseOptions, openDatabase } from '../../storage';

describe('openDatabase', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'storage-open-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const refusals: ReadonlyArray<{ name: string; options: Omit<OpenDatabaseOptions, 'dataDir'>; error: RegExp }> = [
    { name: 'a URL for another database', options: { databaseUrl: 'mysql://root@127.0.0.1/test' }, error: /postgres:\/\// },
    { name: 'an empty URL', options: { databaseUrl: '' }, error: /postgres:\/\// },
    {
      name: 'a schema name that would need quoting',
      options: { databaseUrl: 'postgres://postgres@127.0.0.1:1/test', schema: 'Test; DROP' },
      error: /schema/,
    },
    // Port 1 has no server: the failure must reach the caller, not crash the process.
    { name: 'a server that does not answer', options: { databaseUrl: 'postgres://postgres@127.0.0.1:1/test' }, error: /ECONNREFUSED/ },
  ];

  for (const { name, options, error } of refusals) {
    it(`rejects ${name} with an error the caller can catch`, async () => {
      const outcome = await openDatabase({ ...options, dataDir }).then(() => undefined, (reason: unknown) => reason);
      expect(outcome).to.be.instanceOf(Error);
      expect(String(outcome)).to.match(error);
    });
  }

  it('opens SQLite when no URL is given', async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect(db.engine).to.equal('sqlite');
    } finally {
      await db.close();
    }
  });

  it('can be closed twice', async () => {
    const db = await openDatabase({ dataDir });
    await db.close();
    await db.close();
  });
});
