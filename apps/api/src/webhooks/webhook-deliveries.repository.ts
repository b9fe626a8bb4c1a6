import { Injectable } from '@nestjs/common';
import { FINAL_STATUSES } from '@rma/rules';
import { tx } from '../database/database.service.js';
import { messageIdBefore } from './signature.js';
import { endpointFromJson, endpointJsonOf, type EndpointRow } from './webhook-endpoints.repository.js';
import { WEBHOOKS_CHANNEL, type DeliveryStatus } from './webhooks.constants.js';

export interface DeliveryRow {
  id: string;
  tenantId: string;
  manufacturerId: string;
  /** The ticket it is about; for a message about several items (version 2), the first of them. */
  ticketId: string;
  /** Every item a version 2 message is about, in their order (null: just `ticketId`). */
  ticketIds: string[] | null;
  /** The return of its items (null for messages written before version 2 existed). */
  returnId: string | null;
  eventType: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  scheduleOffset: number;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  succeededAt: Date | null;
  failedAt: Date | null;
}

export interface AttemptRow {
  id: number;
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  url: string;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
}

export interface DueRow {
  id: string;
  status: DeliveryStatus;
  /** The row's last change (updated_at as text): a delivery due again after any change is a new hand-off. */
  version: string;
  /** When it became due, as PostgreSQL text (microseconds kept, for the keyset). */
  at: string;
}

export interface NewDelivery {
  id: string;
  tenantId: string;
  manufacturerId: string;
  /** The ticket it is about (the first of `ticketIds` when there are several). */
  ticketId: string;
  /** A version 2 message: every item it lists, in their order. */
  ticketIds?: string[] | null;
  returnId?: string | null;
  eventType: string;
  payload: unknown;
  delayMs: number;
}

export interface AttemptRecord {
  deliveryId: string;
  tenantId: string;
  attempt: number;
  attemptedAt: Date;
  url: string;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
}

/** What an attempt leaves the delivery as. */
export type DeliveryOutcome =
  | { status: 'SUCCEEDED' }
  | { status: 'PENDING'; delayMs: number; error: string }
  | { status: 'FAILED'; error: string };

export interface DeliveryFilter {
  manufacturerId?: string;
  /** Messages about this ticket, alone or among the items of a version 2 message. */
  ticketId?: string;
  returnId?: string;
  status?: DeliveryStatus;
  since?: Date;
  /** Keyset: deliveries older than this id. */
  before?: string;
  limit: number;
}

/** A delivery just claimed, with its manufacturer's endpoint (null when there is none yet). */
export interface ClaimedDelivery {
  delivery: DeliveryRow;
  /** The previous attempt's worker stopped before recording an answer (its lease ran out). */
  interrupted: boolean;
  endpoint: EndpointRow | null;
}

// ---- the webhook_deliveries and webhook_delivery_attempts mappers --------------------------------

const deliveryColumns = (
  a = '',
) => `${a}id, ${a}tenant_id AS "tenantId", ${a}manufacturer_id AS "manufacturerId",
  ${a}ticket_id AS "ticketId", ${a}ticket_ids::text[] AS "ticketIds", ${a}return_id AS "returnId", ${a}event_type AS "eventType", ${a}payload, ${a}status, ${a}attempts,
  ${a}schedule_offset AS "scheduleOffset", ${a}next_attempt_at AS "nextAttemptAt", ${a}lease_until AS "leaseUntil",
  ${a}last_status_code AS "lastStatusCode", ${a}last_error AS "lastError", ${a}created_at AS "createdAt",
  ${a}updated_at AS "updatedAt", ${a}succeeded_at AS "succeededAt", ${a}failed_at AS "failedAt"`;
const DELIVERY_COLUMNS = deliveryColumns();

const ATTEMPT_COLUMNS = `id::int AS id, delivery_id AS "deliveryId", attempt, attempted_at AS "attemptedAt", url,
  status_code AS "statusCode", latency_ms AS "latencyMs", response_body AS "responseBody", error`;

const INSERT_ATTEMPT = `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, tenant_id, attempted_at, url, status_code, latency_ms, response_body, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const attemptValues = (a: AttemptRecord): unknown[] => [
  a.deliveryId,
  a.attempt,
  a.tenantId,
  a.attemptedAt,
  a.url,
  a.statusCode,
  a.latencyMs,
  a.responseBody,
  a.error,
];

/**
 * The webhook deliveries (the outbox's rows, one per message to a manufacturer) and the log of their
 * attempts: queued with a ticket change, claimed and settled by the sender, listed and sent again by staff.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  // ---- the outbox -----------------------------------------------------------------------------

  /**
   * Queues a delivery to leave with the unit of work's COMMIT (one statement with the ticket change);
   * its NOTIFY reaches the dispatcher when the transaction commits, and `done` runs once it is written.
   */
  enqueue(d: NewDelivery, done?: () => void): void {
    tx.defer({
      text: `INSERT INTO webhook_deliveries (id, tenant_id, manufacturer_id, ticket_id, event_type, payload, next_attempt_at, ticket_ids, return_id)
             VALUES ($1, $2, $3, $4, $5, $6, now() + $7 * interval '1 millisecond', $8::uuid[], $9::uuid) RETURNING id`,
      values: [
        d.id,
        d.tenantId,
        d.manufacturerId,
        d.ticketId,
        d.eventType,
        JSON.stringify(d.payload),
        d.delayMs,
        d.ticketIds ?? null,
        d.returnId ?? null,
      ],
      notify: WEBHOOKS_CHANNEL,
      done,
    });
  }

  /**
   * Whether the ticket was ever sent this event, alone or among a message's items (a later event goes
   * only where `rma.forwarded` went).
   */
  async hasDelivery(ticketId: string, eventType: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM webhook_deliveries
        WHERE (ticket_id = $1 OR (ticket_ids IS NOT NULL AND ticket_ids @> ARRAY[$1::uuid])) AND event_type = $2 LIMIT 1`,
      [ticketId, eventType],
    );
    return rows.length > 0;
  }

  /**
   * Removes up to `limit` settled deliveries (succeeded, failed) made and last changed before `before`,
   * with their attempts; how many went. A ticket's `rma.forwarded` stays until the ticket is final (a
   * message about several items: until every one is): it is how a later change knows the manufacturer
   * was told (hasDelivery). Staff scope (all tenants).
   */
  async purgeSettled(before: Date, limit: number): Promise<number> {
    const rows = await tx.modified<unknown>( // Ids are time-ordered: the primary key finds the old ones.
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT d.id FROM webhook_deliveries d
          WHERE d.id < $1 AND d.updated_at < $2 AND d.status IN ('SUCCEEDED', 'FAILED')
            AND (d.event_type <> 'rma.forwarded'
                 OR NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = ANY(coalesce(d.ticket_ids, ARRAY[d.ticket_id]))
                                   AND t.status <> ALL($3::text[])))
          ORDER BY d.id LIMIT $4)
         AND updated_at < $2 AND status IN ('SUCCEEDED', 'FAILED') -- rechecked: one redelivered meanwhile stays
       RETURNING 1`,
      [messageIdBefore(before.getTime()), before, FINAL_STATUSES, limit],
    );
    return rows.length;
  }

  /** Deliveries still to be sent (waiting or in flight): how many, and the oldest one's age. */
  async pendingBacklog(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const [row] = await tx.query<{ depth: number; oldestAgeSeconds: number }>(
      `SELECT count(*)::int AS depth,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS "oldestAgeSeconds"
         FROM webhook_deliveries WHERE status IN ('PENDING', 'DELIVERING')`,
    );
    return row!;
  }

  // ---- sending --------------------------------------------------------------------------------

  /**
   * Deliveries due now, oldest first: pending ones whose time came, and those whose worker's lease ran
   * out. Keyset-paged by `after` (the last row's `at`, exact to the microsecond, and id).
   */
  async due(limit: number, after: DueRow | null = null): Promise<DueRow[]> {
    const page = (column: string, status: string, cmp: string) =>
      `(SELECT id, status, updated_at::text AS version, ${column}::text AS at FROM webhook_deliveries
         WHERE status = '${status}' AND ${column} ${cmp} now()
           AND ($2::timestamptz IS NULL OR (${column}, id) > ($2::timestamptz, $3::varchar))
         ORDER BY ${column}, id LIMIT $1)`;
    return tx.query(
      `SELECT id, status, version, at FROM (${page('next_attempt_at', 'PENDING', '<=')} UNION ALL ${page('lease_until', 'DELIVERING', '<')}) d
        ORDER BY at::timestamptz, id LIMIT $1`,
      [limit, after?.at ?? null, after?.id ?? null],
    );
  }

  /**
   * Takes a due delivery for one attempt: DELIVERING with a lease, attempts + 1. null when it is not
   * due (delivered already, waiting for a retry, or another worker holds a live lease).
   */
  async claim(id: string, leaseMs: number): Promise<ClaimedDelivery | null> {
    // One round trip: the claim, and the manufacturer's endpoint beside it.
    const rows: Array<DeliveryRow & { previousStatus: string; endpoint: Record<string, unknown> | null }> =
      await tx.query(
        `WITH c AS (
         UPDATE webhook_deliveries d SET status = 'DELIVERING', attempts = d.attempts + 1,
                lease_until = now() + $2 * interval '1 millisecond', updated_at = now()
           FROM (SELECT id, status FROM webhook_deliveries WHERE id = $1 FOR UPDATE) prev
          WHERE d.id = prev.id
            AND ((d.status = 'PENDING' AND d.next_attempt_at <= now()) OR (d.status = 'DELIVERING' AND d.lease_until < now()))
          RETURNING d.*, prev.status AS previous_status)
       SELECT ${deliveryColumns('c.')}, c.previous_status AS "previousStatus",
              ${endpointJsonOf('c.manufacturer_id')} AS endpoint
         FROM c`,
        [id, leaseMs],
      );
    const row = rows[0];
    if (!row) return null;
    const { previousStatus, endpoint, ...delivery } = row;
    return {
      delivery,
      interrupted: previousStatus === 'DELIVERING',
      endpoint: endpoint ? endpointFromJson(endpoint) : null,
    };
  }

  /** Logs an attempt and settles the delivery, if this worker still holds it (attempt number unchanged). */
  async recordAttempt(a: AttemptRecord, outcome: DeliveryOutcome): Promise<boolean> {
    const args = attemptValues(a);
    let set: string;
    switch (outcome.status) {
      case 'SUCCEEDED':
        set = `status = 'SUCCEEDED', succeeded_at = now(), next_attempt_at = NULL, last_error = NULL`;
        break;
      case 'PENDING':
        set = `status = 'PENDING', next_attempt_at = now() + $${args.push(outcome.delayMs)} * interval '1 millisecond',
               last_error = $${args.push(outcome.error)}`;
        break;
      case 'FAILED':
        set = `status = 'FAILED', failed_at = now(), next_attempt_at = NULL, last_error = $${args.push(outcome.error)}`;
        break;
    }
    const rows = await tx.modified<unknown>(
      `WITH a AS (${INSERT_ATTEMPT} RETURNING 1)
       UPDATE webhook_deliveries SET ${set}, last_status_code = $6, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'DELIVERING' AND attempts = $2 RETURNING id`,
      args,
    );
    return rows.length > 0;
  }

  /** Logs an attempt without settling anything (an interrupted one, found when its lease ran out). */
  async insertAttempt(a: AttemptRecord): Promise<void> {
    await tx.query(INSERT_ATTEMPT, attemptValues(a));
  }

  /** Settles a delivery that cannot be sent at all (no endpoint, endpoint disabled), without an HTTP attempt. */
  async failWithoutAttempt(id: string, attempt: number, error: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_deliveries SET status = 'FAILED', failed_at = now(), next_attempt_at = NULL, lease_until = NULL,
              attempts = attempts - 1, last_error = $3, updated_at = now()
        WHERE id = $1 AND status = 'DELIVERING' AND attempts = $2`,
      [id, attempt, error],
    );
  }

  /** Fails every waiting delivery of a manufacturer (its endpoint was disabled). Returns how many. */
  async failPending(manufacturerId: string, error: string): Promise<number> {
    const rows = await tx.modified<unknown>(
      `UPDATE webhook_deliveries SET status = 'FAILED', failed_at = now(), next_attempt_at = NULL, last_error = $2, updated_at = now()
        WHERE manufacturer_id = $1 AND status = 'PENDING' RETURNING id`,
      [manufacturerId, error],
    );
    return rows.length;
  }

  // ---- the delivery log -----------------------------------------------------------------------

  list(f: DeliveryFilter): Promise<DeliveryRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.manufacturerId) where.push(`manufacturer_id = $${args.push(f.manufacturerId)}`);
    if (f.ticketId) {
      const t = args.push(f.ticketId);
      where.push(`(ticket_id = $${t} OR (ticket_ids IS NOT NULL AND ticket_ids @> ARRAY[$${t}::uuid]))`);
    }
    if (f.returnId) where.push(`return_id = $${args.push(f.returnId)}`);
    if (f.status) where.push(`status = $${args.push(f.status)}`);
    if (f.since) where.push(`created_at >= $${args.push(f.since)}`);
    if (f.before) where.push(`id < $${args.push(f.before)}`);
    return tx.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ${Math.trunc(f.limit)}`,
      args,
    );
  }

  async findById(id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await tx.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  attemptsOf(deliveryIds: string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return tx.query(
      `SELECT ${ATTEMPT_COLUMNS} FROM webhook_delivery_attempts WHERE delivery_id = ANY($1) ORDER BY delivery_id, id`,
      [deliveryIds],
    );
  }

  /** Sends a settled delivery again (same id), on a fresh run of the schedule; a waiting one is made due now. */
  async redeliver(id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await tx.query(
      `WITH d AS (
         UPDATE webhook_deliveries SET status = 'PENDING', schedule_offset = attempts, next_attempt_at = now(),
                succeeded_at = NULL, failed_at = NULL, updated_at = now()
          WHERE id = $1 AND status IN ('PENDING', 'SUCCEEDED', 'FAILED') RETURNING *)
       SELECT ${DELIVERY_COLUMNS}, pg_notify('${WEBHOOKS_CHANNEL}', '') FROM d`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Sends again every delivery that failed at or after `since` (of one manufacturer, if given). Returns how many. */
  async redeliverFailedSince(since: Date, manufacturerId: string | null): Promise<number> {
    const rows: unknown[] = await tx.query(
      `WITH d AS (
         UPDATE webhook_deliveries SET status = 'PENDING', schedule_offset = attempts, next_attempt_at = now(),
                failed_at = NULL, updated_at = now()
          WHERE status = 'FAILED' AND failed_at >= $1 AND ($2::uuid IS NULL OR manufacturer_id = $2) RETURNING id)
       SELECT id, pg_notify('${WEBHOOKS_CHANNEL}', '') FROM d`,
      [since, manufacturerId],
    );
    return rows.length;
  }
}
