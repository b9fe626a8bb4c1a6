import request from 'supertest';
import { grandstreamDefect, RESELLER_A, STAFF_ADMIN, startHarness, type Harness } from './harness.js';
import { TestReceiver } from './support/receiver.js';

const TOKEN = 'metrics-token-for-tests-0123';

/** GET /metrics: Prometheus text behind METRICS_TOKEN, with the counters the platform moves. */
describe('Metrics (e2e)', () => {
  let h: Harness;
  const receiver = new TestReceiver();
  beforeAll(async () => {
    await receiver.start();
    h = await startHarness({
      METRICS_TOKEN: TOKEN,
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,300ms',
      WEBHOOK_SWEEP_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LOCK_MS: '4000',
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver.stop();
  });

  const scrape = async () => {
    const res = await request(h.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };
  /** The value of one sample, by its name and exact labels as printed; 0 when absent. */
  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it('a submit moves the submit counter, the HTTP histogram of its route pattern and the delivery counter', async () => {
    await (
      await h.as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url() })
      .expect(200);
    const reseller = await h.as(RESELLER_A);
    const lines = await reseller.get('/invoice-lines?sku=DS-H5100-3T8').expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith('DS2541A'));
    const before = await scrape();
    const inHouse = await reseller.post('/tickets', { ...grandstreamDefect(), submit: true }).expect(201);
    const forwarded = await reseller
      .post('/tickets', {
        reason: 'DEFECT',
        customer: { name: 'Data Centre One' },
        product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial, usage: 120 },
        faultDescription: 'Drive drops off the bus under load',
        submit: true,
      })
      .expect(201);
    expect(forwarded.body.status).toBe('FORWARDED');
    await reseller.get(`/tickets/${inHouse.body.id}`).expect(200);
    const deadline = Date.now() + 10_000;
    while (receiver.received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    let after = await scrape();
    for (; Date.now() < deadline; after = await scrape()) {
      if (sample(after, 'webhook_deliveries_total{result="succeeded"}') > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(inHouse.body.decision.route).toBe('IN_HOUSE');
    expect(moved('tickets_submitted_total{route="IN_HOUSE"}')).toBe(1);
    expect(moved('tickets_submitted_total{route="VENDOR_WEBHOOK"}')).toBe(1);
    expect(
      moved('http_request_duration_seconds_count{method="POST",route="/api/v1/tickets",status_code="201"}'),
    ).toBe(2);
    // The pattern, never the id: one series for every ticket.
    expect(
      moved(
        'http_request_duration_seconds_count{method="GET",route="/api/v1/tickets/:id",status_code="200"}',
      ),
    ).toBe(1);
    expect(after).not.toContain(inHouse.body.id);
    expect(moved('webhook_deliveries_total{result="succeeded"}')).toBe(1);
    // The outboxes' backlog, read at scrape time, and the process metrics.
    expect(after).toMatch(/^outbox_pending_messages\{outbox="webhooks"\} \d+$/m);
    expect(after).toMatch(/^outbox_oldest_pending_age_seconds\{outbox="mail"\} [\d.e+-]+$/m);
    expect(after).toContain('process_cpu_user_seconds_total');
  });

  it('a request no route serves is counted under one label', async () => {
    await request(h.http).get('/api/v1/no-such-thing/123').expect(404);
    expect(await scrape()).toMatch(/route="unmatched",status_code="404"/);
  });

  it('refuses a scrape without the token or with another one (401), and is not served without METRICS_TOKEN (404)', async () => {
    const missing = await request(h.http).get('/metrics').expect(401);
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    await request(h.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await request(h.http).get('/metrics').set('Authorization', 'Bearer short').expect(401);
    await h.restart({ METRICS_TOKEN: '' });
    try {
      await request(h.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    } finally {
      await h.restart({ METRICS_TOKEN: TOKEN });
    }
  });
});
