import { expect } from 'chai';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Database, sqliteFilePath } from '../../storage';
import { TestTarget, sqliteEngine } from './engines';

describe('storage on sqlite, the file', () => {
  let target: TestTarget;
  let db: Database;

  beforeEach(async () => {
    target = await sqliteEngine().createTarget();
    db = await target.open({ dataDir: path.join(target.options.dataDir, 'nested', 'deeper') });
  });

  afterEach(async () => {
    await target.dispose();
  });

  it('lives at <dataDir>/bot.sqlite, creating the folders it needs', () => {
    const dataDir = path.join(target.options.dataDir, 'nested', 'deeper');
    expect(sqliteFilePath(dataDir)).to.equal(path.join(dataDir, 'bot.sqlite'));
    expect(existsSync(sqliteFilePath(dataDir))).to.equal(true);
  });

  const pragmas: ReadonlyArray<[string, Record<string, unknown>]> = [
    ['journal_mode', { journal_mode: 'wal' }],
    // 2 is FULL: the write-ahead log is synced on every commit.
    ['synchronous', { synchronous: 2 }],
    ['busy_timeout', { timeout: 5000 }],
  ];
  for (const [pragma, expected] of pragmas) {
    it(`sets ${pragma} so confirmed writes last and concurrent processes wait`, async () => {
      expect(await db.sql.query(`PRAGMA ${pragma}`)).to.deep.equal([expected]);
    });
  }
});
