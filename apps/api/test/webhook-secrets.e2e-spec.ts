import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { keyIdOf } from '../src/common/secret-box.js';
import { RESELLER_A, STAFF, STAFF_ADMIN, startHarness, type Harness } from './harness.js';
import { TestReceiver, type Received } from './support/receiver.js';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const WITH_K1 = { SECRETS_KEY: K1.toString('hex'), SECRETS_KEY_PREVIOUS: '' };

interface StoredSecrets {
  secret: string;
  previous_secret: string | null;
  inbound_secret: string | null;
  inbound_previous_secret: string | null;
}

/**
 * Webhook secrets encrypted at rest (SECRETS_KEY): what the database holds, and that signing,
 * callbacks and both kinds of rotation (of a secret, of the key) keep working. Restarts go through
 * the harness on the same database, as a deployment with a new configuration would.
 */
describe('webhook secrets at rest (e2e)', () => {
  let h: Harness;
  const receiver = new TestReceiver();
  const api = (path: string) => `/api/v1${path}`;
  let booted: Record<string, string> = WITH_K1;
  let dapustorSerial: string;

  beforeAll(async () => {
    await receiver.start();
    h = await startHarness({
      ...WITH_K1,
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,300ms,300ms,300ms',
      WEBHOOK_SWEEP_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LOCK_MS: '4000',
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await boot(WITH_K1);
    await h.reset();
    receiver.clear();
    const lines = await (await as(RESELLER_A)).get('/invoice-lines?sku=DS-H5100-3T8').expect(200);
    dapustorSerial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith('DS2541A'));
  });

  /** Restarts the API with these key settings (unless it runs with them already), data kept. */
  async function boot(env: Record<string, string>) {
    if (JSON.stringify(env) === JSON.stringify(booted)) return;
    await h.restart(env);
    booted = env;
  }

  const as = (email: string) => h.as(email);

  /** The endpoint's secret columns as a database dump (or a read-only SQL user) would see them. */
  async function stored(): Promise<StoredSecrets> {
    const rows: StoredSecrets[] = await h.target.asOwner((o) =>
      o.query(
        `SELECT e.secret, e.previous_secret, e.inbound_secret, e.inbound_previous_secret
           FROM webhook_endpoints e JOIN manufacturers m ON m.id = e.manufacturer_id WHERE m.slug = 'dapustor'`,
      ),
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  const sealedUnder = (key: Buffer) =>
    new RegExp(`^enc:v1:${keyIdOf(key)}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`);

  async function createEndpoint(): Promise<string> {
    const put = await (
      await as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url(), payloadVersion: 1 })
      .expect(200);
    expect(put.body.secret).toMatch(/^whsec_/);
    return put.body.secret as string;
  }

  const rotate = async (which: 'secret' | 'inbound-secret') =>
    (await (await as(STAFF_ADMIN)).post(`/manufacturers/dapustor/webhook-endpoint/${which}`).expect(201))
      .body as { secret: string; previousSecretValidUntil: string | null };

  /** Submits a DapuStor defect: routed FORWARDED, so a webhook is sent. */
  async function forward(): Promise<string> {
    const res = await (
      await as(RESELLER_A)
    )
      .post('/tickets', {
        reason: 'DEFECT',
        customer: { name: 'Data Centre One' },
        product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: dapustorSerial, usage: 120 },
        faultDescription: 'Drive drops off the bus under load',
        submit: true,
      })
      .expect(201);
    expect(res.body.status).toBe('FORWARDED');
    return res.body.id as string;
  }

  /** The ticket's delivery once its status is one of `statuses`. */
  async function settled(ticketId: string, ...statuses: string[]) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await (await as(STAFF)).get(`/webhook-deliveries?ticketId=${ticketId}`).expect(200);
      const d = res.body.items[0] as
        { id: string; status: string; lastError: string | null; attempts: unknown[] } | undefined;
      if (d && statuses.includes(d.status)) return d;
      if (Date.now() > deadline) throw new Error(`delivery for ${ticketId} is ${d?.status}, not ${statuses}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const webhookOf = (ticketId: string) =>
    receiver.received.find(
      (r) => (JSON.parse(r.body) as { data: { ticket: { id: string } } }).data.ticket.id === ticketId,
    );

  /** Forwards a ticket, and waits for its webhook at the receiver and for the delivery to be recorded. */
  async function nextWebhook(): Promise<{ ticketId: string; got: Received }> {
    const ticketId = await forward();
    await receiver.waitFor(() => webhookOf(ticketId) !== undefined, 20_000, 'the webhook');
    await settled(ticketId, 'SUCCEEDED');
    return { ticketId, got: webhookOf(ticketId)! };
  }

  const verifies = (secret: string, r: Received) => {
    try {
      new Webhook(secret).verify(r.body, {
        'webhook-id': r.id,
        'webhook-timestamp': r.timestamp,
        'webhook-signature': r.signature,
      });
      return true;
    } catch {
      return false;
    }
  };

  let seq = 0;
  function callback(secret: string, body: object) {
    const raw = JSON.stringify(body);
    const id = `evt_${Date.now()}_${++seq}`;
    const at = new Date();
    return request(h.http)
      .post(api('/manufacturers/dapustor/callbacks'))
      .set('content-type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
      .set('webhook-signature', new Webhook(secret).sign(id, at, raw))
      .send(raw);
  }
  const accept = (secret: string, ticketId: string) =>
    callback(secret, { type: 'rma.accepted', data: { ticketId, vendorRmaNumber: `DS-${++seq}` } });

  it('stores every secret sealed under SECRETS_KEY; the API shows each once, and signing and callbacks use them', async () => {
    const first = await createEndpoint();
    const inbound1 = (await rotate('inbound-secret')).secret;
    const inbound2 = (await rotate('inbound-secret')).secret;
    const outbound2 = (await rotate('secret')).secret;

    const columns = await stored();
    for (const value of Object.values(columns)) expect(value).toMatch(sealedUnder(K1));
    const dump = JSON.stringify(columns);
    for (const plain of [first, inbound1, inbound2, outbound2]) {
      expect(dump).not.toContain(plain);
      expect(dump).not.toContain(plain.slice('whsec_'.length));
    }

    // Staff see neither the secrets nor their sealed form.
    const view = await (await as(STAFF)).get('/manufacturers/dapustor/webhook-endpoint').expect(200);
    expect(JSON.stringify(view.body)).not.toMatch(/whsec_|enc:v1/);
    expect(view.body).toMatchObject({ inboundSecretConfigured: true, enabled: true });

    // During the rotation's grace both the new and the old signing secret sign.
    const { ticketId, got } = await nextWebhook();
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(verifies(outbound2, got)).toBe(true);
    expect(verifies(first, got)).toBe(true);

    // Callbacks verify against the inbound secret, and the previous one during its grace.
    const wrong = await accept(`whsec_${randomBytes(32).toString('base64')}`, ticketId).expect(401);
    expect(wrong.body.code).toBe('UNAUTHENTICATED');
    await accept(inbound1, ticketId).expect(200, { result: 'APPLIED', ticketId, status: 'VENDOR_ACCEPTED' });
    const other = await forward();
    await accept(inbound2, other).expect(200);
  });

  it('seals the secret of an endpoint created on the first forwarded RMA from the manufacturer’s webhookUrl', async () => {
    const ticketId = await forward(); // no endpoint yet: the delivery creates it
    // The demo webhookUrl (port 4010) has no receiver here, or has one: either way a request was sent,
    // so the secret stored sealed was read back to sign it.
    const d = await settled(ticketId, 'FAILED', 'SUCCEEDED');
    expect(d.attempts.length).toBeGreaterThan(0);
    const created = await stored();
    expect(created.secret).toMatch(sealedUnder(K1));

    await (
      await as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url() })
      .expect(200);
    const rotated = await rotate('secret');
    expect((await stored()).previous_secret).toBe(created.secret);
    await (await as(STAFF)).post(`/webhook-deliveries/${d.id}/redeliver`).expect(200);
    await receiver.waitFor(() => receiver.received.length === 1, 20_000, 'the redelivery');
    const got = receiver.received[0]!;
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(verifies(rotated.secret, got)).toBe(true);
  });

  it('seals at boot the plain-text secrets stored before SECRETS_KEY was set', async () => {
    await boot({ SECRETS_KEY: '', SECRETS_KEY_PREVIOUS: '' });
    const outbound = await createEndpoint();
    const inbound = (await rotate('inbound-secret')).secret;
    const before = await stored();
    expect(before).toMatchObject({ secret: outbound, inbound_secret: inbound }); // plain text, as always
    const plainWebhook = await nextWebhook();
    expect(verifies(outbound, plainWebhook.got)).toBe(true);

    await boot(WITH_K1);
    const after = await stored();
    expect(after.secret).toMatch(sealedUnder(K1));
    expect(after.inbound_secret).toMatch(sealedUnder(K1));
    expect(JSON.stringify(after)).not.toContain(outbound.slice('whsec_'.length));
    expect(JSON.stringify(after)).not.toContain(inbound.slice('whsec_'.length));

    // The same secrets, so the manufacturer notices nothing.
    const { ticketId, got } = await nextWebhook();
    expect(verifies(outbound, got)).toBe(true);
    await accept(inbound, ticketId).expect(200);

    // Starting again seals nothing more: the values are left as they are.
    await boot({ ...WITH_K1, SECRETS_KEY_PREVIOUS: K2.toString('hex') });
    expect(await stored()).toEqual(after);
  });

  it('rotates the key: values under SECRETS_KEY_PREVIOUS are read, sealed again under the new key at boot, and the old key can go', async () => {
    const first = await createEndpoint();
    const outbound = (await rotate('secret')).secret; // `first` stays as previous_secret
    const inbound = (await rotate('inbound-secret')).secret;

    await boot({ SECRETS_KEY: K2.toString('base64'), SECRETS_KEY_PREVIOUS: K1.toString('hex') });
    const columns = await stored();
    expect(columns.secret).toMatch(sealedUnder(K2));
    expect(columns.previous_secret).toMatch(sealedUnder(K2));
    expect(columns.inbound_secret).toMatch(sealedUnder(K2));
    const { ticketId, got } = await nextWebhook();
    expect(verifies(outbound, got)).toBe(true);
    expect(verifies(first, got)).toBe(true);
    await accept(inbound, ticketId).expect(200);

    // Everything is under K2 now: K1 is no longer needed.
    await boot({ SECRETS_KEY: K2.toString('base64'), SECRETS_KEY_PREVIOUS: '' });
    const later = await nextWebhook();
    expect(verifies(outbound, later.got)).toBe(true);
    await accept(inbound, later.ticketId).expect(200);
  });

  it('never signs with a secret under a key it lacks: the delivery fails with the reason, callbacks are 503, rotating recovers', async () => {
    await createEndpoint();
    const inbound = (await rotate('inbound-secret')).secret;

    await boot({ SECRETS_KEY: K2.toString('hex'), SECRETS_KEY_PREVIOUS: '' }); // K1 lost; the start goes on
    const admin = await as(STAFF_ADMIN);
    await admin.get('/manufacturers/dapustor/webhook-endpoint').expect(200);
    expect((await stored()).secret).toMatch(sealedUnder(K1)); // left as it was

    const ticketId = await forward();
    const d = await settled(ticketId, 'FAILED');
    expect(d.attempts).toEqual([]); // no request was made
    expect(d.lastError).toContain(
      `The signing secret cannot be decrypted: sealed under key ${keyIdOf(K1)}, but this process has ${keyIdOf(K2)}`,
    );
    expect(receiver.received).toEqual([]);
    expect(receiver.rejected).toEqual([]);

    const refused = await accept(inbound, ticketId).expect(503);
    expect(refused.body).toMatchObject({ code: 'SECRET_UNAVAILABLE' });
    expect(refused.body.message).toMatch(/send it again later/);
    // Bad headers are still the sender's to fix.
    await request(h.http)
      .post(api('/manufacturers/dapustor/callbacks'))
      .send({ type: 'rma.accepted' })
      .expect(401);

    // Rotating replaces the lost secrets; the unreadable ones are dropped, not kept for a grace period.
    const outbound = await rotate('secret');
    expect(outbound.previousSecretValidUntil).toBeNull();
    const newInbound = await rotate('inbound-secret');
    expect(newInbound.previousSecretValidUntil).toBeNull();
    const columns = await stored();
    expect(columns).toMatchObject({ previous_secret: null, inbound_previous_secret: null });
    expect(columns.secret).toMatch(sealedUnder(K2));

    await admin.post(`/webhook-deliveries/${d.id}/redeliver`).expect(200);
    await receiver.waitFor(() => receiver.received.length === 1, 20_000, 'the redelivery');
    const got = receiver.received[0]!;
    expect(got.signature.split(' ')).toHaveLength(1);
    expect(verifies(outbound.secret, got)).toBe(true);
    await accept(newInbound.secret, ticketId).expect(200);
  });
});
