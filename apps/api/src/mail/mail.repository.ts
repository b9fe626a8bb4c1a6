import { Injectable } from '@nestjs/common';
import { type Write, tx } from '../database/database.service.js';
import type { MailKind, MailStatus } from '@rma/rules';
import { uuidv7 } from '../common/ids.js';

export { MAIL_STATUSES, type MailStatus } from '@rma/rules';

export interface MailRow {
  id: string;
  tenantId: string | null;
  ticketId: string | null;
  kind: MailKind;
  recipients: string[];
  subject: string;
  body: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  smtpMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

export interface NewMail {
  tenantId: string | null;
  ticketId: string | null;
  kind: MailKind;
  recipients: string[];
  subject: string;
  body: string;
  dedupeKey?: string | null;
  /** HELD: kept unsent (no SMTP configured); PENDING: sent after `delayMs`. */
  status: 'HELD' | 'PENDING';
  delayMs: number;
}

/** A message to write: its recipients are addresses, or the ticket's reseller, looked up as it is written. */
export type MailToWrite = Omit<NewMail, 'recipients'> & {
  recipients: string[] | { ticketReseller: { tenantId: string; createdBy: string | null } };
};

export interface DueMail {
  id: string;
  status: MailStatus;
  attempts: number;
}

export type MailOutcome =
  | { status: 'SENT'; smtpMessageId: string | null }
  | { status: 'PENDING'; delayMs: number; error: string }
  | { status: 'FAILED'; error: string };

export interface MailListFilter {
  status?: MailStatus;
  ticketId?: string;
  kind?: string;
  recipient?: string;
  before?: [string, string];
  limit: number;
}

const COLUMNS = `id, tenant_id AS "tenantId", ticket_id AS "ticketId", kind, recipients, subject, body, status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", smtp_message_id AS "smtpMessageId",
  created_at AS "createdAt", updated_at AS "updatedAt", sent_at AS "sentAt"`;

/** The only place that knows the mail_outbox table, and where recipients are looked up. */
@Injectable()
export class MailRepository {
  /**
   * A message to write in the caller's transaction, as a {@link Write} (it can go with the ticket's
   * own rows and COMMIT in one statement): it writes nothing when its dedupe key was taken already, or
   * when its recipients are the ticket's reseller and nobody there can receive it. Recipients are a
   * list, or `{ ticketReseller }`: looked up in the same statement.
   */
  /**
   * Queues a message to leave with the unit of work's COMMIT (one statement with the change that causes
   * it); `done` hears whether a row was written (a ticket message may find no recipient).
   */
  enqueue(v: MailToWrite, done?: (written: boolean) => void): void {
    tx.defer(this.insertWrite(v, done));
  }

  private insertWrite(v: MailToWrite, done?: (written: boolean) => void): Write {
    const values: unknown[] = [
      v.tenantId,
      v.ticketId,
      v.kind,
      v.subject,
      v.body,
      v.dedupeKey ?? null,
      v.status,
      v.delayMs,
    ];
    let recipients: string;
    if (Array.isArray(v.recipients)) {
      recipients = `$${values.push(v.recipients)}::text[]`;
    } else {
      // The user who created the ticket while active; else (API key, disabled user) the tenant's active reseller admins.
      const tenant = `$${values.push(v.recipients.ticketReseller.tenantId)}::uuid`;
      const creator = `$${values.push(v.recipients.ticketReseller.createdBy)}::uuid`;
      recipients = `coalesce(
         (SELECT ARRAY[u.email]::text[] FROM users u WHERE u.id = ${creator} AND u.tenant_id = ${tenant} AND u.disabled_at IS NULL),
         (SELECT array_agg(u.email ORDER BY u.email)::text[] FROM users u
           WHERE u.tenant_id = ${tenant} AND u.role = 'RESELLER_ADMIN' AND u.disabled_at IS NULL))`;
    }
    // Time-ordered ids keep the primary key's inserts at its right-hand end.
    const id = `$${values.push(uuidv7())}::uuid`;
    return {
      text: `INSERT INTO mail_outbox (id, tenant_id, ticket_id, kind, recipients, subject, body, dedupe_key, status, next_attempt_at)
       SELECT ${id}, $1::uuid, $2::uuid, $3, r.emails, $4, $5, $6, $7::varchar,
              CASE WHEN $7::varchar = 'PENDING' THEN now() + $8::float8 * interval '1 millisecond' END
         FROM (SELECT ${recipients} AS emails) r
        WHERE cardinality(r.emails) > 0
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
      values,
      done: done && ((rows) => done(rows > 0)),
    };
  }

  /** The distributor's active admins (staff notifications when no list is configured). Staff scope only. */
  async staffAdmins(): Promise<string[]> {
    const rows: Array<{ email: string }> = await tx.query(
      `SELECT email FROM users WHERE tenant_id IS NULL AND role = 'DISTRIBUTOR_ADMIN' AND disabled_at IS NULL ORDER BY email`,
    );
    return rows.map((r) => r.email);
  }

  /** Messages due now: pending ones whose time came, and those whose sender's lease ran out. */
  due(limit: number): Promise<DueMail[]> {
    return tx.query(
      `SELECT id, status, attempts FROM (
         (SELECT id, status, attempts, next_attempt_at AS at FROM mail_outbox
           WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $1)
         UNION ALL
         (SELECT id, status, attempts, lease_until AS at FROM mail_outbox
           WHERE status = 'SENDING' AND lease_until < now() ORDER BY lease_until, id LIMIT $1)
       ) d ORDER BY at, id LIMIT $1`,
      [limit],
    );
  }

  /**
   * Sends a kept, failed or sent message (again): due now, with a fresh retry schedule. Null when the
   * message is not in one of those states (waiting already, or being sent right now).
   */
  async resend(id: string): Promise<MailRow | null> {
    const rows = await tx.modified<MailRow>(
      `UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL,
              sent_at = NULL, smtp_message_id = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('HELD', 'FAILED', 'SENT') RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Removes up to `limit` settled messages (sent, kept without SMTP, failed) untouched since `before`;
   * how many went. Messages waiting or being sent are never removed. Staff scope (all tenants).
   */
  async purgeSettled(before: Date, limit: number): Promise<number> {
    const rows = await tx.modified<unknown>( // updated_at >= created_at, so the created_at index narrows the search to old messages.
      // The conditions again on the row deleted: one sent again meanwhile is rechecked, and stays.
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT id FROM mail_outbox
          WHERE created_at < $1 AND updated_at < $1 AND status IN ('SENT', 'HELD', 'FAILED')
          ORDER BY created_at LIMIT $2)
         AND updated_at < $1 AND status IN ('SENT', 'HELD', 'FAILED')
       RETURNING 1`,
      [before, limit],
    );
    return rows.length;
  }

  async findById(id: string): Promise<MailRow | null> {
    const rows: MailRow[] = await tx.query(`SELECT ${COLUMNS} FROM mail_outbox WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Takes a due message for one attempt (SENDING with a lease, attempts + 1); null when it is not due. */
  async claim(id: string, leaseMs: number): Promise<MailRow | null> {
    const rows = await tx.modified<MailRow>(
      `UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1,
              lease_until = now() + $2 * interval '1 millisecond', updated_at = now()
        WHERE id = $1
          AND ((status = 'PENDING' AND next_attempt_at <= now()) OR (status = 'SENDING' AND lease_until < now()))
        RETURNING ${COLUMNS}`,
      [id, leaseMs],
    );
    return rows[0] ?? null;
  }

  /** Settles an attempt, if this sender still holds it (same attempt number). */
  async settle(id: string, attempt: number, o: MailOutcome): Promise<boolean> {
    const rows = await tx.modified<unknown>(
      `UPDATE mail_outbox SET status = $3::varchar, lease_until = NULL, updated_at = now(),
              next_attempt_at = CASE WHEN $3::varchar = 'PENDING' THEN now() + $4::float8 * interval '1 millisecond' END,
              last_error = $5::text, smtp_message_id = coalesce($6::text, smtp_message_id),
              sent_at = CASE WHEN $3::varchar = 'SENT' THEN now() ELSE sent_at END
        WHERE id = $1 AND attempts = $2 AND status = 'SENDING' RETURNING id`,
      [
        id,
        attempt,
        o.status,
        o.status === 'PENDING' ? o.delayMs : 0,
        o.status === 'SENT' ? null : o.error,
        o.status === 'SENT' ? o.smtpMessageId : null,
      ],
    );
    return rows.length > 0;
  }

  list(f: MailListFilter): Promise<Array<MailRow & { cursor: string }>> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.status) where.push(`status = $${args.push(f.status)}`);
    if (f.ticketId) where.push(`ticket_id = $${args.push(f.ticketId)}`);
    if (f.kind) where.push(`kind = $${args.push(f.kind)}`);
    if (f.recipient) {
      const r = args.push(f.recipient.toLowerCase());
      where.push(`EXISTS (SELECT 1 FROM unnest(recipients) AS r(address) WHERE lower(r.address) = $${r})`);
    }
    if (f.before) {
      where.push(
        `(created_at, id) < ($${args.push(f.before[0])}::timestamptz, $${args.push(f.before[1])}::uuid)`,
      );
    }
    return tx.query(
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor
         FROM mail_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT ${f.limit}`,
      args,
    );
  }

  /** Messages still to be sent (waiting or being sent; not those kept without SMTP): how many, and the oldest one's age. */
  async pendingBacklog(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const [row] = await tx.query<{ depth: number; oldestAgeSeconds: number }>(
      `SELECT count(*)::int AS depth,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS "oldestAgeSeconds"
         FROM mail_outbox WHERE status IN ('PENDING', 'SENDING')`,
    );
    return row!;
  }
}
