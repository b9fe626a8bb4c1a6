import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, STAFF_ROLE } from '../database.constants.js';

/** Issue 6's tables under row-level security. */
export const PAPERWORK_TENANT_TABLES = ['mail_outbox', 'ticket_attachments'] as const;

/**
 * The mail outbox and ticket attachments. Mail to a reseller carries its tenant_id and is written in
 * the ticket change's transaction; mail to staff (a manufacturer's webhook that keeps failing) has no
 * tenant and so is visible to the staff role only. Attachments' bytes live in the attachment store
 * (local disk by default); the row is their metadata. Grants come from the default privileges.
 */
export class Paperwork1764000000600 implements MigrationInterface {
  name = 'Paperwork1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        recipients text[] NOT NULL CHECK (cardinality(recipients) > 0),
        subject text NOT NULL,
        body text NOT NULL,
        -- one message per key (e.g. one "webhook keeps failing" per manufacturer and day)
        dedupe_key varchar(200) UNIQUE,
        status varchar(16) NOT NULL CHECK (status IN ('HELD','PENDING','SENDING','SENT','FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        last_error text,
        smtp_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL),
        CHECK (status <> 'SENDING' OR lease_until IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX mail_outbox_lease_idx ON mail_outbox (lease_until, id) WHERE status = 'SENDING'`,
    );
    await q.query(`CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX mail_outbox_ticket_idx ON mail_outbox (ticket_id, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE ticket_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL CHECK (kind IN ('PHOTO','LOG','PROOF_OF_PURCHASE','OTHER')),
        file_name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid,
        uploaded_by_label varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ticket_attachments_ticket_idx ON ticket_attachments (ticket_id, created_at, id)`,
    );

    for (const table of PAPERWORK_TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      const own = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO ${APP_ROLE} USING (${own}) WITH CHECK (${own})`,
      );
      await q.query(
        `CREATE POLICY staff_all_tenants ON ${table} TO ${STAFF_ROLE} USING (true) WITH CHECK (true)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ticket_attachments, mail_outbox`);
  }
}
