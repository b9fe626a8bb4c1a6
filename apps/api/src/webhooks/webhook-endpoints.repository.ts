import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';
import type { PayloadVersion } from './webhooks.constants.js';

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
  /** The payload version its messages are written in (1 or 2; migration 1764000002300). */
  payloadVersion: PayloadVersion;
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

// ---- the webhook_endpoints mapper ----------------------------------------------------------------

/** Where an endpoint's messages go: its manufacturer's configured address, the one source of it. */
const endpointUrl = (e = '') =>
  `(SELECT config->>'webhookUrl' FROM manufacturers WHERE id = ${e}manufacturer_id)`;

/** Each field of an {@link EndpointRow} and its column (the url aside: it is the manufacturer's). */
const ENDPOINT_FIELDS: Array<[Exclude<keyof EndpointRow, 'url'>, string]> = [
  ['id', 'id'],
  ['manufacturerId', 'manufacturer_id'],
  ['events', 'events'],
  ['payloadVersion', 'payload_version'],
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

const ENDPOINT_COLUMNS = [
  ...ENDPOINT_FIELDS.map(([key, col]) => (key === col ? col : `${col} AS "${key}"`)),
  `${endpointUrl()} AS url`,
].join(', ');

const ENDPOINT_DATES = new Set<string>(
  ENDPOINT_FIELDS.filter(([, col]) => col.endsWith('_at') || col === 'failing_since').map(([k]) => k),
);

/**
 * A manufacturer's endpoint as one JSON value, or null: a sub-select for a statement on another table
 * that needs the endpoint in the same round trip (the delivery's claim). `manufacturerId` is the SQL
 * expression of the manufacturer's id; {@link endpointFromJson} maps the value back.
 */
export function endpointJsonOf(manufacturerId: string): string {
  const fields = [
    ...ENDPOINT_FIELDS.map(([key, col]) => `'${key}', e.${col}`),
    `'url', ${endpointUrl('e.')}`,
  ].join(', ');
  return `(SELECT json_build_object(${fields}) FROM webhook_endpoints e WHERE e.manufacturer_id = ${manufacturerId})`;
}

/** An endpoint read as JSON ({@link endpointJsonOf}), its timestamps Dates again. */
export function endpointFromJson(json: Record<string, unknown>): EndpointRow {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    out[key] = ENDPOINT_DATES.has(key) && typeof value === 'string' ? new Date(value) : value;
  }
  return out as unknown as EndpointRow;
}

/** The webhook endpoints: one per manufacturer, its events, its secrets and its health. */
@Injectable()
export class WebhookEndpointsRepository {
  async byManufacturer(manufacturerId: string, forUpdate = false): Promise<EndpointRow | null> {
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
  async byManufacturerOrDefault(
    manufacturerId: string,
    newSecret: () => string,
  ): Promise<EndpointRow | null> {
    const existing = await this.byManufacturer(manufacturerId);
    if (existing) return existing;
    // Made from a configured address, for messages that may already be written in version 1: version 1.
    await tx.query(
      `INSERT INTO webhook_endpoints (manufacturer_id, secret, payload_version)
       SELECT id, $2, 1 FROM manufacturers
        WHERE id = $1 AND coalesce(config->>'webhookUrl', '') <> ''
       ON CONFLICT (manufacturer_id) DO NOTHING`,
      [manufacturerId, newSecret()],
    );
    return this.byManufacturer(manufacturerId);
  }

  /** A new endpoint; `secret` as stored (sealed when there is a key). */
  async insert(v: {
    manufacturerId: string;
    events: string[];
    secret: string;
    payloadVersion: PayloadVersion;
  }): Promise<EndpointRow> {
    const rows: EndpointRow[] = await tx.query(
      `INSERT INTO webhook_endpoints (manufacturer_id, events, secret, payload_version) VALUES ($1, $2, $3, $4) RETURNING ${ENDPOINT_COLUMNS}`,
      [v.manufacturerId, v.events, v.secret, v.payloadVersion],
    );
    return rows[0]!;
  }

  /**
   * Sets the events and, if given, the payload version; `enable` clears a disablement and the failing
   * streak, `disable` sets one.
   */
  async update(
    id: string,
    v: { events: string[]; enabled: boolean | undefined; payloadVersion?: PayloadVersion },
  ): Promise<EndpointRow> {
    const rows = await tx.modified<EndpointRow>(
      `UPDATE webhook_endpoints SET events = $2, updated_at = now(),
         payload_version = coalesce($4::smallint, payload_version),
         disabled_at = CASE WHEN $3::boolean IS TRUE THEN NULL
                            WHEN $3::boolean IS FALSE THEN coalesce(disabled_at, now()) ELSE disabled_at END,
         disabled_reason = CASE WHEN $3::boolean IS TRUE THEN NULL
                                WHEN $3::boolean IS FALSE THEN coalesce(disabled_reason, 'Disabled by staff') ELSE disabled_reason END,
         failing_since = CASE WHEN $3::boolean IS TRUE THEN NULL ELSE failing_since END
       WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [id, v.events, v.enabled ?? null, v.payloadVersion ?? null],
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
  secretsForUpdate(): Promise<EndpointSecrets[]> {
    return tx.query(
      `SELECT id, manufacturer_id AS "manufacturerId", secret, previous_secret AS "previousSecret",
              inbound_secret AS "inboundSecret", inbound_previous_secret AS "inboundPreviousSecret"
         FROM webhook_endpoints ORDER BY id FOR UPDATE`,
    );
  }

  /** Stores the endpoints' secrets as given (sealed again), in one statement; nothing else changes. */
  async updateSecrets(rows: EndpointSecrets[]): Promise<void> {
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
  async succeeded(id: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
      [id],
    );
  }

  /**
   * After a failure: starts the failing streak, and disables the endpoint once the streak is older
   * than `disableAfterMs`. True when this call disabled it. Writes only when something changes.
   */
  async failed(id: string, disableAfterMs: number): Promise<boolean> {
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
  async disable(id: string, reason: string): Promise<boolean> {
    const rows = await tx.modified<unknown>(
      `UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = $2, updated_at = now()
        WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
      [id, reason],
    );
    return rows.length > 0;
  }
}
