import {
  ALL_TENANTS,
  combineWrites,
  Database,
  preparedQuery,
  runWrites,
  tenantScope,
  tx,
  type Write,
} from '../src/database/database.service.js';
import { uuidv7 } from '../src/common/ids.js';
import { startHarness, type Harness } from './harness.js';

/**
 * The unit of work every request's writes go through: one transaction, the tenant set for RLS, and
 * (on a PostgreSQL server) BEGIN pipelined with the first statement and the last statements with COMMIT.
 */
describe('unit of work (e2e)', () => {
  let h: Harness;
  let db: Database;
  let tenantId: string;
  beforeAll(async () => {
    h = await startHarness();
    db = h.app.get(Database);
    const [row] = await h.target.asOwner((owner) =>
      owner.query(`SELECT id FROM tenants ORDER BY slug LIMIT 1`),
    );
    tenantId = row.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const keys = () =>
    h.target.asOwner(async (owner) =>
      (await owner.query(`SELECT key FROM idempotency_keys ORDER BY key`)).map((r: { key: string }) => r.key),
    );
  const insertKey = (key: string) => (m: Parameters<typeof preparedQuery>[0]) =>
    preparedQuery(
      m,
      `INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response, expires_at)
       VALUES (current_setting('app.tenant_id')::uuid, $1, 'h', 201, '{}', now() + interval '1 hour') RETURNING key`,
      [key],
    );

  beforeEach(async () => {
    await h.target.asOwner((owner) => owner.query(`DELETE FROM idempotency_keys`));
  });

  it('runs the first statement inside the transaction, with the tenant set', async () => {
    const [first, second] = await db.run(tenantScope(tenantId), async (m) => [
      (await m.query(`SELECT current_setting('app.tenant_id') AS tenant, txid_current()::text AS tx`))[0],
      (await m.query(`SELECT txid_current()::text AS tx`))[0],
    ]);
    expect(first.tenant).toBe(tenantId);
    expect(second.tx).toBe(first.tx);
  });

  it('commitWith writes its statements and commits them, returning their results in order', async () => {
    const results = await db.run(tenantScope(tenantId), (_m, unit) =>
      unit.commitWith(
        () => insertKey('a')(_m),
        () => insertKey('b')(_m),
      ),
    );
    expect(results).toEqual([[{ key: 'a' }], [{ key: 'b' }]]);
    expect(await keys()).toEqual(['a', 'b']);
  });

  it('a failing statement in commitWith rolls back every statement of the unit of work, earlier ones included', async () => {
    await expect(
      db.run(tenantScope(tenantId), async (m, unit) => {
        await insertKey('before')(m);
        return unit.commitWith(
          () => insertKey('c')(m),
          () => insertKey('c')(m), // duplicate key: fails
          () => insertKey('d')(m),
        );
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await keys()).toEqual([]);
  });

  // Pipelining is for a PostgreSQL server; the embedded database runs the statements one by one.
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('refuses a statement that is not sent at once, and writes nothing', async () => {
    await expect(
      db.run(tenantScope(tenantId), (m, unit) =>
        unit.commitWith(
          () => insertKey('e')(m),
          async () => {
            await Promise.resolve();
            return insertKey('f')(m);
          },
        ),
      ),
    ).rejects.toThrow(/not sent at once/);
    expect(await keys()).toEqual([]);
  });

  const keyWrite = (key: string, done?: (rows: number) => void): Write => ({
    text: `INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response, expires_at)
           VALUES (current_setting('app.tenant_id')::uuid, $1, $2, 201, '{}', now() + interval '1 hour')
           ON CONFLICT DO NOTHING RETURNING key`,
    values: [key, `hash-${key}`],
    done,
  });

  it("combineWrites numbers each write's parameters after the ones before it", () => {
    const { text, values } = combineWrites([keyWrite('x'), keyWrite('y')]);
    expect(values).toEqual(['x', 'hash-x', 'y', 'hash-y']);
    expect(text).toMatch(/w0 AS \(INSERT[^]*\$1, \$2,[^]*w1 AS \(INSERT[^]*\$3, \$4,/);
    expect(text).toMatch(
      /SELECT \(SELECT count\(\*\) FROM w0\)::int AS w0, \(SELECT count\(\*\) FROM w1\)::int AS w1$/,
    );
  });

  it("commitWrites writes everything in one statement with COMMIT and reports each write's rows", async () => {
    const seen: number[] = [];
    const counts = await db.run(tenantScope(tenantId), async (m, unit) => {
      await runWrites(m, [keyWrite('taken')]);
      return unit.commitWrites(m, [
        keyWrite('h', (n) => seen.push(n)),
        keyWrite('taken', (n) => seen.push(n)), // ON CONFLICT DO NOTHING: no row
        keyWrite('i'),
      ]);
    });
    expect(counts).toEqual([1, 0, 1]);
    expect(seen).toEqual([1, 0]);
    const rows = await h.target.asOwner((owner) =>
      owner.query(`SELECT key, trim(request_hash) AS request_hash FROM idempotency_keys ORDER BY key`),
    );
    expect(rows).toEqual([
      { key: 'h', request_hash: 'hash-h' },
      { key: 'i', request_hash: 'hash-i' },
      { key: 'taken', request_hash: 'hash-taken' },
    ]);
  });

  it("a failing write in commitWrites rolls back the other writes and the unit's earlier ones", async () => {
    await expect(
      db.run(tenantScope(tenantId), async (m, unit) => {
        await runWrites(m, [keyWrite('before')]);
        return unit.commitWrites(m, [
          keyWrite('j'),
          { text: `INSERT INTO idempotency_keys (key) VALUES ($1) RETURNING key`, values: ['no tenant'] },
        ]);
      }),
    ).rejects.toThrow(/null value|violates/);
    expect(await keys()).toEqual([]);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'a write with notify announces itself on its channel once the transaction commits',
    async () => {
      const channel = `uow_test_${process.pid}`;
      const heard = await h.target.asOwner(async (owner) => {
        const listener = owner.createQueryRunner();
        await listener.connect();
        try {
          const client = (listener as unknown as { databaseConnection: import('pg').PoolClient })
            .databaseConnection;
          const got: string[] = [];
          client.on('notification', (n) => got.push(n.channel));
          await client.query(`LISTEN ${channel}; LISTEN ${channel}_not_written`);
          await db.run(tenantScope(tenantId), (m, unit) =>
            unit.commitWrites(m, [
              { ...keyWrite('k'), notify: channel },
              { ...keyWrite('k'), notify: `${channel}_not_written` }, // no row: no NOTIFY
            ]),
          );
          for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
          await client.query(`UNLISTEN *`);
          return got;
        } finally {
          await listener.release();
        }
      });
      expect(heard).toEqual([channel]);
    },
  );

  it('an error thrown by the work rolls back what it wrote', async () => {
    await expect(
      db.run(tenantScope(tenantId), async (m) => {
        await insertKey('g')(m);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await keys()).toEqual([]);
  });
});

describe('the ambient unit of work (e2e)', () => {
  let h: Harness;
  let db: Database;
  let tenantId: string;
  beforeAll(async () => {
    h = await startHarness();
    db = h.app.get(Database);
    const [row] = await h.target.asOwner((owner) =>
      owner.query(`SELECT id FROM tenants ORDER BY slug LIMIT 1`),
    );
    tenantId = row.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const keys = () =>
    h.target.asOwner(async (owner) =>
      (await owner.query(`SELECT key FROM idempotency_keys ORDER BY key`)).map((r: { key: string }) => r.key),
    );
  const keyWrite = (key: string, done?: (rows: number) => void): Write => ({
    text: `INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response, expires_at)
           VALUES (current_setting('app.tenant_id')::uuid, $1, 'h', 201, '{}', now() + interval '1 hour')
           ON CONFLICT DO NOTHING RETURNING key`,
    values: [key],
    done,
  });
  const backendPid = async () => (await tx.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))[0]!.pid;

  it('is required: a statement outside a unit of work is refused, not run on some connection', async () => {
    expect(() => tx.manager).toThrow(/unit of work/);
    await expect(tx.query('SELECT 1')).rejects.toThrow(/unit of work/);
  });

  it('follows the work through awaits and timers, in its own transaction, with its scope', async () => {
    const seen = await db.run(tenantScope(tenantId), async () => {
      const first = await backendPid();
      await new Promise((r) => setTimeout(r, 5));
      const [{ tenant } = { tenant: '' }] = await tx.query<{ tenant: string }>(
        `SELECT current_setting('app.tenant_id') AS tenant`,
      );
      return { same: first === (await backendPid()), tenant, scope: tx.scope };
    });
    expect(seen).toEqual({ same: true, tenant: tenantId, scope: tenantScope(tenantId) });
  });

  it('keeps two concurrent units of work apart', async () => {
    const other = uuidv7();
    await h.target.asOwner((owner) =>
      owner.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'ambient-other', 'Other')`, [other]),
    );
    const tenantOf = (id: string) =>
      db.run(tenantScope(id), async () => {
        await new Promise((r) => setTimeout(r, 10));
        return (await tx.query<{ t: string }>(`SELECT current_setting('app.tenant_id') AS t`))[0]!.t;
      });
    expect(await Promise.all([tenantOf(tenantId), tenantOf(other), tenantOf(tenantId)])).toEqual([
      tenantId,
      other,
      tenantId,
    ]);
  });

  it('a nested unit of work of the same scope joins the open one; of another scope it is refused', async () => {
    const pids = await db.run(tenantScope(tenantId), async () => {
      const outer = await backendPid();
      const inner = await db.run(tenantScope(tenantId), () => backendPid());
      const reading = await db.reading(ALL_TENANTS, () => backendPid());
      await expect(db.run(ALL_TENANTS, () => backendPid())).rejects.toThrow(/another scope/);
      return [outer, inner, reading];
    });
    expect(new Set(pids).size).toBe(1);
  });

  it('deferred writes leave with COMMIT, after what the work sent, and report their rows', async () => {
    const seen: number[] = [];
    await db.run(tenantScope(tenantId), async () => {
      tx.defer(keyWrite('d1', (n) => seen.push(n)));
      await tx.write([keyWrite('d0')]);
      tx.defer(keyWrite('d0', (n) => seen.push(n)));
      expect(seen).toEqual([]); // not yet sent
    });
    expect(seen).toEqual([1, 0]);
    expect(await keys()).toEqual(['d0', 'd1']);
  });

  it('a deferred write that fails rolls back the whole unit of work', async () => {
    await expect(
      db.run(tenantScope(tenantId), async () => {
        await tx.write([keyWrite('e0')]);
        tx.defer(keyWrite('e1'), { text: `INSERT INTO no_such_table VALUES ($1) RETURNING 1`, values: [1] });
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await keys()).not.toContain('e0');
    expect(await keys()).not.toContain('e1');
  });

  it('an error thrown by the work drops its deferred writes', async () => {
    await expect(
      db.run(tenantScope(tenantId), async () => {
        tx.defer(keyWrite('f1'));
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await keys()).not.toContain('f1');
  });
});

describe('uuidv7', () => {
  it('puts the time first, sets version 7 and the RFC variant, and sorts by time', () => {
    const a = uuidv7(Date.UTC(2026, 10, 23, 12));
    const b = uuidv7(Date.UTC(2026, 10, 23, 12) + 1);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.slice(0, 13).replace('-', '')).toBe(Date.UTC(2026, 10, 23, 12).toString(16).padStart(12, '0'));
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(0))).size).toBe(1000);
  });
});
