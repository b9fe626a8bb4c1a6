import { createHash } from 'node:crypto';
import { AppException, ErrorCode } from '../common/errors.js';
import type { IdempotencyKeysRepository } from './idempotency-keys.repository.js';

/**
 * The answer an Idempotency-Key already gave (null: the key is new, and now held until COMMIT);
 * refused while another request holds the key, and when it was used with another body. For every
 * route that takes an Idempotency-Key (a ticket, a return).
 */
export async function replayedAnswer<T>(
  keys: IdempotencyKeysRepository,
  tenantId: string,
  key: string,
  requestHash: string,
): Promise<T | null> {
  const claim = await keys.claim(tenantId, key);
  if (!claim.locked) {
    throw new AppException(
      ErrorCode.IDEMPOTENCY_IN_PROGRESS,
      'A request with this Idempotency-Key is still being processed',
    );
  }
  if (!claim.stored) return null;
  if (claim.stored.requestHash !== requestHash) {
    throw new AppException(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was used with a different request body',
    );
  }
  return claim.stored.response as T;
}

/** SHA-256 of the request body with its keys sorted: the Idempotency-Key fingerprint. */
export function fingerprint(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}
