import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A manufacturer's webhook address lives in one place, its configuration (`config.webhookUrl`), so a
 * change reaches its deliveries at once and is kept in the configuration's history; the endpoint row
 * keeps what is the endpoint's own (events, secrets, its disablement). An endpoint whose stored URL
 * differs from the configuration's is where deliveries went until now: that address is kept.
 */
export class WebhookUrlInConfiguration1764000001700 implements MigrationInterface {
  name = 'WebhookUrlInConfiguration1764000001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `SELECT set_config('app.actor_label', 'Upgrade: the webhook endpoint''s address, kept in the configuration', true)`,
    );
    await q.query(`
      UPDATE manufacturers m SET config = jsonb_set(m.config, '{webhookUrl}', to_jsonb(e.url))
        FROM webhook_endpoints e
       WHERE e.manufacturer_id = m.id AND m.config->>'webhookUrl' IS DISTINCT FROM e.url`);
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN url`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoints ADD COLUMN url text`);
    await q.query(`
      UPDATE webhook_endpoints e SET url = coalesce(m.config->>'webhookUrl', '')
        FROM manufacturers m WHERE m.id = e.manufacturer_id`);
    await q.query(`ALTER TABLE webhook_endpoints ALTER COLUMN url SET NOT NULL`);
  }
}
