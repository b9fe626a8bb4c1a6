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
});
