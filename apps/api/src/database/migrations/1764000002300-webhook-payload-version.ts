import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook payload version 2 (issue 15): a manufacturer receives its items of one return in one message.
 *
 * - An endpoint has a payload version, 1 or 2. Every endpoint that exists today stays on 1, so no
 *   integration changes; an endpoint created from now on gets 2 unless staff choose 1.
 * - A delivery may now be about several items: `ticket_ids` lists them (in their order in the return),
 *   `ticket_id` stays the first of them (NOT NULL, so every existing read, filter and cascade is
 *   unchanged), and `return_id` names the return. Deliveries written before have neither: theirs is
 *   the one ticket of `ticket_id`.
 */
export class WebhookPayloadVersion1764000002300 implements MigrationInterface {
  name = 'WebhookPayloadVersion1764000002300';

  async up(q: QueryRunner): Promise<void> {
    // Existing rows take the column's default, 1; then new rows default to 2.
    await q.query(
      `ALTER TABLE webhook_endpoints ADD COLUMN payload_version smallint NOT NULL DEFAULT 1
         CONSTRAINT webhook_endpoints_payload_version_check CHECK (payload_version IN (1, 2))`,
    );
    await q.query(`ALTER TABLE webhook_endpoints ALTER COLUMN payload_version SET DEFAULT 2`);
    await q.query(`
      ALTER TABLE webhook_deliveries
        ADD COLUMN return_id uuid REFERENCES returns(id) ON DELETE CASCADE,
        ADD COLUMN ticket_ids uuid[],
        ADD CONSTRAINT webhook_deliveries_ticket_ids_check
          CHECK (ticket_ids IS NULL OR (cardinality(ticket_ids) >= 1 AND ticket_ids[1] = ticket_id))`);
    // The log's filter by ticket and "was this item told" find a message of several items by any of them.
    await q.query(
      `CREATE INDEX webhook_deliveries_ticket_ids_idx ON webhook_deliveries USING gin (ticket_ids) WHERE ticket_ids IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_return_idx ON webhook_deliveries (return_id, id DESC) WHERE return_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS webhook_deliveries_return_idx`);
    await q.query(`DROP INDEX IF EXISTS webhook_deliveries_ticket_ids_idx`);
    await q.query(
      `ALTER TABLE webhook_deliveries DROP CONSTRAINT IF EXISTS webhook_deliveries_ticket_ids_check,
         DROP COLUMN IF EXISTS ticket_ids, DROP COLUMN IF EXISTS return_id`,
    );
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN IF EXISTS payload_version`);
  }
}
