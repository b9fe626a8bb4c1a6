import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import {
  RESELLER_A,
  RESELLER_B,
  STAFF,
  STAFF_ADMIN,
  startHarness,
  type Client,
  type Harness,
} from './harness.js';
import type { RmaEventV1, RmaEventV2, RmaItemV2 } from '../src/webhooks/payload.js';
import { TestReceiver, type Received } from './support/receiver.js';

/** A delivery as the staff's log lists it (the fields read here). */
type LoggedDelivery = { id: string; ticketId: string; ticketIds: string[]; returnId: string | null };

/**
 * Payload version 2 (issue 15, "Manufacturers"): a manufacturer routed by webhook receives its items of
 * one return in one signed message, and answers per item by callback; an endpoint on version 1 keeps
 * one message per item. DapuStor and innovaphone (made a webhook manufacturer here) each have an
 * endpoint on the local receiver, under a path of its own.
 */
describe('webhooks, payload version 2 (e2e)', () => {
  let h: Harness;
  const receiver = new TestReceiver();
  const api = (path: string) => `/api/v1${path}`;
  const secrets: Record<string, string> = {};
  const inbound: Record<string, string> = {};
  let dapustorSerials: string[];
  let innovaphoneSerial: string | undefined;

  beforeAll(async () => {
    await receiver.start();
    h = await startHarness({
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

  async function serialsOf(a: Client, sku: string, prefix: string): Promise<string[]> {
    const lines = await a.get(`/invoice-lines?sku=${sku}`).expect(200);
    return lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .filter((s: string) => s.startsWith(prefix));
  }

  /** An endpoint for `slug` at the receiver's /slug, made now (so on the version new endpoints get, unless given). */
  async function endpoint(slug: string, payloadVersion?: number) {
    const admin = await h.as(STAFF_ADMIN);
    const put = await admin
      .put(`/manufacturers/${slug}/webhook-endpoint`, {
        url: receiver.url(`/${slug}`),
        ...(payloadVersion ? { payloadVersion } : {}),
      })
      .expect(200);
    secrets[slug] = put.body.secret;
    const res = await admin.post(`/manufacturers/${slug}/webhook-endpoint/inbound-secret`).expect(201);
    inbound[slug] = res.body.secret;
    return put.body;
  }

  beforeEach(async () => {
    await h.reset();
    receiver.clear();
    const admin = await h.as(STAFF_ADMIN);
    // innovaphone takes its RMAs by webhook here (the demo sends them to its portal).
    const current = (await admin.get('/manufacturers/innovaphone').expect(200)).body;
    await admin
      .put('/manufacturers/innovaphone', {
        slug: 'innovaphone',
        name: current.name,
        adapter: 'VENDOR_WEBHOOK',
        webhookUrl: receiver.url('/innovaphone'),
        warranty: current.warranty,
        rmaValidityDays: current.rmaValidityDays,
      })
      .expect(200);
    const a = await h.as(RESELLER_A);
    dapustorSerials = (await serialsOf(a, 'DS-H5100-3T8', 'DS2541A')).slice(0, 2);
    expect(dapustorSerials).toHaveLength(2);
    [innovaphoneSerial] = await serialsOf(a, 'IP-IP112', 'IPA');
    expect(innovaphoneSerial).toBeDefined();
  });

  const dapustorItem = (serialNumber: string) => ({
    reason: 'DEFECT',
    product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber, usage: 120 },
    faultDescription: `Drive ${serialNumber} drops off the bus under load`,
  });

  /** A return of four items: DapuStor, a Grandstream in-house one, innovaphone, DapuStor again. */
  async function submitReturn(client?: Client) {
    const a = client ?? (await h.as(RESELLER_A));
    const res = await a
      .post('/returns', {
        customer: { name: 'Data Centre One', email: 'ops@dc1.example' },
        delivery: { address: 'Rue 1, Brussels' },
        resellerReference: 'PO-9900',
        items: [
          dapustorItem(dapustorSerials[0]!),
          {
            reason: 'DEFECT',
            product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1001' },
            faultDescription: 'No dial tone',
            supportTicketNumber: 'GS-000001',
          },
          {
            reason: 'DEFECT',
            product: { manufacturer: 'innovaphone', sku: 'IP-IP112', serialNumber: innovaphoneSerial },
            faultDescription: 'Display stays dark',
          },
          dapustorItem(dapustorSerials[1]!),
        ],
        submit: true,
      })
      .expect(201);
    const items = res.body.items as Array<{
      id: string;
      position: number;
      status: string;
      manufacturer: string;
    }>;
    expect(items.map((i) => [i.position, i.manufacturer, i.status])).toEqual([
      [1, 'dapustor', 'FORWARDED'],
      [2, 'grandstream', 'IN_REVIEW'],
      [3, 'innovaphone', 'FORWARDED'],
      [4, 'dapustor', 'FORWARDED'],
    ]);
    return { id: res.body.id as string, items };
  }

  const headersOf = (r: Received) => ({
    'webhook-id': r.id,
    'webhook-timestamp': r.timestamp,
    'webhook-signature': r.signature,
  });
  const at = (path: string) => receiver.received.filter((r) => r.path === path);

  let seq = 0;
  function callback(slug: string, body: object) {
    const raw = JSON.stringify(body);
    const id = `evt_${Date.now()}_${++seq}`;
    const now = new Date();
    return request(h.http)
      .post(api(`/manufacturers/${slug}/callbacks`))
      .set('content-type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(Math.floor(now.getTime() / 1000)))
      .set('webhook-signature', new Webhook(inbound[slug]!).sign(id, now, raw))
      .send(raw);
  }

  const statusOf = async (id: string) =>
    (await (await h.as(RESELLER_A)).get(`/tickets/${id}`).expect(200)).body.status as string;

  it('sends each manufacturer one signed message listing its items of the return, answered per item', async () => {
    expect((await endpoint('dapustor')).payloadVersion).toBe(2);
    expect((await endpoint('innovaphone')).payloadVersion).toBe(2);
    const ret = await submitReturn();
    const [ds1, , ip, ds2] = ret.items;
    // One delivery per (return, manufacturer), written with the return.
    expect(await h.count('webhook_deliveries')).toBe(2);

    await receiver.waitFor(() => receiver.received.length === 2, 20_000, 'two messages');
    const [toDapustor] = at('/dapustor');
    const [toInnovaphone] = at('/innovaphone');
    expect(toDapustor).toBeDefined();
    expect(toInnovaphone).toBeDefined();
    const shared = {
      type: 'rma.forwarded',
      version: 2,
      data: { return: { id: ret.id, resellerReference: 'PO-9900' } },
    };
    const d = new Webhook(secrets.dapustor!).verify(toDapustor!.body, headersOf(toDapustor!)) as RmaEventV2;
    expect(d).toMatchObject({
      ...shared,
      data: {
        ...shared.data,
        callbackUrl: expect.stringMatching(/\/api\/v1\/manufacturers\/dapustor\/callbacks$/),
      },
    });
    expect(Object.keys(d.data).sort()).toEqual(['callbackUrl', 'items', 'return']);
    expect(d.data.items).toHaveLength(2);
    expect(d.data.items[0]).toMatchObject({
      ticket: {
        id: ds1!.id,
        position: 1,
        status: 'FORWARDED',
        reason: 'DEFECT',
        resellerReference: 'PO-9900',
      },
      product: {
        manufacturer: 'dapustor',
        sku: 'DS-H5100-3T8',
        serialNumber: dapustorSerials[0],
        usage: 120,
      },
      fault: { description: `Drive ${dapustorSerials[0]} drops off the bus under load`, exclusions: [] },
      warranty: { status: 'IN_WARRANTY' },
      decision: { route: 'VENDOR_WEBHOOK' },
      supportTicketNumber: null,
      attachments: [],
    });
    expect(d.data.items[0]!.decision!.reasons.length).toBeGreaterThan(0);
    expect(d.data.items[1]).toMatchObject({
      ticket: { id: ds2!.id, position: 4 },
      product: { serialNumber: dapustorSerials[1] },
    });
    // The innovaphone message: its one item, signed with its own secret (not DapuStor's).
    expect(() =>
      new Webhook(secrets.dapustor!).verify(toInnovaphone!.body, headersOf(toInnovaphone!)),
    ).toThrow();
    const i = new Webhook(secrets.innovaphone!).verify(
      toInnovaphone!.body,
      headersOf(toInnovaphone!),
    ) as RmaEventV2;
    expect(i).toMatchObject(shared);
    expect(
      i.data.items.map((x: RmaItemV2) => [x.ticket.id, x.ticket.position, x.product.manufacturer]),
    ).toEqual([[ip!.id, 3, 'innovaphone']]);
    expect(i.data.callbackUrl).toMatch(/\/manufacturers\/innovaphone\/callbacks$/);
    // Neither carries the end customer, nor the other manufacturer's item.
    for (const r of [toDapustor!, toInnovaphone!]) expect(r.body).not.toContain('Data Centre One');
    expect(toDapustor!.body).not.toContain(ip!.id);
    expect(toInnovaphone!.body).not.toContain(ds1!.id);

    // The staff's log finds the message by the return and by any of its items.
    const staff = await h.as(STAFF);
    const byReturn = (await staff.get(`/webhook-deliveries?returnId=${ret.id}`).expect(200)).body.items;
    expect(byReturn).toHaveLength(2);
    const bySecond = (await staff.get(`/webhook-deliveries?ticketId=${ds2!.id}`).expect(200)).body.items;
    expect(bySecond.map((x: LoggedDelivery) => [x.id, x.ticketId, x.ticketIds, x.returnId])).toEqual([
      [toDapustor!.id, ds1!.id, [ds1!.id, ds2!.id], ret.id],
    ]);
    // Redelivered: the same webhook-id and the same items.
    await staff.post(`/webhook-deliveries/${toDapustor!.id}/redeliver`, {}).expect(200);
    await receiver.waitFor(() => at('/dapustor').length === 2, 20_000, 'the redelivery');
    const again = at('/dapustor')[1]!;
    expect(again.id).toBe(toDapustor!.id);
    expect(
      (new Webhook(secrets.dapustor!).verify(again.body, headersOf(again)) as RmaEventV2).data.items,
    ).toEqual(d.data.items);

    // Callbacks per item: DapuStor accepts its first and rejects its second.
    const accepted = await callback('dapustor', {
      type: 'rma.accepted',
      data: { ticketId: ds1!.id, vendorRmaNumber: 'DS-RMA-1' },
    }).expect(200);
    expect(accepted.body).toMatchObject({ result: 'APPLIED', ticketId: ds1!.id, status: 'VENDOR_ACCEPTED' });
    const rejected = await callback('dapustor', {
      type: 'rma.rejected',
      data: { ticketId: ds2!.id, reason: 'Physical damage on the connector' },
    }).expect(200);
    expect(rejected.body).toMatchObject({ result: 'APPLIED', ticketId: ds2!.id, status: 'VENDOR_REJECTED' });
    expect([await statusOf(ds1!.id), await statusOf(ds2!.id), await statusOf(ip!.id)]).toEqual([
      'VENDOR_ACCEPTED',
      'VENDOR_REJECTED',
      'FORWARDED',
    ]);
    const vendor = (await (await h.as(RESELLER_A)).get(`/tickets/${ds1!.id}`).expect(200)).body;
    expect(JSON.stringify(vendor)).toContain('DS-RMA-1');
  });

  it("refuses a callback naming another manufacturer's or another tenant's item, writing nothing", async () => {
    await endpoint('dapustor');
    await endpoint('innovaphone');
    const ret = await submitReturn();
    const [ds1, , ip] = ret.items;
    // Tenant B's return with a DapuStor item.
    const b = await h.as(RESELLER_B);
    const [bSerial] = await serialsOf(b, 'DS-H5100-3T8', 'DS2541');
    const other = await b
      .post('/returns', {
        customer: { name: 'Beta customer' },
        items: [dapustorItem(bSerial!)],
        submit: true,
      })
      .expect(201);
    const bItem = other.body.items[0].id as string;
    expect(other.body.items[0].status).toBe('FORWARDED');

    const callbacksBefore = await h.count('webhook_callbacks');
    const eventsBefore = await h.count('ticket_events');
    // innovaphone names DapuStor's item of the same return, then tenant B's DapuStor item.
    await callback('innovaphone', {
      type: 'rma.accepted',
      data: { ticketId: ds1!.id, vendorRmaNumber: 'IP-1' },
    }).expect(404);
    await callback('innovaphone', {
      type: 'rma.rejected',
      data: { ticketId: bItem, reason: 'not ours' },
    }).expect(404);
    // DapuStor names innovaphone's item.
    await callback('dapustor', {
      type: 'rma.accepted',
      data: { ticketId: ip!.id, vendorRmaNumber: 'DS-9' },
    }).expect(404);
    expect(await h.count('webhook_callbacks')).toBe(callbacksBefore);
    expect(await h.count('ticket_events')).toBe(eventsBefore);
    expect(await statusOf(ds1!.id)).toBe('FORWARDED');
    expect(await statusOf(ip!.id)).toBe('FORWARDED');
  });

  it('keeps an endpoint on version 1 at one v1 message per item, beside one on version 2', async () => {
    expect((await endpoint('dapustor', 1)).payloadVersion).toBe(1);
    await endpoint('innovaphone');
    const ret = await submitReturn();
    const [ds1, , ip, ds2] = ret.items;
    expect(await h.count('webhook_deliveries')).toBe(3);
    await receiver.waitFor(() => receiver.received.length === 3, 20_000, 'three messages');
    const v1 = at('/dapustor').map(
      (r) => new Webhook(secrets.dapustor!).verify(r.body, headersOf(r)) as RmaEventV1,
    );
    expect(v1.map((p) => [p.version, p.data.ticket.id]).sort()).toEqual(
      [
        [1, ds1!.id],
        [1, ds2!.id],
      ].sort(),
    );
    for (const p of v1) {
      expect(Object.keys(p.data).sort()).toEqual(
        [
          'attachments',
          'callbackUrl',
          'fault',
          'product',
          'supportTicketNumber',
          'ticket',
          'warranty',
        ].sort(),
      );
      expect(p.data.ticket).not.toHaveProperty('position');
    }
    const [v2] = at('/innovaphone').map(
      (r) => new Webhook(secrets.innovaphone!).verify(r.body, headersOf(r)) as RmaEventV2,
    );
    expect(v2!.version).toBe(2);
    expect(v2!.data.items.map((x: RmaItemV2) => x.ticket.id)).toEqual([ip!.id]);
    // Each v1 message is about its one item.
    const staff = await h.as(STAFF);
    const log = (await staff.get(`/webhook-deliveries?manufacturer=dapustor`).expect(200)).body.items;
    expect(log.map((x: LoggedDelivery) => x.ticketIds).sort()).toEqual([[ds1!.id], [ds2!.id]].sort());
  });

  it('sends a one-item ticket on version 2 as a list of one, and lets staff switch an endpoint between versions', async () => {
    await endpoint('dapustor');
    const admin = await h.as(STAFF_ADMIN);
    const a = await h.as(RESELLER_A);
    const one = await a
      .post('/tickets', { ...dapustorItem(dapustorSerials[0]!), customer: { name: 'DC1' }, submit: true })
      .expect(201);
    await receiver.waitFor(() => receiver.received.length === 1, 20_000, 'the message');
    const p = new Webhook(secrets.dapustor!).verify(
      receiver.received[0]!.body,
      headersOf(receiver.received[0]!),
    ) as RmaEventV2;
    expect(p.version).toBe(2);
    expect(p.data.return.id).toBe(one.body.returnId);
    expect(p.data.items.map((x: RmaItemV2) => [x.ticket.id, x.ticket.position])).toEqual([[one.body.id, 1]]);

    // Left out, the version is kept; 1 switches to one message per item; anything else is a 400.
    const url = receiver.url('/dapustor');
    expect(
      (
        await admin
          .put('/manufacturers/dapustor/webhook-endpoint', { url, events: ['rma.cancelled'] })
          .expect(200)
      ).body.payloadVersion,
    ).toBe(2);
    const bad = await admin
      .put('/manufacturers/dapustor/webhook-endpoint', { url, payloadVersion: 3 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('payloadVersion');
    await admin.put('/manufacturers/dapustor/webhook-endpoint', { url, payloadVersion: 1 }).expect(200);
    expect(
      (await admin.get('/manufacturers/dapustor/webhook-endpoint').expect(200)).body.payloadVersion,
    ).toBe(1);
    const next = await a
      .post('/tickets', { ...dapustorItem(dapustorSerials[1]!), customer: { name: 'DC1' }, submit: true })
      .expect(201);
    await receiver.waitFor(() => receiver.received.length === 2, 20_000, 'the second message');
    const q = JSON.parse(receiver.received[1]!.body);
    expect([q.version, q.data.ticket.id]).toEqual([1, next.body.id]);
  });

  it('tells a subscribed v2 endpoint of a later event about one item of a message, as a list of that item', async () => {
    await endpoint('dapustor');
    await (
      await h.as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', {
        url: receiver.url('/dapustor'),
        events: ['rma.cancelled'],
      })
      .expect(200);
    await endpoint('innovaphone');
    const ret = await submitReturn();
    const [ds1, , , ds2] = ret.items;
    await receiver.waitFor(() => receiver.received.length === 2, 20_000, 'the forwarded messages');
    // The second DapuStor item (not the message's first): it was told through the message's items.
    await (await h.as(RESELLER_A)).post(`/tickets/${ds2!.id}/transitions`, { action: 'CANCEL' }).expect(201);
    await receiver.waitFor(() => at('/dapustor').length === 2, 20_000, 'the cancellation');
    const cancelled = at('/dapustor')[1]!;
    const p = new Webhook(secrets.dapustor!).verify(cancelled.body, headersOf(cancelled)) as RmaEventV2;
    expect(p).toMatchObject({ type: 'rma.cancelled', version: 2, data: { return: { id: ret.id } } });
    expect(p.data.items.map((x) => [x.ticket.id, x.ticket.status])).toEqual([[ds2!.id, 'CANCELLED']]);
    expect(cancelled.body).not.toContain(ds1!.id);
    // innovaphone does not subscribe: nothing more for it.
    expect(at('/innovaphone')).toHaveLength(1);
  });
});
