import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage list indexes that row-level security can use. Under RLS, a user predicate can be an index
 * condition only if its functions are leakproof: `lower()` and LIKE are not, so the customer search
 * uses a stored lower-case copy compared with the (leakproof) text_pattern operators. SLA views get
 * partial indexes for both of their orders.
 */
export class TriageSearchIndexes1764000000100 implements MigrationInterface {
  name = 'TriageSearchIndexes1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE tickets ADD COLUMN customer_search varchar(200) GENERATED ALWAYS AS (lower(customer_name)) STORED`,
    );
    await q.query(`DROP INDEX tickets_customer_idx`);
    await q.query(`CREATE INDEX tickets_customer_search_idx ON tickets (customer_search text_pattern_ops)`);
    await q.query(`DROP INDEX tickets_sla_idx`);
    await q.query(`CREATE INDEX tickets_sla_idx ON tickets (sla_due_on, id) WHERE sla_due_on IS NOT NULL`);
    await q.query(
      `CREATE INDEX tickets_sla_created_idx ON tickets (created_at DESC, id DESC) WHERE sla_due_on IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_sla_created_idx`);
    await q.query(`DROP INDEX tickets_sla_idx`);
    await q.query(`CREATE INDEX tickets_sla_idx ON tickets (sla_due_on) WHERE sla_due_on IS NOT NULL`);
    await q.query(`DROP INDEX tickets_customer_search_idx`);
    await q.query(`ALTER TABLE tickets DROP COLUMN customer_search`);
    await q.query(`CREATE INDEX tickets_customer_idx ON tickets (lower(customer_name) text_pattern_ops)`);
  }
}
