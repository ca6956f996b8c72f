import { expect } from 'chai';
import type { WireActivity } from '../../server/directline/activities';
import { SqlConversationStore, type SqlStoreLimits } from '../../server/directline/sqlStore';
import { MemoryConversationStore, type ConversationStore } from '../../server/directline/store';
import { applyRetention, type Database } from '../../storage';
import { enginesUnderTest, freshDatabaseEachTest, readTestEnvironment, type TestTarget } from '../storage/engines';

interface Limits {
  idleMs?: number;
  maxActivities?: number;
}

/** A store on a clock the test moves. */
type MakeStore = (clock: () => number, limits?: Limits) => ConversationStore;

const message = (text: string): WireActivity => ({ type: 'message', text });
const ids = (activities: WireActivity[] | undefined) => (activities ?? []).map((a) => a.id);

/** What every ConversationStore promises the Direct Line routes, whatever keeps the conversations. */
function storeContract(make: () => MakeStore): void {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = Date.parse('2026-11-25T15:00:00Z');
  });

  it('gives activities sequential ids and serves those after a watermark', async () => {
    const store = make()(now);
    await store.start('c', 'u');
    expect(ids(await store.append('c', [message('a'), message('b')]))).to.deep.equal(['c|0000001', 'c|0000002']);
    await store.append('c', [message('c')]);
    expect(await store.since('c', 1)).to.deep.equal({ activities: [{ ...message('b'), id: 'c|0000002' }, { ...message('c'), id: 'c|0000003' }], watermark: 3 });
    expect(ids((await store.since('c', 0))?.activities)).to.deep.equal(['c|0000001', 'c|0000002', 'c|0000003']);
    expect(await store.since('c', 9)).to.deep.equal({ activities: [], watermark: 3 });
  });

  it('serves a new conversation as empty, at watermark 0', async () => {
    const store = make()(now);
    await store.start('c', 'u');
    expect(await store.since('c', 0)).to.deep.equal({ activities: [], watermark: 0 });
    expect(await store.append('c', [])).to.deep.equal([]);
  });

  it('starts a conversation once and remembers its user', async () => {
    const store = make()(now);
    expect(await store.start('c', 'u')).to.equal(true);
    expect(await store.start('c', 'other')).to.equal(false);
    expect(await store.userOf('c')).to.equal('u');
  });

  it('knows nothing of a conversation never started, and stores nothing in it', async () => {
    const store = make()(now);
    expect(await store.userOf('unknown')).to.equal(undefined);
    expect(await store.since('unknown', 0)).to.equal(undefined);
    expect(await store.append('unknown', [message('a')])).to.deep.equal([]);
    expect(await store.start('unknown', 'u')).to.equal(true);
    expect(await store.since('unknown', 0)).to.deep.equal({ activities: [], watermark: 0 });
  });

  it('keeps the activity as it was given: nested values, ids of its own replaced', async () => {
    const store = make()(now);
    await store.start('c', 'u');
    const card: WireActivity = { type: 'message', id: 'from-the-bot', value: { answer: [1, 'two', { three: null }] }, channelData: { clientActivityID: 'x' } };
    await store.append('c', [card]);
    expect((await store.since('c', 0))?.activities).to.deep.equal([{ ...card, id: 'c|0000001' }]);
  });

  it('gives back text exactly as typed, odd characters included', async () => {
    const store = make()(now);
    await store.start('c', 'u');
    const odd = ['nul \u0000 inside', 'lone \ud800 surrogate', '🏃‍♀️ knee', "quote ' and \" and \\", '<script>x</script>'];
    await store.append('c', odd.map(message));
    expect((await store.since('c', 0))?.activities.map((a) => a.text)).to.deep.equal(odd);
  });

  it('keeps only the newest activities of a long conversation, with ids and watermarks unchanged', async () => {
    const store = make()(now, { maxActivities: 2 });
    await store.start('c', 'u');
    await store.append('c', [message('1'), message('2'), message('3')]);
    await store.append('c', [message('4')]);
    expect(ids((await store.since('c', 0))?.activities)).to.deep.equal(['c|0000003', 'c|0000004']);
    expect((await store.since('c', 3))?.activities.map((a) => a.text)).to.deep.equal(['4']);
    expect(await store.since('c', 4)).to.deep.equal({ activities: [], watermark: 4 });
  });

  it('forgets a conversation left idle too long, and starts it afresh under the same id', async () => {
    const store = make()(now, { idleMs: 1000 });
    await store.start('a', 'u');
    await store.append('a', [message('private words')]);
    clock += 1001;
    expect(await store.since('a', 0)).to.equal(undefined);
    expect(await store.userOf('a')).to.equal(undefined);
    expect(await store.append('a', [message('late')])).to.deep.equal([]);
    expect(await store.start('a', 'someone else')).to.equal(true);
    expect(await store.userOf('a')).to.equal('someone else');
    expect(await store.since('a', 0)).to.deep.equal({ activities: [], watermark: 0 });
  });

  it('keeps a conversation that is used alive past the idle time', async () => {
    const store = make()(now, { idleMs: 1000 });
    await store.start('a', 'u');
    clock += 900;
    await store.append('a', [message('still here')]);
    clock += 900;
    expect(await store.userOf('a')).to.equal('u');
    clock += 900;
    expect((await store.since('a', 0))?.activities.map((a) => a.text)).to.deep.equal(['still here']);
  });
}

describe('the conversation store contract', () => {
  describe('in memory', () => {
    storeContract(() => (clock, limits) => new MemoryConversationStore(clock, limits));
  });

  for (const engine of enginesUnderTest(readTestEnvironment(process.env))) {
    describe(`in the database on ${engine.name}`, function () {
      let target: TestTarget;
      let db: Database;
      freshDatabaseEachTest(engine, (opened, made) => {
        db = opened;
        target = made;
      });

      // Reads touch the conversation at most every 100 ms here, so "used" is seen within the contract's idle second.
      const sqlStore = (database: Database, clock: () => number, limits: Partial<SqlStoreLimits> = {}) => new SqlConversationStore(database.sql, clock, { touchEveryMs: 100, ...limits });

      storeContract(() => (clock, limits) => sqlStore(db, clock, limits));

      const count = async (table: string) => Number((await db.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);

      /** A second instance: its own pool on PostgreSQL; SQLite serves one process through one connection. */
      const secondInstance = async () => (engine.name === 'postgres' ? target.open() : db);

      it('gives distinct, gapless ids to two instances appending to one conversation at once', async () => {
        const other = await secondInstance();
        const now = () => Date.now();
        const stores = [sqlStore(db, now), sqlStore(other, now)];
        await stores[0].start('c', 'u');
        const batches = await Promise.all(
          Array.from({ length: 40 }, (_, i) => stores[i % 2].append('c', i % 3 === 0 ? [message(`${i}a`), message(`${i}b`)] : [message(`${i}`)])),
        );
        const given = batches.flat().map((a) => a.id ?? '');
        const total = 40 + Math.ceil(40 / 3);
        expect(new Set(given).size).to.equal(total);
        expect([...given].sort()).to.deep.equal(Array.from({ length: total }, (_, i) => `c|${String(i + 1).padStart(7, '0')}`));
        // Each batch got consecutive ids, and what is read back is what each append returned.
        for (const batch of batches) {
          const seqs = batch.map((a) => Number((a.id ?? '').split('|')[1]));
          expect(seqs).to.deep.equal(seqs.map((_, i) => seqs[0] + i));
        }
        const read = await stores[1].since('c', 0);
        expect(read?.watermark).to.equal(total);
        expect(read?.activities).to.deep.equal([...batches.flat()].sort((a, b) => String(a.id).localeCompare(String(b.id))));
      });

      it('starts a conversation once when two instances start it at once', async () => {
        const other = await secondInstance();
        const now = () => Date.now();
        const started = await Promise.all([sqlStore(db, now).start('c', 'u'), sqlStore(other, now).start('c', 'u')]);
        expect(started.filter(Boolean)).to.have.length(1);
      });

      it('keeps conversations across a restart of the database connection', async () => {
        const now = () => Date.now();
        await sqlStore(db, now).start('c', 'u');
        await sqlStore(db, now).append('c', [message('before the restart')]);
        await db.close();
        const reopened = await target.open();
        const store = sqlStore(reopened, now);
        expect(await store.userOf('c')).to.equal('u');
        expect(ids(await store.append('c', [message('after')]))).to.deep.equal(['c|0000002']);
        expect((await store.since('c', 0))?.activities.map((a) => a.text)).to.deep.equal(['before the restart', 'after']);
        db = reopened;
      });

      it('deletes the rows beyond the activity limit, not just hides them', async () => {
        const store = sqlStore(db, () => 0, { maxActivities: 3 });
        await store.start('c', 'u');
        for (let i = 0; i < 5; i++) await store.append('c', [message(String(i)), message(`${i}'`)]);
        expect(await count('directline_activities')).to.equal(3);
      });

      it('has the retention job delete idle conversations and the words in them, and leave live ones', async () => {
        const at = Date.parse('2026-11-25T15:00:00Z');
        let clock = at;
        const store = sqlStore(db, () => clock);
        await store.start('idle', 'u1');
        await store.append('idle', [message('my knee hurts when I run')]);
        clock = at + 60 * 60 * 1000;
        await store.start('live', 'u2');
        await store.append('live', [message('hello')]);
        const result = await applyRetention(db, new Date(at + 2 * 60 * 60 * 1000 + 1), { directLineIdleMs: 2 * 60 * 60 * 1000 });
        expect(result.directLine).to.equal(1);
        expect(await count('directline_conversations')).to.equal(1);
        const left = await db.sql.query<{ body: string }>('SELECT body FROM directline_activities');
        expect(left.map((row) => row.body).join()).to.contain('hello').and.not.contain('knee');
        expect(await store.userOf('live')).to.equal('u2');
      });
    });
  }
});
