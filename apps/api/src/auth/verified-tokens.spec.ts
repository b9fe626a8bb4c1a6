import { VerifiedTokens } from './verified-tokens.js';

const claims = (exp?: number) => ({
  sub: 'u',
  role: 'RESELLER_AGENT' as const,
  tid: 't',
  name: 'A',
  sv: 0,
  exp,
});

describe('VerifiedTokens', () => {
  it('gives a verified token back until it expires, and not after', () => {
    const tokens = new VerifiedTokens();
    const exp = 2_000_000_000;
    tokens.keep('a.b.c', claims(exp));
    expect(tokens.get('a.b.c', exp * 1000 - 1)).toMatchObject({ sub: 'u' });
    expect(tokens.get('a.b.c', exp * 1000)).toBeNull();
    expect(tokens.get('a.b.c', 0)).toBeNull(); // dropped once expired
  });

  it('keeps nothing without an expiry, and nothing under another string', () => {
    const tokens = new VerifiedTokens();
    tokens.keep('no.exp.token', claims(undefined));
    expect(tokens.get('no.exp.token', 0)).toBeNull();
    tokens.keep('a.b.c', claims(2_000_000_000));
    expect(tokens.get('a.b.C', 0)).toBeNull();
  });

  it('holds at most its limit, dropping the oldest', () => {
    const tokens = new VerifiedTokens(2);
    for (const t of ['t1', 't2', 't3']) tokens.keep(t, claims(2_000_000_000));
    expect([tokens.get('t1', 0), tokens.get('t2', 0), tokens.get('t3', 0)].map((c) => c !== null)).toEqual([
      false,
      true,
      true,
    ]);
  });
});
