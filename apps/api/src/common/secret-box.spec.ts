import { randomBytes } from 'node:crypto';
import { keyIdOf, parseKey, SecretBox, SecretBoxError } from './secret-box.js';

describe('SecretBox', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const plain = `whsec_${randomBytes(32).toString('base64')}`;
  const ctx = 'webhook_endpoints/mf-1/outbound';

  /** The error `open` throws, so its code and message can be checked. */
  function openError(box: SecretBox, stored: string, context = ctx): SecretBoxError {
    try {
      box.open(stored, context);
    } catch (err) {
      if (err instanceof SecretBoxError) return err;
      throw err;
    }
    throw new Error('it opened');
  }

  it('round-trips a value through a self-describing enc:v1 text that does not contain it', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal(plain, ctx);
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(sealed.split(':')[2]).toBe(keyIdOf(k1));
    expect(sealed).not.toContain(plain.slice(6));
    expect(box.open(sealed, ctx)).toBe(plain);
    expect(box.open(box.seal('Café ✓', ctx), ctx)).toBe('Café ✓');
  });

  it('uses a fresh nonce for every value: the same secret sealed twice differs', () => {
    const box = new SecretBox(k1);
    const sealed = Array.from({ length: 20 }, () => box.seal(plain, ctx));
    expect(new Set(sealed).size).toBe(20);
    expect(new Set(sealed.map((s) => s.split(':')[3])).size).toBe(20);
  });

  it.each([
    ['a flipped ciphertext byte', (s: string) => flipLast(s, 4)],
    ['a flipped tag byte', (s: string) => flipLast(s, 0)],
    ['another nonce', (s: string) => replacePart(s, 3, randomBytes(12).toString('base64url'))],
    ['a truncated ciphertext', (s: string) => s.slice(0, -6)],
  ])('detects tampering: %s', (_, tamper) => {
    const box = new SecretBox(k1);
    const err = openError(box, tamper(box.seal(plain, ctx)));
    expect(err.code).toBe('TAMPERED');
  });

  it('refuses a value moved to another row or column (the context is authenticated)', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal(plain, ctx);
    expect(openError(box, sealed, 'webhook_endpoints/mf-2/outbound').code).toBe('TAMPERED');
    expect(openError(box, sealed, 'webhook_endpoints/mf-1/inbound').code).toBe('TAMPERED');
  });

  it('refuses a header rewritten to name another key it has', () => {
    const box = new SecretBox(k1, [k2]);
    const moved = replacePart(box.seal(plain, ctx), 2, keyIdOf(k2));
    expect(openError(box, moved).code).toBe('TAMPERED');
  });

  it('names the key it lacks instead of answering garbage', () => {
    const sealed = new SecretBox(k1).seal(plain, ctx);
    const err = openError(new SecretBox(k2), sealed);
    expect(err).toMatchObject({ code: 'UNKNOWN_KEY', keyId: keyIdOf(k1) });
    expect(err.message).toContain(`sealed under key ${keyIdOf(k1)}`);
    expect(err.message).toContain(keyIdOf(k2));
    expect(err.message).not.toContain(plain);
    expect(openError(new SecretBox(null), sealed).message).toMatch(/SECRETS_KEY is not set/);
  });

  it.each([
    ['enc:v2:abcd1234:AAAA:BBBB', 'MALFORMED'],
    ['enc:v1:abcd1234:AAAA', 'MALFORMED'],
    ['enc:v1:::', 'MALFORMED'],
  ])('refuses the malformed value %s', (stored, code) => {
    expect(openError(new SecretBox(k1), stored).code).toBe(code);
  });

  it('refuses a malformed nonce for a key it has', () => {
    const box = new SecretBox(k1);
    expect(openError(box, replacePart(box.seal(plain, ctx), 3, 'AAAA')).code).toBe('MALFORMED');
    expect(openError(box, replacePart(box.seal(plain, ctx), 3, 'no+pe/')).code).toBe('MALFORMED');
  });

  it('opens values sealed under a previous key, and seals only under the current one', () => {
    const old = new SecretBox(k1).seal(plain, ctx);
    const box = new SecretBox(k2, [k1]);
    expect(box.keyId).toBe(keyIdOf(k2));
    expect(box.keyIds).toEqual([keyIdOf(k2), keyIdOf(k1)]);
    expect(box.open(old, ctx)).toBe(plain);
    expect(box.seal(plain, ctx).split(':')[2]).toBe(keyIdOf(k2));
  });

  it('reseals plain and previous-key values under the current key, and leaves current ones alone', () => {
    const box = new SecretBox(k2, [k1]);
    const fromPlain = box.reseal(plain, ctx)!;
    const fromOld = box.reseal(new SecretBox(k1).seal(plain, ctx), ctx)!;
    for (const v of [fromPlain, fromOld]) {
      expect(v.split(':')[2]).toBe(keyIdOf(k2));
      expect(box.open(v, ctx)).toBe(plain);
    }
    expect(box.reseal(fromPlain, ctx)).toBeNull();
    // A current-key value is still checked: a damaged one is reported, not passed over.
    expect(() => box.reseal(flipLast(fromPlain, 0), ctx)).toThrow(SecretBoxError);
  });

  it('passes plain text through: read as is, and stored as is without a key', () => {
    expect(new SecretBox(k1).open(plain, ctx)).toBe(plain);
    const none = new SecretBox(null);
    expect(none.encrypting).toBe(false);
    expect(none.seal(plain, ctx)).toBe(plain);
    expect(none.open(plain, ctx)).toBe(plain);
    expect(none.reseal(plain, ctx)).toBeNull();
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it.each([
    ['64 hex characters', k1.toString('hex'), true],
    ['base64', k1.toString('base64'), true],
    ['base64url without padding', k1.toString('base64url'), true],
    ['with spaces around', `  ${k1.toString('hex')}\n`, true],
    ['63 hex characters', k1.toString('hex').slice(1), false],
    ['16 bytes of base64', randomBytes(16).toString('base64'), false],
    ['48 bytes of base64', randomBytes(48).toString('base64'), false],
    ['a passphrase', 'correct horse battery staple correct horse battery', false],
  ])('parses a key given as %s', (_, text, ok) => {
    const key = parseKey(text);
    if (ok) expect(key?.equals(k1)).toBe(true);
    else expect(key).toBeNull();
  });
});

function replacePart(sealed: string, index: number, value: string): string {
  const parts = sealed.split(':');
  parts[index] = value;
  return parts.join(':');
}

/** Flips one bit of the byte `fromEnd` bytes before the end of the sealed part (0: the tag's last byte). */
function flipLast(sealed: string, fromEnd: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[4]!, 'base64url');
  const i = bytes.length - 1 - fromEnd - (fromEnd > 0 ? 16 : 0);
  bytes[i] = bytes[i]! ^ 0x01;
  parts[4] = bytes.toString('base64url');
  return parts.join(':');
}
