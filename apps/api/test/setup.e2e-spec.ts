import request from 'supertest';
import { SetupService } from '../src/setup/setup.service.js';
import { STAFF_ADMIN, startHarness, type Harness } from './harness.js';

/**
 * The first-run page's API: while no enabled distributor admin exists, whoever holds a setup token
 * (printed at start) creates the first one and is signed in; then setup is closed.
 */
describe('first administrator setup (e2e)', () => {
  let h: Harness;
  const api = (path: string) => `/api/v1${path}`;
  const account = { name: 'Olga Ops', email: 'olga@distri.example', password: 'correct-horse-battery' };
  const post = (body: object) => request(h.http).post(api('/setup/admin')).send(body);
  const owner = (sql: string) => h.target.asOwner((o) => o.query(sql));
  /** The installation as it is before its first admin: the demo's admins disabled, no token yet. */
  const withoutAdmins = async () => {
    await owner(`UPDATE users SET disabled_at = now() WHERE role = 'DISTRIBUTOR_ADMIN'`);
    await owner(`DELETE FROM setup_tokens`);
  };
  const enabledAdmins = async () =>
    (
      await owner(
        `SELECT email FROM users WHERE role = 'DISTRIBUTOR_ADMIN' AND disabled_at IS NULL ORDER BY email`,
      )
    ).map((r: { email: string }) => r.email);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await owner(`DELETE FROM setup_tokens`);
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  it('is closed while an admin exists: GET says so, and a POST is 409 with nothing written', async () => {
    expect((await request(h.http).get(api('/setup')).expect(200)).body).toEqual({ needed: false });
    expect(await h.app.get(SetupService).openSetup()).toBeNull();
    const res = await post({ ...account, token: 'x'.repeat(43) }).expect(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(await h.count('setup_tokens')).toBe(0);
    expect(await enabledAdmins()).toEqual([STAFF_ADMIN]);
  });

  it('with no admin: a wrong token is 403, bad input 400 naming the field; the right one creates the admin, signs them in and closes setup', async () => {
    await withoutAdmins();
    expect((await request(h.http).get(api('/setup')).expect(200)).body).toEqual({ needed: true });
    const token = (await h.app.get(SetupService).openSetup())!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    // Only its hash is stored.
    const [stored] = await owner(
      `SELECT encode(token_hash, 'hex') AS hash, expires_at - now() AS ttl FROM setup_tokens`,
    );
    expect(stored.hash).not.toContain(Buffer.from(token).toString('hex'));

    const wrong = await post({
      ...account,
      token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
    }).expect(403);
    expect(wrong.body.code).toBe('FORBIDDEN');
    const weak = await post({ ...account, password: 'short', token }).expect(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    const badEmail = await post({ ...account, email: 'olga', token }).expect(400);
    expect(badEmail.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    await post({ ...account }).expect(400);
    expect(await enabledAdmins()).toEqual([]);

    const created = await post({ ...account, token }).expect(201);
    expect(created.body.user).toMatchObject({ name: 'Olga Ops', role: 'DISTRIBUTOR_ADMIN', tenantId: null });
    const me = await request(h.http)
      .get(api('/auth/me'))
      .set('Authorization', `Bearer ${created.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ kind: 'user', role: 'DISTRIBUTOR_ADMIN', tenantId: null });
    await request(h.http)
      .post(api('/auth/login'))
      .send({ email: account.email, password: account.password })
      .expect(200);
    expect(await enabledAdmins()).toEqual([account.email]);
    expect(await h.count('setup_tokens')).toBe(0);
    expect((await request(h.http).get(api('/setup')).expect(200)).body).toEqual({ needed: false });
    // The token is spent: setup is closed.
    await post({ ...account, email: 'second@distri.example', token }).expect(409);
    expect(await enabledAdmins()).toEqual([account.email]);
  });

  it('an expired token is refused', async () => {
    await withoutAdmins();
    const token = (await h.app.get(SetupService).openSetup())!;
    await owner(`UPDATE setup_tokens SET expires_at = now() - interval '1 second'`);
    await post({ ...account, token }).expect(403);
    expect(await enabledAdmins()).toEqual([]);
  });

  it('a token another process printed is accepted here too; racing requests create one admin', async () => {
    await withoutAdmins();
    const first = (await h.app.get(SetupService).openSetup())!;
    const second = (await h.app.get(SetupService).openSetup())!;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post({ ...account, email: `racer${i}@distri.example`, token: i % 2 ? first : second }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await enabledAdmins()).toHaveLength(1);
    expect(await h.count('setup_tokens')).toBe(0);
  });

  it('an e-mail already registered is 409 naming the field, and setup stays open', async () => {
    await withoutAdmins();
    const token = (await h.app.get(SetupService).openSetup())!;
    const res = await post({ ...account, email: 'AGENT@distri.example', token }).expect(409);
    expect(res.body.errors).toEqual([{ field: 'email', message: 'already registered' }]);
    expect(await h.count('setup_tokens')).toBe(1);
  });

  it('wrong tokens are rate limited like logins', async () => {
    await h.restart({ LOGIN_RATE_LIMIT: '3' });
    try {
      await withoutAdmins();
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await post({ ...account, token: `guess-${i}` })).status);
      expect(statuses).toEqual([403, 403, 403, 429, 429]);
    } finally {
      await owner(`DELETE FROM login_attempts`);
      await h.restart({});
    }
  });
});
