import { TICKET_STATUSES } from '@rma/rules';
import { DataSource } from 'typeorm';
import { APP_ROLE } from '../src/database/database.constants.js';
import { MIGRATIONS } from '../src/database/entities.js';
import { Parcels1764000002200 } from '../src/database/migrations/1764000002200-parcels.js';
import { createFreshDatabase } from './support/fresh-database.js';

const REAL = Boolean(process.env.DATABASE_URL);
const suite = REAL ? describe : describe.skip;
const title = REAL
  ? 'parcels migration (e2e, PostgreSQL)'
  : 'parcels migration (e2e) — SKIPPED: needs a real PostgreSQL (set DATABASE_URL)';

/** The migrations before the parcels one: the schema with returns. */
const BEFORE = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m === Parcels1764000002200),
);
/** Statuses whose tickets hold an RMA number (and, from SHIPPED on, a shipment; from RECEIVED, a receipt). */
const WITH_RMA = ['APPROVED', 'SHIPPED', 'RECEIVED', 'INSPECTING', 'RESOLVED', 'CLOSED', 'EXPIRED'];

const dataSource = (url: string, migrations: typeof MIGRATIONS) =>
  new DataSource({ type: 'postgres', url, migrations, synchronize: false, logging: false, poolSize: 2 });

/** Every row of `table` as JSON, in a stable order, without the columns named in `without`. */
async function rowsOf(ds: DataSource, table: string, without: string[] = []): Promise<unknown[]> {
  const drop = without.map((c) => ` - '${c}'`).join('');
  const rows: Array<{ r: unknown }> = await ds.query(
    `SELECT to_jsonb(x)${drop} AS r FROM ${table} x ORDER BY to_jsonb(x)::text`,
  );
  return rows.map((row) => row.r);
}

/**
 * A database filled by the schema before 1764000002200 (two tenants, a return per ticket, tickets of
 * every status, those from approval on with an RMA number, its dates, a shipment and a receipt), then
 * the parcels migration: every ticket with an RMA number has a parcel of its own holding exactly its
 * number, dates, carrier, tracking number, shipping day and receipt; nothing else changed.
 */
suite(title, () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const snapshot: Record<string, unknown[]> = {};
  const TABLES = ['returns', 'ticket_events', 'ticket_counts', 'ticket_count_deltas', 'ticket_day_figures'];

  beforeAll(async () => {
    db = await createFreshDatabase(process.env.DATABASE_URL!, 'parcels_mig');
    const before = dataSource(db.url, BEFORE);
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      await before.query(`INSERT INTO tenants (slug, name) VALUES ('a', 'Alpha'), ('b', 'Beta')`);
      await before.query(
        `INSERT INTO returns (id, tenant_id, customer, customer_name)
         SELECT gen_random_uuid(), tn.id, jsonb_build_object('name', 'Customer ' || s.n), 'Customer ' || s.n
           FROM tenants tn, generate_series(1, $1::int) s(n)`,
        [TICKET_STATUSES.length],
      );
      await before.query(
        `INSERT INTO tickets (tenant_id, return_id, position, status, reason, sku, serial_number,
                              rma_number, rma_issued_on, rma_valid_until, carrier, tracking_number, shipped_on,
                              received_at, created_at, updated_at, version)
         SELECT r.tenant_id, r.id, 1, s.status, 'DEFECT', 'SKU-' || s.n, 'SN-' || r.n,
                CASE WHEN s.status = ANY($2) THEN 'RMA-2026-' || lpad(r.n::text, 6, '0') END,
                CASE WHEN s.status = ANY($2) THEN date '2026-03-01' + s.n END,
                CASE WHEN s.status = ANY($2) THEN date '2026-03-15' + s.n END,
                CASE WHEN s.status = ANY($2) AND s.status NOT IN ('APPROVED', 'EXPIRED') THEN 'DHL' END,
                CASE WHEN s.status = ANY($2) AND s.status NOT IN ('APPROVED', 'EXPIRED') THEN 'JD' || r.n END,
                CASE WHEN s.status = ANY($2) AND s.status NOT IN ('APPROVED', 'EXPIRED') THEN date '2026-03-05' + s.n END,
                CASE WHEN s.status IN ('RECEIVED', 'INSPECTING', 'RESOLVED', 'CLOSED')
                     THEN timestamptz '2026-03-10T09:00:00Z' + make_interval(hours => s.n) END,
                timestamptz '2026-01-01T10:00:00Z' + make_interval(hours => s.n),
                timestamptz '2026-02-01T10:00:00Z' + make_interval(hours => s.n),
                1 + s.n % 3
           FROM (SELECT id, tenant_id, row_number() OVER (ORDER BY id)::int AS n,
                        row_number() OVER (PARTITION BY tenant_id ORDER BY id)::int AS k FROM returns) r
           JOIN LATERAL (SELECT status, n::int AS n FROM unnest($1::text[]) WITH ORDINALITY u(status, n)) s
             ON s.n = r.k`,
        [TICKET_STATUSES, WITH_RMA],
      );
      await before.query(
        `INSERT INTO ticket_events (tenant_id, ticket_id, at, actor_type, actor_label, action, from_status, to_status, note)
         SELECT t.tenant_id, t.id, t.created_at, 'USER', 'someone', 'CREATE', NULL, 'DRAFT', NULL FROM tickets t`,
      );
      snapshot.tickets = await rowsOf(before, 'tickets');
      for (const table of TABLES) snapshot[table] = await rowsOf(before, table);
    } finally {
      await before.destroy();
    }
    ds = dataSource(db.url, MIGRATIONS.slice(0, BEFORE.length + 1));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('filled every status of both tenants, some with RMA numbers', () => {
    expect(snapshot.tickets).toHaveLength(TICKET_STATUSES.length * 2);
    const numbered = (snapshot.tickets as Array<{ rma_number: string | null }>).filter((t) => t.rma_number);
    expect(numbered.length).toBe(WITH_RMA.filter((s) => TICKET_STATUSES.includes(s as never)).length * 2);
  });

  it('gives every ticket with an RMA number a parcel of its own with its number, dates, shipment and receipt', async () => {
    const rows: Array<Record<string, unknown>> = await ds.query(
      `SELECT t.id, t.rma_number IS NOT NULL AS numbered, t.parcel_id,
              (SELECT count(*)::int FROM tickets o WHERE o.parcel_id = t.parcel_id) AS items,
              p.tenant_id = t.tenant_id AS same_tenant, p.return_id = t.return_id AS same_return,
              p.rma_number = t.rma_number AS same_number,
              p.rma_issued_on IS NOT DISTINCT FROM t.rma_issued_on AS same_issued,
              p.rma_valid_until IS NOT DISTINCT FROM t.rma_valid_until AS same_valid,
              p.carrier IS NOT DISTINCT FROM t.carrier AS same_carrier,
              p.tracking_number IS NOT DISTINCT FROM t.tracking_number AS same_tracking,
              p.shipped_on IS NOT DISTINCT FROM t.shipped_on AS same_shipped,
              p.received_at IS NOT DISTINCT FROM t.received_at AS same_received,
              t.parcel_missing_at
         FROM tickets t LEFT JOIN parcels p ON p.id = t.parcel_id ORDER BY t.id`,
    );
    expect(rows).toHaveLength(snapshot.tickets!.length);
    for (const row of rows) {
      if (!row.numbered) {
        expect(row).toMatchObject({ parcel_id: null, parcel_missing_at: null });
        continue;
      }
      expect(row).toEqual({
        id: row.id,
        numbered: true,
        parcel_id: row.id,
        items: 1,
        same_tenant: true,
        same_return: true,
        same_number: true,
        same_issued: true,
        same_valid: true,
        same_carrier: true,
        same_tracking: true,
        same_shipped: true,
        same_received: true,
        parcel_missing_at: null,
      });
    }
    const [n]: Array<{ parcels: number; shipped: number; received: number }> = await ds.query(
      `SELECT count(*)::int AS parcels, count(shipped_on)::int AS shipped, count(received_at)::int AS received
         FROM parcels`,
    );
    expect(n!.parcels).toBe(rows.filter((r) => r.numbered).length);
    expect(n!.shipped).toBeGreaterThan(0);
    expect(n!.received).toBeGreaterThan(0);
  });

  it('changes nothing else: the tickets row for row (but the two new columns), the returns, timelines, counts and figures', async () => {
    expect(await rowsOf(ds, 'tickets', ['parcel_id', 'parcel_missing_at'])).toEqual(snapshot.tickets);
    for (const table of TABLES) expect(await rowsOf(ds, table)).toEqual(snapshot[table]);
  });

  it('lets items of one parcel share its RMA number, which stays unique among parcels', async () => {
    const [t]: Array<{ tenant_id: string; return_id: string; rma_number: string; parcel_id: string }> =
      await ds.query(
        `SELECT tenant_id, return_id, rma_number, parcel_id FROM tickets WHERE status = 'APPROVED' ORDER BY id LIMIT 1`,
      );
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(
      await code(
        ds.query(
          `INSERT INTO tickets (tenant_id, return_id, position, status, reason, serial_number, rma_number, parcel_id)
           VALUES ($1, $2, 2, 'APPROVED', 'DEFECT', 'SN-SECOND', $3, $4)`,
          [t!.tenant_id, t!.return_id, t!.rma_number, t!.parcel_id],
        ),
      ),
    ).toBe('ok');
    expect(
      await code(
        ds.query(`INSERT INTO parcels (tenant_id, return_id, rma_number) VALUES ($1, $2, $3)`, [
          t!.tenant_id,
          t!.return_id,
          t!.rma_number,
        ]),
      ),
    ).toBe('23505');
    // An item cannot point at a parcel that does not exist.
    expect(
      await code(
        ds.query(
          `INSERT INTO tickets (tenant_id, return_id, position, status, reason, parcel_id)
           VALUES ($1, $2, 3, 'APPROVED', 'DEFECT', gen_random_uuid())`,
          [t!.tenant_id, t!.return_id],
        ),
      ),
    ).toBe('23503');
  });

  it("keeps parcels under row-level security: a reseller's transaction sees its own tenant's only", async () => {
    const [tenant]: Array<{ id: string }> = await ds.query(`SELECT id FROM tenants WHERE slug = 'a'`);
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant!.id]);
      const seen: Array<{ tenant_id: string }> = await runner.query(`SELECT DISTINCT tenant_id FROM parcels`);
      expect(seen).toEqual([{ tenant_id: tenant!.id }]);
      await runner.rollbackTransaction();
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE ${APP_ROLE}`);
      const none: Array<{ n: number }> = await runner.query(`SELECT count(*)::int AS n FROM parcels`);
      expect(none[0]!.n).toBe(0);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
