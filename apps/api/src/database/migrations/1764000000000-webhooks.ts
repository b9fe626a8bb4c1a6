import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database.constants.js';

/**
 * Webhooks to manufacturers and their callbacks. Endpoints are platform configuration (like
 * manufacturers); deliveries, their attempts and the callbacks applied are about one reseller's
 * ticket, carry its tenant_id and are guarded by row-level security like the other tenant tables.
 */
export const WEBHOOK_TENANT_TABLES = [
  'webhook_deliveries',
  'webhook_delivery_attempts',
  'webhook_callbacks',
] as const;

export class Webhooks1764000000000 implements MigrationInterface {
  name = 'Webhooks1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        manufacturer_id uuid NOT NULL UNIQUE REFERENCES manufacturers(id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL DEFAULT ARRAY['rma.forwarded']::text[],
        secret text NOT NULL,
        secret_created_at timestamptz NOT NULL DEFAULT now(),
        previous_secret text,
        previous_secret_expires_at timestamptz,
        inbound_secret text,
        inbound_secret_created_at timestamptz,
        inbound_previous_secret text,
        inbound_previous_secret_expires_at timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The outbox: written in the ticket's transaction, driven from here until it succeeds or fails.
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id varchar(40) PRIMARY KEY CHECK (id LIKE 'msg\\_%'),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        manufacturer_id uuid NOT NULL REFERENCES manufacturers(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        event_type varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERING','SUCCEEDED','FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        -- attempts made before the current run of the retry schedule (a manual redelivery starts a new run)
        schedule_offset integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        succeeded_at timestamptz,
        failed_at timestamptz,
        CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL),
        CHECK (status <> 'DELIVERING' OR lease_until IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_lease_idx ON webhook_deliveries (lease_until, id) WHERE status = 'DELIVERING'`,
    );
    // The log is listed newest first by id (msg_ + ULID: time-ordered), optionally per manufacturer or ticket.
    await q.query(
      `CREATE INDEX webhook_deliveries_manufacturer_idx ON webhook_deliveries (manufacturer_id, id DESC)`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_ticket_idx ON webhook_deliveries (ticket_id, id DESC)`);
    await q.query(
      `CREATE INDEX webhook_deliveries_failed_idx ON webhook_deliveries (failed_at) WHERE status = 'FAILED'`,
    );

    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        delivery_id varchar(40) NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        url text NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        response_body text,
        error text
      )`);
    await q.query(
      `CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, id)`,
    );

    // Callbacks applied: the unique (manufacturer, webhook-id) makes a replay a no-op.
    await q.query(`
      CREATE TABLE webhook_callbacks (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        manufacturer_id uuid NOT NULL REFERENCES manufacturers(id) ON DELETE CASCADE,
        webhook_id varchar(255) NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        event_type varchar(64) NOT NULL,
        raw_body text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        result varchar(16) NOT NULL,
        action varchar(40),
        from_status varchar(32),
        to_status varchar(32),
        UNIQUE (manufacturer_id, webhook_id)
      )`);
    await q.query(`CREATE INDEX webhook_callbacks_ticket_idx ON webhook_callbacks (ticket_id, id)`);

    for (const table of WEBHOOK_TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (rma_row_visible(tenant_id)) WITH CHECK (rma_row_visible(tenant_id))`,
      );
    }
    const tables = ['webhook_endpoints', ...WEBHOOK_TENANT_TABLES].join(', ');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables} TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE IF EXISTS webhook_callbacks, webhook_delivery_attempts, webhook_deliveries, webhook_endpoints`,
    );
  }
}
