import type request from 'supertest';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B,
  STAFF,
  startHarness,
  type Client,
  type Harness,
} from './harness.js';
import { readPdf } from './support/pdf-text.js';
import { TicketTransitionsService } from '../src/tickets/ticket-transitions.service.js';

/** A Grandstream defect of a return (no shared information), in warranty, with its support ticket. */
function item(serialNumber: string, n: number) {
  const {
    customer: _c,
    delivery: _d,
    ...own
  } = grandstreamDefect({
    product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber },
    supportTicketNumber: `GS-00000${n}`,
  });
  return own;
}

describe('parcels: one RMA number for the items approved together (e2e)', () => {
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

  type Item = { id: string; status: string; rma: { number: string } | null; parcel: unknown };

  /** A return of three in-house items (GSA1001..GSA1003) of tenant A, all in review. */
  async function threeInReview(a: Client): Promise<{ id: string; items: Item[] }> {
    const res = await a
      .post('/returns', {
        customer: { name: 'Café Lumière' },
        delivery: { address: 'Rue 1, Brussels' },
        resellerReference: 'PO-4711',
        items: [item('GSA1001', 1), item('GSA1002', 2), item('GSA1003', 3)],
        submit: true,
      })
      .expect(201);
    expect(res.body.items.map((t: Item) => t.status)).toEqual(['IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW']);
    return res.body;
  }

  const pdfText = async (r: request.Test) => {
    const res = await r
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return (await readPdf(new Uint8Array(res.body as Buffer))).text.replace(/\s+/g, ' ');
  };

  it('approves two items with one RMA number, prints both on one form, ships and receives the parcel, and gives a later item the next number', async () => {
    const a = await h.as(RESELLER_A);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    const [one, two, three] = ret.items as [Item, Item, Item];

    const approved = await s
      .post(`/returns/${ret.id}/approve`, { items: [one.id, two.id], note: 'Both in warranty' })
      .expect(200);
    const parcel = approved.body.parcel;
    expect(parcel.rmaNumber).toMatch(/^RMA-\d{4}-\d{6}$/);
    expect(
      approved.body.items.map((i: { approved: boolean; refusal: unknown }) => [i.approved, i.refusal]),
    ).toEqual([
      [true, null],
      [true, null],
    ]);
    expect(approved.body.items.map((i: { ticket: Item }) => i.ticket.rma?.number)).toEqual([
      parcel.rmaNumber,
      parcel.rmaNumber,
    ]);
    expect(parcel.items.map((t: Item) => t.id)).toEqual([one.id, two.id]);
    expect(await h.count('parcels')).toBe(1);

    // The ticket view and the return view show the item's parcel.
    const ticket = await a.get(`/tickets/${one.id}`).expect(200);
    expect(ticket.body.parcel).toEqual({ id: parcel.id, rmaNumber: parcel.rmaNumber, missingSince: null });
    const back = await a.get(`/returns/${ret.id}`).expect(200);
    expect(back.body.items.map((t: Item) => t.parcel)).toEqual([
      { id: parcel.id, rmaNumber: parcel.rmaNumber, missingSince: null },
      { id: parcel.id, rmaNumber: parcel.rmaNumber, missingSince: null },
      null,
    ]);

    // One form for the parcel, from either item: both serials on it, the third not.
    const form = await pdfText(a.get(`/tickets/${two.id}/rma-form.pdf`));
    expect(form).toContain(parcel.rmaNumber);
    expect(form).toContain('GSA1001');
    expect(form).toContain('GSA1002');
    expect(form).not.toContain('GSA1003');
    expect(form).toContain('ITEM 1 OF 2');
    expect(form).toContain('ITEM 2 OF 2');

    // Shipping the parcel ships both, with one carrier and tracking number.
    await s.post(`/parcels/${parcel.id}/ship`, { carrier: 'DHL', trackingNumber: 'JD1' }).expect(403);
    await a.post(`/parcels/${parcel.id}/ship`, { carrier: 'DHL' }).expect(400);
    const shipped = await a
      .post(`/parcels/${parcel.id}/ship`, { carrier: 'DHL', trackingNumber: 'JD014600003' })
      .expect(200);
    expect(shipped.body).toMatchObject({
      carrier: 'DHL',
      trackingNumber: 'JD014600003',
      shippedOn: h.clock.today(),
    });
    expect(
      shipped.body.items.map((t: { status: string; shipping: unknown }) => [t.status, t.shipping]),
    ).toEqual([
      ['SHIPPED', { carrier: 'DHL', trackingNumber: 'JD014600003', shippedOn: h.clock.today() }],
      ['SHIPPED', { carrier: 'DHL', trackingNumber: 'JD014600003', shippedOn: h.clock.today() }],
    ]);

    // A third item approved later gets the next parcel's number.
    const later = await s.post(`/returns/${ret.id}/approve`, { items: [three.id] }).expect(200);
    expect(later.body.parcel.rmaNumber).not.toBe(parcel.rmaNumber);
    expect(later.body.parcel.id).not.toBe(parcel.id);
    expect(Number(later.body.parcel.rmaNumber.slice(-6))).toBeGreaterThan(Number(parcel.rmaNumber.slice(-6)));
    expect(later.body.parcel.items.map((t: Item) => t.id)).toEqual([three.id]);

    // A serial not on the parcel is refused, naming it, and nothing changes.
    const events = await h.count('ticket_events');
    const stranger = await s
      .post('/receiving/parcels', { rmaNumber: parcel.rmaNumber, serials: ['GSA1001', 'GSA1003'] })
      .expect(400);
    expect(stranger.body.errors.map((e: { field: string }) => e.field)).toEqual(['serials[1]']);
    expect(stranger.body.errors[0].message).toMatch(/GSA1003 is not on parcel/);
    expect(await h.count('ticket_events')).toBe(events);
    expect((await a.get(`/tickets/${one.id}`).expect(200)).body.status).toBe('SHIPPED');

    // Receiving with one of the two missing: the other is received, the missing one flagged.
    const received = await s
      .post('/receiving/parcels', { rmaNumber: ` ${parcel.rmaNumber.toLowerCase()} `, serials: ['gsa1002'] })
      .expect(200);
    expect(received.body).toMatchObject({ id: parcel.id, received: [two.id], missing: [one.id] });
    expect(received.body.receivedAt).not.toBeNull();
    const [first, second] = received.body.items as Array<Item & { parcel: { missingSince: string | null } }>;
    expect([first!.status, second!.status]).toEqual(['SHIPPED', 'RECEIVED']);
    expect(first!.parcel.missingSince).not.toBeNull();
    expect(second!.parcel.missingSince).toBeNull();
    const timeline = await s.get(`/tickets/${one.id}/timeline`).expect(200);
    const flag = timeline.body.at(-1);
    expect(flag).toMatchObject({ action: 'MISSING_FROM_PARCEL', fromStatus: 'SHIPPED', toStatus: 'SHIPPED' });
    expect(flag.note).toMatch(/GSA1001/);
    const seen = await a.get(`/tickets/${one.id}`).expect(200);
    expect(seen.body.parcel.missingSince).toBe(first!.parcel.missingSince);

    // The missing item turns up: received, no longer flagged.
    const found = await s
      .post('/receiving/parcels', { rmaNumber: parcel.rmaNumber, serials: ['GSA1001'] })
      .expect(200);
    expect(found.body).toMatchObject({ received: [one.id], missing: [] });
    expect(
      found.body.items.map((t: Item & { parcel: { missingSince: unknown } }) => [
        t.status,
        t.parcel.missingSince,
      ]),
    ).toEqual([
      ['RECEIVED', null],
      ['RECEIVED', null],
    ]);
    // Both received now: scanning one again is refused, naming it.
    const twice = await s
      .post('/receiving/parcels', { rmaNumber: parcel.rmaNumber, serials: ['GSA1001'] })
      .expect(400);
    expect(twice.body.errors[0]).toMatchObject({ field: 'serials[0]' });
    expect(twice.body.errors[0].message).toMatch(/RECEIVED, not awaiting/);
  });

  it('refuses an item of another return (400 naming it, nothing written), and refuses an item not in review with its reason while approving the others', async () => {
    const a = await h.as(RESELLER_A);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    const other = await a
      .post('/tickets', {
        ...grandstreamDefect({
          product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1004' },
          supportTicketNumber: 'GS-000009',
        }),
        submit: true,
      })
      .expect(201);
    const [one, two, three] = ret.items as [Item, Item, Item];
    const before = { events: await h.count('ticket_events'), parcels: await h.count('parcels') };

    const foreign = await s
      .post(`/returns/${ret.id}/approve`, { items: [one.id, other.body.id] })
      .expect(400);
    expect(foreign.body.errors).toEqual([
      { field: 'items[1]', message: `${other.body.id} is not an item of return ${ret.id}` },
    ]);
    const dup = await s.post(`/returns/${ret.id}/approve`, { items: [one.id, one.id] }).expect(400);
    expect(dup.body.errors.map((e: { field: string }) => e.field)).toEqual(['items[1]']);
    expect({ events: await h.count('ticket_events'), parcels: await h.count('parcels') }).toEqual(before);
    expect((await a.get(`/tickets/${one.id}`).expect(200)).body.status).toBe('IN_REVIEW');

    // Item 3 is approved on its own first; approving all three afterwards refuses it and approves 1 and 2.
    await s.post(`/tickets/${three.id}/transitions`, { action: 'APPROVE' }).expect(201);
    const res = await s.post(`/returns/${ret.id}/approve`, { items: [one.id, two.id, three.id] }).expect(200);
    expect(res.body.items.map((i: { id: string; approved: boolean }) => [i.id, i.approved])).toEqual([
      [one.id, true],
      [two.id, true],
      [three.id, false],
    ]);
    expect(res.body.items[2].refusal).toMatch(/^item 3: .*APPROVED/);
    expect(res.body.parcel.items.map((t: Item) => t.id)).toEqual([one.id, two.id]);
    expect(await h.count('parcels')).toBe(2);

    // All refused: nothing approved, no parcel.
    const none = await s.post(`/returns/${ret.id}/approve`, { items: [one.id] }).expect(200);
    expect(none.body).toMatchObject({ parcel: null, items: [{ approved: false }] });
    expect(await h.count('parcels')).toBe(2);
  });

  it('receives one item of a parcel through the single-item desk by its serial, and refuses malformed bodies naming the field', async () => {
    const a = await h.as(RESELLER_A);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    const [one, two] = ret.items as [Item, Item];
    const approved = await s.post(`/returns/${ret.id}/approve`, { items: [one.id, two.id] }).expect(200);
    const rmaNumber = approved.body.parcel.rmaNumber;
    const got = await s.post('/receiving', { rmaNumber, serialNumber: ' gsa 1002 ' }).expect(200);
    expect(got.body).toMatchObject({ id: two.id, status: 'RECEIVED' });
    // Without a serial, the item still awaited.
    const next = await s.post('/receiving', { rmaNumber }).expect(200);
    expect(next.body).toMatchObject({ id: one.id, status: 'RECEIVED' });

    const fields = async (path: string, body: object) => [
      ...new Set((await s.post(path, body).expect(400)).body.errors.map((e: { field: string }) => e.field)),
    ];
    expect(await fields(`/returns/${ret.id}/approve`, { items: [] })).toEqual(['items']);
    expect(await fields(`/returns/${ret.id}/approve`, { items: ['not-an-id'] })).toEqual(['items']);
    expect(
      await fields(`/returns/${ret.id}/approve`, { items: Array.from({ length: 101 }, () => one.id) }),
    ).toEqual(['items']);
    expect(await fields('/receiving/parcels', { rmaNumber, serials: [] })).toEqual(['serials']);
    expect(await fields('/receiving/parcels', { serials: ['GSA1001'] })).toEqual(['rmaNumber']);
    expect(
      (
        await a
          .post(`/parcels/${approved.body.parcel.id}/ship`, {
            carrier: 'DHL',
            trackingNumber: 'x'.repeat(101),
          })
          .expect(400)
      ).body.errors[0].field,
    ).toBe('trackingNumber');
    await s.post(`/returns/00000000-0000-4000-8000-000000000000/approve`, { items: [one.id] }).expect(404);
  });

  it('takes an item whose number lapsed out of its parcel when it re-applies, and gives it a new parcel when approved again', async () => {
    const a = await h.as(RESELLER_A);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    const [one, two] = ret.items as [Item, Item];
    const first = await s.post(`/returns/${ret.id}/approve`, { items: [one.id, two.id] }).expect(200);
    h.clock.travelDays(15); // Grandstream's numbers are valid 14 days
    try {
      expect(await h.app.get(TicketTransitionsService).expireOverdue()).toBe(2);
      const reapplied = await a.post(`/tickets/${one.id}/transitions`, { action: 'REAPPLY' }).expect(201);
      expect(reapplied.body).toMatchObject({ rma: null, parcel: null });
      const again = await s.post(`/returns/${ret.id}/approve`, { items: [one.id] }).expect(200);
      expect(again.body.parcel.id).not.toBe(first.body.parcel.id);
      expect(again.body.parcel.items.map((t: Item) => t.id)).toEqual([one.id]);
      // The lapsed parcel keeps its number and the item that did not re-apply.
      const old = await a.get(`/parcels/${first.body.parcel.id}`).expect(200);
      expect(old.body).toMatchObject({ rmaNumber: first.body.parcel.rmaNumber });
      expect(old.body.items.map((t: Item) => [t.id, t.status])).toEqual([[two.id, 'EXPIRED']]);
      const refused = await s
        .post('/receiving/parcels', { rmaNumber: first.body.parcel.rmaNumber, serials: ['GSA1002'] })
        .expect(422);
      expect(refused.body.errors[0].field).toBe('rmaNumber');
    } finally {
      h.clock.travelDays(-15);
    }
  });

  it('keeps parcels to their tenant and to the roles that act on them', async () => {
    const a = await h.as(RESELLER_A);
    const b = await h.as(RESELLER_B);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    await b.post(`/returns/${ret.id}/approve`, { items: [ret.items[0]!.id] }).expect(403);
    const approved = await s.post(`/returns/${ret.id}/approve`, { items: [ret.items[0]!.id] }).expect(200);
    const id = approved.body.parcel.id;
    await a.get(`/parcels/${id}`).expect(200);
    await b.get(`/parcels/${id}`).expect(404);
    await b.post(`/parcels/${id}/ship`, { carrier: 'DHL', trackingNumber: 'X' }).expect(404);
    await a
      .post('/receiving/parcels', { rmaNumber: approved.body.parcel.rmaNumber, serials: ['GSA1001'] })
      .expect(403);
    const unknown = await s
      .post('/receiving/parcels', { rmaNumber: 'RMA-2026-999999', serials: ['X'] })
      .expect(422);
    expect(unknown.body.errors).toEqual([
      { field: 'rmaNumber', message: 'RMA number RMA-2026-999999 is unknown' },
    ]);
  });
});
