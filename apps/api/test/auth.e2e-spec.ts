import request from 'supertest';
import {
  RESELLER_A,
  RESELLER_A_ADMIN,
  RESELLER_B,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';

describe('auth, roles and API keys (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ LOGIN_RATE_LIMIT: '5', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const login = (email: string, password: string) =>
    request(h.http).post('/api/v1/auth/login').send({ email, password });

  it('logs in with the right password only, without telling which part was wrong', async () => {
    const ok = await login(RESELLER_B, 'demo1234').expect(200);
    expect(ok.body.user).toMatchObject({ role: 'RESELLER_AGENT' });
    expect(ok.headers['cache-control']).toBe('no-store'); // a session token: no cache keeps it
    const wrong = await login(RESELLER_B, 'nope').expect(401);
    const unknown = await login('nobody@nowhere.example', 'nope').expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    await login('not-an-email', 'x').expect(400);
  });

  it('rate-limits login attempts per e-mail with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('target@alpha-it.example', `guess${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await login('target@alpha-it.example', 'again');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'counts login attempts across API instances sharing the database',
    async () => {
      const other = await startHarness({ LOGIN_RATE_LIMIT: '5', LOGIN_RATE_WINDOW_SECONDS: '60' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) {
          const instance = i % 2 === 0 ? h.http : other.http;
          const res = await request(instance)
            .post('/api/v1/auth/login')
            .send({ email: 'spread@alpha-it.example', password: `guess${i}` });
          statuses.push(res.status);
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      } finally {
        await other.close();
      }
    },
  );

  it('rejects a missing, garbage or tampered token with 401', async () => {
    await request(h.http).get('/api/v1/tickets').expect(401);
    await request(h.http).get('/api/v1/tickets').set('Authorization', 'Bearer garbage').expect(401);
    const token = await h.login(RESELLER_A);
    const [head, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'DISTRIBUTOR_ADMIN', tid: null })).toString(
      'base64url',
    );
    await request(h.http)
      .get('/api/v1/tenants')
      .set('Authorization', `Bearer ${head}.${forged}.${sig}`)
      .expect(401);
  });

  it('enforces each endpoint’s roles', async () => {
    const agent = await h.login(RESELLER_A);
    await request(h.http).get('/api/v1/tenants').set('Authorization', `Bearer ${agent}`).expect(403);
    await request(h.http).post('/api/v1/users').set('Authorization', `Bearer ${agent}`).send({}).expect(403);
    const staff = await h.login(STAFF_ADMIN);
    await request(h.http)
      .post('/api/v1/tickets')
      .set('Authorization', `Bearer ${staff}`)
      .send({ reason: 'DEFECT' })
      .expect(403);
    const tenants = await request(h.http)
      .get('/api/v1/tenants')
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    expect(tenants.body.map((t: { slug: string }) => t.slug)).toEqual(['alpha-it', 'beta-net']);
  });

  it('issues an API key once, stores only its hash, records its use, and stops it on revoke', async () => {
    const admin = await h.login(RESELLER_A_ADMIN);
    const created = await request(h.http)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'ERP' })
      .expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^rma_[0-9a-f]{8}_/);
    expect(created.headers['cache-control']).toBe('no-store'); // shown once, kept nowhere
    const stored = await h.target.asOwner((o) =>
      o.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [created.body.id]),
    );
    expect(stored[0].key_hash).not.toContain(key);
    expect(stored[0].key_hash).toHaveLength(64);

    const list = await request(h.http).get('/api/v1/tickets').set('X-API-Key', key).expect(200);
    expect(list.body.items).toEqual([]);
    await request(h.http).get('/api/v1/tickets').set('Authorization', `Bearer ${key}`).expect(200);
    const keys = await request(h.http)
      .get('/api/v1/api-keys')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const listed = keys.body.find((k: { id: string }) => k.id === created.body.id);
    expect(listed.key).toBeUndefined();
    expect(listed.lastUsedAt).not.toBeNull();

    await request(h.http)
      .delete(`/api/v1/api-keys/${created.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await request(h.http).get('/api/v1/tickets').set('X-API-Key', key).expect(401);
    await request(h.http).get('/api/v1/tickets').set('X-API-Key', 'rma_deadbeef_notakey').expect(401);
  });

  it('an API key, even with the admin role, manages neither users nor API keys', async () => {
    const admin = await h.login(RESELLER_A_ADMIN);
    const created = await request(h.http)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'ERP admin', role: 'RESELLER_ADMIN' })
      .expect(201);
    const key: string = created.body.key;
    const keysBefore = await h.count('api_keys');
    const asKey = (r: request.Test) => r.set('X-API-Key', key);
    await asKey(request(h.http).get('/api/v1/tickets')).expect(200); // what keys are for
    const refused = [
      await asKey(request(h.http).post('/api/v1/api-keys')).send({ name: 'another' }),
      await asKey(request(h.http).get('/api/v1/api-keys')),
      await asKey(request(h.http).delete(`/api/v1/api-keys/${created.body.id}`)),
      await asKey(request(h.http).get('/api/v1/users')),
      await asKey(request(h.http).post('/api/v1/users')).send({
        email: 'intruder@alpha-it.example',
        name: 'Intruder',
        role: 'RESELLER_ADMIN',
        password: 'a-long-password-1',
      }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(refused[0]!.body.message).toMatch(/signed-in user/);
    expect(await h.count('api_keys')).toBe(keysBefore);
    const [intruder] = await h.target.asOwner((o) =>
      o.query(`SELECT 1 FROM users WHERE email = 'intruder@alpha-it.example'`),
    );
    expect(intruder).toBeUndefined();
  });

  it('a reseller admin creates users in its own tenant only, and e-mails are unique', async () => {
    const admin = await h.login(RESELLER_A_ADMIN);
    const u = await request(h.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        email: 'new.agent@alpha-it.example',
        name: 'New Agent',
        role: 'RESELLER_AGENT',
        password: 'longenough1',
      })
      .expect(201);
    expect(u.body.tenantId).not.toBeNull();
    await login('new.agent@alpha-it.example', 'longenough1').expect(200);
    const dup = await request(h.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        email: 'NEW.AGENT@alpha-it.example',
        name: 'Dup',
        role: 'RESELLER_AGENT',
        password: 'longenough1',
      })
      .expect(409);
    expect(dup.body.errors[0].field).toBe('email');
    await request(h.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        email: 'boss@alpha-it.example',
        name: 'Boss',
        role: 'DISTRIBUTOR_ADMIN',
        password: 'longenough1',
      })
      .expect(400);
  });

  it("lists the distributor's staff apart (staff=true); a reseller's list stays its own whatever it asks", async () => {
    const list = async (email: string, query: string) =>
      (
        await request(h.http)
          .get(`/api/v1/users${query}`)
          .set('Authorization', `Bearer ${await h.login(email)}`)
          .expect(200)
      ).body as Array<{ email: string; tenantId: string | null; lastSignInAt: string | null }>;
    const staff = await list(STAFF_ADMIN, '?staff=true');
    expect(staff.map((u) => u.email).sort()).toEqual(['admin@distri.example', 'agent@distri.example']);
    // Each with the time of their last sign-in: the admin just signed in.
    const signedIn = staff.find((u) => u.email === 'admin@distri.example');
    expect(Date.now() - Date.parse(signedIn!.lastSignInAt!)).toBeLessThan(60 * 60_000);
    expect((await list(STAFF_ADMIN, '')).length).toBeGreaterThan(staff.length);
    const asReseller = await list(RESELLER_A_ADMIN, '?staff=true');
    expect(asReseller.length).toBeGreaterThan(0);
    expect(asReseller.every((u) => u.tenantId !== null && u.email.endsWith('@alpha-it.example'))).toBe(true);
    await request(h.http)
      .get('/api/v1/users?staff=yes')
      .set('Authorization', `Bearer ${await h.login(STAFF_ADMIN)}`)
      .expect(400);
  });

  it('validates manufacturer configuration with the rules package, field by field', async () => {
    const admin = await h.login(STAFF_ADMIN);
    const res = await request(h.http)
      .post('/api/v1/manufacturers')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        slug: 'acme',
        name: 'Acme',
        adapter: 'VENDOR_PORTAL',
        supportTicket: { helpdeskUrl: 'not a url', numberPattern: '([' },
        warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
        rmaValidityDays: 14,
      })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['portalUrl', 'supportTicket.helpdeskUrl', 'supportTicket.numberPattern']),
    );
    const unknown = await request(h.http)
      .post('/api/v1/manufacturers')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        slug: 'acme',
        name: 'Acme',
        adapter: 'TELEPATHY',
        warranty: { months: 24, fallback: 'NONE' },
        rmaValidityDays: 14,
      })
      .expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toContain('adapter');
    const ok = await request(h.http)
      .post('/api/v1/manufacturers')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        slug: 'acme',
        name: 'Acme',
        adapter: 'VENDOR_PORTAL',
        portalUrl: 'https://rma.acme.example/',
        warranty: { months: 24, fallback: 'NONE' },
        rmaValidityDays: 14,
      })
      .expect(201);
    expect(ok.body.portalUrl).toBe('https://rma.acme.example/');
    const list = await request(h.http)
      .get('/api/v1/manufacturers')
      .set('Authorization', `Bearer ${await h.login(RESELLER_A)}`)
      .expect(200);
    expect(list.body.map((m: { slug: string }) => m.slug)).toContain('acme');
  });
});
