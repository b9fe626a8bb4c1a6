import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com): `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded
 * part of a `whsec_` secret; several signatures are separated by spaces.
 */
export const SECRET_PREFIX = 'whsec_';
/** Inbound callbacks older or newer than this are refused (replay window). */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** A new secret: `whsec_` + base64 of 32 random bytes (the standard asks for at least 24). */
export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function isValidSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const b64 = secret.slice(SECRET_PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && Buffer.from(b64, 'base64').length >= 24;
}

function key(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}

/** One `v1,<base64>` signature of `id.timestamp.body`. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = createHmac('sha256', key(secret))
    .update(`${id}.${timestampSeconds}.`)
    .update(body)
    .digest('base64');
  return `v1,${mac}`;
}

/** The `webhook-signature` header: one signature per valid secret (two while a rotation's grace lasts). */
export function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string | Buffer,
): string {
  return secrets.map((s) => sign(s, id, timestampSeconds, body)).join(' ');
}

export type VerifyFailure = 'MISSING_HEADERS' | 'BAD_TIMESTAMP' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'NO_MATCH';

export interface SignedHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/**
 * Checks a signed request: the timestamp within the tolerance of `nowSeconds`, and one of the
 * `v1` signatures matching one of `secrets` (constant-time comparison). null when it verifies;
 * with no secret, nothing matches.
 */
export function verify(
  secrets: readonly string[],
  headers: SignedHeaders,
  body: Buffer,
  nowSeconds: number,
  toleranceSeconds = TIMESTAMP_TOLERANCE_SECONDS,
): VerifyFailure | null {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return 'MISSING_HEADERS';
  if (!/^\d{1,12}$/.test(timestamp)) return 'BAD_TIMESTAMP';
  const ts = Number(timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return 'TIMESTAMP_OUT_OF_TOLERANCE';
  const given = signature
    .split(' ')
    .map((s) => s.split(','))
    .filter(([version, mac]) => version === 'v1' && mac)
    .map(([, mac]) => Buffer.from(mac!, 'utf8'));
  for (const secret of secrets) {
    const expected = Buffer.from(sign(secret, id, ts, body).slice(3), 'utf8');
    for (const mac of given) {
      if (mac.length === expected.length && timingSafeEqual(mac, expected)) return null;
    }
  }
  return 'NO_MATCH';
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A message id: `msg_` + a ULID (48-bit millisecond time, 80 random bits, Crockford base32), so ids
 * sort by creation time. The same id is sent on every attempt of a delivery (`webhook-id`).
 */
export function newMessageId(now = Date.now()): string {
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i]! % 32]!;
  return `${messageIdBefore(now)}${rand}`;
}

/** Sorts after every message id made before `ms` and before every one made from then on. */
export function messageIdBefore(ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  return `msg_${time}`;
}
