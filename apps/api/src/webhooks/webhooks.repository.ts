import { Injectable } from '@nestjs/common';
import { FINAL_STATUSES } from '@rma/rules';
import { tx } from '../database/database.service.js';
import { messageIdBefore } from './signature.js';
import { WEBHOOKS_CHANNEL, type DeliveryStatus } from './webhooks.constants.js';

/**
 * A manufacturer's webhook endpoint, secrets included: never answered as is. The four secrets are
 * as stored: sealed (`enc:v1:…`, see webhook-secrets.ts) when SECRETS_KEY is set, else plain text.
 */
export interface EndpointRow {
  id: string;
  manufacturerId: string;
  /** The manufacturer's configured webhookUrl; null once its configuration has none. */
  url: string | null;
  events: string[];
  secret: string;
  secretCreatedAt: Date;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  inboundSecret: string | null;
  inboundSecretCreatedAt: Date | null;
  inboundPreviousSecret: string | null;
  inboundPreviousSecretExpiresAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An endpoint's stored secrets, for the boot pass that seals them under the current key. */
export type EndpointSecrets = Pick<
  EndpointRow,
  'id' | 'manufacturerId' | 'secret' | 'previousSecret' | 'inboundSecret' | 'inboundPreviousSecret'
>;

export interface DeliveryRow {
  id: string;
  tenantId: string;
  manufacturerId: string;
  ticketId: string;
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
  ticketId: string;
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
  ticketId?: string;
  status?: DeliveryStatus;
  since?: Date;
  /** Keyset: deliveries older than this id. */
  before?: string;
  limit: number;
}

/** Where an endpoint's messages go: its manufacturer's configured address, the one source of it. */
const endpointUrl = (e = '') =>
  `(SELECT config->>'webhookUrl' FROM manufacturers WHERE id = ${e}manufacturer_id)`;

const ENDPOINT_COLUMNS = `id, manufacturer_id AS "manufacturerId", ${endpointUrl()} AS url, events, secret, secret_created_at AS "secretCreatedAt",
  previous_secret AS "previousSecret", previous_secret_expires_at AS "previousSecretExpiresAt",
  inbound_secret AS "inboundSecret", inbound_secret_created_at AS "inboundSecretCreatedAt",
  inbound_previous_secret AS "inboundPreviousSecret", inbound_previous_secret_expires_at AS "inboundPreviousSecretExpiresAt",
  disabled_at AS "disabledAt", disabled_reason AS "disabledReason", failing_since AS "failingSince",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const deliveryColumns = (
  a = '',
) => `${a}id, ${a}tenant_id AS "tenantId", ${a}manufacturer_id AS "manufacturerId",
  ${a}ticket_id AS "ticketId", ${a}event_type AS "eventType", ${a}payload, ${a}status, ${a}attempts,
  ${a}schedule_offset AS "scheduleOffset", ${a}next_attempt_at AS "nextAttemptAt", ${a}lease_until AS "leaseUntil",
  ${a}last_status_code AS "lastStatusCode", ${a}last_error AS "lastError", ${a}created_at AS "createdAt",
  ${a}updated_at AS "updatedAt", ${a}succeeded_at AS "succeededAt", ${a}failed_at AS "failedAt"`;
const DELIVERY_COLUMNS = deliveryColumns();

const ATTEMPT_COLUMNS = `id::int AS id, delivery_id AS "deliveryId", attempt, attempted_at AS "attemptedAt", url,
  status_code AS "statusCode", latency_ms AS "latencyMs", response_body AS "responseBody", error`;

const ENDPOINT_FIELDS: Array<[keyof EndpointRow, string]> = [
  ['id', 'id'],
  ['manufacturerId', 'manufacturer_id'],
  ['events', 'events'],
  ['secret', 'secret'],
  ['secretCreatedAt', 'secret_created_at'],
  ['previousSecret', 'previous_secret'],
  ['previousSecretExpiresAt', 'previous_secret_expires_at'],
  ['inboundSecret', 'inbound_secret'],
  ['inboundSecretCreatedAt', 'inbound_secret_created_at'],
  ['inboundPreviousSecret', 'inbound_previous_secret'],
  ['inboundPreviousSecretExpiresAt', 'inbound_previous_secret_expires_at'],
  ['disabledAt', 'disabled_at'],
  ['disabledReason', 'disabled_reason'],
  ['failingSince', 'failing_since'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
];
/** An endpoint as a JSON object (for a sub-select); `reviveEndpoint` turns it back into an EndpointRow. */
const ENDPOINT_JSON = [
  ...ENDPOINT_FIELDS.map(([key, col]) => `'${key}', e.${col}`),
  `'url', ${endpointUrl('e.')}`,
].join(', ');
const ENDPOINT_DATES = new Set<string>(
  ENDPOINT_FIELDS.filter(([, col]) => col.endsWith('_at') || col === 'failing_since').map(([k]) => k),
);

function reviveEndpoint(json: Record<string, unknown>): EndpointRow {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    out[key] = ENDPOINT_DATES.has(key) && typeof value === 'string' ? new Date(value) : value;
  }
  return out as unknown as EndpointRow;
}

/** The only place that knows the webhook tables. */
@Injectable()
export class WebhooksRepository {
  // ---- outbox ---------------------------------------------------------------------------------

  /**
   * A delivery to write in the caller's transaction, as a {@link Write} (it can go with the ticket's
   * rows and COMMIT in one statement); its NOTIFY reaches the dispatcher when the transaction commits.
   */
  /** Queues a delivery to leave with the unit of work's COMMIT (one statement with the ticket change). */
  enqueueDelivery(d: NewDelivery, done?: () => void): void {
    tx.defer({
      text: `INSERT INTO webhook_deliveries (id, tenant_id, manufacturer_id, ticket_id, event_type, payload, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, now() + $7 * interval '1 millisecond') RETURNING id`,
      values: [
        d.id,
        d.tenantId,
        d.manufacturerId,
        d.ticketId,
        d.eventType,
        JSON.stringify(d.payload),
        d.delayMs,
      ],
      notify: WEBHOOKS_CHANNEL,
      done,
    });
  }

  /**
   * Removes up to `limit` settled deliveries (succeeded, failed) made and last changed before `before`,
   * with their attempts; how many went. A ticket's `rma.forwarded` stays until the ticket is final: it is
   * how a later change knows the manufacturer was told (hasDelivery). Staff scope (all tenants).
   */
  async purgeSettled(before: Date, limit: number): Promise<number> {
    const rows = await tx.modified<unknown>( // Ids are time-ordered: the primary key finds the old ones.
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT d.id FROM webhook_deliveries d
          WHERE d.id < $1 AND d.updated_at < $2 AND d.status IN ('SUCCEEDED', 'FAILED')
            AND (d.event_type <> 'rma.forwarded'
                 OR EXISTS (SELECT 1 FROM tickets t WHERE t.id = d.ticket_id AND t.status = ANY($3::text[])))
          ORDER BY d.id LIMIT $4)
         AND updated_at < $2 AND status IN ('SUCCEEDED', 'FAILED') -- rechecked: one redelivered meanwhile stays
       RETURNING 1`,
      [messageIdBefore(before.getTime()), before, FINAL_STATUSES, limit],
    );
    return rows.length;
  }

  async hasDelivery(ticketId: string, eventType: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM webhook_deliveries WHERE ticket_id = $1 AND event_type = $2 LIMIT 1`,
      [ticketId, eventType],
    );
    return rows.length > 0;
  }

  // ---- endpoints ------------------------------------------------------------------------------

  async endpointByManufacturer(manufacturerId: string, forUpdate = false): Promise<EndpointRow | null> {
    const rows: EndpointRow[] = await tx.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE manufacturer_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [manufacturerId],
    );
    return rows[0] ?? null;
  }

  /**
   * The endpoint, created from the manufacturer's configured `webhookUrl` the first time it is needed,
   * with the secret `newSecret` gives (as stored: sealed when there is a key).
   */
  async endpointOrDefault(manufacturerId: string, newSecret: () => string): Promise<EndpointRow | null> {
    const existing = await this.endpointByManufacturer(manufacturerId);
    if (existing) return existing;
    await tx.query(
      `INSERT INTO webhook_endpoints (manufacturer_id, secret)
       SELECT id, $2 FROM manufacturers
        WHERE id = $1 AND coalesce(config->>'webhookUrl', '') <> ''
       ON CONFLICT (manufacturer_id) DO NOTHING`,
      [manufacturerId, newSecret()],
    );
    return this.endpointByManufacturer(manufacturerId);
  }

  /** A new endpoint; `secret` as stored (sealed when there is a key). */
  async insertEndpoint(v: {
    manufacturerId: string;
    events: string[];
    secret: string;
  }): Promise<EndpointRow> {
    const rows: EndpointRow[] = await tx.query(
      `INSERT INTO webhook_endpoints (manufacturer_id, events, secret) VALUES ($1, $2, $3) RETURNING ${ENDPOINT_COLUMNS}`,
      [v.manufacturerId, v.events, v.secret],
    );
    return rows[0]!;
  }

  /** Sets the events; `enable` clears a disablement and the failing streak, `disable` sets one. */
  async updateEndpoint(
    id: string,
    v: { events: string[]; enabled: boolean | undefined },
  ): Promise<EndpointRow> {
    const rows = await tx.modified<EndpointRow>(
      `UPDATE webhook_endpoints SET events = $2, updated_at = now(),
         disabled_at = CASE WHEN $3::boolean IS TRUE THEN NULL
                            WHEN $3::boolean IS FALSE THEN coalesce(disabled_at, now()) ELSE disabled_at END,
         disabled_reason = CASE WHEN $3::boolean IS TRUE THEN NULL
                                WHEN $3::boolean IS FALSE THEN coalesce(disabled_reason, 'Disabled by staff') ELSE disabled_reason END,
         failing_since = CASE WHEN $3::boolean IS TRUE THEN NULL ELSE failing_since END
       WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, v.events, v.enabled ?? null],
    );
    return rows[0]!;
  }

  /**
   * A new signing secret (as stored); the old one stays valid (and is signed with) for `graceMs`,
   * unless `keepPrevious` is false (it cannot be read: there is nothing to keep signing with).
   */
  async rotateSecret(id: string, secret: string, graceMs: number, keepPrevious = true): Promise<EndpointRow> {
    const rows = await tx.modified<EndpointRow>(
      `UPDATE webhook_endpoints SET previous_secret = CASE WHEN $4::boolean THEN secret END,
              previous_secret_expires_at = CASE WHEN $4::boolean THEN now() + $3 * interval '1 millisecond' END,
              secret = $2, secret_created_at = now(), updated_at = now()
        WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, secret, graceMs, keepPrevious],
    );
    return rows[0]!;
  }

  /**
   * A new inbound (callback) secret (as stored); the old one is still accepted for `graceMs`, unless
   * `keepPrevious` is false (it cannot be read).
   */
  async rotateInboundSecret(
    id: string,
    secret: string,
    graceMs: number,
    keepPrevious = true,
  ): Promise<EndpointRow> {
    const rows = await tx.modified<EndpointRow>(
      `UPDATE webhook_endpoints SET inbound_previous_secret = CASE WHEN $4::boolean THEN inbound_secret END,
              inbound_previous_secret_expires_at = CASE WHEN inbound_secret IS NULL OR NOT $4::boolean THEN NULL
                                                        ELSE now() + $3 * interval '1 millisecond' END,
              inbound_secret = $2, inbound_secret_created_at = now(), updated_at = now()
        WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, secret, graceMs, keepPrevious],
    );
    return rows[0]!;
  }

  /** Every endpoint's stored secrets, locked until the transaction ends (one sealing pass at a time). */
  endpointSecretsForUpdate(): Promise<EndpointSecrets[]> {
    return tx.query(
      `SELECT id, manufacturer_id AS "manufacturerId", secret, previous_secret AS "previousSecret",
              inbound_secret AS "inboundSecret", inbound_previous_secret AS "inboundPreviousSecret"
         FROM webhook_endpoints ORDER BY id FOR UPDATE`,
    );
  }

  /** Stores the endpoints' secrets as given (sealed again), in one statement; nothing else changes. */
  async updateEndpointSecrets(rows: EndpointSecrets[]): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoints e
          SET secret = v.secret, previous_secret = v.previous_secret,
              inbound_secret = v.inbound_secret, inbound_previous_secret = v.inbound_previous_secret
         FROM jsonb_to_recordset($1::jsonb)
              AS v(id uuid, secret text, previous_secret text, inbound_secret text, inbound_previous_secret text)
        WHERE e.id = v.id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            secret: r.secret,
            previous_secret: r.previousSecret,
            inbound_secret: r.inboundSecret,
            inbound_previous_secret: r.inboundPreviousSecret,
          })),
        ),
      ],
    );
  }

  /** After a success: the endpoint is no longer failing. */
  async endpointSucceeded(id: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
      [id],
    );
  }

  /**
   * After a failure: starts the failing streak, and disables the endpoint once the streak is older
   * than `disableAfterMs`. True when this call disabled it. Writes only when something changes.
   */
  async endpointFailed(id: string, disableAfterMs: number): Promise<boolean> {
    const rows = await tx.modified<{ disabled: boolean }>(
      `UPDATE webhook_endpoints
          SET failing_since = coalesce(failing_since, now()),
              disabled_at = CASE WHEN failing_since < now() - $2 * interval '1 millisecond' THEN now() ELSE disabled_at END,
              disabled_reason = CASE WHEN failing_since < now() - $2 * interval '1 millisecond'
                                     THEN 'Every delivery failed since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
                                     ELSE disabled_reason END,
              updated_at = now()
        WHERE id = $1 AND disabled_at IS NULL
          AND (failing_since IS NULL OR failing_since < now() - $2 * interval '1 millisecond')
        RETURNING disabled_at IS NOT NULL AS disabled`,
      [id, disableAfterMs],
    );
    return rows[0]?.disabled ?? false;
  }

  /** Disables the endpoint (if it is not already). True when this call disabled it. */
  async disableEndpoint(id: string, reason: string): Promise<boolean> {
    const rows = await tx.modified<unknown>(
      `UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = $2, updated_at = now()
        WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
      [id, reason],
    );
    return rows.length > 0;
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

  // ---- dispatching ----------------------------------------------------------------------------

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
  async claim(
    id: string,
    leaseMs: number,
  ): Promise<{ delivery: DeliveryRow; interrupted: boolean; endpoint: EndpointRow | null } | null> {
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
              (SELECT json_build_object(${ENDPOINT_JSON}) FROM webhook_endpoints e WHERE e.manufacturer_id = c.manufacturer_id) AS endpoint
         FROM c`,
        [id, leaseMs],
      );
    const row = rows[0];
    if (!row) return null;
    const { previousStatus, endpoint, ...delivery } = row;
    return {
      delivery,
      interrupted: previousStatus === 'DELIVERING',
      endpoint: endpoint ? reviveEndpoint(endpoint) : null,
    };
  }

  /** Logs an attempt and settles the delivery, if this worker still holds it (attempt number unchanged). */
  async recordAttempt(a: AttemptRecord, outcome: DeliveryOutcome): Promise<boolean> {
    const args: unknown[] = [
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
      `WITH a AS (
         INSERT INTO webhook_delivery_attempts (delivery_id, attempt, tenant_id, attempted_at, url, status_code, latency_ms, response_body, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING 1)
       UPDATE webhook_deliveries SET ${set}, last_status_code = $6, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'DELIVERING' AND attempts = $2 RETURNING id`,
      args,
    );
    return rows.length > 0;
  }

  /** Logs an attempt without settling anything (an interrupted one, found when its lease ran out). */
  async insertAttempt(a: AttemptRecord): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, tenant_id, attempted_at, url, status_code, latency_ms, response_body, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        a.deliveryId,
        a.attempt,
        a.tenantId,
        a.attemptedAt,
        a.url,
        a.statusCode,
        a.latencyMs,
        a.responseBody,
        a.error,
      ],
    );
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

  // ---- the delivery log -----------------------------------------------------------------------

  list(f: DeliveryFilter): Promise<DeliveryRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.manufacturerId) where.push(`manufacturer_id = $${args.push(f.manufacturerId)}`);
    if (f.ticketId) where.push(`ticket_id = $${args.push(f.ticketId)}`);
    if (f.status) where.push(`status = $${args.push(f.status)}`);
    if (f.since) where.push(`created_at >= $${args.push(f.since)}`);
    if (f.before) where.push(`id < $${args.push(f.before)}`);
    return tx.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ${Math.trunc(f.limit)}`,
      args,
    );
  }

  async findDelivery(id: string): Promise<DeliveryRow | null> {
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

  // ---- callbacks ------------------------------------------------------------------------------

  /**
   * Records a callback; false when this (manufacturer, webhook-id) was recorded before (a replay).
   * A concurrent copy waits here for the first one's transaction, then finds the conflict.
   */
  async insertCallback(c: {
    tenantId: string;
    manufacturerId: string;
    webhookId: string;
    ticketId: string;
    eventType: string;
    rawBody: string;
    action: string;
    fromStatus: string;
    toStatus: string;
  }): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO webhook_callbacks (tenant_id, manufacturer_id, webhook_id, ticket_id, event_type, raw_body, result, action, from_status, to_status)
       VALUES ($1, $2, $3, $4, $5, $6, 'APPLIED', $7, $8, $9)
       ON CONFLICT (manufacturer_id, webhook_id) DO NOTHING RETURNING id`,
      [
        c.tenantId,
        c.manufacturerId,
        c.webhookId,
        c.ticketId,
        c.eventType,
        c.rawBody,
        c.action,
        c.fromStatus,
        c.toStatus,
      ],
    );
    return rows.length > 0;
  }

  async findCallback(
    manufacturerId: string,
    webhookId: string,
  ): Promise<{ ticketId: string; toStatus: string } | null> {
    const rows: Array<{ ticketId: string; toStatus: string }> = await tx.query(
      `SELECT ticket_id AS "ticketId", to_status AS "toStatus" FROM webhook_callbacks WHERE manufacturer_id = $1 AND webhook_id = $2`,
      [manufacturerId, webhookId],
    );
    return rows[0] ?? null;
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
}
