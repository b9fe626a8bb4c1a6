import request from 'supertest';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_A_ADMIN,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';

/**
 * Bad input anywhere gets a 4xx naming the field and writes nothing: here what passed class-validator
 * and then failed in PostgreSQL as a 500 (a NUL character in any text; a null for a column that takes
 * none), on the routes of every kind of argument.
 */
describe('bad input that only PostgreSQL would refuse (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.reset());

  const NUL = '\u0000';
  /** Every table's row count, as the owner: "writes nothing" is checked on all of them. */
  const snapshot = () =>
    h.target.asOwner(async (o) => {
      const tables: Array<{ t: string }> = await o.query(
        `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'login_attempts') ORDER BY 1`,
      );
      const counts: string[] = [];
      for (const { t } of tables)
        counts.push(`${t}=${(await o.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n}`);
      return counts.join(' ');
    });

  it('a NUL character in a body, a query or a path is a 400 naming the field', async () => {
    const auth = async (email: string) => ({ authorization: `Bearer ${await h.login(email)}` });
    const reseller = await auth(RESELLER_A);
    const staff = await auth(STAFF_ADMIN);
    const before = await snapshot();
    const cases: Array<[request.Test, string]> = [
      [
        request(h.http)
          .post('/api/v1/tickets')
          .set(reseller)
          .send({ ...grandstreamDefect(), customer: { name: `Caf${NUL}é` } }),
        'customer.name',
      ],
      [
        request(h.http)
          .post('/api/v1/tickets/preview')
          .set(reseller)
          .send({ ...grandstreamDefect(), faultDescription: NUL }),
        'faultDescription',
      ],
      [request(h.http).get(`/api/v1/tickets?q=SN%00`).set(staff), 'q'],
      [request(h.http).get(`/api/v1/tickets.csv?q=%00`).set(staff), 'q'],
      [request(h.http).get(`/api/v1/warranty?serialNumber=%00`).set(reseller), 'serialNumber'],
      [
        request(h.http)
          .get(`/api/v1/manufacturers/grand${encodeURIComponent(NUL)}stream/revisions`)
          .set(staff),
        'slug',
      ],
      [
        request(h.http)
          .post('/api/v1/tenants')
          .set(staff)
          .send({ slug: 'gamma', name: `Gamma${NUL}` }),
        'name',
      ],
      [
        request(h.http)
          .post('/api/v1/auth/login')
          .send({ email: `x${NUL}@alpha-it.example`, password: 'x' }),
        'email',
      ],
      [
        request(h.http)
          .put('/api/v1/manufacturers/grandstream')
          .set(staff)
          .send({
            slug: 'grandstream',
            name: 'Grandstream',
            adapter: 'IN_HOUSE',
            warranty: { months: 24, fallback: `X${NUL}` },
            rmaValidityDays: 14,
          }),
        'warranty.fallback',
      ],
    ];
    for (const [test, field] of cases) {
      const res = await test;
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors).toEqual([{ field, message: 'must not contain the NUL character (U+0000)' }]);
    }
    expect(await snapshot()).toBe(before);
  });

  it('a null for a field whose column takes none is a 400 naming it, not a 500', async () => {
    const admin = { authorization: `Bearer ${await h.login(RESELLER_A_ADMIN)}` };
    const staff = { authorization: `Bearer ${await h.login(STAFF_ADMIN)}` };
    const [agent] = await h.target.asOwner((o) =>
      o.query(`SELECT id FROM users WHERE email = $1`, [RESELLER_A]),
    );
    const [tenant] = await h.target.asOwner((o) => o.query(`SELECT id FROM tenants WHERE slug = 'alpha-it'`));
    const before = await snapshot();
    for (const field of ['name', 'role', 'password', 'disabled']) {
      const res = await request(h.http)
        .patch(`/api/v1/users/${agent.id}`)
        .set(admin)
        .send({ [field]: null });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    for (const field of ['name', 'slug', 'currency']) {
      const res = await request(h.http)
        .patch(`/api/v1/tenants/${tenant.id}`)
        .set(staff)
        .send({ [field]: null });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
    }
    expect(await snapshot()).toBe(before);
    // A null where it means "the default" is still taken.
    await request(h.http)
      .patch(`/api/v1/tenants/${tenant.id}`)
      .set(staff)
      .send({ restockingFeePercent: null })
      .expect(200);
  });

  it('a body nested deeper than 32 levels is a 400 naming where, on any route, before anything reads it', async () => {
    const reseller = { authorization: `Bearer ${await h.login(RESELLER_A)}` };
    const before = await snapshot();
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const cases: Array<[string, string, Record<string, string>]> = [
      ['/api/v1/tickets', `{"a":${deep(5000)}}`, reseller],
      ['/api/v1/tickets/preview', `{"customer":{"name":${deep(100_000)}}}`, reseller],
      ['/api/v1/auth/login', `{"email":${'{"x":'.repeat(40)}1${'}'.repeat(40)}}`, {}],
      // A route that takes no body, and a route nobody serves: the body is still refused first.
      ['/api/v1/auth/sessions', deep(33), reseller],
      ['/api/v1/no-such-route', deep(2000), {}],
    ];
    for (const [path, body, headers] of cases) {
      const res = await request(h.http)
        .post(path)
        .set(headers)
        .set('content-type', 'application/json')
        .send(body);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message).toBe('is nested deeper than 32 levels');
    }
    const named = await request(h.http)
      .post('/api/v1/tickets')
      .set(reseller)
      .set('content-type', 'application/json')
      .send(`{"customer":{"tags":[${deep(40)}]}}`);
    expect(named.body.errors).toEqual([
      { field: `customer.tags${'[0]'.repeat(30)}`, message: 'is nested deeper than 32 levels' },
    ]);
    // A wide body is walked without recursion too: 200,000 siblings at one level are fine to inspect.
    const wide = await request(h.http)
      .post('/api/v1/tickets/preview')
      .set(reseller)
      .send({
        ...grandstreamDefect(),
        faultDescription: 'x',
        extra: Array.from({ length: 200_000 }, () => 0),
      });
    expect(wide.status).toBe(400);
    expect(wide.body.errors.map((e: { field: string }) => e.field)).toEqual(['extra']);
    expect(await snapshot()).toBe(before);
  });
});
