import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, STAFF_ROLE } from '../database.constants.js';

/**
 * Parcels: the in-house items of a return approved together travel in one box under one RMA number.
 * A parcel holds that number and its validity, the one carrier and tracking number it is shipped with,
 * and when it arrived. An item points at its parcel and keeps its copies of the parcel's columns (every
 * read of tickets stays as it is); the parcel is their source of truth and the repository writes both
 * in one statement. An item the receiving desk did not find in its parcel's box is flagged
 * (parcel_missing_at).
 *
 * Every ticket that holds an RMA number gets a parcel of its own with the ticket's number, dates,
 * carrier, tracking number and receipt; the parcel takes the ticket's id (as its return did). Nothing
 * of the tickets changes but the new columns: the statement triggers that count tickets are switched
 * off for the backfill (no status, SLA date or credit moves).
 *
 * Items of one parcel share its RMA number, so the number is unique among parcels, no longer among
 * tickets (looked up by an ordinary index).
 */
export class Parcels1764000002200 implements MigrationInterface {
  name = 'Parcels1764000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE parcels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        return_id uuid NOT NULL REFERENCES returns(id),
        rma_number varchar(32) NOT NULL,
        rma_issued_on date,
        rma_valid_until date,
        carrier varchar(64),
        tracking_number varchar(100),
        shipped_on date,
        received_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT parcels_rma_number_key UNIQUE (rma_number)
      )`);
    await q.query(`CREATE INDEX parcels_return_idx ON parcels (return_id)`);
    await q.query(`ALTER TABLE parcels ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE parcels FORCE ROW LEVEL SECURITY`);
    const own = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
    await q.query(
      `CREATE POLICY tenant_isolation ON parcels TO ${APP_ROLE} USING (${own}) WITH CHECK (${own})`,
    );
    await q.query(
      `CREATE POLICY staff_all_tenants ON parcels TO ${STAFF_ROLE} USING (true) WITH CHECK (true)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON parcels TO ${APP_ROLE}, ${STAFF_ROLE}`);

    await q.query(`INSERT INTO parcels (id, tenant_id, return_id, rma_number, rma_issued_on, rma_valid_until,
                                        carrier, tracking_number, shipped_on, received_at, created_at)
                   SELECT id, tenant_id, return_id, rma_number, rma_issued_on, rma_valid_until,
                          carrier, tracking_number, shipped_on, received_at,
                          coalesce(rma_issued_on::timestamptz, created_at)
                     FROM tickets WHERE rma_number IS NOT NULL`);
    await q.query(`ALTER TABLE tickets ADD COLUMN parcel_id uuid, ADD COLUMN parcel_missing_at timestamptz`);
    await q.query(
      `ALTER TABLE tickets DISABLE TRIGGER tickets_counted_update, DISABLE TRIGGER tickets_figured_update`,
    );
    await q.query(`UPDATE tickets SET parcel_id = id WHERE rma_number IS NOT NULL`);
    await q.query(
      `ALTER TABLE tickets ENABLE TRIGGER tickets_counted_update, ENABLE TRIGGER tickets_figured_update`,
    );
    await q.query(
      `ALTER TABLE tickets ADD CONSTRAINT tickets_parcel_fk FOREIGN KEY (parcel_id) REFERENCES parcels(id)`,
    );
    await q.query(`CREATE INDEX tickets_parcel_idx ON tickets (parcel_id) WHERE parcel_id IS NOT NULL`);
    await q.query(`DROP INDEX tickets_rma_number_key`);
    await q.query(`CREATE INDEX tickets_rma_number_idx ON tickets (rma_number) WHERE rma_number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_rma_number_idx`);
    await q.query(
      `CREATE UNIQUE INDEX tickets_rma_number_key ON tickets (rma_number) WHERE rma_number IS NOT NULL`,
    );
    await q.query(`ALTER TABLE tickets DROP COLUMN parcel_missing_at, DROP COLUMN parcel_id`);
    await q.query(`DROP TABLE parcels`);
  }
}
