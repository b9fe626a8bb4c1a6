import { TICKET_STATUSES } from '@rma/rules';
import { DataSource } from 'typeorm';
import { APP_ROLE } from '../src/database/database.constants.js';
import { MIGRATIONS } from '../src/database/entities.js';
import { Returns1764000002100 } from '../src/database/migrations/1764000002100-returns.js';
import { createFreshDatabase } from './support/fresh-database.js';

const REAL = Boolean(process.env.DATABASE_URL);
const suite = REAL ? describe : describe.skip;
const title = REAL
  ? 'returns migration (e2e, PostgreSQL)'
  : 'returns migration (e2e) — SKIPPED: needs a real PostgreSQL (set DATABASE_URL)';

/** The migrations before the returns one: today's schema. */
const BEFORE = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m === Returns1764000002100),
);

const dataSource = (url: string, migrations: typeof MIGRATIONS) =>
  new DataSource({ type: 'postgres', url, migrations, synchronize: false, logging: false, poolSize: 2 });

/** Every row of `table` as JSON, in id order, without the columns named in `without`. */
async function rowsOf(ds: DataSource, table: string, without: string[] = []): Promise<unknown[]> {
  const drop = without.map((c) => ` - '${c}'`).join('');
  const rows: Array<{ r: unknown }> = await ds.query(
    `SELECT to_jsonb(x)${drop} AS r FROM ${table} x ORDER BY to_jsonb(x)::text`,
  );
  return rows.map((row) => row.r);
}

/**
 * A database filled by the schema before 1764000002100 (tickets of every status, with timelines, a
 * draft, a credited and an SLA-dated one, two tenants), then the returns migration: every ticket is a
 * one-item return of its own with its shared information, at position 1, and nothing else changed.
 */
suite(title, () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const snapshot: Record<string, unknown[]> = {};
  const TABLES = [
    'ticket_events',
    'ticket_counts',
    'ticket_count_deltas',
    'ticket_day_figures',
    'ticket_day_figure_deltas',
    'tenants',
    'users',
  ];

  beforeAll(async () => {
    db = await createFreshDatabase(process.env.DATABASE_URL!, 'returns_mig');
    const before = dataSource(db.url, BEFORE);
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      const applied: Array<{ name: string }> = await before.query(`SELECT name FROM migrations`);
      expect(applied.map((m) => m.name)).not.toContain('Returns1764000002100');
      await before.query(`INSERT INTO tenants (slug, name) VALUES ('a', 'Alpha'), ('b', 'Beta')`);
      await before.query(
        `INSERT INTO users (tenant_id, email, name, role, password_hash)
         SELECT id, slug || '@example.com', name, 'RESELLER_AGENT', 'x' FROM tenants`,
      );
      // One ticket per status and tenant, with a customer, a delivery, a reference, a creator, a
      // timeline; some with an SLA date and a credit (what the day figures count).
      await before.query(
        `INSERT INTO tickets (tenant_id, status, reason, sku, serial_number, customer, customer_name, delivery,
                              reseller_reference, created_by, sla_due_on, outcome, credit_minor, currency,
                              created_at, updated_at, version)
         SELECT tn.id, s.status, 'DEFECT', 'SKU-' || s.n, 'SN-' || tn.slug || '-' || s.n,
                jsonb_build_object('name', 'Customer ' || s.n, 'email', 'c' || s.n || '@example.com'),
                'Customer ' || s.n,
                jsonb_build_object('address', s.n || ' Main Street', 'deliveredOn', '2026-01-0' || (1 + s.n % 9)),
                CASE WHEN s.n % 2 = 0 THEN 'REF-' || s.n END,
                CASE WHEN s.n % 3 <> 0 THEN u.id END,
                CASE WHEN s.n % 4 = 0 THEN date '2026-06-01' + s.n END,
                CASE WHEN s.status = 'RESOLVED' THEN 'CREDITED' END,
                CASE WHEN s.status = 'RESOLVED' THEN 1000 * s.n END,
                CASE WHEN s.status = 'RESOLVED' THEN 'EUR' END,
                timestamptz '2026-01-01T10:00:00Z' + make_interval(hours => s.n),
                timestamptz '2026-02-01T10:00:00Z' + make_interval(hours => s.n),
                1 + s.n % 3
           FROM tenants tn JOIN users u ON u.tenant_id = tn.id,
                LATERAL (SELECT status, n::int AS n FROM unnest($1::text[]) WITH ORDINALITY u(status, n)) s`,
        [TICKET_STATUSES],
      );
      await before.query(
        `INSERT INTO ticket_events (tenant_id, ticket_id, at, actor_type, actor_label, action, from_status, to_status, note)
         SELECT t.tenant_id, t.id, t.created_at, 'USER', 'someone', 'CREATE', NULL, 'DRAFT', NULL FROM tickets t
         UNION ALL
         SELECT t.tenant_id, t.id, t.updated_at, 'SYSTEM', 'system', 'ROUTE', 'SUBMITTED', t.status, 'routed'
           FROM tickets t WHERE t.status <> 'DRAFT'`,
      );
      snapshot.tickets = await rowsOf(before, 'tickets');
      for (const table of TABLES) snapshot[table] = await rowsOf(before, table);
    } finally {
      await before.destroy();
    }
    // Up to the returns migration: the later ones add their own columns (and have their own tests).
    ds = dataSource(db.url, MIGRATIONS.slice(0, BEFORE.length + 1));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('filled every status of both tenants', () => {
    expect(snapshot.tickets).toHaveLength(TICKET_STATUSES.length * 2);
    expect(snapshot.ticket_events!.length).toBeGreaterThan(TICKET_STATUSES.length * 2);
  });

  it('gives every ticket exactly one return of its own, at position 1, with its shared information', async () => {
    const rows: Array<Record<string, unknown>> = await ds.query(
      `SELECT t.id, t.position, t.return_id,
              (SELECT count(*)::int FROM tickets o WHERE o.return_id = t.return_id) AS items,
              r.tenant_id = t.tenant_id AS same_tenant, r.customer = t.customer AS same_customer,
              r.customer_name IS NOT DISTINCT FROM t.customer_name AS same_name,
              r.delivery = t.delivery AS same_delivery,
              r.reseller_reference IS NOT DISTINCT FROM t.reseller_reference AS same_reference,
              r.created_by IS NOT DISTINCT FROM t.created_by AS same_creator,
              r.created_at = t.created_at AS same_created
         FROM tickets t LEFT JOIN returns r ON r.id = t.return_id ORDER BY t.id`,
    );
    expect(rows).toHaveLength(snapshot.tickets!.length);
    for (const row of rows) {
      expect(row).toEqual({
        id: row.id,
        return_id: expect.any(String),
        position: 1,
        items: 1,
        same_tenant: true,
        same_customer: true,
        same_name: true,
        same_delivery: true,
        same_reference: true,
        same_creator: true,
        same_created: true,
      });
    }
    const count: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM returns`);
    expect(count[0]!.n).toBe(rows.length);
    // Some of them had no reference and no creator, and still match (nulls carried over).
    const nulls: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM returns WHERE reseller_reference IS NULL AND created_by IS NULL`,
    );
    expect(nulls[0]!.n).toBeGreaterThan(0);
  });

  it('changes nothing else: the tickets row for row (but the two new columns), the timelines, counts and figures', async () => {
    expect(await rowsOf(ds, 'tickets', ['return_id', 'position'])).toEqual(snapshot.tickets);
    for (const table of TABLES) expect(await rowsOf(ds, table)).toEqual(snapshot[table]);
  });

  it('makes the new columns required, and a serial unique among the open items of a return', async () => {
    const [t]: Array<{ id: string; return_id: string; tenant_id: string }> = await ds.query(
      `SELECT id, return_id, tenant_id FROM tickets WHERE status = 'IN_REVIEW' ORDER BY id LIMIT 1`,
    );
    const insert = (position: number, serial: string, status: string) =>
      ds.query(
        `INSERT INTO tickets (tenant_id, return_id, position, status, reason, serial_number)
         VALUES ($1, $2, $3, $4, 'DEFECT', $5)`,
        [t!.tenant_id, t!.return_id, position, status, serial],
      );
    const serial: Array<{ serial_number: string }> = await ds.query(
      `SELECT serial_number FROM tickets WHERE id = $1`,
      [t!.id],
    );
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    // The same serial (in another case) while both are open: refused.
    expect(await code(insert(2, serial[0]!.serial_number.toLowerCase(), 'DRAFT'))).toBe('23505');
    // The same position twice: refused.
    expect(await code(insert(1, 'OTHER-1', 'DRAFT'))).toBe('23505');
    // A closed item may carry the serial again.
    expect(await code(insert(2, serial[0]!.serial_number, 'CLOSED'))).toBe('ok');
    // An item without its return, or at position 101: refused.
    expect(
      await code(
        ds.query(
          `INSERT INTO tickets (tenant_id, position, status, reason) VALUES ($1, 1, 'DRAFT', 'DEFECT')`,
          [t!.tenant_id],
        ),
      ),
    ).toBe('23502');
    expect(await code(insert(101, 'OTHER-2', 'DRAFT'))).toBe('23514');
  });

  it("keeps returns under row-level security: a reseller's transaction sees its own tenant's only", async () => {
    const [tenant]: Array<{ id: string }> = await ds.query(`SELECT id FROM tenants WHERE slug = 'a'`);
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant!.id]);
      const seen: Array<{ tenant_id: string }> = await runner.query(`SELECT DISTINCT tenant_id FROM returns`);
      expect(seen).toEqual([{ tenant_id: tenant!.id }]);
      await runner.rollbackTransaction();
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE ${APP_ROLE}`);
      const none: Array<{ n: number }> = await runner.query(`SELECT count(*)::int AS n FROM returns`);
      expect(none[0]!.n).toBe(0);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
