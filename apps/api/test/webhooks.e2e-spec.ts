import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { RESELLER_A, STAFF, STAFF_ADMIN, startHarness, type Harness } from './harness.js';
import { TestReceiver, type Received } from './support/receiver.js';

/**
 * Webhooks to manufacturers and their callbacks, end to end against a local receiver: on embedded
 * PostgreSQL with the in-process worker, or on PostgreSQL + Redis (Bull) when DATABASE_URL and
 * REDIS_URL are set. The retry schedule is shortened by configuration.
 */
describe('webhooks (e2e)', () => {
  let h: Harness;
  const receiver = new TestReceiver();
  const api = (path: string) => `/api/v1${path}`;
  let secret: string;
  let dapustorSerial: string;

  beforeAll(async () => {
    await receiver.start();
    h = await startHarness({
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,300ms,300ms,300ms',
      WEBHOOK_SWEEP_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LOCK_MS: '4000',
      ...(process.env.WH_LOG ? { LOG_LEVEL: process.env.WH_LOG } : {}),
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await h.reset();
    receiver.clear();
    const put = await (
      await as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url(), payloadVersion: 1 })
      .expect(200);
    secret = put.body.secret;
    const lines = await (await as(RESELLER_A)).get('/invoice-lines?sku=DS-H5100-3T8').expect(200);
    dapustorSerial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith('DS2541A'));
  });

  const as = (email: string) => h.as(email);

  /** Submits a DapuStor defect: routed FORWARDED, so a delivery is written with the ticket. */
  async function forward(overrides: Record<string, unknown> = {}): Promise<string> {
    const a = await as(RESELLER_A);
    const res = await a
      .post('/tickets', {
        reason: 'DEFECT',
        customer: { name: 'Data Centre One' },
        product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: dapustorSerial, usage: 120 },
        faultDescription: 'Drive drops off the bus under load',
        resellerReference: 'PO-7781',
        submit: true,
        ...overrides,
      })
      .expect(201);
    expect(res.body.status).toBe('FORWARDED');
    return res.body.id as string;
  }

  async function deliveriesOf(ticketId: string) {
    const res = await (await as(STAFF)).get(`/webhook-deliveries?ticketId=${ticketId}`).expect(200);
    return res.body.items as Array<{
      id: string;
      status: string;
      attemptCount: number;
      lastError: string | null;
      attempts: Array<Record<string, unknown>>;
    }>;
  }

  async function settled(ticketId: string, status: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [d] = await deliveriesOf(ticketId);
      if (d?.status === status) return d;
      if (Date.now() > deadline) throw new Error(`delivery for ${ticketId} is ${d?.status}, not ${status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const headersOf = (r: Received) => ({
    'webhook-id': r.id,
    'webhook-timestamp': r.timestamp,
    'webhook-signature': r.signature,
  });

  it('forwards a routed ticket by a signed webhook that the standardwebhooks library verifies', async () => {
    const ticketId = await forward();
    await receiver.waitFor(() => receiver.received.length === 1, 20_000, 'the webhook');
    const got = receiver.received[0]!;
    expect(got.path).toBe('/rma');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.id).toMatch(/^msg_[0-9A-Z]{26}$/);
    expect(Math.abs(Number(got.timestamp) - Date.now() / 1000)).toBeLessThan(10);
    const payload = new Webhook(secret).verify(got.body, headersOf(got)) as Record<string, unknown>;
    expect(payload).toMatchObject({
      type: 'rma.forwarded',
      version: 1,
      data: {
        ticket: { id: ticketId, status: 'FORWARDED', reason: 'DEFECT', resellerReference: 'PO-7781' },
        product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: dapustorSerial, usage: 120 },
        fault: { description: 'Drive drops off the bus under load', exclusions: [] },
        warranty: { status: 'IN_WARRANTY', basis: 'SERIAL_MANUFACTURE_DATE' },
        supportTicketNumber: null,
        attachments: [],
        callbackUrl: expect.stringMatching(/\/api\/v1\/manufacturers\/dapustor\/callbacks$/),
      },
    });
    // The end customer's details stay with the distributor.
    expect(got.body).not.toContain('Data Centre One');

    const d = await settled(ticketId, 'SUCCEEDED');
    expect(d.id).toBe(got.id);
    expect(d.attemptCount).toBe(1);
    expect(d.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        statusCode: 200,
        responseBody: 'ok',
        error: null,
        url: receiver.url(),
      }),
    ]);
    expect(d.attempts[0]!.latencyMs).toEqual(expect.any(Number));

    // Manual redelivery: the same webhook-id again, and the log shows the second attempt.
    const again = await (await as(STAFF)).post(`/webhook-deliveries/${d.id}/redeliver`).expect(200);
    expect(again.body.status).toBe('PENDING');
    await receiver.waitFor(() => receiver.received.length === 2, 20_000, 'the redelivery');
    expect(receiver.received[1]!.id).toBe(got.id);
    expect(receiver.received[1]!.body).toBe(got.body);
    const after = await settled(ticketId, 'SUCCEEDED');
    expect(after.attempts.map((a) => a.attempt)).toEqual([1, 2]);
  });

  it('shows the endpoint to staff without secrets, and only admins manage it', async () => {
    const agent = await as(STAFF);
    const view = await agent.get('/manufacturers/dapustor/webhook-endpoint').expect(200);
    expect(view.body).toMatchObject({
      manufacturer: 'dapustor',
      url: receiver.url(),
      events: ['rma.forwarded'],
      enabled: true,
    });
    expect(JSON.stringify(view.body)).not.toContain('whsec_');
    await agent.put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url() }).expect(403);
    await agent.post('/manufacturers/dapustor/webhook-endpoint/secret').expect(403);
    await (await as(RESELLER_A)).get('/webhook-deliveries').expect(403);
    const admin = await as(STAFF_ADMIN);
    // A private address is refused; so is a non-http scheme. Loopback is allowed by this test's configuration.
    const bad = await admin
      .put('/manufacturers/dapustor/webhook-endpoint', { url: 'http://10.1.2.3/hook' })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'url', message: expect.stringMatching(/private/) });
    await admin.put('/manufacturers/dapustor/webhook-endpoint', { url: 'ftp://vendor.example/' }).expect(400);
    await admin
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url(), events: ['rma.bogus'] })
      .expect(400);
    const updated = await admin
      .put('/manufacturers/dapustor/webhook-endpoint', {
        url: receiver.url('/v2'),
        events: ['rma.cancelled'],
      })
      .expect(200);
    expect(updated.body.events).toEqual(['rma.forwarded', 'rma.cancelled']);
    expect(updated.body.secret).toBeUndefined(); // shown once, at creation
  });

  it("sends to the manufacturer's configured webhookUrl: a change of either the configuration or the endpoint moves the next delivery, in the history", async () => {
    const admin = await as(STAFF_ADMIN);
    const {
      id: _i,
      revision: _r,
      updatedAt: _u,
      ...config
    } = (await admin.get('/manufacturers/dapustor').expect(200)).body;
    expect(config.webhookUrl).toBe(receiver.url()); // the endpoint's address, set in beforeEach
    // Staff change the address in the manufacturer's configuration ...
    await admin.put('/manufacturers/dapustor', { ...config, webhookUrl: receiver.url('/moved') }).expect(200);
    expect((await admin.get('/manufacturers/dapustor/webhook-endpoint').expect(200)).body.url).toBe(
      receiver.url('/moved'),
    );
    const first = await forward();
    await settled(first, 'SUCCEEDED');
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
    // ... or on the endpoint: the configuration follows, as a revision made by that admin.
    await admin.put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url('/v3') }).expect(200);
    const mf = (await admin.get('/manufacturers/dapustor').expect(200)).body;
    expect(mf.webhookUrl).toBe(receiver.url('/v3'));
    const second = await forward();
    await settled(second, 'SUCCEEDED');
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved', '/v3']);
    const history = (await admin.get('/manufacturers/dapustor/revisions').expect(200)).body;
    expect(history.slice(0, 3)).toMatchObject([
      { revision: mf.revision, changed: ['webhookUrl'], changedBy: 'Dana Distri' },
      { changed: ['webhookUrl'], changedBy: 'Dana Distri' },
      {},
    ]);
    // The configuration's address passes the same address policy as the endpoint's.
    const bad = await admin
      .put('/manufacturers/dapustor', { ...config, webhookUrl: 'http://10.1.2.3/hook' })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({
      field: 'webhookUrl',
      message: expect.stringMatching(/private/),
    });
  });

  it('signs with the old and the new secret during a rotation; both verify with the library', async () => {
    const rotated = await (
      await as(STAFF_ADMIN)
    )
      .post('/manufacturers/dapustor/webhook-endpoint/secret')
      .expect(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect(new Date(rotated.body.previousSecretValidUntil).getTime()).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );
    await forward();
    await receiver.waitFor(() => receiver.received.length === 1, 20_000, 'the webhook');
    const got = receiver.received[0]!;
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(() => new Webhook(secret).verify(got.body, headersOf(got))).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(got.body, headersOf(got))).not.toThrow();
    // Once the grace period is over, only the new secret signs.
    await h.target.asOwner((o) =>
      o.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second'`),
    );
    await forward();
    await receiver.waitFor(() => receiver.received.length === 2, 20_000, 'the second webhook');
    const next = receiver.received[1]!;
    expect(next.signature.split(' ')).toHaveLength(1);
    expect(() => new Webhook(rotated.body.secret).verify(next.body, headersOf(next))).not.toThrow();
    expect(() => new Webhook(secret).verify(next.body, headersOf(next))).toThrow();
  });

  it('retries on failure, then fails after the last attempt, visible to staff; the same webhook-id every time', async () => {
    receiver.reply = () => ({ status: 500, body: 'x'.repeat(5000) });
    const ticketId = await forward();
    const d = await settled(ticketId, 'FAILED');
    expect(d.attemptCount).toBe(4);
    expect(d.lastError).toBe('HTTP 500; gave up after 4 attempts');
    expect(d.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500]);
    expect((d.attempts[0]!.responseBody as string).length).toBe(2048); // truncated
    expect(new Set(receiver.rejected.map((r) => r.id))).toEqual(new Set([d.id]));
    const failed = await (
      await as(STAFF)
    )
      .get('/webhook-deliveries?status=FAILED&manufacturer=dapustor')
      .expect(200);
    expect(failed.body.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
  });

  it('does not follow a redirect', async () => {
    receiver.reply = (r) =>
      r.path === '/rma'
        ? { status: 302, headers: { location: receiver.url('/elsewhere') } }
        : { status: 200 };
    const ticketId = await forward();
    const d = await settled(ticketId, 'FAILED');
    expect(d.attempts[0]).toMatchObject({ statusCode: 302, error: null });
    expect(d.lastError).toMatch(/HTTP 302: redirect to .*\/elsewhere not followed/);
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toEqual([]);
  });

  it('waits at least as long as a 429 Retry-After says', async () => {
    let calls = 0;
    receiver.reply = () =>
      ++calls === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 };
    const ticketId = await forward();
    await receiver.waitFor(() => receiver.received.length === 1, 20_000, 'the retried webhook');
    const [first] = receiver.rejected;
    const [second] = receiver.received;
    expect(second!.id).toBe(first!.id);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1900); // the schedule alone would retry after 300 ms
    const d = await settled(ticketId, 'SUCCEEDED');
    expect(d.attempts.map((a) => a.statusCode)).toEqual([429, 200]);
  });

  it('410 disables the endpoint; staff re-enable it and redeliver every failed one since T', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    receiver.reply = () => ({ status: 410 });
    const first = await forward();
    const d1 = await settled(first, 'FAILED');
    expect(d1.attemptCount).toBe(1);
    const admin = await as(STAFF_ADMIN);
    const endpoint = await admin.get('/manufacturers/dapustor/webhook-endpoint').expect(200);
    expect(endpoint.body).toMatchObject({ enabled: false, disabledReason: 'The endpoint answered 410 Gone' });
    // While disabled, new deliveries fail at once, without a request.
    const second = await forward();
    const d2 = await settled(second, 'FAILED');
    expect(d2.attempts).toEqual([]);
    expect(d2.lastError).toMatch(/disabled/);
    expect(receiver.rejected).toHaveLength(1);
    await admin.post(`/webhook-deliveries/${d2.id}/redeliver`).expect(409);

    receiver.reply = () => ({ status: 200 });
    await admin
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url(), enabled: true })
      .expect(200);
    // A manufacturer nobody knows is bad input naming its field, and sends nothing.
    const unknown = await admin
      .post('/webhook-deliveries/redeliver-failed', { since, manufacturer: 'nobody' })
      .expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'manufacturer', message: 'unknown manufacturer "nobody"' },
    ]);
    const redo = await admin
      .post('/webhook-deliveries/redeliver-failed', { since, manufacturer: 'dapustor' })
      .expect(200);
    expect(redo.body).toEqual({ redelivered: 2 });
    await receiver.waitFor(() => receiver.received.length === 2, 20_000, 'both redeliveries');
    expect(receiver.distinctIds()).toEqual(new Set([d1.id, d2.id]));
    await settled(first, 'SUCCEEDED');
    await settled(second, 'SUCCEEDED');
  });

  it('disables an endpoint that has failed for 5 days straight', async () => {
    receiver.reply = () => ({ status: 500 });
    const ticketId = await forward();
    await receiver.waitFor(() => receiver.rejected.length >= 1, 20_000, 'a first failure');
    await h.target.asOwner((o) =>
      o.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute'`),
    );
    await settled(ticketId, 'FAILED');
    const endpoint = await (await as(STAFF)).get('/manufacturers/dapustor/webhook-endpoint').expect(200);
    expect(endpoint.body.enabled).toBe(false);
    expect(endpoint.body.disabledReason).toMatch(/^Every delivery failed since /);
  });

  describe('callbacks', () => {
    let inbound: string;
    beforeEach(async () => {
      const res = await (
        await as(STAFF_ADMIN)
      )
        .post('/manufacturers/dapustor/webhook-endpoint/inbound-secret')
        .expect(201);
      inbound = res.body.secret;
    });

    let seq = 0;
    function callback(body: object, opts: { secret?: string; id?: string; at?: Date } = {}) {
      const raw = JSON.stringify(body);
      const id = opts.id ?? `evt_${Date.now()}_${++seq}`;
      // One instant for the signature and the header (two clock reads could straddle a second).
      const at = opts.at ?? new Date();
      const signature = new Webhook(opts.secret ?? inbound).sign(id, at, raw);
      const ts = String(Math.floor(at.getTime() / 1000));
      return request(h.http)
        .post(api('/manufacturers/dapustor/callbacks'))
        .set('content-type', 'application/json')
        .set('webhook-id', id)
        .set('webhook-timestamp', ts)
        .set('webhook-signature', signature)
        .send(raw);
    }

    async function ticket(id: string) {
      return (await (await as(RESELLER_A)).get(`/tickets/${id}`).expect(200)).body;
    }

    it('moves the ticket through accepted and replacement shipped, in its timeline as the manufacturer', async () => {
      const id = await forward();
      const accepted = await callback(
        { type: 'rma.accepted', data: { ticketId: id, vendorRmaNumber: 'DS-RMA-4711' } },
        { id: 'evt_1' },
      ).expect(200);
      expect(accepted.body).toEqual({ result: 'APPLIED', ticketId: id, status: 'VENDOR_ACCEPTED' });
      // A replay changes nothing.
      const replay = await callback(
        { type: 'rma.accepted', data: { ticketId: id, vendorRmaNumber: 'DS-RMA-4711' } },
        { id: 'evt_1' },
      ).expect(200);
      expect(replay.body).toEqual({ result: 'DUPLICATE', ticketId: id, status: 'VENDOR_ACCEPTED' });
      await callback({
        type: 'rma.replacement_shipped',
        data: { ticketId: id, carrier: 'UPS', trackingNumber: '1Z999', replacementSerial: 'DS2601A0000001' },
      }).expect(200);
      // A resolved ticket is the distributor's to close.
      await callback({ type: 'rma.closed', data: { ticketId: id } }).expect(409);
      const t = await ticket(id);
      expect(t.status).toBe('RESOLVED');
      expect(t.vendorRmaNumber).toBe('DS-RMA-4711');
      expect(t.outcome).toBe('REPLACED');
      expect(t.replacement.serialNumber).toBe('DS2601A0000001');
      // The later of the original warranty's end and 90 days from today.
      const ninety = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      const originalEnd: string = t.decision.warranty.endsOn;
      expect(t.replacement.coveredUntil).toBe(originalEnd > ninety ? originalEnd : ninety);
      const vendor = t.timeline.filter((e: { actorType: string }) => e.actorType === 'MANUFACTURER');
      expect(
        vendor.map(
          (e: { action: string; toStatus: string; actorLabel: string }) =>
            `${e.actorLabel}:${e.action}:${e.toStatus}`,
        ),
      ).toEqual(['DapuStor:VENDOR_ACCEPT:VENDOR_ACCEPTED', 'DapuStor:VENDOR_SHIP_REPLACEMENT:RESOLVED']);
      expect(vendor[1].note).toBe(
        'DapuStor shipped a replacement with UPS, tracking 1Z999, serial DS2601A0000001',
      );
      const stored = await h.target.asOwner((o) =>
        o.query(`SELECT webhook_id, raw_body, result FROM webhook_callbacks ORDER BY id`),
      );
      expect(stored).toHaveLength(2);
      expect(JSON.parse(stored[0].raw_body)).toEqual({
        type: 'rma.accepted',
        data: { ticketId: id, vendorRmaNumber: 'DS-RMA-4711' },
      });
      // The reseller hears each answer once (the replay wrote no second message), by e-mail.
      const mails = await vendorMails(id);
      expect(mails.map((m) => m.kind)).toEqual(['VENDOR_ACCEPTED', 'RESOLVED']);
      expect(mails[0]!.recipients).toEqual([RESELLER_A]);
      expect(mails[0]!.subject).toContain('DapuStor accepted');
      expect(mails[0]!.body).toContain("Manufacturer's RMA number: DS-RMA-4711");
      expect(mails[1]!.body).toContain('Replacement serial: DS2601A0000001');
      expect(mails[1]!.body).toContain('tracking 1Z999');
    });

    /** The messages a ticket's manufacturer callbacks wrote (submitting wrote the first). */
    const vendorMails = (ticketId: string) =>
      h.target.asOwner(
        async (o) =>
          (await o.query(
            `SELECT kind, recipients, subject, body FROM mail_outbox WHERE ticket_id = $1 AND kind <> 'SUBMITTED' ORDER BY created_at, id`,
            [ticketId],
          )) as Array<{ kind: string; recipients: string[]; subject: string; body: string }>,
      );

    it('rejects with a reason, then closes', async () => {
      const id = await forward();
      await callback({
        type: 'rma.rejected',
        data: { ticketId: id, reason: 'Serial not in our records' },
      }).expect(200);
      const t = await ticket(id);
      expect(t.status).toBe('VENDOR_REJECTED');
      expect(t.timeline.at(-1)).toMatchObject({
        actorType: 'MANUFACTURER',
        note: 'DapuStor rejected the RMA: Serial not in our records',
      });
      const closed = await callback({
        type: 'rma.closed',
        data: { ticketId: id, note: 'Case closed on our side' },
      }).expect(200);
      expect(closed.body.status).toBe('CLOSED');
      expect((await ticket(id)).timeline.at(-1)).toMatchObject({
        action: 'CLOSE',
        actorType: 'MANUFACTURER',
        toStatus: 'CLOSED',
      });
      const mails = await vendorMails(id);
      expect(mails.map((m) => m.kind)).toEqual(['VENDOR_REJECTED']); // closing sends nothing
      expect(mails[0]!.body).toContain('DapuStor rejected the RMA: Serial not in our records');
      // Kept unsent here (no SMTP_URL): staff cannot have it sent until a mail server is configured.
      const [held] = await h.target.asOwner((o) =>
        o.query(`SELECT id, status FROM mail_outbox WHERE ticket_id = $1 AND kind = 'VENDOR_REJECTED'`, [id]),
      );
      expect(held.status).toBe('HELD');
      const refused = await (await as(STAFF_ADMIN)).post(`/outbox/${held.id}/resend`).expect(409);
      expect(refused.body.message).toMatch(/No mail server is configured/);
    });

    it('answers 401 to a bad signature, a wrong secret or a stale timestamp, and changes nothing', async () => {
      const id = await forward();
      const body = { type: 'rma.accepted', data: { ticketId: id, vendorRmaNumber: 'DS-1' } };
      const raw = JSON.stringify(body);
      const wh = new Webhook(inbound);
      const now = new Date();
      const tampered = await request(h.http)
        .post(api('/manufacturers/dapustor/callbacks'))
        .set('content-type', 'application/json')
        .set('webhook-id', 'evt_x')
        .set('webhook-timestamp', String(Math.floor(now.getTime() / 1000)))
        .set('webhook-signature', wh.sign('evt_x', now, raw))
        .send(raw.replace('DS-1', 'DS-2'))
        .expect(401);
      expect(tampered.body.code).toBe('UNAUTHENTICATED');
      await callback(body, { secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}` }).expect(401);
      const stale = await callback(body, { at: new Date(Date.now() - 301_000) }).expect(401);
      expect(stale.body.message).toMatch(/300 seconds/);
      await request(h.http).post(api('/manufacturers/dapustor/callbacks')).send(body).expect(401);
      expect((await ticket(id)).status).toBe('FORWARDED');
      expect(await h.count('webhook_callbacks')).toBe(0);
    });

    it('answers 409 to an event the lifecycle forbids, and changes nothing; 400 to a malformed one', async () => {
      const id = await forward();
      const r = await callback({
        type: 'rma.replacement_shipped',
        data: { ticketId: id, trackingNumber: '1Z' },
      }).expect(409);
      expect(r.body.code).toBe('TRANSITION_NOT_ALLOWED');
      const noNumber = await callback({ type: 'rma.accepted', data: { ticketId: id } }).expect(400);
      expect(noNumber.body.errors[0].field).toBe('data.vendorRmaNumber');
      await callback({ type: 'rma.exploded', data: { ticketId: id } }).expect(400);
      await callback({
        type: 'rma.accepted',
        data: { ticketId: '9b6f2d1c-0000-4000-8000-000000000000', vendorRmaNumber: 'X' },
      }).expect(404);
      expect((await ticket(id)).status).toBe('FORWARDED');
      expect(await h.count('webhook_callbacks')).toBe(0);
    });

    it('accepts the previous inbound secret during its grace period', async () => {
      const id = await forward();
      const old = inbound;
      await (
        await as(STAFF_ADMIN)
      )
        .post('/manufacturers/dapustor/webhook-endpoint/inbound-secret')
        .expect(201);
      await callback(
        { type: 'rma.accepted', data: { ticketId: id, vendorRmaNumber: 'DS-9' } },
        { secret: old },
      ).expect(200);
    });
  });
});
