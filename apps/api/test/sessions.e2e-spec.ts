import request from 'supertest';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { RESELLER_A, RESELLER_A_ADMIN, startHarness, type Harness } from './harness.js';

/**
 * A signed-in session lasts as long as the account allows it, not as long as its token: disabling a
 * user, a new password and "sign out everywhere" end sessions at once, and a role changed by an admin
 * applies to the user's next request.
 */
describe('sessions follow the account (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ LOGIN_RATE_LIMIT: '20', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.reset());

  /** A fresh sign-in (the harness's own logins are cached per reset). */
  const signIn = async (email: string, password = DEMO_PASSWORD) => {
    const res = await request(h.http).post('/api/v1/auth/login').send({ email, password });
    return { status: res.status, token: res.body.accessToken as string };
  };
  const me = (token: string) =>
    request(h.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const as = (token: string) => ({
    get: (path: string) => request(h.http).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      request(h.http).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      request(h.http).patch(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) =>
      request(h.http).delete(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  });
  const userId = async (email: string): Promise<string> => {
    const [row] = await h.target.asOwner((o) => o.query(`SELECT id FROM users WHERE email = $1`, [email]));
    return row.id;
  };
  /** The password notices written to an address: their bodies. */
  const notices = async (email: string): Promise<string[]> =>
    (
      await h.target.asOwner((o) =>
        o.query(
          `SELECT body FROM mail_outbox WHERE kind = 'PASSWORD_CHANGED' AND recipients = ARRAY[$1]::text[]`,
          [email],
        ),
      )
    ).map((r: { body: string }) => r.body);
  const passwordHash = async (email: string): Promise<string> => {
    const [row] = await h.target.asOwner((o) =>
      o.query(`SELECT password_hash FROM users WHERE email = $1`, [email]),
    );
    return row.password_hash;
  };

  it('disabling a user ends their sessions at once; enabling them again does not revive old tokens', async () => {
    const agent = (await signIn(RESELLER_A)).token;
    await me(agent).expect(200);
    const admin = as((await signIn(RESELLER_A_ADMIN)).token);
    const id = await userId(RESELLER_A);

    await admin.patch(`/users/${id}`, { disabled: true }).expect(200);
    const ended = await me(agent).expect(401);
    expect(ended.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This session has ended; sign in again',
    });
    await as(agent).get('/tickets').expect(401);
    expect((await signIn(RESELLER_A)).status).toBe(401);

    await admin.patch(`/users/${id}`, { disabled: false }).expect(200);
    await me(agent).expect(401);
    const again = await signIn(RESELLER_A);
    expect(again.status).toBe(200);
    await me(again.token).expect(200);
  });

  it("a role changed by an admin applies to the user's next request", async () => {
    const agent = as((await signIn(RESELLER_A)).token);
    const admin = as((await signIn(RESELLER_A_ADMIN)).token);
    const id = await userId(RESELLER_A);
    await agent.get('/users').expect(403);

    await admin.patch(`/users/${id}`, { role: 'RESELLER_ADMIN', name: 'Alex Promoted' }).expect(200);
    expect((await agent.get('/auth/me').expect(200)).body).toMatchObject({
      role: 'RESELLER_ADMIN',
      name: 'Alex Promoted',
    });
    await agent.get('/users').expect(200);

    await admin.patch(`/users/${id}`, { role: 'RESELLER_AGENT' }).expect(200);
    await agent.get('/users').expect(403);
  });

  it('changing one’s password needs the current one, ends the other sessions and keeps this one', async () => {
    const elsewhere = (await signIn(RESELLER_A)).token;
    const here = as((await signIn(RESELLER_A)).token);
    const before = await passwordHash(RESELLER_A);

    const wrong = await here
      .post('/auth/password', { currentPassword: 'not-it', newPassword: 'a-new-password' })
      .expect(400);
    expect(wrong.body.errors).toEqual([
      { field: 'currentPassword', message: 'is not your current password' },
    ]);
    const short = await here
      .post('/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    const same = await here
      .post('/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD })
      .expect(400);
    expect(same.body.errors).toEqual([
      { field: 'newPassword', message: 'must differ from the current password' },
    ]);
    await here
      .post('/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password', role: 'x' })
      .expect(400);
    // Refused attempts wrote nothing and ended nothing.
    expect(await passwordHash(RESELLER_A)).toBe(before);
    expect(await notices(RESELLER_A)).toEqual([]);
    await me(elsewhere).expect(200);

    const changed = await here
      .post('/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password' })
      .expect(200);
    expect(changed.body).toMatchObject({ user: { role: 'RESELLER_AGENT' }, expiresIn: expect.any(Number) });
    expect(changed.headers['cache-control']).toBe('no-store');
    await me(changed.body.accessToken).expect(200);
    await me(elsewhere).expect(401);
    await here.get('/auth/me').expect(401); // the token the change was made with is replaced too
    expect((await signIn(RESELLER_A)).status).toBe(401);
    expect((await signIn(RESELLER_A, 'a-new-password')).status).toBe(200);
    // Its owner hears of it, in case it was not them.
    const [notice, ...more] = await notices(RESELLER_A);
    expect(more).toEqual([]);
    expect(notice).toContain(`The password of your RMA account ${RESELLER_A} was changed`);
    expect(notice).toContain('If you did not change it, tell your administrator at once.');
  });

  it('limits password guesses on a signed-in account like logins (429)', async () => {
    const agent = as((await signIn(RESELLER_A)).token);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await agent.post('/auth/password', { currentPassword: `guess${i}`, newPassword: 'a-new-password' }))
          .status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("an admin's password reset ends the user's sessions; admins cannot disable, demote or reset themselves", async () => {
    const agent = (await signIn(RESELLER_A)).token;
    const adminToken = (await signIn(RESELLER_A_ADMIN)).token;
    const admin = as(adminToken);
    await admin.patch(`/users/${await userId(RESELLER_A)}`, { password: 'reset-by-admin' }).expect(200);
    await me(agent).expect(401);
    expect((await signIn(RESELLER_A, 'reset-by-admin')).status).toBe(200);
    expect(await notices(RESELLER_A)).toEqual([
      expect.stringContaining(`Ada Alpha set a new password for your RMA account ${RESELLER_A}`),
    ]);

    const self = await userId(RESELLER_A_ADMIN);
    const hash = await passwordHash(RESELLER_A_ADMIN);
    const refused = await admin
      .patch(`/users/${self}`, { disabled: true, role: 'RESELLER_AGENT', password: 'whatever-else' })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'disabled',
      'role',
      'password',
    ]);
    expect(await passwordHash(RESELLER_A_ADMIN)).toBe(hash);
    expect((await me(adminToken).expect(200)).body.role).toBe('RESELLER_ADMIN');
    await admin.patch(`/users/${self}`, { name: 'Ada A.' }).expect(200); // the rest of one's own account is fine
  });

  it('signing out everywhere ends every session of the user, this one included', async () => {
    const elsewhere = (await signIn(RESELLER_A)).token;
    const here = as((await signIn(RESELLER_A)).token);
    const other = (await signIn(RESELLER_A_ADMIN)).token;
    const ended = await here.delete('/auth/sessions').expect(200);
    expect(Date.parse(ended.body.endedAt)).toBeGreaterThan(Date.now() - 60_000);
    await here.get('/auth/me').expect(401);
    await me(elsewhere).expect(401);
    await me(other).expect(200); // another user's sessions go on
    expect((await signIn(RESELLER_A)).status).toBe(200);
  });

  it('an API key changes no password and ends no session', async () => {
    const admin = as((await signIn(RESELLER_A_ADMIN)).token);
    const { key } = (await admin.post('/api-keys', { name: 'ERP' }).expect(201)).body;
    const withKey = (test: request.Test) => test.set('X-API-Key', key);
    await withKey(request(h.http).post('/api/v1/auth/password'))
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password' })
      .expect(403);
    await withKey(request(h.http).delete('/api/v1/auth/sessions')).expect(403);
    await admin.get('/auth/me').expect(200);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'an API key revoked by another process stops working here too; using one records its use',
    async () => {
      const admin = as((await signIn(RESELLER_A_ADMIN)).token);
      const created = (await admin.post('/api-keys', { name: 'ERP' }).expect(201)).body;
      const withKey = () => request(h.http).get('/api/v1/auth/me').set('X-API-Key', created.key);
      await withKey().expect(200); // cached now
      const [used] = await h.target.asOwner((o) =>
        o.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [created.id]),
      );
      expect(used.last_used_at).not.toBeNull();
      await h.target.asOwner((o) =>
        o.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [created.id]),
      );
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        status = (await withKey()).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
    },
  );

  (process.env.DATABASE_URL ? it : it.skip)(
    'a change committed by another process ends the session here too',
    async () => {
      const agent = (await signIn(RESELLER_A)).token;
      await me(agent).expect(200); // cached now
      await h.target.asOwner((o) =>
        o.query(`UPDATE users SET disabled_at = now() WHERE email = $1`, [RESELLER_A]),
      );
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        status = (await me(agent)).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
    },
  );
});
