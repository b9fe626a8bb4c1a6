import fc from 'fast-check';
import request from 'supertest';
import { grandstreamDefect, RESELLER_A, startHarness, type Harness } from './harness.js';

/** Text that would be fine but for a NUL character, which PostgreSQL stores nowhere. */
const withNul = fc
  .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
  .map(([a, b]) => `${a}\u0000${b}`);

/** Bad bodies: a valid ticket with exactly one thing wrong, or not a ticket at all. */
const FIELDS: Array<[string[], fc.Arbitrary<unknown>]> = [
  [['customer', 'name'], withNul],
  [['delivery', 'address'], withNul],
  [['product', 'serialNumber'], withNul],
  [['faultDescription'], withNul],
  [
    ['reason'],
    fc.oneof(
      fc.constant('BROKEN'),
      fc.integer(),
      fc.constant(null),
      fc.constant(['DEFECT']),
      fc.string({ minLength: 1 }).filter((s) => !['ORDER_ERROR', 'DELIVERY_ERROR', 'DEFECT'].includes(s)),
    ),
  ],
  [['customer'], fc.oneof(fc.string(), fc.integer(), fc.constant([]), fc.constant(true))],
  [
    ['customer', 'name'],
    fc.oneof(fc.integer(), fc.constant(''), fc.string({ minLength: 201, maxLength: 400 }), fc.constant({})),
  ],
  [['customer', 'email'], fc.oneof(fc.constant('not-an-email'), fc.integer(), fc.constant('a@'.repeat(200)))],
  [
    ['product', 'serialNumber'],
    fc.oneof(fc.integer(), fc.string({ minLength: 65, maxLength: 200 }), fc.constant(''), fc.constant([])),
  ],
  [['product', 'manufacturer'], fc.oneof(fc.constant('no-such-maker'), fc.integer(), fc.constant(''))],
  [
    ['product', 'purchaseDate'],
    fc.oneof(
      fc.constant('2026-02-30'),
      fc.constant('yesterday'),
      fc.constant('2026-1-1'),
      fc.integer(),
      fc.constant('2026-01-01T00:00:00Z'),
    ),
  ],
  [['product', 'usage'], fc.oneof(fc.constant(-1), fc.constant('12'), fc.constant(1e12))],
  [['delivery', 'deliveredOn'], fc.oneof(fc.constant('31/12/2026'), fc.constant(''), fc.integer())],
  [
    ['faultDescription'],
    fc.oneof(fc.integer(), fc.string({ minLength: 5001, maxLength: 6000 }), fc.constant({})),
  ],
  [['unused'], fc.oneof(fc.constant('yes'), fc.integer(), fc.constant('true'))],
  [['exclusions'], fc.oneof(fc.constant(['NOT_AN_EXCLUSION']), fc.constant('LIQUID'), fc.constant([1, 2]))],
  [['submit'], fc.oneof(fc.constant('true'), fc.constant(1), fc.constant({}))],
];

const mutated = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELDS), fc.nat()).chain(([[path, bad]]) =>
    bad.map((value) => {
      const body: Record<string, unknown> = structuredClone({ ...grandstreamDefect(), submit: true });
      let node = body;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[path.at(-1)!] = value;
      return { kind: 'json' as const, body };
    }),
  ),
  fc
    .tuple(
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((k) => !(k in grandstreamDefect()) && k !== 'submit' && k !== '__proto__'),
      fc.jsonValue(),
    )
    .map(([key, value]) => ({ kind: 'json' as const, body: { ...grandstreamDefect(), [key]: value } })),
  fc
    .oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 }))
    .map((body) => ({ kind: 'json' as const, body })),
  fc.string({ minLength: 1, maxLength: 60 }).map((text) => ({ kind: 'raw' as const, text: `{${text}` })),
);

describe('ticket creation under bad input (e2e fuzz)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('1,000 generated bad bodies: never a 500, always a 4xx naming what is wrong, no row added', async () => {
    const token = await h.login(RESELLER_A);
    const samples = fc.sample(mutated, { numRuns: 1000, seed: 20261123 });
    const before = await h.count('tickets');
    const statuses = new Map<number, number>();
    for (let i = 0; i < samples.length; i += 25) {
      const batch = samples.slice(i, i + 25).map((s) => {
        const req = request(h.http)
          .post('/api/v1/tickets')
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', 'application/json');
        return req.send(s.kind === 'raw' ? s.text : JSON.stringify(s.body)).then((res) => ({ s, res }));
      });
      for (const { s, res } of await Promise.all(batch)) {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status < 400 || res.status >= 500)
          throw new Error(
            `${res.status} for ${JSON.stringify(s).slice(0, 300)}: ${JSON.stringify(res.body).slice(0, 300)}`,
          );
        expect(typeof res.body.code).toBe('string');
        expect(typeof res.body.message).toBe('string');
        if (res.status === 400) expect(res.body.errors?.length ?? 0).toBeGreaterThan(0);
      }
    }
    expect(samples).toHaveLength(1000);
    expect(await h.count('tickets')).toBe(before);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
  });
});

/** A valid return of three items (the shared information once), as POST /returns takes it. */
function validReturn(): Record<string, unknown> {
  const { customer, delivery, ...first } = grandstreamDefect({ supportTicketNumber: 'GS-000001' });
  const item = (serialNumber: string) => ({ ...first, product: { ...first.product, serialNumber } });
  return { customer, delivery, items: [item('GSA1001'), item('GSA1002'), item('GSA1003')], submit: true };
}
const SHARED_PATHS = new Set(['customer', 'delivery', 'submit']);

/**
 * Bad returns: a valid one with exactly one thing wrong in its shared information or in one item (which
 * the answer must name, `items[k].…`), or items that are not 1..100 distinct ones.
 */
const mutatedReturn = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 0, max: 2 })).chain(([[path, bad], k]) =>
    bad.map((value) => {
      const body = structuredClone(validReturn());
      const shared = SHARED_PATHS.has(path[0]!);
      let node = (shared ? body : (body.items as Array<Record<string, unknown>>)[k]!) as Record<
        string,
        unknown
      >;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[path.at(-1)!] = value;
      return { body, item: shared ? null : k };
    }),
  ),
  fc
    .oneof(
      fc.constant([]),
      fc.constant(Array.from({ length: 101 }, () => (validReturn().items as unknown[])[0])),
      fc.constant([(validReturn().items as unknown[])[0], (validReturn().items as unknown[])[0]]),
      fc.jsonValue().filter((v) => !Array.isArray(v)),
      fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string()), { minLength: 1, maxLength: 3 }),
    )
    .map((items) => ({ body: { ...validReturn(), items }, item: null })),
);

describe('return creation under bad input (e2e fuzz)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("300 generated bad returns: never a 500, a 4xx naming the item's field, no row added", async () => {
    const token = await h.login(RESELLER_A);
    const samples = fc.sample(mutatedReturn, { numRuns: 300, seed: 20261201 });
    const before = [await h.count('tickets'), await h.count('returns')];
    for (let i = 0; i < samples.length; i += 25) {
      const batch = samples.slice(i, i + 25).map((s) =>
        request(h.http)
          .post('/api/v1/returns')
          .set('Authorization', `Bearer ${token}`)
          .send(s.body)
          .then((res) => ({ s, res })),
      );
      for (const { s, res } of await Promise.all(batch)) {
        if (res.status < 400 || res.status >= 500)
          throw new Error(
            `${res.status} for ${JSON.stringify(s).slice(0, 300)}: ${JSON.stringify(res.body).slice(0, 300)}`,
          );
        expect(typeof res.body.code).toBe('string');
        if (res.status === 400) expect(res.body.errors?.length ?? 0).toBeGreaterThan(0);
        if (s.item !== null) {
          const fields: string[] = res.body.errors.map((e: { field: string }) => e.field);
          expect(fields.filter((f) => !f.startsWith(`items[${s.item}].`))).toEqual([]);
        }
      }
    }
    expect([await h.count('tickets'), await h.count('returns')]).toEqual(before);
  });
});
