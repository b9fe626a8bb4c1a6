import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

/** What an Idempotency-Key stored: the request's fingerprint and the answer given. */
export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

/**
 * Idempotency keys (IETF draft-ietf-httpapi-idempotency-key-header): per tenant, kept until
 * expires_at; the idempotency_keys table's only statements.
 */
@Injectable()
export class IdempotencyKeysRepository {
  /** Takes the key's lock for this transaction (false: another request holds it) and reads what the key stored. */
  async claim(tenantId: string, key: string): Promise<{ locked: boolean; stored: StoredAnswer | null }> {
    const [lock]: Array<{ locked: boolean }> = await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || ':' || $2, 0)) AS locked`,
      [tenantId, key],
    );
    if (!lock?.locked) return { locked: false, stored: null };
    // A statement of its own: its snapshot is taken once the lock is held, so it sees the answer of a
    // request that held the key and committed just before. Read in the same statement as the lock, the
    // snapshot came first, and a commit between the two made a second ticket.
    const [row]: Array<{ stored: StoredAnswer }> = await tx.query(
      `SELECT json_build_object('requestHash', request_hash, 'statusCode', status_code, 'response', response) AS stored
           FROM idempotency_keys WHERE tenant_id = $1::uuid AND key = $2 AND expires_at > now()`,
      [tenantId, key],
    );
    return { locked: true, stored: row?.stored ?? null };
  }

  /** Queues the answer to keep for an Idempotency-Key, written with the ticket's at COMMIT (see TicketsRepository.insert). */
  keepAnswer(
    tenantId: string,
    key: string,
    requestHash: string,
    statusCode: number,
    response: unknown,
    ttlHours: number,
  ): void {
    tx.defer({
      text: `INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
       ON CONFLICT (tenant_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
         response = EXCLUDED.response, created_at = now(), expires_at = EXCLUDED.expires_at RETURNING key`,
      values: [tenantId, key, requestHash, statusCode, JSON.stringify(response), ttlHours],
    });
  }

  async purgeExpired(): Promise<number> {
    const rows: unknown[] = await tx.query(
      `DELETE FROM idempotency_keys WHERE expires_at <= now() RETURNING 1`,
    );
    return rows.length;
  }
}
