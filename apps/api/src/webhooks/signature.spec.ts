import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import {
  generateSecret,
  isValidSecret,
  messageIdBefore,
  newMessageId,
  sign,
  signatureHeader,
  verify,
} from './signature.js';

/** Our signatures, checked by the reference Standard Webhooks library. */
describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({
    type: 'rma.forwarded',
    version: 1,
    data: { ticket: { id: 'x' }, note: 'Café ✓' },
  });
  const id = 'msg_01J0000000000000000000000';
  const now = () => Math.floor(Date.now() / 1000);
  const headers = (secrets: string[], ts = now(), payload = body) => ({
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signatureHeader(secrets, id, ts, payload),
  });

  it('makes whsec_ secrets of at least 24 random bytes, all different', () => {
    const secrets = Array.from({ length: 50 }, generateSecret);
    for (const s of secrets) {
      expect(isValidSecret(s)).toBe(true);
      expect(Buffer.from(s.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    }
    expect(new Set(secrets).size).toBe(50);
    expect(isValidSecret('whsec_c2hvcnQ=')).toBe(false);
  });

  it('produces exactly the signature the library computes', () => {
    const secret = generateSecret();
    const ts = now();
    expect(sign(secret, id, ts, body)).toBe(new Webhook(secret).sign(id, new Date(ts * 1000), body));
  });

  it('verifies with the library', () => {
    const secret = generateSecret();
    expect(new Webhook(secret).verify(body, headers([secret]))).toEqual(JSON.parse(body));
  });

  it.each([
    [
      'one changed byte of the body',
      (h: Record<string, string>) => ({ h, payload: body.replace('Café', 'Cafe') }),
    ],
    [
      'one changed byte of the id',
      (h: Record<string, string>) => ({ h: { ...h, 'webhook-id': `${id.slice(0, -1)}1` }, payload: body }),
    ],
    [
      'one changed byte of the signature',
      (h: Record<string, string>) => {
        const sig = h['webhook-signature']!;
        const i = sig.length - 5;
        return {
          h: { ...h, 'webhook-signature': sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1) },
          payload: body,
        };
      },
    ],
  ])('is rejected by the library after %s', (_what, tamper) => {
    const secret = generateSecret();
    const { h, payload } = tamper(headers([secret]));
    expect(() => new Webhook(secret).verify(payload, h)).toThrow(WebhookVerificationError);
  });

  it('is rejected by the library with a wrong secret', () => {
    expect(() => new Webhook(generateSecret()).verify(body, headers([generateSecret()]))).toThrow(
      WebhookVerificationError,
    );
  });

  it.each([301, -301])('is rejected by the library with a timestamp %i s off', (offset) => {
    const secret = generateSecret();
    expect(() => new Webhook(secret).verify(body, headers([secret], now() + offset))).toThrow(
      /timestamp too (old|new)/,
    );
    expect(() =>
      new Webhook(secret).verify(body, headers([secret], now() + Math.sign(offset) * 290)),
    ).not.toThrow();
  });

  it('signs with both secrets during a rotation, and each verifies alone', () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const h = headers([newSecret, oldSecret]);
    expect(h['webhook-signature'].split(' ')).toHaveLength(2);
    expect(h['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    expect(() => new Webhook(oldSecret).verify(body, h)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, h)).not.toThrow();
  });

  it('verifies what the library signs (our inbound check), with the same rules', () => {
    const secret = generateSecret();
    const ts = now();
    const signature = new Webhook(secret).sign(id, new Date(ts * 1000), body);
    const raw = Buffer.from(body);
    const h = { id, timestamp: String(ts), signature };
    expect(verify([secret], h, raw, ts)).toBeNull();
    expect(verify([generateSecret(), secret], h, raw, ts)).toBeNull();
    expect(verify([generateSecret()], h, raw, ts)).toBe('NO_MATCH');
    expect(verify([secret], h, Buffer.from(body.replace('1', '2')), ts)).toBe('NO_MATCH');
    expect(verify([secret], h, raw, ts + 301)).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    expect(verify([secret], h, raw, ts - 301)).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    expect(verify([secret], h, raw, ts + 300)).toBeNull();
    expect(verify([secret], { ...h, timestamp: 'soon' }, raw, ts)).toBe('BAD_TIMESTAMP');
    expect(verify([secret], { ...h, signature: undefined }, raw, ts)).toBe('MISSING_HEADERS');
    expect(verify([secret], { ...h, signature: `v2,${signature.slice(3)}` }, raw, ts)).toBe('NO_MATCH');
    // With no secret to check against (none could be decrypted), nothing matches; bad headers still say so.
    expect(verify([], h, raw, ts)).toBe('NO_MATCH');
    expect(verify([], { ...h, id: undefined }, raw, ts)).toBe('MISSING_HEADERS');
  });

  it('makes time-ordered, unique message ids', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newMessageId(1_700_000_000_000 + i));
    for (const m of ids) expect(m).toMatch(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => newMessageId())).size).toBe(1000);
  });

  it.each([1, 1000, 86_400_000])('puts a floor %d ms after an id above it and below later ones', (gap) => {
    const at = 1_700_000_000_000;
    const floor = messageIdBefore(at);
    expect(newMessageId(at - gap) < floor).toBe(true);
    expect(newMessageId(at) > floor).toBe(true);
    expect(newMessageId(at + gap) > floor).toBe(true);
  });
});
