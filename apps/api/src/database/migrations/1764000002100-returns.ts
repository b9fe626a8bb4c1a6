import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, STAFF_ROLE } from '../database.constants.js';

/** The rules' FINAL_STATUSES (a migration is frozen: the list is written out, not imported). */
const FINAL_STATUSES = `('REDIRECTED', 'CLOSED', 'CANCELLED')`;

/**
 * Returns with several items (issue 15). A return is what a reseller sends in one go for one end
 * customer: the shared information (the end customer, the delivery, the reseller's reference) and 1..100
 * items. An item is a ticket row, which keeps its copies of the shared columns (every read of tickets
 * stays as it is); the return is their source of truth and the repository writes both together.
 *
 * Every existing ticket becomes a one-item return of its own, position 1, with the ticket's tenant,
 * shared information, creator and creation time; the return takes the ticket's id (ids of different
 * tables, so nothing clashes, and the backfill needs no mapping). Nothing of the tickets changes but
 * the two new columns: their update time and version stay, and the statement triggers that count
 * tickets are switched off for the backfill (no status, SLA date or credit moves, so they would append
 * deltas that cancel out, a row per ticket).
 *
 * A serial appears at most once among the open items of a return: a partial unique index on
 * (return_id, upper(serial_number)) while the item is not final.
 */
export class Returns1764000002100 implements MigrationInterface {
  name = 'Returns1764000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE returns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        customer jsonb NOT NULL DEFAULT '{}',
        customer_name varchar(200),
        delivery jsonb NOT NULL DEFAULT '{}',
        reseller_reference varchar(100),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX returns_tenant_created_idx ON returns (tenant_id, created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE returns ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE returns FORCE ROW LEVEL SECURITY`);
    const own = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
    await q.query(
      `CREATE POLICY tenant_isolation ON returns TO ${APP_ROLE} USING (${own}) WITH CHECK (${own})`,
    );
    await q.query(
      `CREATE POLICY staff_all_tenants ON returns TO ${STAFF_ROLE} USING (true) WITH CHECK (true)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON returns TO ${APP_ROLE}, ${STAFF_ROLE}`);

    await q.query(`INSERT INTO returns (id, tenant_id, customer, customer_name, delivery, reseller_reference,
                                        created_by, created_at, updated_at)
                   SELECT id, tenant_id, customer, customer_name, delivery, reseller_reference,
                          created_by, created_at, created_at
                     FROM tickets`);
    // A constant default adds the column without rewriting the table; dropped after, so every insert says it.
    await q.query(
      `ALTER TABLE tickets ADD COLUMN return_id uuid, ADD COLUMN position smallint NOT NULL DEFAULT 1`,
    );
    await q.query(
      `ALTER TABLE tickets DISABLE TRIGGER tickets_counted_update, DISABLE TRIGGER tickets_figured_update`,
    );
    await q.query(`UPDATE tickets SET return_id = id`);
    await q.query(
      `ALTER TABLE tickets ENABLE TRIGGER tickets_counted_update, ENABLE TRIGGER tickets_figured_update`,
    );
    await q.query(
      `ALTER TABLE tickets ALTER COLUMN return_id SET NOT NULL, ALTER COLUMN position DROP DEFAULT`,
    );
    await q.query(
      `ALTER TABLE tickets ADD CONSTRAINT tickets_return_fk FOREIGN KEY (return_id) REFERENCES returns(id)`,
    );
    await q.query(
      `ALTER TABLE tickets ADD CONSTRAINT tickets_position_check CHECK (position BETWEEN 1 AND 100)`,
    );
    await q.query(
      `ALTER TABLE tickets ADD CONSTRAINT tickets_return_position_key UNIQUE (return_id, position)`,
    );
    await q.query(`CREATE UNIQUE INDEX tickets_return_open_serial_idx ON tickets (return_id, upper(serial_number))
                    WHERE serial_number IS NOT NULL AND status NOT IN ${FINAL_STATUSES}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_return_open_serial_idx`);
    await q.query(`ALTER TABLE tickets DROP COLUMN position, DROP COLUMN return_id`);
    await q.query(`DROP TABLE returns`);
  }
}
