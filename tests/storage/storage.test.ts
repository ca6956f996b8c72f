import { TestAdapter, UserState } from 'botbuilder';
import { expect } from 'chai';
import { Database, EtagConflictError, StoreItem, applyMigrations, migrations } from '../../storage';
import { runStorageChild } from './child-process';
import { TestTarget, enginesUnderTest, freshDatabaseEachTest, readTestEnvironment } from './engines';

const environment = readTestEnvironment(process.env);
const allMigrationIds = migrations.map((migration) => migration.id);

for (const engine of enginesUnderTest(environment)) {
  describe(`storage on ${engine.name}`, function () {
    let target: TestTarget;
    let db: Database;

    freshDatabaseEachTest(engine, (opened, made) => {
      db = opened;
      target = made;
    });

    async function expectConflict(write: Promise<void>, key: string): Promise<void> {
      const error = await write.then(() => undefined, (reason: unknown) => reason);
      expect(error).to.be.instanceOf(EtagConflictError);
      expect(error).to.include({ name: 'EtagConflictError', code: 'ETAG_CONFLICT', key });
    }

    describe('eTags', () => {
      it('creates an item and reads it back with an eTag', async () => {
        await db.state.write({ 'conversation/1': { topic: 'pain' } });
        const items = await db.state.read(['conversation/1']);
        expect(items['conversation/1']).to.deep.include({ topic: 'pain' });
        expect(items['conversation/1'].eTag).to.be.a('string').and.not.equal('*');
      });

      for (const [name, eTag] of [['no eTag', undefined], ['eTag "*"', '*'], ['an empty eTag', '']] as const) {
        it(`overwrites whatever is stored when the write has ${name}`, async () => {
          await db.state.write({ user: { visits: 1 } });
          await db.state.write({ user: { visits: 2, eTag } });
          const { user } = await db.state.read(['user']);
          expect(user).to.deep.include({ visits: 2 });
        });
      }

      it('gives every write a new eTag', async () => {
        await db.state.write({ user: { visits: 1 } });
        const first = (await db.state.read(['user'])).user.eTag;
        await db.state.write({ user: { visits: 1, eTag: '*' } });
        const second = (await db.state.read(['user'])).user.eTag;
        expect(second).to.be.a('string').and.not.equal(first);
      });

      it('accepts a write that carries the eTag it read', async () => {
        await db.state.write({ user: { visits: 1 } });
        const { user } = await db.state.read(['user']);
        await db.state.write({ user: { ...user, visits: 2 } });
        const after = (await db.state.read(['user'])).user;
        expect(after).to.deep.include({ visits: 2 });
        expect(after.eTag).to.not.equal(user.eTag);
      });

      it('rejects a write with a stale eTag and keeps the stored item', async () => {
        await db.state.write({ user: { visits: 1 } });
        const { user: stale } = await db.state.read(['user']);
        await db.state.write({ user: { ...stale, visits: 2 } });
        await expectConflict(db.state.write({ user: { ...stale, visits: 99 } }), 'user');
        expect((await db.state.read(['user'])).user).to.deep.include({ visits: 2 });
      });

      it('rejects a write with a specific eTag when the item is gone', async () => {
        await db.state.write({ user: { visits: 1 } });
        const { user } = await db.state.read(['user']);
        await db.state.delete(['user']);
        await expectConflict(db.state.write({ user }), 'user');
        expect(await db.state.read(['user'])).to.deep.equal({});
      });

      it('lets exactly one of several concurrent writes holding the same eTag win', async () => {
        await db.state.write({ user: { winner: 'none' } });
        const { user } = await db.state.read(['user']);
        const writers = ['a', 'b', 'c', 'd', 'e'];
        const results = await Promise.allSettled(
          writers.map((winner) => db.state.write({ user: { ...user, winner } })),
        );
        const won = writers.filter((_, index) => results[index].status === 'fulfilled');
        expect(won).to.have.length(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(result.reason).to.be.instanceOf(EtagConflictError);
        }
        expect((await db.state.read(['user'])).user).to.deep.include({ winner: won[0] });
      });

      it('changes none of the keys when one key of a write conflicts', async () => {
        await db.state.write({ a: { n: 1 }, b: { n: 1 } });
        await expectConflict(db.state.write({ a: { n: 2 }, b: { n: 2, eTag: 'stale' } }), 'b');
        const items = await db.state.read(['a', 'b']);
        expect(items.a).to.deep.include({ n: 1 });
        expect(items.b).to.deep.include({ n: 1 });
      });
    });

    describe('reading and deleting', () => {
      it('returns only the keys that exist, and nothing for no keys', async () => {
        await db.state.write({ present: { ok: true } });
        expect(Object.keys(await db.state.read(['present', 'absent']))).to.deep.equal(['present']);
        expect(await db.state.read([])).to.deep.equal({});
      });

      it('deletes items and shrugs at keys that are missing', async () => {
        await db.state.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
        await db.state.delete(['a', 'c', 'never-written']);
        await db.state.delete([]);
        expect(Object.keys(await db.state.read(['a', 'b', 'c']))).to.deep.equal(['b']);
      });
    });

    describe('values', () => {
      const cases: ReadonlyArray<{ name: string; key: string; value: StoreItem }> = [
        {
          name: 'nested objects and arrays',
          key: 'conversation/nested',
          value: { dialogState: { stack: [{ id: 'triage', state: { answers: { age: 'adult', severity: 7 } } }] }, flags: [true, false, null] },
        },
        {
          name: 'unicode text',
          key: 'user/émilie 😀',
          value: { text: 'Genou douloureux 🏃‍♀️ — 膝の痛み — ألم الركبة', quote: `it's "fine" \\ ok`, nul: 'a\u0000b' },
        },
        { name: 'numbers at the edges', key: 'numbers', value: { zero: 0, negative: -1.5, big: Number.MAX_SAFE_INTEGER } },
        { name: 'an empty object', key: 'msteams/conversations/19:abc@thread.v2', value: {} },
        { name: 'a long string', key: 'long', value: { text: 'knee '.repeat(20_000) } },
      ];

      for (const { name, key, value } of cases) {
        it(`round-trips ${name}`, async () => {
          await db.state.write({ [key]: value });
          const items = await db.state.read([key]);
          const { eTag, ...stored } = items[key];
          expect(stored).to.deep.equal(value);
          expect(eTag).to.be.a('string');
        });
      }
    });

    describe('check memory', () => {
      const record = { lastCheckAt: new Date('2025-03-01T14:30:15.123Z'), level: 'book', protocolVersion: '2025-01' };

      it('knows nothing about a person it has never seen', async () => {
        expect(await db.checkMemory.get('hashed-user')).to.equal(undefined);
      });

      it('remembers the last check exactly and replaces it with the next', async () => {
        await db.checkMemory.put('hashed-user', record);
        expect(await db.checkMemory.get('hashed-user')).to.deep.equal(record);
        const next = { lastCheckAt: new Date('2025-04-02T09:00:00.000Z'), level: 'self-care', protocolVersion: '2025-02' };
        await db.checkMemory.put('hashed-user', next);
        expect(await db.checkMemory.get('hashed-user')).to.deep.equal(next);
      });

      it('forgets a person on delete and says whether there was anything to forget', async () => {
        await db.checkMemory.put('hashed-user', record);
        expect(await db.checkMemory.delete('hashed-user')).to.equal(true);
        expect(await db.checkMemory.get('hashed-user')).to.equal(undefined);
        expect(await db.checkMemory.delete('hashed-user')).to.equal(false);
      });

      it('purges checks made before the cutoff and counts them', async () => {
        const cutoff = new Date('2025-03-01T00:00:00.000Z');
        const checks: ReadonlyArray<[string, string]> = [
          ['long-ago', '2024-11-30T23:59:59.999Z'],
          ['just-before', '2025-02-28T23:59:59.999Z'],
          ['at-cutoff', '2025-03-01T00:00:00.000Z'],
          ['after', '2025-03-05T10:00:00.000Z'],
        ];
        for (const [userKey, at] of checks) await db.checkMemory.put(userKey, { ...record, lastCheckAt: new Date(at) });
        expect(await db.checkMemory.purgeOlderThan(cutoff)).to.equal(2);
        const remaining = await Promise.all(checks.map(([userKey]) => db.checkMemory.get(userKey)));
        expect(remaining.map((check) => check !== undefined)).to.deep.equal([false, false, true, true]);
      });
    });

    describe('migrations', () => {
      it('applies each migration once however often the database is opened', async () => {
        await target.open();
        expect(await applyMigrations(db.sql)).to.deep.equal([]);
        const rows = await db.sql.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
        expect(rows.map((row) => Number(row.id))).to.deep.equal(allMigrationIds);
      });

      it('lets two processes open the same new database at once', async () => {
        const fresh = await engine.createTarget();
        try {
          await Promise.all([1, 2, 3].map(() => runStorageChild({ options: fresh.options, hold: false }, false)));
          const reopened = await fresh.open();
          const rows = await reopened.sql.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
          expect(rows.map((row) => Number(row.id))).to.deep.equal(allMigrationIds);
        } finally {
          await fresh.dispose();
        }
      });

      it('applies a migration added later, and only that one', async () => {
        const added = { id: 1000, name: 'create later_table', statements: ['CREATE TABLE later_table (id TEXT PRIMARY KEY)'] };
        expect(await applyMigrations(db.sql, [...migrations, added])).to.deep.equal([1000]);
        expect(await applyMigrations(db.sql, [...migrations, added])).to.deep.equal([]);
        expect(await db.sql.run('INSERT INTO later_table (id) VALUES ($1)', ['x'])).to.deep.equal({ changes: 1 });
      });

      it('refuses migrations listed out of order', async () => {
        const reversed = [...migrations].reverse();
        const error = await applyMigrations(db.sql, reversed).then(() => undefined, (reason: unknown) => reason);
        expect(error).to.be.instanceOf(RangeError);
      });
    });

    describe('restarts', () => {
      it('keeps state and check memory across a close and reopen', async () => {
        await db.state.write({ user: { visits: 3 } });
        await db.checkMemory.put('hashed-user', { lastCheckAt: new Date('2025-03-01T00:00:00Z'), level: 'doctor', protocolVersion: '1' });
        const eTag = (await db.state.read(['user'])).user.eTag;
        await db.close();

        const reopened = await target.open();
        expect((await reopened.state.read(['user'])).user).to.deep.equal({ visits: 3, eTag });
        expect(await reopened.checkMemory.get('hashed-user')).to.deep.include({ level: 'doctor' });
      });

      it('keeps a confirmed write when the process is killed right after', async () => {
        await runStorageChild({ options: target.options, write: { key: 'user', item: { confirmed: true } }, hold: true }, true);
        expect((await db.state.read(['user'])).user).to.deep.include({ confirmed: true });
      });
    });

    describe('transactions', () => {
      it('leaves nothing behind when the body throws', async () => {
        const failure = new Error('body failed');
        const error = await db.sql
          .transaction(async (tx) => {
            await tx.run("INSERT INTO check_memory (user_key, last_check_at, level, protocol_version) VALUES ($1, $2, 'book', '1')", ['u', '2025-01-01T00:00:00.000Z']);
            throw failure;
          })
          .then(() => undefined, (reason: unknown) => reason);
        expect(error).to.equal(failure);
        expect(await db.checkMemory.get('u')).to.equal(undefined);
      });

      it('undoes only the nested part when a nested transaction fails', async () => {
        await db.sql.transaction(async (tx) => {
          await tx.run("INSERT INTO state (key, value, etag, updated_at) VALUES ($1, '{}', 'e1', 'now')", ['outer']);
          await tx
            .transaction(async (inner) => {
              await inner.run("INSERT INTO state (key, value, etag, updated_at) VALUES ($1, '{}', 'e2', 'now')", ['inner']);
              throw new Error('inner failed');
            })
            .catch(() => undefined);
        });
        expect(Object.keys(await db.state.read(['outer', 'inner']))).to.deep.equal(['outer']);
      });

      it('binds repeated and reordered $n placeholders', async () => {
        await db.state.write({ first: { n: 1 }, second: { n: 2 } });
        const rows = await db.sql.query<{ key: string }>(
          'SELECT key FROM state WHERE key = $2 OR (key = $1 AND $1 <> $2) ORDER BY key',
          ['first', 'second'],
        );
        expect(rows.map((row) => row.key)).to.deep.equal(['first', 'second']);
      });
    });

    it('answers a ping', async () => {
      await db.ping();
    });

    it("serves botbuilder's UserState across turns", async () => {
      const userState = new UserState(db.state);
      const turns = userState.createProperty<number>('turns');
      const adapter = new TestAdapter(async (context) => {
        const count = (await turns.get(context, 0)) + 1;
        await turns.set(context, count);
        await userState.saveChanges(context);
        await context.sendActivity(`turn ${count}`);
      });
      await adapter.send('hi').assertReply('turn 1').send('again').assertReply('turn 2');
    });
  });
}
