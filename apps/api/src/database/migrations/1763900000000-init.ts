import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database.constants.js';

/** Tables that belong to one reseller: each carries tenant_id and is guarded by row-level security. */
export const TENANT_TABLES = [
  'users',
  'api_keys',
  'invoice_lines',
  'tickets',
  'ticket_events',
  'idempotency_keys',
] as const;

export class Init1763900000000 implements MigrationInterface {
  name = 'Init1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);

    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        currency char(3) NOT NULL DEFAULT 'EUR',
        restocking_fee_percent numeric(5,2),
        restocking_fee_min_minor integer,
        return_window_days integer,
        delivery_error_window_days integer,
        return_address text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        email varchar(254) NOT NULL,
        name varchar(200) NOT NULL,
        role varchar(32) NOT NULL CHECK (role IN ('DISTRIBUTOR_ADMIN','DISTRIBUTOR_AGENT','RESELLER_ADMIN','RESELLER_AGENT')),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((tenant_id IS NULL) = (role LIKE 'DISTRIBUTOR_%'))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_tenant_idx ON users (tenant_id)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        prefix varchar(16) NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        role varchar(32) NOT NULL DEFAULT 'RESELLER_AGENT' CHECK (role IN ('RESELLER_ADMIN','RESELLER_AGENT')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at)`);

    await q.query(`
      CREATE TABLE manufacturers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        config jsonb NOT NULL,
        return_address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        manufacturer_id uuid NOT NULL REFERENCES manufacturers(id) ON DELETE RESTRICT,
        sku varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        product_line varchar(100),
        usage_limit_unit varchar(16),
        usage_limit integer,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX products_manufacturer_idx ON products (manufacturer_id)`);

    await q.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        invoice_number varchar(64) NOT NULL,
        invoiced_on date NOT NULL,
        sku varchar(64) NOT NULL,
        serial_number varchar(64),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        currency char(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, invoice_number, sku, serial_number)
      )`);
    await q.query(
      `CREATE INDEX invoice_lines_serial_idx ON invoice_lines (tenant_id, serial_number, invoiced_on DESC)`,
    );
    await q.query(`CREATE INDEX invoice_lines_sku_idx ON invoice_lines (tenant_id, sku, invoiced_on DESC)`);

    await q.query(`CREATE SEQUENCE rma_number_seq`);
    await q.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        status varchar(32) NOT NULL,
        reason varchar(32) NOT NULL,
        manufacturer_id uuid REFERENCES manufacturers(id),
        sku varchar(64),
        serial_number varchar(64),
        invoice_ref varchar(64),
        customer jsonb NOT NULL DEFAULT '{}',
        customer_name varchar(200),
        delivery jsonb NOT NULL DEFAULT '{}',
        facts jsonb NOT NULL DEFAULT '{}',
        fault_description text,
        support_ticket_number varchar(64),
        reseller_reference varchar(100),
        decision jsonb,
        rules_version varchar(32),
        route varchar(32),
        handling varchar(40),
        warranty_status varchar(32),
        rma_number varchar(32) UNIQUE,
        rma_issued_on date,
        rma_valid_until date,
        carrier varchar(64),
        tracking_number varchar(100),
        shipped_on date,
        outcome varchar(32),
        credit_minor bigint,
        currency char(3),
        replacement_serial varchar(64),
        replacement_covered_until date,
        vendor_rma_number varchar(64),
        sla_due_on date,
        submitted_at timestamptz,
        received_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Triage list: keyset on (created_at, id), filtered by status / tenant / manufacturer; exact look-ups.
    await q.query(`CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX tickets_status_created_idx ON tickets (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX tickets_tenant_created_idx ON tickets (tenant_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX tickets_tenant_status_created_idx ON tickets (tenant_id, status, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX tickets_manufacturer_created_idx ON tickets (manufacturer_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX tickets_sla_idx ON tickets (sla_due_on) WHERE sla_due_on IS NOT NULL`);
    await q.query(`CREATE INDEX tickets_serial_idx ON tickets (serial_number)`);
    await q.query(`CREATE INDEX tickets_customer_idx ON tickets (lower(customer_name) text_pattern_ops)`);
    await q.query(
      `CREATE INDEX tickets_replacement_idx ON tickets (replacement_serial) WHERE replacement_serial IS NOT NULL`,
    );
    await q.query(`CREATE INDEX tickets_expiry_idx ON tickets (rma_valid_until) WHERE status = 'APPROVED'`);

    await q.query(`
      CREATE TABLE ticket_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor_type varchar(16) NOT NULL,
        actor_id uuid,
        actor_label varchar(200) NOT NULL,
        action varchar(40) NOT NULL,
        from_status varchar(32),
        to_status varchar(32) NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at)`);

    // Row-level security, enforced a second time under the data layer's own scoping.
    await q.query(`
      CREATE FUNCTION rma_row_visible(row_tenant uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('app.all_tenants', true), '') = 'on'
            OR row_tenant = nullif(current_setting('app.tenant_id', true), '')::uuid
      $$`);
    await q.query(`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE tenants FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON tenants USING (rma_row_visible(id)) WITH CHECK (rma_row_visible(id))`,
    );
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      // Staff users (tenant_id NULL) are visible only in the all-tenants scope, which rma_row_visible covers.
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (rma_row_visible(tenant_id)) WITH CHECK (rma_row_visible(tenant_id))`,
      );
    }

    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT EXECUTE ON FUNCTION rma_row_visible(uuid) TO ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON TABLE migrations FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE IF EXISTS idempotency_keys, ticket_events, tickets, invoice_lines, products, manufacturers, api_keys, users, tenants CASCADE`,
    );
    await q.query(`DROP SEQUENCE IF EXISTS rma_number_seq`);
    await q.query(`DROP FUNCTION IF EXISTS rma_row_visible(uuid)`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
