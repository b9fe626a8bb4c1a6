import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The submit path writes a ticket and its e-mail; unique keys that most rows leave empty need not be
 * indexed for those rows. The RMA number (set on approval) and the e-mail dedupe key (staff notices
 * only) become partial unique indexes over the rows that have one.
 */
export class LeanWritePath1764000000700 implements MigrationInterface {
  name = 'LeanWritePath1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_rma_number_key`);
    await q.query(
      `CREATE UNIQUE INDEX tickets_rma_number_key ON tickets (rma_number) WHERE rma_number IS NOT NULL`,
    );
    await q.query(`ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_dedupe_key_key`);
    await q.query(
      `CREATE UNIQUE INDEX mail_outbox_dedupe_key_key ON mail_outbox (dedupe_key) WHERE dedupe_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_outbox_dedupe_key_key`);
    await q.query(`ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_dedupe_key_key UNIQUE (dedupe_key)`);
    await q.query(`DROP INDEX tickets_rma_number_key`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_rma_number_key UNIQUE (rma_number)`);
  }
}
