import request from 'supertest';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B,
  STAFF,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';

describe('tickets (e2e)', () => {
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

  const as = (email: string) => h.as(email);

  it('routes a Grandstream defect to AWAITING_PREREQUISITE, then to review once a matching support ticket is given', async () => {
    const a = await as(RESELLER_A);
    const created = await a.post('/tickets', { ...grandstreamDefect(), submit: true }).expect(201);
    expect(created.body.status).toBe('AWAITING_PREREQUISITE');
    expect(created.body.decision.prerequisites).toEqual([
      { kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: 'https://helpdesk.grandstream.com/' },
    ]);
    expect(created.body.allowedActions).toEqual(['PROVIDE_SUPPORT_TICKET', 'CANCEL']);

    const wrong = await a
      .post(`/tickets/${created.body.id}/transitions`, {
        action: 'PROVIDE_SUPPORT_TICKET',
        supportTicketNumber: 'nope',
      })
      .expect(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'supportTicketNumber' });
    expect(wrong.body.errors[0].message).toContain('https://helpdesk.grandstream.com/');

    const ok = await a
      .post(`/tickets/${created.body.id}/transitions`, {
        action: 'PROVIDE_SUPPORT_TICKET',
        supportTicketNumber: 'GS-123456',
      })
      .expect(201);
    expect(ok.body.status).toBe('IN_REVIEW');
    expect(ok.body.decision.route).toBe('IN_HOUSE');
    expect(ok.body.decision.handling).toBe('RETURN_FOR_INSPECTION');
    expect(ok.body.sla.dueOn).toBeDefined();

    const full = await a.get(`/tickets/${created.body.id}`).expect(200);
    expect(
      full.body.timeline.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`),
    ).toEqual([
      'CREATE:DRAFT',
      'SUBMIT:SUBMITTED',
      'ROUTE:AWAITING_PREREQUISITE',
      'PROVIDE_SUPPORT_TICKET:SUBMITTED',
      'ROUTE:IN_REVIEW',
    ]);
  });

  it.each([
    ['innovaphone', 'IP-IP112', 'IPA', 'REDIRECTED', 'VENDOR_PORTAL'],
    ['ubiquiti', 'UI-U6-LITE', 'UIA', 'REDIRECTED', 'VENDOR_PORTAL'],
    ['dapustor', 'DS-H5100-3T8', 'DS2541A', 'FORWARDED', 'VENDOR_WEBHOOK'],
  ])('routes a %s defect (%s, serial %s…) to %s', async (manufacturer, sku, serialPrefix, status, route) => {
    const a = await as(RESELLER_A);
    const lines = await a.get(`/invoice-lines?sku=${sku}`).expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith(serialPrefix));
    expect(serial).toBeDefined();
    const res = await a
      .post(
        '/tickets',
        grandstreamDefect({ product: { manufacturer, sku, serialNumber: serial }, submit: true }),
      )
      .expect(201);
    expect(res.body.status).toBe(status);
    expect(res.body.decision.route).toBe(route);
    expect(res.body.decision.warranty.status).toBe('IN_WARRANTY');
  });

  it.each([["O'Brien\\'; DROP TABLE tickets; --"], ["back\\slash E'\\x27"], ['$1 $2 $3']])(
    'submits a serial number like %j as given (every value travels as a bound parameter)',
    async (serial) => {
      const a = await as(RESELLER_A);
      const res = await a
        .post(
          '/tickets',
          grandstreamDefect({
            product: { manufacturer: 'innovaphone', sku: 'IP-IP112', serialNumber: serial },
            submit: true,
          }),
        )
        .expect(201);
      expect(res.body.product.serialNumber).toBe(serial);
      expect(res.body.status).toBe('REDIRECTED');
      expect(res.body.decision.amounts.invoicedPrice).toEqual({ amountMinor: 21900, currency: 'EUR' });
      expect(await h.count('tickets')).toBe(1);
    },
  );

  it('lets the reseller cancel a forwarded RMA the manufacturer has not answered yet', async () => {
    const a = await as(RESELLER_A);
    const lines = await a.get('/invoice-lines?sku=DS-H5100-3T8').expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((x: string) => x.startsWith('DS2541A'));
    const t = await a
      .post(
        '/tickets',
        grandstreamDefect({
          product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial },
          submit: true,
        }),
      )
      .expect(201);
    expect(t.body.status).toBe('FORWARDED');
    expect(t.body.allowedActions).toEqual(['CANCEL']);
    const cancelled = await a.post(`/tickets/${t.body.id}/transitions`, { action: 'CANCEL' }).expect(201);
    expect(cancelled.body.status).toBe('CANCELLED');
  });

  it('credits an unused order error less the restocking fee, and rejects a used one with its reasons', async () => {
    const a = await as(RESELLER_A);
    const today = h.clock.today();
    const base = {
      reason: 'ORDER_ERROR',
      customer: { name: 'Shop' },
      product: { sku: 'GS-GWN7660' },
      delivery: { deliveredOn: today },
      submit: true,
    };
    const ok = await a.post('/tickets', { ...base, unused: true, originalPackaging: true }).expect(201);
    expect(ok.body.status).toBe('IN_REVIEW');
    expect(ok.body.decision.amounts).toEqual({
      invoicedPrice: { amountMinor: 8200, currency: 'EUR' },
      restockingFee: { amountMinor: 1230, currency: 'EUR' },
      credit: { amountMinor: 6970, currency: 'EUR' },
    });
    const used = await a.post('/tickets', { ...base, unused: false, originalPackaging: true }).expect(201);
    expect(used.body.status).toBe('REJECTED');
    expect(used.body.decision.route).toBe('NOT_ELIGIBLE');
    expect(used.body.decision.reasons.join(' ')).toMatch(/used/i);
  });

  it("applies the tenant's own fee policy (Beta: 10% with a EUR 5.00 minimum)", async () => {
    const b = await as(RESELLER_B);
    const res = await b
      .post('/tickets', {
        reason: 'ORDER_ERROR',
        customer: { name: 'Shop' },
        product: { sku: 'DX-SD64' },
        delivery: { deliveredOn: h.clock.today() },
        unused: true,
        originalPackaging: true,
        submit: true,
      })
      .expect(201);
    expect(res.body.decision.amounts.restockingFee).toEqual({ amountMinor: 500, currency: 'EUR' });
    expect(res.body.decision.amounts.credit).toEqual({ amountMinor: 790, currency: 'EUR' });
  });

  it('saves a draft, edits it, and refuses to submit it until it is complete, naming the missing fields', async () => {
    const a = await as(RESELLER_A);
    const draft = await a.post('/tickets', { reason: 'DEFECT', customer: { name: 'Shop' } }).expect(201);
    expect(draft.body.status).toBe('DRAFT');
    const refused = await a.post(`/tickets/${draft.body.id}/transitions`, { action: 'SUBMIT' }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['product.manufacturer', 'product.serialNumber', 'faultDescription']),
    );
    await a
      .patch(`/tickets/${draft.body.id}`, {
        product: { manufacturer: 'innovaphone', sku: 'IP-IP112', serialNumber: 'X1' },
        faultDescription: 'dead',
      })
      .expect(200);
    const submitted = await a.post(`/tickets/${draft.body.id}/transitions`, { action: 'SUBMIT' }).expect(201);
    expect(submitted.body.status).toBe('REDIRECTED');
    expect(submitted.body.decision.portalUrl).toBe('https://rma.innovaphone.com/');
    await a.patch(`/tickets/${draft.body.id}`, { faultDescription: 'changed' }).expect(409);
  });

  it('runs the in-house lifecycle end to end: approve, ship, receive, inspect, resolve with a credit, close', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const t = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    expect(t.body.status).toBe('IN_REVIEW');
    expect(t.body.allowedActions).toEqual(['CANCEL']);
    const approved = await s.post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' }).expect(201);
    expect(approved.body.rma.number).toMatch(/^RMA-\d{4}-000001$/);
    expect(approved.body.sla).toBeNull();
    await a.post(`/tickets/${t.body.id}/transitions`, { action: 'SHIP' }).expect(400);
    const shipped = await a
      .post(`/tickets/${t.body.id}/transitions`, { action: 'SHIP', carrier: 'DHL', trackingNumber: 'JD0001' })
      .expect(201);
    expect(shipped.body.status).toBe('SHIPPED');
    await s
      .post(`/tickets/${t.body.id}/transitions`, { action: 'RECEIVE', rmaNumber: 'RMA-2026-999999' })
      .expect(409);
    const received = await s
      .post(`/tickets/${t.body.id}/transitions`, { action: 'RECEIVE', rmaNumber: approved.body.rma.number })
      .expect(201);
    expect(received.body.sla.dueOn).toBeDefined();
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'START_INSPECTION' }).expect(201);
    const resolved = await s
      .post(`/tickets/${t.body.id}/transitions`, { action: 'RESOLVE', outcome: 'CREDITED' })
      .expect(201);
    expect(resolved.body.credit).toEqual({ amountMinor: 6490, currency: 'EUR' });
    const closed = await s.post(`/tickets/${t.body.id}/transitions`, { action: 'CLOSE' }).expect(201);
    expect(closed.body.status).toBe('CLOSED');
    expect(closed.body.allowedActions).toEqual([]);
  });

  it("keeps a replacement's coverage to the day of the RESOLVE that recorded it, however late the old ticket is closed", async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    // Submitted and resolved with a replacement 30 days ago ...
    h.clock.travelDays(-30);
    // Bought 23 months ago: the original warranty ends within weeks, so the 90 days of the replacement count.
    const t = await a
      .post('/tickets', {
        ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }),
        product: {
          manufacturer: 'grandstream',
          sku: 'GS-GRP2612',
          serialNumber: 'GSA1001',
          purchaseDate: day(-700),
        },
        submit: true,
      })
      .expect(201);
    expect(t.body.decision.warranty.endsOn < day(30)).toBe(true);
    for (const action of ['APPROVE', 'RECEIVE', 'START_INSPECTION'])
      await s.post(`/tickets/${t.body.id}/transitions`, { action }).expect(201);
    const resolved = await s
      .post(`/tickets/${t.body.id}/transitions`, {
        action: 'RESOLVE',
        outcome: 'REPLACED',
        replacementSerial: 'GSR7001',
      })
      .expect(201);
    expect(resolved.body.replacement).toEqual({ serialNumber: 'GSR7001', coveredUntil: day(60) });
    // (the rows written then are dated then, whether the database or the app's clock dated them)
    const then = new Date(Date.now() - 30 * 86_400_000);
    await h.target.asOwner(async (o) => {
      await o.query(`UPDATE tickets SET updated_at = least(updated_at, $2) WHERE id = $1`, [t.body.id, then]);
      await o.query(`UPDATE ticket_events SET at = least(at, $2) WHERE ticket_id = $1`, [t.body.id, then]);
    });
    // ... and closed today.
    h.clock.travelDays(30);
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'CLOSE' }).expect(201);
    const again = await a
      .post('/tickets/preview', {
        ...grandstreamDefect({ supportTicketNumber: 'GS-000002' }),
        product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSR7001' },
      })
      .expect(201);
    expect(again.body.warranty).toMatchObject({
      status: 'IN_WARRANTY',
      basis: 'REPLACEMENT',
      endsOn: day(60),
    });
  });

  it('refuses actions the lifecycle forbids: a reseller approving (403), staff approving a draft (409), reject without a note (400)', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const t = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    await a.post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' }).expect(403);
    const draft = await a.post('/tickets', grandstreamDefect()).expect(201);
    const r = await s.post(`/tickets/${draft.body.id}/transitions`, { action: 'APPROVE' }).expect(409);
    expect(r.body.code).toBe('TRANSITION_NOT_ALLOWED');
    const noNote = await s.post(`/tickets/${t.body.id}/transitions`, { action: 'REJECT' }).expect(400);
    expect(noNote.body.errors[0].field).toBe('note');
    await s
      .post(`/tickets/${t.body.id}/transitions`, { action: 'REJECT', note: 'Physical damage' })
      .expect(201);
    const reopened = await s
      .post(`/tickets/${t.body.id}/transitions`, {
        action: 'REOPEN',
        note: 'Goodwill: long-standing partner',
      })
      .expect(201);
    expect(reopened.body.status).toBe('IN_REVIEW');
    const tl = await s.get(`/tickets/${t.body.id}/timeline`).expect(200);
    const reopen = tl.body.find((e: { action: string }) => e.action === 'REOPEN');
    expect(reopen).toMatchObject({
      actorLabel: 'Theo Triage',
      fromStatus: 'REJECTED',
      toStatus: 'IN_REVIEW',
      note: 'Goodwill: long-standing partner',
    });
  });

  it('expires an approved ticket whose RMA number lapsed unshipped, and lets the reseller re-apply', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const t = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    const approved = await s.post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' }).expect(201);
    const { TicketTransitionsService } = await import('../src/tickets/ticket-transitions.service.js');
    const tickets = h.app.get(TicketTransitionsService);
    h.clock.travelDays(14);
    expect(await tickets.expireOverdue()).toBe(0); // day D + 14 is still valid
    h.clock.travelDays(1);
    try {
      expect(await tickets.expireOverdue()).toBe(1);
      const expired = await a.get(`/tickets/${t.body.id}`).expect(200);
      expect(expired.body.status).toBe('EXPIRED');
      expect(expired.body.timeline.at(-1)).toMatchObject({ action: 'EXPIRE', actorType: 'SYSTEM' });
      expect(expired.body.timeline.at(-1).note).toContain(approved.body.rma.number);
      const again = await a.post(`/tickets/${t.body.id}/transitions`, { action: 'REAPPLY' }).expect(201);
      expect(again.body.status).toBe('IN_REVIEW');
      expect(again.body.rma).toBeNull();
    } finally {
      h.clock.travelDays(-15);
    }
  });

  it('lists with filters, search and keyset pagination that visits every ticket once', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    for (let i = 0; i < 7; i++) {
      await a
        .post('/tickets', grandstreamDefect({ customer: { name: `Customer ${i}` }, submit: i % 2 === 0 }))
        .expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await s
        .get(`/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const drafts = await s.get('/tickets?status=DRAFT').expect(200);
    expect(drafts.body.items).toHaveLength(3);
    // A short ticket id, as e-mails and the lists show a ticket without an RMA number.
    const one = seen[4]!;
    const short = `#${one.replace(/-/g, '').slice(-8)}`;
    const byShortId = await s.get(`/tickets?q=${encodeURIComponent(short.toUpperCase())}`).expect(200);
    expect(byShortId.body.items.map((t: { id: string }) => t.id)).toEqual([one]);
    const mine = await a.get(`/tickets?q=${encodeURIComponent(short)}`).expect(200);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([one]);
    const theirs = await (await as(RESELLER_B)).get(`/tickets?q=${encodeURIComponent(short)}`).expect(200);
    expect(theirs.body.items).toEqual([]);
    const byName = await s.get('/tickets?q=customer%203').expect(200);
    expect(byName.body.items.map((t: { customerName: string }) => t.customerName)).toEqual(['Customer 3']);
    const bySerial = await s.get('/tickets?q=GSA1001').expect(200);
    expect(bySerial.body.items).toHaveLength(7);
    const counts = await s.get('/tickets/counts').expect(200);
    expect(counts.body).toEqual({ DRAFT: 3, AWAITING_PREREQUISITE: 4 });
    await s.get('/tickets?cursor=garbage!').expect(400);
    await s.get('/tickets?manufacturer=nobody').expect(400);
  });

  it('answers dashboard figures: by status, reason, route and manufacturer, SLA, credits this month, defect rate', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const t = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    await a
      .post('/tickets', {
        ...grandstreamDefect({
          product: { manufacturer: 'innovaphone', sku: 'IP-IP112', serialNumber: 'IPA1' },
        }),
        submit: true,
      })
      .expect(201);
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' }).expect(201);
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'RECEIVE' }).expect(201);
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'START_INSPECTION' }).expect(201);
    await s
      .post(`/tickets/${t.body.id}/transitions`, {
        action: 'RESOLVE',
        outcome: 'CREDITED',
        creditMinor: 6000,
      })
      .expect(201);
    const stats = await s.get('/tickets/stats').expect(200);
    expect(stats.body.byStatus).toEqual({ RESOLVED: 1, REDIRECTED: 1 });
    expect(stats.body.byReason).toEqual({ DEFECT: 2 });
    expect(stats.body.byRoute).toEqual({ IN_HOUSE: 1, VENDOR_PORTAL: 1 });
    expect(stats.body.byManufacturer).toEqual({ grandstream: 1, innovaphone: 1 });
    expect(stats.body.creditsThisMonth).toEqual([{ currency: 'EUR', amountMinor: 6000 }]);
    const gs = stats.body.defectRate.find((d: { manufacturer: string }) => d.manufacturer === 'grandstream');
    expect(gs).toEqual({ manufacturer: 'grandstream', defects: 1, sold: 12, rate: 1 / 12 });
    const b = await (await as(RESELLER_B)).get('/tickets/stats').expect(200);
    expect(b.body.byStatus).toEqual({});
  });

  it('previews a decision without storing anything, and pre-fills from the last ticket', async () => {
    const a = await as(RESELLER_A);
    const before = await h.count('tickets');
    const preview = await a.post('/tickets/preview', grandstreamDefect()).expect(201);
    expect(preview.body.prerequisites[0].satisfied).toBe(false);
    expect(await h.count('tickets')).toBe(before);
    await a
      .post('/tickets', grandstreamDefect({ delivery: { address: 'Dock 4', contactName: 'Max' } }))
      .expect(201);
    const prefill = await a.get('/tickets/prefill').expect(200);
    expect(prefill.body.customer.name).toBe('Café Lumière');
    expect(prefill.body.delivery).toEqual({ address: 'Dock 4', contactName: 'Max' });
  });

  it("looks up a warranty by serial among the caller's own purchases only", async () => {
    const a = await as(RESELLER_A);
    const b = await as(RESELLER_B);
    const res = await a.get('/warranty?serialNumber=GSA1001').expect(200);
    expect(res.body).toMatchObject({ status: 'IN_WARRANTY', basis: 'DISTRIBUTOR_SALE', inWarranty: true });
    await b.get('/warranty?serialNumber=GSA1001').expect(404);
    const staff = await as(STAFF_ADMIN);
    await staff.get('/warranty?serialNumber=GSA1001').expect(200);
  });
});
