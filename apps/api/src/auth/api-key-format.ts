import { createHash, randomBytes } from 'node:crypto';

/** API keys look like `rma_<8 hex prefix>_<43 chars secret>`; only a SHA-256 of the whole key is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `rma_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return /^rma_[0-9a-f]{8}_[\w-]{43}$/.test(value);
}
