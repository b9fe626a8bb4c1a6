import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { RESELLER_A, RESELLER_B, RESELLER_B_ADMIN, STAFF_ADMIN } from './harness.js';
import { DistApi, DistWorker } from './support/child-worker.js';
import { createFreshDatabase, queryOn } from './support/fresh-database.js';
import { TestReceiver } from './support/receiver.js';

const REAL = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const suite = REAL ? describe : describe.skip;
const title = REAL
  ? 'two API processes and a worker (e2e, PostgreSQL + Redis, built dist)'
  : 'two API processes and a worker (e2e) — SKIPPED: needs a real PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)';

/**
 * The deployed shape: two `dist/main.js` and one `dist/worker.js` on one PostgreSQL and one Redis,
 * each with its own caches. A change through one API decides what the other does next, and webhooks
 * go out from the worker only, once per message id, through a SIGKILL of the worker.
 */
suite(title, () => {
  let db: { url: string; drop(): Promise<void> };
  let dataDir: string;
  let api1: DistApi;
  let api2: DistApi;
  let worker: DistWorker;
  const receiver = new TestReceiver();

  beforeAll(async () => {
    await receiver.start();
    db = await createFreshDatabase(process.env.DATABASE_URL!, 'multi');
    dataDir = mkdtempSync(join(tmpdir(), 'rma-multi-'));
    // What every process of one installation shares.
    const shared = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: `rma-multi-${process.pid}-${Date.now()}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      PUBLIC_URL: 'http://rma.test',
      DATA_DIR: dataDir,
      ATTACHMENTS_DIR: join(dataDir, 'attachments'),
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '5',
      LOGIN_RATE_LIMIT: '1000',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,200ms,500ms,1s,2s,3s,3s,3s,3s,3s',
      WEBHOOK_SWEEP_MS: '250',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LOCK_MS: '3000',
      WEBHOOK_CONCURRENCY: '16',
    };
    // The APIs write and dispatch; only the worker sends. Both seed the demo (under the migration lock: once).
    const apiEnv = {
      ...shared,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: 'true',
      WEBHOOK_WORKER: 'false',
      MAIL_WORKER: 'false',
    };
    api1 = new DistApi(apiEnv);
    api2 = new DistApi(apiEnv);
    worker = new DistWorker({ ...shared, SEED_DEMO: 'false' });
    await Promise.all([api1.start(120_000), api2.start(120_000), worker.start(120_000)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([api1?.stop(), api2?.stop(), worker?.stop('SIGKILL')]);
    await receiver.stop();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = async (api: DistApi, email: string): Promise<string> => {
    const res = await request(api.url)
      .post('/auth/login')
      .send({ email, password: DEMO_PASSWORD })
      .expect(200);
    return res.body.accessToken as string;
  };
  const as = (api: DistApi, token: string) => ({
    get: (path: string) => request(api.url).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      request(api.url).post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) =>
      request(api.url).put(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      request(api.url).patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const defect = (manufacturer: string, sku: string, serialNumber: string) => ({
    reason: 'DEFECT',
    customer: { name: 'Data Centre One' },
    product: { manufacturer, sku, serialNumber },
    faultDescription: 'Fails under load',
    submit: true,
  });
  const serialOf = async (api: DistApi, token: string, sku: string, prefix: string): Promise<string> => {
    const lines = await as(api, token).get(`/invoice-lines?sku=${sku}`).expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith(prefix));
    expect(serial).toBeDefined();
    return serial as string;
  };

  it("a manufacturer's configuration changed through API 1 decides the next ticket submitted on API 2", async () => {
    const admin = as(api1, await signIn(api1, STAFF_ADMIN));
    const token = await signIn(api2, RESELLER_A);
    const reseller = as(api2, token);
    const serial = await serialOf(api2, token, 'IP-IP112', 'IPA');
    // API 2 has innovaphone cached from this decision.
    const before = await reseller.post('/tickets', defect('innovaphone', 'IP-IP112', serial)).expect(201);
    expect(before.body).toMatchObject({ status: 'REDIRECTED', decision: { route: 'VENDOR_PORTAL' } });

    const {
      id: _id,
      revision,
      updatedAt: _u,
      ...config
    } = (await admin.get('/manufacturers/innovaphone').expect(200)).body;
    await admin
      .put('/manufacturers/innovaphone', { ...config, adapter: 'IN_HOUSE', portalUrl: null })
      .expect(200);

    const after = await reseller.post('/tickets', defect('innovaphone', 'IP-IP112', serial)).expect(201);
    expect(after.body.decision.route).toBe('IN_HOUSE');
    expect(after.body.status).not.toBe('REDIRECTED');
    expect(after.body.manufacturerRevision).toBe(revision + 1);
  });

  it('a user disabled through API 1 is refused by both APIs on their next request', async () => {
    const agentOn1 = await signIn(api1, RESELLER_B);
    const agentOn2 = await signIn(api2, RESELLER_B);
    // Both processes have the account cached.
    await as(api1, agentOn1).get('/auth/me').expect(200);
    await as(api2, agentOn2).get('/auth/me').expect(200);
    await as(api2, agentOn1).get('/auth/me').expect(200);
    const [user] = await queryOn<{ id: string }>(db.url, `SELECT id FROM users WHERE email = $1`, [
      RESELLER_B,
    ]);

    const admin = as(api1, await signIn(api1, RESELLER_B_ADMIN));
    await admin.patch(`/users/${user!.id}`, { disabled: true }).expect(200);

    await as(api1, agentOn1).get('/auth/me').expect(401);
    await as(api2, agentOn2).get('/auth/me').expect(401);
    await as(api2, agentOn1).get('/tickets').expect(401);
    await request(api2.url)
      .post('/auth/login')
      .send({ email: RESELLER_B, password: DEMO_PASSWORD })
      .expect(401);
  });

  it('200 webhooks submitted through both APIs reach the receiver, each ticket under one webhook-id, through a SIGKILL of the worker', async () => {
    const admin = as(api1, await signIn(api1, STAFF_ADMIN));
    await admin
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url(), payloadVersion: 1 })
      .expect(200);
    receiver.reply = () => ({ status: 200, delayMs: 300 });
    const tokens = [await signIn(api1, RESELLER_A), await signIn(api2, RESELLER_A)];
    const serial = await serialOf(api1, tokens[0]!, 'DS-H5100-3T8', 'DS2541A');

    /** 100 DapuStor defects through `api`, 8 at a time. */
    const forward = async (api: DistApi, token: string): Promise<string[]> => {
      const ids: string[] = [];
      let next = 0;
      const one = async () => {
        while (next < 100) {
          next++;
          const res = await as(api, token).post('/tickets', defect('dapustor', 'DS-H5100-3T8', serial));
          if (res.status !== 201 || res.body.status !== 'FORWARDED')
            throw new Error(`ticket not forwarded: ${res.status} ${JSON.stringify(res.body)}`);
          ids.push(res.body.id as string);
        }
      };
      await Promise.all(Array.from({ length: 8 }, one));
      return ids;
    };
    const submitted = Promise.all([forward(api1, tokens[0]!), forward(api2, tokens[1]!)]);

    await receiver.waitFor(() => receiver.received.length >= 40, 60_000, 'the first deliveries');
    await worker.stop('SIGKILL');
    const [delivering] = await queryOn<{ n: number }>(
      db.url,
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'DELIVERING'`,
    );
    expect(delivering!.n).toBeGreaterThan(0); // killed mid-request: leases held by a dead worker
    const tickets = (await submitted).flat();
    expect(new Set(tickets).size).toBe(200);

    // With the worker gone nothing is sent: the APIs only write and dispatch.
    await new Promise((r) => setTimeout(r, 500)); // replies the dead worker's requests were waiting for
    const whileDown = receiver.received.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.length).toBe(whileDown);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBeLessThan(200);

    await worker.start(120_000);
    const ours = new Set(tickets);
    const idsByTicket = () => {
      const byTicket = new Map<string, Set<string>>();
      for (const r of receiver.received) {
        const body = JSON.parse(r.body) as { type: string; data: { ticket: { id: string } } };
        if (body.type !== 'rma.forwarded' || !ours.has(body.data.ticket.id)) continue;
        const ids = byTicket.get(body.data.ticket.id) ?? new Set<string>();
        byTicket.set(body.data.ticket.id, ids.add(r.id));
      }
      return byTicket;
    };
    await receiver.waitFor(() => idsByTicket().size === 200, 90_000, 'a message for each of the 200 tickets');

    const byTicket = idsByTicket();
    expect([...byTicket.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    const webhookIds = new Set([...byTicket.values()].flatMap((ids) => [...ids]));
    expect(webhookIds.size).toBe(200);
    const stored = await queryOn<{ id: string }>(
      db.url,
      `SELECT id FROM webhook_deliveries WHERE event_type = 'rma.forwarded' AND ticket_id = ANY($1::uuid[])`,
      [tickets],
    );
    expect(new Set(stored.map((d) => d.id))).toEqual(webhookIds);
    expect([api1.running, api2.running, worker.running]).toEqual([true, true, true]);
  }, 240_000);
});
