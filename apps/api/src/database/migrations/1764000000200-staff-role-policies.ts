import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, STAFF_ROLE } from '../database.constants.js';

/** Tables under row-level security and the column that names their tenant. */
async function rlsTables(q: QueryRunner): Promise<Array<{ table: string; column: string }>> {
  const rows: Array<{ table: string }> = await q.query(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1`,
  );
  return rows.map(({ table }) => ({ table, column: table === 'tenants' ? 'id' : 'tenant_id' }));
}

/**
 * Two runtime roles instead of one policy with an "all tenants" switch. `rma_app` sees the rows of the
 * tenant set for the transaction (`app.tenant_id`), and nothing without one; `rma_staff`, taken per
 * transaction with SET LOCAL ROLE for distributor staff and system jobs, sees every tenant. Neither is
 * superuser, bypasses RLS, owns a table, or is a member of the other. Each policy is then a plain
 * equality (or true), which the planner estimates exactly; the former `all_tenants = 'on' OR tenant = x`
 * had no usable estimate and led it to sort whole index ranges at a million tickets.
 */
export class StaffRolePolicies1764000000200 implements MigrationInterface {
  name = 'StaffRolePolicies1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${STAFF_ROLE}') THEN
          CREATE ROLE ${STAFF_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${STAFF_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${STAFF_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${STAFF_ROLE}`);
    await q.query(`REVOKE ALL ON TABLE migrations FROM ${STAFF_ROLE}`);
    // Tables of later migrations get the same grants without having to remember them.
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}, ${STAFF_ROLE}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}, ${STAFF_ROLE}`,
    );
    for (const { table, column } of await rlsTables(q)) {
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      const own = `${column} = nullif(current_setting('app.tenant_id', true), '')::uuid`;
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO ${APP_ROLE} USING (${own}) WITH CHECK (${own})`,
      );
      await q.query(
        `CREATE POLICY staff_all_tenants ON ${table} TO ${STAFF_ROLE} USING (true) WITH CHECK (true)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, column } of await rlsTables(q)) {
      await q.query(`DROP POLICY IF EXISTS staff_all_tenants ON ${table}`);
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (rma_row_visible(${column})) WITH CHECK (rma_row_visible(${column}))`,
      );
    }
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}, ${STAFF_ROLE}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}, ${STAFF_ROLE}`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${STAFF_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${STAFF_ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${STAFF_ROLE}`);
  }
}
