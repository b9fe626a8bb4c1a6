import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for small secrets kept in the database (webhook signing secrets): AES-256-GCM
 * with a random 12-byte nonce per value, stored as one self-describing text,
 *
 *     enc:v1:<keyId>:<nonce, base64url>:<ciphertext and 16-byte tag, base64url>
 *
 * `keyId` is a fingerprint of the key (not of the value), so the right key is picked out of the
 * current and previous ones, and a value sealed under a key this process lacks is an error that
 * says so instead of garbage. The header and a caller's `context` (what the value is and whose:
 * e.g. a manufacturer's outbound secret) are authenticated data, so a value copied to another row
 * or column does not open.
 *
 * Without a current key the box seals nothing: values are stored and read as plain text (the
 * embedded demo). A plain value is always read as is, so rows written before a key was set keep
 * working until they are sealed.
 */
export const SEALED_PREFIX = 'enc:';
const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]+$/;

export type SecretBoxErrorCode = 'UNKNOWN_KEY' | 'TAMPERED' | 'MALFORMED';

/** A stored value that cannot be opened; the message says why, never what the value is. */
export class SecretBoxError extends Error {
  constructor(
    public readonly code: SecretBoxErrorCode,
    message: string,
    /** The key the value was sealed under, when the value says. */
    public readonly keyId: string | null = null,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** A key's fingerprint: 8 hex characters of an HMAC keyed with it (reveals nothing of the key). */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('rma secret-box key id').digest('hex').slice(0, 8);
}

/**
 * A 32-byte key written as 64 hex characters or as base64 (standard or URL-safe, padded or not);
 * null when it is neither (the caller names the variable).
 */
export function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) return null;
  const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : null;
}

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  /** The key new values are sealed under; null: plain text. */
  readonly keyId: string | null;

  /** `previous`: older keys, still opened but never sealed under. */
  constructor(current: Buffer | null, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key === null) continue;
      if (key.length !== KEY_BYTES) throw new Error(`a secret-box key is ${KEY_BYTES} bytes`);
      const id = keyIdOf(key);
      const known = this.keys.get(id);
      if (known && !known.equals(key)) throw new Error(`two different keys share the fingerprint ${id}`);
      this.keys.set(id, key);
    }
    this.keyId = current ? keyIdOf(current) : null;
  }

  /** Whether new values are encrypted (a current key is set). */
  get encrypting(): boolean {
    return this.keyId !== null;
  }

  /** The fingerprints of the keys it opens with, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(SEALED_PREFIX);
  }

  /** The value to store: sealed under the current key, or `plain` itself when there is none. */
  seal(plain: string, context: string): string {
    if (this.keyId === null) return plain;
    const header = `${SEALED_PREFIX}${VERSION}:${this.keyId}`;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, nonce);
    cipher.setAAD(aad(header, context));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${header}:${nonce.toString('base64url')}:${sealed.toString('base64url')}`;
  }

  /** The plain value of a stored one (a plain one as is). Throws {@link SecretBoxError}. */
  open(stored: string, context: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const parts = stored.split(':');
    const [, version, keyId, nonceText, sealedText] = parts;
    if (parts.length !== 5 || version !== VERSION || !keyId || !nonceText || !sealedText)
      throw new SecretBoxError('MALFORMED', `not an ${SEALED_PREFIX}${VERSION} value`);
    const key = this.keys.get(keyId);
    if (!key) {
      const have = this.keys.size
        ? `this process has ${this.keyIds.join(', ')} (SECRETS_KEY, SECRETS_KEY_PREVIOUS)`
        : 'SECRETS_KEY is not set';
      throw new SecretBoxError('UNKNOWN_KEY', `sealed under key ${keyId}, but ${have}`, keyId);
    }
    if (!B64URL.test(nonceText) || !B64URL.test(sealedText))
      throw new SecretBoxError('MALFORMED', 'the nonce or ciphertext is not base64url', keyId);
    const nonce = Buffer.from(nonceText, 'base64url');
    const sealed = Buffer.from(sealedText, 'base64url');
    if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES)
      throw new SecretBoxError('MALFORMED', 'the nonce or ciphertext has the wrong length', keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad(`${SEALED_PREFIX}${version}:${keyId}`, context));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'TAMPERED',
        `does not authenticate under key ${keyId}: altered, or moved from another row or column`,
        keyId,
      );
    }
  }

  /**
   * The value to store instead of `stored` so that it is sealed under the current key: null when it
   * already is (or when there is no key: plain text stays plain, a sealed value is never unsealed).
   * Throws {@link SecretBoxError} for a value it cannot open, the current key's included.
   */
  reseal(stored: string, context: string): string | null {
    if (this.keyId === null) return null;
    const plain = this.open(stored, context);
    if (SecretBox.isSealed(stored) && stored.split(':')[2] === this.keyId) return null;
    return this.seal(plain, context);
  }
}

function aad(header: string, context: string): Buffer {
  return Buffer.from(`${header}\n${context}`, 'utf8');
}
