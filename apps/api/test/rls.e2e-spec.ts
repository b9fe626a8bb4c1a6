import { DataSource } from 'typeorm';
import request from 'supertest';
import { APP_ROLE, STAFF_ROLE } from '../src/database/database.constants.js';
import { TENANT_TABLES } from '../src/database/migrations/1763900000000-init.js';
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

  it('every table with a tenant_id column, and tenants, has RLS enabled and forced with one policy per runtime role', async () => {
    const rows: Array<{ table: string; enabled: boolean; forced: boolean; policies: unknown }> =
      await h.target.asOwner((owner) =>
        owner.query(
          `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                (SELECT json_agg(json_build_object('name', p.policyname, 'roles', p.roles, 'using', p.qual) ORDER BY p.policyname)
                   FROM pg_policies p WHERE p.tablename = c.relname) AS policies
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'
            AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
          ORDER BY 1`,
        ),
      );
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(RLS_TABLES));
    for (const row of rows) {
      const column = row.table === 'tenants' ? 'id' : 'tenant_id';
      expect(row).toEqual({
        table: row.table,
        enabled: true,
        forced: true,
        policies: [
          { name: 'staff_all_tenants', roles: [STAFF_ROLE], using: 'true' },
          {
            name: 'tenant_isolation',
            roles: [APP_ROLE],
            using: expect.stringMatching(new RegExp(`^\\(${column} = .*app\\.tenant_id`)),
          },
        ],
      });
    }
  });

  it.each([APP_ROLE, STAFF_ROLE])(
    'the runtime role %s is not superuser, cannot bypass RLS, owns no table and holds no other role',
    async (name) => {
      const [role] = await runtime.query(
        `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypass,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = r.rolname) AS owned,
              (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
         FROM pg_roles r WHERE r.rolname = $1`,
        [name],
      );
      expect(role).toEqual({ superuser: false, bypass: false, owned: 0, memberships: 0 });
    },
  );

  it('the API runs as rma_app outside its transactions', async () => {
    const [{ current_user }] = await runtime.query(`SELECT current_user`);
    expect(current_user).toBe(APP_ROLE);
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
