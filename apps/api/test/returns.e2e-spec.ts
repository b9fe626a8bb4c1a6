import type { TicketView } from '../src/tickets/ticket.views.js';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B,
  STAFF,
  startHarness,
  type Client,
  type Harness,
} from './harness.js';

/** The shared information of the returns below: one end customer, one delivery, one reference. */
const SHARED = {
  customer: { name: 'Café Lumière', email: 'it@cafe.example' },
  delivery: { address: 'Rue 1, Brussels' },
  resellerReference: 'PO-4711',
};

/** An item of a return: a Grandstream defect's per-product content (no shared information). */
function item(overrides: Record<string, unknown> = {}) {
  const { customer: _c, delivery: _d, ...own } = grandstreamDefect(overrides);
  return own;
}

describe('returns with several items (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  /** Tenant A's first invoiced serial of `sku` starting with `prefix`. */
  async function serialOf(a: Client, sku: string, prefix: string): Promise<string> {
    const lines = await a.get(`/invoice-lines?sku=${sku}`).expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith(prefix));
    expect(serial).toBeDefined();
    return serial;
  }

  /** Five items for three manufacturers: two in-house in warranty, a vendor portal, a webhook, a used order error. */
  async function fiveItems(a: Client) {
    return [
      item({ supportTicketNumber: 'GS-000001' }),
      item({
        product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1002' },
        supportTicketNumber: 'GS-000002',
      }),
      item({
        product: {
          manufacturer: 'innovaphone',
          sku: 'IP-IP112',
          serialNumber: await serialOf(a, 'IP-IP112', 'IPA'),
        },
      }),
      item({
        product: {
          manufacturer: 'dapustor',
          sku: 'DS-H5100-3T8',
          serialNumber: await serialOf(a, 'DS-H5100-3T8', 'DS2541A'),
        },
      }),
      {
        reason: 'ORDER_ERROR',
        product: { sku: 'GS-GWN7660' },
        unused: false,
        originalPackaging: true,
      },
    ];
  }

  const written = async () => ({
    returns: await h.count('returns'),
    tickets: await h.count('tickets'),
    events: await h.count('ticket_events'),
  });

  it('decides each of five items for three manufacturers on its own, and reads the return back with them', async () => {
    const a = await h.as(RESELLER_A);
    const items = await fiveItems(a);
    const res = await a
      .post('/returns', {
        ...SHARED,
        delivery: { ...SHARED.delivery, deliveredOn: h.clock.today() },
        items,
        submit: true,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      customer: SHARED.customer,
      resellerReference: 'PO-4711',
      itemCount: 5,
    });
    const got = res.body.items as Array<TicketView & { decision: NonNullable<TicketView['decision']> }>;
    expect(got.map((t) => [t.position, t.status, t.decision.route])).toEqual([
      [1, 'IN_REVIEW', 'IN_HOUSE'],
      [2, 'IN_REVIEW', 'IN_HOUSE'],
      [3, 'REDIRECTED', 'VENDOR_PORTAL'],
      [4, 'FORWARDED', 'VENDOR_WEBHOOK'],
      [5, 'REJECTED', 'NOT_ELIGIBLE'],
    ]);
    expect(got.slice(0, 2).map((t) => t.decision.warranty.status)).toEqual(['IN_WARRANTY', 'IN_WARRANTY']);
    expect(got[2]!.decision.portalUrl).toBe('https://rma.innovaphone.com/');
    expect(got[4]!.decision.reasons.join(' ')).toMatch(/used/i);
    expect(got.map((t) => t.manufacturer)).toEqual([
      'grandstream',
      'grandstream',
      'innovaphone',
      'dapustor',
      null,
    ]);
    // Every item is the return's, with the shared information copied, and its own product.
    for (const t of got) {
      expect(t.returnId).toBe(res.body.id);
      expect(t.customer).toEqual(SHARED.customer);
      expect(t.resellerReference).toBe('PO-4711');
    }
    expect(got.map((t) => t.product.serialNumber)).toEqual(
      items.map((i) => (i.product as { serialNumber?: string }).serialNumber ?? null),
    );
    expect(await written()).toEqual({ returns: 1, tickets: 5, events: 15 });
    // The webhook item's message is queued with the return (and only it: the portal item has none).
    expect(await h.count('webhook_deliveries')).toBe(1);

    const back = await a.get(`/returns/${res.body.id}`).expect(200);
    expect(back.body).toEqual(res.body);
    // Each item is a ticket of its own: its timeline, its routes.
    const timeline = await a.get(`/tickets/${got[3]!.id}/timeline`).expect(200);
    expect(
      timeline.body.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`),
    ).toEqual(['CREATE:DRAFT', 'SUBMIT:SUBMITTED', 'ROUTE:FORWARDED']);
    const ticket = await a.get(`/tickets/${got[1]!.id}`).expect(200);
    expect(ticket.body).toMatchObject({ returnId: res.body.id, position: 2, status: 'IN_REVIEW' });
  });

  it.each([
    ['no item', () => [], 'items'],
    [
      '101 items',
      () => Array.from({ length: 101 }, (_, i) => item({ product: { serialNumber: `S${i}` } })),
      'items',
    ],
  ])('refuses a return with %s, naming the field, and writes nothing', async (_what, items, field) => {
    const a = await h.as(RESELLER_A);
    const res = await a.post('/returns', { ...SHARED, items: items(), submit: true }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await written()).toEqual({ returns: 0, tickets: 0, events: 0 });
  });

  it('refuses a serial given twice (in any case), an incomplete item and a bad value, each named by its item, and writes nothing', async () => {
    const a = await h.as(RESELLER_A);
    const twice = await a
      .post('/returns', {
        ...SHARED,
        items: [
          item(),
          item({ supportTicketNumber: 'GS-1' }),
          item({ product: { ...item().product, serialNumber: 'gsa1001' } }),
        ],
        submit: true,
      })
      .expect(400);
    expect(twice.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'items[1].product.serialNumber',
      'items[2].product.serialNumber',
    ]);

    const incomplete = await a
      .post('/returns', {
        ...SHARED,
        items: [
          item(),
          item({ product: { manufacturer: 'grandstream', sku: 'GS-GRP2612' }, faultDescription: undefined }),
        ],
        submit: true,
      })
      .expect(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['items[1].product.serialNumber', 'items[1].faultDescription']),
    );
    expect(incomplete.body.errors.every((e: { field: string }) => e.field.startsWith('items[1].'))).toBe(
      true,
    );

    const badValue = await a
      .post('/returns', {
        ...SHARED,
        items: [
          item(),
          item({ product: { ...item().product, serialNumber: 'X2', purchaseDate: 'yesterday' } }),
        ],
      })
      .expect(400);
    expect([...new Set(badValue.body.errors.map((e: { field: string }) => e.field))]).toEqual([
      'items[1].product.purchaseDate',
    ]);

    const unknown = await a
      .post('/returns', {
        ...SHARED,
        items: [item({ product: { manufacturer: 'nobody', serialNumber: 'X3' } })],
      })
      .expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'items[0].product.manufacturer',
    ]);

    const noReason = await a
      .post('/returns', { ...SHARED, items: [item(), { product: { serialNumber: 'X4' } }] })
      .expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['items[1].reason']);
    expect(await written()).toEqual({ returns: 0, tickets: 0, events: 0 });
  });

  it("keeps a return its tenant's: another reseller gets a 404, staff see it", async () => {
    const a = await h.as(RESELLER_A);
    const created = await a.post('/returns', { ...SHARED, items: [item()] }).expect(201);
    expect(created.body.items.map((t: { status: string }) => t.status)).toEqual(['DRAFT']);
    const b = await h.as(RESELLER_B);
    const refused = await b.get(`/returns/${created.body.id}`).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    const s = await h.as(STAFF);
    const seen = await s.get(`/returns/${created.body.id}`).expect(200);
    expect(seen.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.items[0].id]);
  });

  it('answers a one-product POST /tickets as before, and its return has that one item', async () => {
    const a = await h.as(RESELLER_A);
    const t = await a.post('/tickets', { ...grandstreamDefect(), submit: true }).expect(201);
    expect(t.body.status).toBe('AWAITING_PREREQUISITE');
    expect(t.body.position).toBe(1);
    const ret = await a.get(`/returns/${t.body.returnId}`).expect(200);
    expect(ret.body).toMatchObject({
      id: t.body.returnId,
      customer: grandstreamDefect().customer,
      delivery: grandstreamDefect().delivery,
      resellerReference: null,
      itemCount: 1,
    });
    expect(ret.body.items).toEqual([t.body]);
    expect(await written()).toEqual({ returns: 1, tickets: 1, events: 3 });
  });

  it("keeps a draft return's shared information in one place: changing it on an item changes the return and its other items", async () => {
    const a = await h.as(RESELLER_A);
    const created = await a
      .post('/returns', { ...SHARED, items: [item(), item({ product: { serialNumber: 'GSA1002' } })] })
      .expect(201);
    const [first, second] = created.body.items;
    await a.patch(`/tickets/${first.id}`, { customer: { name: 'Bistro Nord' } }).expect(200);
    const back = await a.get(`/returns/${created.body.id}`).expect(200);
    expect(back.body.customer).toEqual({ name: 'Bistro Nord' });
    expect(back.body.items.map((t: { customer: unknown }) => t.customer)).toEqual([
      { name: 'Bistro Nord' },
      { name: 'Bistro Nord' },
    ]);
    // The other item changed too: its version moved, so an edit made against the old one is refused.
    expect(back.body.items[1].updatedAt).not.toBe(second.updatedAt);
  });

  it("refuses a draft item's edit to a serial another open item of its return has, naming the field", async () => {
    const a = await h.as(RESELLER_A);
    const created = await a
      .post('/returns', {
        ...SHARED,
        items: [
          item(),
          item({ product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1002' } }),
        ],
      })
      .expect(201);
    const second = created.body.items[1];
    const refused = await a
      .patch(`/tickets/${second.id}`, { product: { serialNumber: 'gsa1001' } })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['product.serialNumber']);
    const unchanged = await a.get(`/tickets/${second.id}`).expect(200);
    expect(unchanged.body.product.serialNumber).toBe('GSA1002');
    // Another serial is fine; and the same serial in another return is too.
    await a.patch(`/tickets/${second.id}`, { product: { serialNumber: 'GSA1003' } }).expect(200);
    await a.post('/returns', { ...SHARED, items: [item()] }).expect(201);
  });

  it('is repeat-safe with an Idempotency-Key: the same answer, one return written; another body is refused', async () => {
    const a = await h.as(RESELLER_A);
    const body = {
      ...SHARED,
      items: [
        item({ supportTicketNumber: 'GS-000001' }),
        item({
          product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1002' },
          supportTicketNumber: 'GS-000002',
        }),
      ],
      submit: true,
    };
    const first = await a.post('/returns', body).set('Idempotency-Key', 'ret-1').expect(201);
    const again = await a.post('/returns', body).set('Idempotency-Key', 'ret-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await written()).toMatchObject({ returns: 1, tickets: 2 });
    const other = await a
      .post('/returns', { ...body, resellerReference: 'other' })
      .set('Idempotency-Key', 'ret-1')
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('previews every item’s decision and stores nothing', async () => {
    const a = await h.as(RESELLER_A);
    const items = await fiveItems(a);
    const res = await a
      .post('/returns/preview', { ...SHARED, delivery: { deliveredOn: h.clock.today() }, items })
      .expect(201);
    expect(res.body.items.map((d: { route: string }) => d.route)).toEqual([
      'IN_HOUSE',
      'IN_HOUSE',
      'VENDOR_PORTAL',
      'VENDOR_WEBHOOK',
      'NOT_ELIGIBLE',
    ]);
    expect(await written()).toEqual({ returns: 0, tickets: 0, events: 0 });
  });
});
