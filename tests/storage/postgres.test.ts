import { expect } from 'chai';
import { Database } from '../../storage';
import { TestTarget, postgresEngine, readTestEnvironment, requireUrl, withPostgresAdmin } from './engines';

const environment = readTestEnvironment(process.env);

describe('storage on postgres, when the server drops connections', function () {
  const engine = postgresEngine(environment);
  let target: TestTarget;
  let db: Database;
  let reported: Error[];

  before(async function () {
    await engine.requireAvailable(this);
  });

  beforeEach(async () => {
    target = await engine.createTarget();
    reported = [];
    db = await target.open({ poolSize: 3, onConnectionError: (error) => reported.push(error) });
  });

  afterEach(async () => {
    await target.dispose();
  });

  /** The brief's pg_terminate_backend, narrowed to this test's connections so parallel runs survive. */
  async function terminateConnections(): Promise<number> {
    return withPostgresAdmin(requireUrl(environment), async (admin) => {
      const result = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
        [target.options.schema],
      );
      return result.rowCount ?? 0;
    });
  }

  async function openThreeConnections(): Promise<void> {
    await Promise.all([1, 2, 3].map(() => db.sql.query('SELECT pg_sleep(0.05)')));
  }

  async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('condition never became true');
  }

  it('keeps its tables in the schema it was given', async () => {
    const rows = await db.sql.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [target.options.schema ?? null],
    );
    expect(rows.map((row) => row.table_name)).to.deep.equal([
      'booking_outbox', 'booking_posts', 'booking_requests', 'check_memory', 'directline_activities', 'directline_conversations', 'schema_migrations', 'staff_access_log', 'staff_conversations', 'state', 'unanswered_questions',
    ]);
  });

  it('reports idle connections the server terminated and answers the next query', async () => {
    await db.state.write({ user: { visits: 1 } });
    await openThreeConnections();
    expect(await terminateConnections()).to.equal(3);
    await eventually(() => reported.length === 3);

    expect((await db.state.read(['user'])).user).to.deep.include({ visits: 1 });
    await db.state.write({ user: { visits: 2 } });
    expect((await db.state.read(['user'])).user).to.deep.include({ visits: 2 });
  });

  it('fails a query racing the termination with a catchable error at worst, then answers', async () => {
    await openThreeConnections();
    await terminateConnections();
    const racing = await db.ping().then(() => undefined, (reason: unknown) => reason);
    if (racing !== undefined) expect(racing).to.be.instanceOf(Error);
    // Each of the three dropped connections may fail one query before the pool has noticed it is gone (a query can take
    // one the server closed a moment before): within those, and as soon as the pool has let them go, it answers again.
    await eventually(async () => {
      try {
        await db.ping();
        return true;
      } catch (error) {
        expect(error).to.be.instanceOf(Error);
        return false;
      }
    });
  });

  it('rejects a transaction the server cut off, and carries on', async () => {
    const cutOff = db.sql.transaction((tx) => tx.query('SELECT pg_sleep(30)'));
    const outcome = cutOff.then(() => undefined, (reason: unknown) => reason);
    await eventually(async () => {
      const [row] = await withPostgresAdmin(requireUrl(environment), async (admin) =>
        (await admin.query<{ sleeping: string }>(
          "SELECT count(*) AS sleeping FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'SELECT pg_sleep(30)%'",
          [target.options.schema],
        )).rows,
      );
      return Number(row.sleeping) === 1;
    });
    await terminateConnections();

    expect(await outcome).to.be.instanceOf(Error);
    await db.ping();
  });
});
