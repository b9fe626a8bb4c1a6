import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B,
  STAFF,
  startHarness,
  type Client,
  type Harness,
} from './harness.js';

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

type Row = {
  id: string;
  serialNumber: string | null;
  rmaNumber: string | null;
  returnId: string | null;
  position: number | null;
  returnItems: { count: number; byStatus: Record<string, number> } | null;
};

describe('returns for staff: the triage list names each row’s return, the return totals its credits (e2e)', () => {
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

  /** A return of three in-house items (GSA1001..GSA1003) of tenant A, all in review. */
  async function threeInReview(a: Client): Promise<{ id: string; items: Array<{ id: string }> }> {
    const res = await a
      .post('/returns', {
        customer: { name: 'Café Lumière' },
        delivery: { address: 'Rue 1, Brussels' },
        items: [item('GSA1001', 1), item('GSA1002', 2), item('GSA1003', 3)],
        submit: true,
      })
      .expect(201);
    return res.body;
  }

  it("gives every row of the list its return, its place in it and the mix of the return's item states", async () => {
    const a = await h.as(RESELLER_A);
    const b = await h.as(RESELLER_B);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    const single = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000009' }), submit: true })
      .expect(201);
    const other = await b
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000008' }), submit: true })
      .expect(201);

    const list = await s.get('/tickets?limit=50').expect(200);
    const byId = new Map<string, Row>(list.body.items.map((r: Row) => [r.id, r]));
    const [one, two, three] = ret.items as [{ id: string }, { id: string }, { id: string }];
    expect([one, two, three].map((t) => byId.get(t.id)?.position)).toEqual([1, 2, 3]);
    for (const t of [one, two, three]) {
      expect(byId.get(t.id)).toMatchObject({
        returnId: ret.id,
        returnItems: { count: 3, byStatus: { IN_REVIEW: 3 } },
      });
    }
    expect(byId.get(single.body.id)).toMatchObject({
      returnId: single.body.returnId,
      position: 1,
      returnItems: { count: 1, byStatus: { IN_REVIEW: 1 } },
    });
    expect(byId.get(other.body.id)?.returnId).toBe(other.body.returnId);
    expect(single.body.returnId).not.toBe(ret.id);

    // Approving two changes the mix every row of the return shows.
    const approved = await s.post(`/returns/${ret.id}/approve`, { items: [one.id, three.id] }).expect(200);
    const rma = approved.body.parcel.rmaNumber as string;
    const after = await s.get('/tickets?limit=50').expect(200);
    const row = after.body.items.find((r: Row) => r.id === two.id);
    expect(row.returnItems).toEqual({ count: 3, byStatus: { APPROVED: 2, IN_REVIEW: 1 } });

    // A serial finds its item, which names its return and its place.
    const bySerial = await s.get('/tickets?q=GSA1002').expect(200);
    expect(bySerial.body.items.map((r: Row) => [r.id, r.returnId, r.position])).toEqual([
      [two.id, ret.id, 2],
    ]);
    // The RMA number finds the items of its parcel, both of the one return.
    const byRma = await s.get(`/tickets?q=${rma}`).expect(200);
    expect(byRma.body.items.map((r: Row) => [r.position, r.returnId, r.returnItems?.count]).sort()).toEqual([
      [1, ret.id, 3],
      [3, ret.id, 3],
    ]);

    // A reseller's list gives the same, for its own tickets only; another tenant's return is not counted.
    const mine = await a.get('/tickets?limit=50').expect(200);
    expect(mine.body.items.map((r: Row) => r.returnId).sort()).toEqual(
      [ret.id, ret.id, ret.id, single.body.returnId].sort(),
    );
    const theirs = await b.get('/tickets').expect(200);
    expect(theirs.body.items).toEqual([
      expect.objectContaining({
        id: other.body.id,
        position: 1,
        returnItems: { count: 1, byStatus: { IN_REVIEW: 1 } },
      }),
    ]);
    // An empty page has nothing to look up.
    const none = await s.get('/tickets?q=NO-SUCH-SERIAL').expect(200);
    expect(none.body.items).toEqual([]);
  });

  it("totals the items' credits per currency in the return's view", async () => {
    const a = await h.as(RESELLER_A);
    const s = await h.as(STAFF);
    const ret = await threeInReview(a);
    const [one, two] = ret.items as [{ id: string }, { id: string }];
    const fresh = await s.get(`/returns/${ret.id}`).expect(200);
    expect(fresh.body.totalCredit).toEqual([]);

    await s.post(`/returns/${ret.id}/approve`, { items: [one.id, two.id] }).expect(200);
    const resolve = async (id: string, body: Record<string, unknown>) => {
      await s.post(`/tickets/${id}/transitions`, { action: 'RECEIVE' }).expect(201);
      await s.post(`/tickets/${id}/transitions`, { action: 'START_INSPECTION' }).expect(201);
      return s.post(`/tickets/${id}/transitions`, { action: 'RESOLVE', ...body }).expect(201);
    };
    const first = await resolve(one.id, { outcome: 'CREDITED', creditMinor: 6000 });
    expect(first.body.credit).toEqual({ amountMinor: 6000, currency: 'EUR' });
    const half = await s.get(`/returns/${ret.id}`).expect(200);
    expect(half.body.totalCredit).toEqual([{ amountMinor: 6000, currency: 'EUR' }]);

    const second = await resolve(two.id, { outcome: 'CREDITED' });
    const both = await a.get(`/returns/${ret.id}`).expect(200);
    expect(both.body.totalCredit).toEqual([
      { amountMinor: 6000 + (second.body.credit.amountMinor as number), currency: 'EUR' },
    ]);
    expect(second.body.credit.amountMinor).toBeGreaterThan(0);
    // Every item's timeline as one, by time, each entry naming its item; not another tenant's.
    const timeline = await s.get(`/returns/${ret.id}/timeline`).expect(200);
    const entries = timeline.body as Array<{
      at: string;
      ticketId: string;
      position: number;
      action: string;
    }>;
    const ats = entries.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    for (const [id, position] of [
      [one.id, 1],
      [two.id, 2],
    ] as const) {
      const own = (await s.get(`/tickets/${id}/timeline`).expect(200)).body as Array<{ id: number }>;
      const merged = entries.filter((e) => e.ticketId === id);
      expect(merged.map((e) => (e as unknown as { id: number }).id)).toEqual(own.map((e) => e.id));
      expect(new Set(merged.map((e) => e.position))).toEqual(new Set([position]));
    }
    expect(entries.filter((e) => e.position === 1).map((e) => e.action)).toEqual(
      expect.arrayContaining(['APPROVE', 'RECEIVE', 'START_INSPECTION', 'RESOLVE']),
    );
    expect(entries.filter((e) => e.position === 3).some((e) => e.action === 'APPROVE')).toBe(false);
    const b = await h.as(RESELLER_B);
    await b.get(`/returns/${ret.id}/timeline`).expect(404);
    expect((await a.get(`/returns/${ret.id}/timeline`).expect(200)).body).toEqual(timeline.body);

    expect(both.body.items.map((t: { credit: unknown }) => t.credit)).toEqual([
      { amountMinor: 6000, currency: 'EUR' },
      second.body.credit,
      null,
    ]);
  });
});
