import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { WEBHOOKS_QUEUE } from '../src/webhooks/webhooks.constants.js';
import { RESELLER_A, STAFF_ADMIN, startHarness, type Harness } from './harness.js';
import { ChildWorker } from './support/child-worker.js';
import { TestReceiver } from './support/receiver.js';

const REAL = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const suite = REAL ? describe : describe.skip;
const title = REAL
  ? 'webhooks durability (e2e, PostgreSQL + Redis)'
  : 'webhooks durability (e2e) — SKIPPED: needs a real PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)';

/**
 * Nothing is lost: the receiver down for a while, the worker SIGKILLed mid-request, Redis flushed.
 * PostgreSQL is the source of truth and the dispatcher drives every due delivery again from it.
 * The API here only writes and dispatches (WEBHOOK_WORKER=false); a child process sends.
 */
suite(title, () => {
  let h: Harness;
  let queue: Queue;
  let worker: ChildWorker;
  const receiver = new TestReceiver();
  const api = (path: string) => `/api/v1${path}`;
  const WEBHOOK_ENV = {
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    WEBHOOK_RETRY_SCHEDULE: '0,200ms,500ms,1s,2s,3s,3s,3s,3s,3s,3s,3s,3s,3s,3s',
    WEBHOOK_SWEEP_MS: '250',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_LOCK_MS: '3000',
    WEBHOOK_CONCURRENCY: '16',
  };
  let serial: string;
  let token: string;

  beforeAll(async () => {
    await receiver.start();
    h = await startHarness({ ...WEBHOOK_ENV, WEBHOOK_WORKER: 'false' });
    queue = h.app.get<Queue>(getQueueToken(WEBHOOKS_QUEUE));
    worker = new ChildWorker({
      ...WEBHOOK_ENV,
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: h.config.queuePrefix,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '10',
    });
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await h?.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await h.reset();
    await queue.empty();
    receiver.clear();
    const admin = await h.login(STAFF_ADMIN);
    await request(h.http)
      .put(api('/manufacturers/dapustor/webhook-endpoint'))
      .set('Authorization', `Bearer ${admin}`)
      .send({ url: receiver.url() })
      .expect(200);
    token = await h.login(RESELLER_A);
    const lines = await request(h.http)
      .get(api('/invoice-lines?sku=DS-H5100-3T8'))
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith('DS2541A'));
  });
  afterEach(async () => {
    await worker.stop('SIGKILL');
    if (!receiver.listening) await receiver.start();
  });

  /** Submits `n` DapuStor defects, 16 at a time: each is routed FORWARDED with its delivery in the same transaction. */
  async function forwardMany(n: number): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    const one = async () => {
      while (next < n) {
        next++;
        const res = await request(h.http)
          .post(api('/tickets'))
          .set('Authorization', `Bearer ${token}`)
          .send({
            reason: 'DEFECT',
            customer: { name: 'Data Centre One' },
            product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial },
            faultDescription: 'Drive drops off the bus under load',
            submit: true,
          });
        if (res.status !== 201 || res.body.status !== 'FORWARDED')
          throw new Error(`ticket not forwarded: ${res.status} ${JSON.stringify(res.body)}`);
        ids.push(res.body.id);
      }
    };
    await Promise.all(Array.from({ length: 16 }, one));
    return ids;
  }

  async function deliveryStates(): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number }> = await h.target.asOwner((o) =>
      o.query(`SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY status`),
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async function deliveryIds(): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await h.target.asOwner((o) =>
      o.query(`SELECT id FROM webhook_deliveries`),
    );
    return new Set(rows.map((r) => r.id));
  }

  async function allSucceeded(n: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await deliveryStates();
      if (states.SUCCEEDED === n) return;
      if (Date.now() > deadline) throw new Error(`not all delivered: ${JSON.stringify(states)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('receiver down (connection refused, then 503) while 1,000 deliveries queue, then up: all 1,000 arrive, with 1,000 distinct webhook-ids', async () => {
    await receiver.stop();
    await worker.start();
    const tickets = await forwardMany(1000);
    expect(new Set(tickets).size).toBe(1000);
    const [refused] = await h.target.asOwner((o) =>
      o.query(`SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE error = 'connection refused'`),
    );
    expect(refused.n).toBeGreaterThan(1000);

    receiver.reply = () => ({ status: 503 });
    await receiver.start();
    await receiver.waitFor(() => receiver.rejected.length >= 500, 30_000, '503s');
    receiver.reply = () => ({ status: 200 });

    await receiver.waitFor(() => receiver.distinctIds().size === 1000, 90_000, 'all 1,000 deliveries');
    expect(receiver.distinctIds()).toEqual(await deliveryIds());
    await allSucceeded(1000, 30_000);
    // Retries carried the delivery's own id each time.
    for (const r of receiver.rejected) expect(receiver.distinctIds().has(r.id)).toBe(true);
  }, 180_000);

  it('the worker SIGKILLed while deliveries are in flight: all arrive after it restarts', async () => {
    receiver.reply = () => ({ status: 200, delayMs: 300 });
    await forwardMany(200);
    await worker.start();
    await receiver.waitFor(() => receiver.received.length >= 40, 30_000, 'the first deliveries');
    await worker.stop('SIGKILL');
    const beforeRestart = receiver.distinctIds().size;
    expect(beforeRestart).toBeLessThan(200);
    const states = await deliveryStates();
    expect(states.DELIVERING).toBeGreaterThan(0); // killed mid-request: leases held by a dead worker

    await worker.start();
    await receiver.waitFor(() => receiver.distinctIds().size === 200, 60_000, 'all 200 deliveries');
    expect(receiver.distinctIds()).toEqual(await deliveryIds());
    await allSucceeded(200, 30_000);
    const [interrupted] = await h.target.asOwner((o) =>
      o.query(`SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE error LIKE 'interrupted%'`),
    );
    expect(interrupted.n).toBeGreaterThan(0);
  }, 120_000);

  /**
   * What FLUSHALL or a restart without persistence does to the app, without touching anything else the
   * Redis server holds (other suites, other apps): every key under this app's queue prefix is deleted.
   */
  async function loseRedisData(): Promise<void> {
    const keys: string[] = [];
    for await (const batch of queue.client.scanStream({ match: `${h.config.queuePrefix}:*`, count: 1000 }))
      keys.push(...(batch as string[]));
    if (keys.length > 0) await queue.client.del(...keys);
  }

  it('Redis losing its data with deliveries pending: all arrive after the next sweep', async () => {
    receiver.reply = () => ({ status: 200, delayMs: 50 });
    await forwardMany(200);
    // The dispatcher has queued them in Redis; nobody consumes yet.
    const deadline = Date.now() + 20_000;
    while ((await queue.getWaitingCount()) < 200) {
      if (Date.now() > deadline) throw new Error(`only ${await queue.getWaitingCount()} jobs queued`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await loseRedisData();
    expect(await queue.getWaitingCount()).toBe(0);
    expect((await deliveryStates()).PENDING).toBe(200);

    await worker.start();
    await receiver.waitFor(() => receiver.distinctIds().size >= 50, 30_000, 'the first deliveries');
    await loseRedisData(); // again, with jobs in flight and waiting
    await receiver.waitFor(() => receiver.distinctIds().size === 200, 60_000, 'all 200 deliveries');
    expect(receiver.distinctIds()).toEqual(await deliveryIds());
    await allSucceeded(200, 30_000);
  }, 120_000);

  it('5 concurrent copies of one callback are applied once', async () => {
    const [ticketId] = await forwardMany(1);
    const admin = await h.login(STAFF_ADMIN);
    const res = await request(h.http)
      .post(api('/manufacturers/dapustor/webhook-endpoint/inbound-secret'))
      .set('Authorization', `Bearer ${admin}`)
      .expect(201);
    const raw = JSON.stringify({ type: 'rma.accepted', data: { ticketId, vendorRmaNumber: 'DS-RMA-1' } });
    const now = new Date();
    const signature = new Webhook(res.body.secret).sign('evt_concurrent', now, raw);
    const send = () =>
      request(h.http)
        .post(api('/manufacturers/dapustor/callbacks'))
        .set('content-type', 'application/json')
        .set('webhook-id', 'evt_concurrent')
        .set('webhook-timestamp', String(Math.floor(now.getTime() / 1000)))
        .set('webhook-signature', signature)
        .send(raw);
    const answers = await Promise.all(Array.from({ length: 5 }, send));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.result).sort()).toEqual([
      'APPLIED',
      'DUPLICATE',
      'DUPLICATE',
      'DUPLICATE',
      'DUPLICATE',
    ]);
    const timeline: Array<{ action: string }> = await h.target.asOwner((o) =>
      o.query(`SELECT action FROM ticket_events WHERE ticket_id = $1 AND action = 'VENDOR_ACCEPT'`, [
        ticketId,
      ]),
    );
    expect(timeline).toHaveLength(1);
    expect(await h.count('webhook_callbacks')).toBe(1);
  });
});
