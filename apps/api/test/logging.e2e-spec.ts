import { pino } from 'pino';
import request from 'supertest';
import { pinoHttpOptions } from '../src/logging/logging.module.js';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_A_ADMIN,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';

type Line = Record<string, unknown> & { level: string; msg?: string; reqId?: string };

/** The JSON log lines (pino through nestjs-pino): who called on every line of a request, and no secret on any. */
describe('Logs (e2e)', () => {
  let h: Harness;
  const written: string[] = [];
  const lines = (): Line[] =>
    written
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);
  const ofRequest = (id: string) => lines().filter((l) => l.reqId === id);

  beforeAll(async () => {
    h = await startHarness(
      { LOG_LEVEL: 'info' },
      { logStream: { write: (s: string) => void written.push(s) } },
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes JSON lines: the level by name, an ISO time; Nest itself logs through them', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((l) => ['debug', 'info', 'warn', 'error'].includes(l.level))).toBe(true);
    expect(all.every((l) => typeof l.time === 'string' && !Number.isNaN(Date.parse(String(l.time))))).toBe(
      true,
    );
    // The routes Nest maps at boot, and its start.
    expect(all.some((l) => l.context === 'RouterExplorer')).toBe(true);
  });

  it('a login: its request id on its line, no password in any line', async () => {
    const wrong = 'not-the-password-9f2c';
    await request(h.http)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'login-1')
      .send({ email: RESELLER_A, password: DEMO_PASSWORD })
      .expect(200)
      .expect('X-Request-Id', 'login-1');
    await request(h.http)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'login-2')
      .send({ email: RESELLER_A, password: wrong })
      .expect(401);
    const [done] = ofRequest('login-1');
    expect(done).toMatchObject({
      level: 'info',
      msg: 'request',
      req: { method: 'POST', url: '/api/v1/auth/login' },
      res: { statusCode: 200 },
    });
    expect(typeof done!.responseTime).toBe('number');
    expect(ofRequest('login-2')).toHaveLength(1);
    const text = written.join('');
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(wrong);
    expect(text).not.toContain('"body"');
  });

  it('a bearer token and an API key: the user or key and its tenant on the line, neither credential anywhere', async () => {
    const token = await h.login(RESELLER_A);
    const me = await request(h.http)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'bearer-1')
      .set('Cookie', 'session=cookie-secret-5a1e')
      .expect(200);
    expect(ofRequest('bearer-1')).toEqual([
      expect.objectContaining({ userId: me.body.id, tenantId: me.body.tenantId, msg: 'request' }),
    ]);

    const key = (await (await h.as(RESELLER_A_ADMIN)).post('/api-keys', { name: 'ERP' }).expect(201)).body;
    await request(h.http)
      .get('/api/v1/auth/me')
      .set('X-API-Key', key.key)
      .set('X-Request-Id', 'key-1')
      .expect(200);
    expect(ofRequest('key-1')).toEqual([
      expect.objectContaining({ apiKeyId: key.id, tenantId: me.body.tenantId }),
    ]);
    const text = written.join('');
    expect(text).not.toContain(token);
    expect(text).not.toContain(key.key);
    expect(text).not.toContain('cookie-secret-5a1e');
  });

  it("a service's own line during a request carries the request id, the key and the tenant", async () => {
    const staff = await h.as(STAFF_ADMIN);
    const key = (await (await h.as(RESELLER_A_ADMIN)).post('/api-keys', { name: 'ERP 2' }).expect(201)).body;
    // Tenant A without an active reseller admin: a ticket opened with a key has no one to mail.
    const team = (await (await h.as(RESELLER_A_ADMIN)).get('/users').expect(200)).body as Array<{
      id: string;
      role: string;
    }>;
    for (const admin of team.filter((u) => u.role === 'RESELLER_ADMIN'))
      await staff.patch(`/users/${admin.id}`, { disabled: true }).expect(200);
    await request(h.http)
      .post('/api/v1/tickets')
      .set('X-API-Key', key.key)
      .set('X-Request-Id', 'submit-1')
      .send({ ...grandstreamDefect(), submit: true })
      .expect(201);
    const warned = ofRequest('submit-1').find((l) => l.msg === 'no recipient for a ticket message');
    expect(warned).toMatchObject({ level: 'warn', context: 'Mail', apiKeyId: key.id });
    expect(warned!.tenantId).toEqual(expect.any(String));
  });

  it('a request id that is not sane is replaced by a UUID, echoed in the answer and in an error body', async () => {
    const res = await request(h.http)
      .get('/api/v1/tickets/not-a-uuid')
      .set('Authorization', `Bearer ${await h.login(RESELLER_A)}`)
      .set('X-Request-Id', 'bad id with spaces')
      .expect(400);
    const id = String(res.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(res.body.requestId).toBe(id);
    expect(ofRequest(id)).toHaveLength(1);
    const missing = await request(h.http).get('/api/v1/nothing-here').set('X-Request-Id', 'nf-1').expect(404);
    expect(missing.body.requestId).toBe('nf-1');
    expect(ofRequest('nf-1')).toEqual([expect.objectContaining({ res: { statusCode: 404 } })]);
  });

  it('credentials a service logs by name are redacted, at the top and nested', () => {
    const out: string[] = [];
    const log = pino(pinoHttpOptions('info'), { write: (s: string) => void out.push(s) });
    log.info({
      password: 'pw-1',
      headers: { authorization: 'Bearer t-1', 'x-api-key': 'rma_k-1', cookie: 'c-1' },
      endpoint: { secret: 's-1', inboundSecret: 's-2' },
      user: { accessToken: 't-2', name: 'kept' },
    });
    const line = out.join('');
    for (const secret of ['pw-1', 't-1', 'rma_k-1', 'c-1', 's-1', 's-2', 't-2'])
      expect(line).not.toContain(secret);
    expect(line).toContain('kept');
  });
});
