import { DataSource } from 'typeorm';
import request from 'supertest';
import { APP_ROLE, TENANT_TABLES } from '../src/database/migrations/1763900000000-init.js';
import { grandstreamDefect, RESELLER_A, RESELLER_B, startHarness, type Harness } from './harness.js';

/** Row-level security posture: the second wall under the data layer's own tenant scoping. */
describe('row-level security (e2e)', () => {
  let h: Harness;
  let runtime: DataSource;
  beforeAll(async () => {
    h = await startHarness();
    runtime = h.app.get(DataSource);
    for (const email of [RESELLER_A, RESELLER_B]) {
      const token = await h.login(email);
      await request(h.http)
        .post('/api/v1/tickets')
        .set('Authorization', `Bearer ${token}`)
        .send({ ...grandstreamDefect(), submit: true })
        .expect(201);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  const RLS_TABLES = ['tenants', ...TENANT_TABLES];

  it.each(RLS_TABLES)('%s has row-level security enabled and forced, with a policy', async (table) => {
    const rows = await h.target.asOwner((owner) =>
      owner.query(
        `SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname) AS policies
           FROM pg_class c WHERE c.relname = $1 AND c.relkind = 'r'`,
        [table],
      ),
    );
    expect(rows).toEqual([{ enabled: true, forced: true, policies: 1 }]);
  });

  it('every table with a tenant_id column is in the RLS list', async () => {
    const rows: Array<{ table_name: string }> = await h.target.asOwner((owner) =>
      owner.query(
        `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'`,
      ),
    );
    for (const { table_name } of rows) expect(RLS_TABLES).toContain(table_name);
  });

  it('the runtime role is not superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await runtime.query(
      `SELECT current_user AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual({ name: APP_ROLE, superuser: false, bypass: false, owned: 0 });
  });

  it('with no tenant set, the runtime role reads no tenant rows', async () => {
    expect(await h.count('tickets')).toBe(2);
    for (const table of RLS_TABLES) {
      const [row] = await runtime.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: row.n }).toEqual({ table, n: 0 });
    }
  });

  it("with tenant A set, B's rows are invisible and cannot be written", async () => {
    const [a, b] = await h.target.asOwner((owner) => owner.query(`SELECT id FROM tenants ORDER BY slug`));
    const qr = runtime.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`BEGIN; SELECT set_config('app.tenant_id', '${a.id}', true)`);
      const visible = await qr.query(`SELECT DISTINCT tenant_id FROM tickets`);
      expect(visible).toEqual([{ tenant_id: a.id }]);
      const updated = await qr.query(
        `UPDATE tickets SET fault_description = 'x' WHERE tenant_id = $1 RETURNING id`,
        [b.id],
      );
      expect(updated[0]).toEqual([]);
      await expect(
        qr.query(
          `INSERT INTO invoice_lines (tenant_id, invoice_number, invoiced_on, sku, unit_price_minor, currency) VALUES ($1, 'X', '2026-01-01', 'S', 1, 'EUR')`,
          [b.id],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await qr.query('ROLLBACK').catch(() => undefined);
      await qr.release();
    }
  });
});
