import request from 'supertest';
import { TicketTransitionsService } from '../src/tickets/ticket-transitions.service.js';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B_ADMIN,
  STAFF,
  startHarness,
  type Harness,
} from './harness.js';
import { fontNames, readPdf } from './support/pdf-text.js';

/**
 * The RMA's paperwork without e-mail: the printable form, receiving a parcel by its RMA number, the
 * invoice-lines CSV import, and the outbox keeping messages when no SMTP server is configured.
 */
describe('RMA form, receiving, invoice import (e2e)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      DISTRIBUTOR_NAME: 'Distri',
      DISTRIBUTOR_RETURN_ADDRESS: 'Distri Returns Hub\\nLogistiekweg 7\\n3542 AB Utrecht',
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  const as = (email: string) => h.as(email);

  /** A Grandstream defect of tenant A, approved by staff: its id and RMA number. */
  async function approved(overrides: Record<string, unknown> = {}) {
    const a = await as(RESELLER_A);
    const t = await a
      .post('/tickets', {
        ...grandstreamDefect({
          supportTicketNumber: 'GS-000001',
          resellerReference: 'PO-4711',
          ...overrides,
        }),
        submit: true,
      })
      .expect(201);
    expect(t.body.status).toBe('IN_REVIEW');
    const ok = await (
      await as(STAFF)
    )
      .post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' })
      .expect(201);
    return { id: t.body.id as string, rma: ok.body.rma as { number: string; validUntil: string } };
  }

  const pdfOf = (res: request.Response) => new Uint8Array(res.body as Buffer);
  const binary = (r: request.Test) =>
    r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  describe('the printable RMA form', () => {
    it('holds the RMA number, validity, return address, reseller, end customer, serial and instructions; with a barcode and a QR code', async () => {
      const { id, rma } = await approved();
      const res = await binary((await as(RESELLER_A)).get(`/tickets/${id}/rma-form.pdf`)).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`${rma.number}.pdf`);
      expect(
        Buffer.from(res.body as Buffer)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const { text, images } = await readPdf(pdfOf(res));
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(rma.number);
      expect(flat).toContain(`Valid until ${rma.validUntil}`);
      // Grandstream is handled in-house: its return address is the distributor's RMA desk.
      expect(flat).toContain('Distri RMA desk, Curieweg 15, 2408 BZ Alphen aan den Rijn, NL');
      expect(flat).toContain('GSA1001'); // the serial number
      expect(flat).toContain('GS-GRP2612');
      expect(flat).toContain('Alpha IT'); // the reseller
      expect(flat).toContain('PO-4711');
      expect(flat).toContain('Café Lumière'); // the end customer
      expect(flat).toContain('Does not boot after a firmware update');
      expect(flat).toMatch(/sturdy packaging/);
      expect(flat).toMatch(new RegExp(`RMA number ${rma.number} clearly on the outside of the box`));
      expect(flat).toMatch(/accessories/);
      expect(flat).toMatch(/end user's purchase receipt/);
      expect(flat).toMatch(/DDP \(Delivered Duty Paid\)/);
      expect(images).toBeGreaterThanOrEqual(2); // Code 128 and QR code

      // Staff print it too; another reseller does not learn it exists.
      await binary((await as(STAFF)).get(`/tickets/${id}/rma-form.pdf`)).expect(200);
      await (await as(RESELLER_B_ADMIN)).get(`/tickets/${id}/rma-form.pdf`).expect(404);
    });

    it('prints names and text in Central European Latin, Greek and Cyrillic with an embedded font, Western text with Helvetica', async () => {
      const western = await approved();
      const plain = await binary((await as(RESELLER_A)).get(`/tickets/${western.id}/rma-form.pdf`)).expect(
        200,
      );
      expect(await fontNames(pdfOf(plain))).toEqual(['Helvetica', 'Helvetica-Bold']);

      const { id } = await approved({
        customer: {
          name: 'Dvořák & Łukasiewicz s.r.o.',
          contactName: 'Ștefan Gyűrű',
          email: 'it@dvorak.example',
        },
        faultDescription: 'Не включается. Δεν ανάβει. 電源',
      });
      const res = await binary((await as(RESELLER_A)).get(`/tickets/${id}/rma-form.pdf`)).expect(200);
      // Subsets of DejaVu Sans: only the glyphs printed travel with the form.
      expect(await fontNames(pdfOf(res))).toEqual([
        expect.stringMatching(/^DejaVuSans-\d+$/),
        expect.stringMatching(/^DejaVuSans-Bold-\d+$/),
      ]);
      const { text } = await readPdf(pdfOf(res));
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Dvořák & Łukasiewicz s.r.o.');
      expect(flat).toContain('Ștefan Gyűrű');
      expect(flat).toContain('Не включается. Δεν ανάβει.');
      expect(flat).toContain('Δεν ανάβει. ??'); // CJK is in neither font

      expect(flat).toContain('sturdy packaging'); // our own text in the same font
    });

    it("prints the distributor's return address when the manufacturer has none, and no form before approval", async () => {
      await h.target.asOwner((o) =>
        o.transaction(async (m) => {
          await m.query(`SET LOCAL ROLE rma_staff`);
          await m.query(`UPDATE manufacturers SET return_address = NULL WHERE slug = 'grandstream'`);
        }),
      );
      const a = await as(RESELLER_A);
      const draft = await a.post('/tickets', grandstreamDefect()).expect(201);
      const early = await a.get(`/tickets/${draft.body.id}/rma-form.pdf`).expect(409);
      expect(early.body.message).toMatch(/once it is approved/);
      const { id } = await approved();
      const res = await binary(a.get(`/tickets/${id}/rma-form.pdf`)).expect(200);
      const { text } = await readPdf(pdfOf(res));
      expect(text).toContain('Distri Returns Hub');
      expect(text).toContain('Logistiekweg 7');
      expect(text).toContain('3542 AB Utrecht');
    });
  });

  describe('shipping and receiving', () => {
    it('records carrier and tracking, and receives a parcel by its RMA number and matching serial', async () => {
      const { id, rma } = await approved();
      const a = await as(RESELLER_A);
      const missing = await a
        .post(`/tickets/${id}/transitions`, { action: 'SHIP', carrier: 'DHL' })
        .expect(400);
      expect(missing.body.errors).toEqual([
        { field: 'trackingNumber', message: 'trackingNumber is required to ship' },
      ]);
      const shipped = await a
        .post(`/tickets/${id}/transitions`, { action: 'SHIP', carrier: 'DHL', trackingNumber: 'JD014600003' })
        .expect(201);
      expect(shipped.body.shipping).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD014600003' });
      const s = await as(STAFF);
      // The desk types the number as it reads it off the box: case and spaces do not matter.
      const received = await s
        .post('/receiving', { rmaNumber: ` ${rma.number.toLowerCase()} `, serialNumber: 'gsa1001' })
        .expect(200);
      expect(received.body).toMatchObject({ id, status: 'RECEIVED' });
      const again = await s.post('/receiving', { rmaNumber: rma.number }).expect(409);
      expect(again.body.message).toMatch(/is RECEIVED, not awaiting a parcel/);
      const tl = await s.get(`/tickets/${id}/timeline`).expect(200);
      expect(tl.body.map((e: { action: string }) => e.action)).toContain('RECEIVE');
    });

    it('refuses a parcel whose RMA number is unknown, or whose item is another one, and says which', async () => {
      const { id, rma } = await approved();
      const s = await as(STAFF);
      const unknown = await s.post('/receiving', { rmaNumber: 'RMA-2026-999999' }).expect(422);
      expect(unknown.body).toMatchObject({
        code: 'PARCEL_REFUSED',
        message: 'Parcel refused: RMA number RMA-2026-999999 is unknown',
        errors: [{ field: 'rmaNumber', message: 'RMA number RMA-2026-999999 is unknown' }],
      });
      const other = await s
        .post('/receiving', { rmaNumber: rma.number, serialNumber: 'GSA9999' })
        .expect(422);
      expect(other.body.code).toBe('PARCEL_REFUSED');
      expect(other.body.errors[0].field).toBe('serialNumber');
      expect(other.body.message).toBe(
        `Parcel refused: serial number GSA9999 does not match the item of RMA number ${rma.number} (GS-GRP2612, serial GSA1001)`,
      );
      const still = await s.get(`/tickets/${id}`).expect(200);
      expect(still.body.status).toBe('APPROVED');
      await (await as(RESELLER_A)).post('/receiving', { rmaNumber: rma.number }).expect(403);
      await s.post('/receiving', {}).expect(400);
    });

    it('refuses a parcel whose RMA number expired, naming the day', async () => {
      const { rma } = await approved();
      const s = await as(STAFF);
      h.clock.travelDays(15); // Grandstream's numbers are valid 14 days
      try {
        const lapsed = await s.post('/receiving', { rmaNumber: rma.number }).expect(422);
        const expiredOn = new Date(Date.parse(`${rma.validUntil}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(lapsed.body.message).toBe(
          `Parcel refused: RMA number ${rma.number} expired on ${expiredOn} (it was valid until ${rma.validUntil}) and the item was not shipped in time`,
        );
        // Once the sweep marked it EXPIRED, the same answer.
        expect(await h.app.get(TicketTransitionsService).expireOverdue()).toBe(1);
        const expired = await s.post('/receiving', { rmaNumber: rma.number }).expect(422);
        expect(expired.body.errors[0]).toMatchObject({ field: 'rmaNumber' });
        expect(expired.body.message).toContain(`expired on ${expiredOn}`);
      } finally {
        h.clock.travelDays(-15);
      }
    });
  });

  describe('the mail outbox without SMTP', () => {
    it('keeps each message unsent (HELD) for staff to read, and only staff may', async () => {
      const { id, rma } = await approved();
      const s = await as(STAFF);
      const list = await s.get(`/outbox?ticketId=${id}`).expect(200);
      expect(list.body.items.map((m: { kind: string }) => m.kind)).toEqual(['APPROVED', 'SUBMITTED']);
      const approvedMail = list.body.items[0];
      expect(approvedMail).toMatchObject({
        status: 'HELD',
        to: [RESELLER_A],
        subject: `[Distri RMA] RMA ${rma.number} approved: ship by ${rma.validUntil}`,
        attempts: 0,
      });
      expect(approvedMail.body).toContain(`/api/v1/tickets/${id}/rma-form.pdf`);
      const held = await s.get('/outbox?status=HELD&kind=APPROVED&to=AGENT@alpha-it.example').expect(200);
      expect(held.body.items).toHaveLength(1);
      const page = await s.get('/outbox?limit=1').expect(200);
      expect(page.body.items).toHaveLength(1);
      const next = await s.get(`/outbox?limit=1&cursor=${page.body.nextCursor}`).expect(200);
      expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
      await (await as(RESELLER_A)).get('/outbox').expect(403);
      await s.get('/outbox?status=LOST').expect(400);
    });
  });

  describe('invoice lines CSV import', () => {
    const CSV = [
      'reseller;invoice number;date;SKU;serial;unit price;currency',
      'alpha-it;INV-X-1;2026-01-15;GS-GRP2612;GSX0001;64,90;EUR',
      'alpha-it;INV-X-1;2026-01-15;GS-GWN7660;;82.00;EUR',
      'beta-net;INV-Y-7;2026-02-01;DX-SD64;DXY0001;12.9;EUR',
      'nobody;INV-Z-1;2026-02-01;DX-SD64;DXZ0001;12.90;EUR',
      'alpha-it;INV-X-2;2026-02-30;GS-GRP2612;GSX0002;64.90;EUR',
      'alpha-it;INV-X-3;2026-02-03;GS-GRP2612;GSX0003;64.905;EUR',
      'alpha-it;;2026-02-03;GS-GRP2612;GSX0004;64.90;EUR',
      'alpha-it;INV-X-4;2026-02-03;GS-GRP2612;GSX0005;64.90;EURO',
      '"alpha-it";"INV-X-5";2026-02-04;"GS-GRP2612";"GSX;0006";"64,90";EUR',
      'alpha-it;INV-X-1;2026-01-15;GS-GRP2612;GSX0001;64,90;EUR',
      'alpha-it;INV-X-6;2026-02-05;GS-GRP2612',
      '',
    ].join('\r\n');
    const ERRORS = [
      { line: 5, reason: 'reseller "nobody" is unknown (expected a reseller\'s slug)' },
      { line: 6, reason: 'date "2026-02-30" is not a date YYYY-MM-DD' },
      { line: 7, reason: 'unit price "64.905" is not an amount like 82.00 (at most 2 decimals)' },
      { line: 8, reason: 'invoice number is empty' },
      { line: 9, reason: 'currency "EURO" is not an ISO 4217 code like EUR' },
    ];

    it('imports the good rows, reports the bad ones by line, and a second import adds nothing', async () => {
      const s = await as(STAFF);
      const before = await h.count('invoice_lines');
      const first = await s
        .upload('/invoice-lines/import')
        .attach('file', Buffer.from(CSV), 'export.csv')
        .expect(200);
      expect(first.body.imported).toBe(4);
      expect(first.body.skipped).toBe(1); // line 11 repeats line 2
      expect(first.body.errors.slice(0, 5)).toEqual(ERRORS);
      expect(first.body.errors[5].line).toBe(12);
      expect(first.body.errors[5].reason).toMatch(/^4 fields where the header has 7/);
      expect(first.body.errors).toHaveLength(6);
      expect(await h.count('invoice_lines')).toBe(before + 4);

      const again = await s
        .upload('/invoice-lines/import')
        .attach('file', Buffer.from(CSV), 'export.csv')
        .expect(200);
      expect(again.body).toMatchObject({ imported: 0, skipped: 5 });
      expect(again.body.errors).toEqual(first.body.errors);
      expect(await h.count('invoice_lines')).toBe(before + 4);

      // The lines are the credit basis: in minor units, under the right reseller.
      const lines = await (await as(RESELLER_A)).get('/invoice-lines?serialNumber=GSX;0006').expect(200);
      expect(lines.body).toEqual([
        expect.objectContaining({
          invoiceNumber: 'INV-X-5',
          unitPriceMinor: 6490,
          currency: 'EUR',
          invoicedOn: '2026-02-04',
        }),
      ]);
      const noSerial = await (await as(RESELLER_A)).get('/invoice-lines?sku=GS-GWN7660').expect(200);
      expect(noSerial.body.filter((l: { invoiceNumber: string }) => l.invoiceNumber === 'INV-X-1')).toEqual([
        expect.objectContaining({ serialNumber: null, unitPriceMinor: 8200 }),
      ]);
    });

    it('refuses a file without the columns, a missing file, and resellers', async () => {
      const s = await as(STAFF);
      const bad = await s
        .upload('/invoice-lines/import')
        .attach('file', Buffer.from('name,amount\nx,1\n'), 'x.csv')
        .expect(400);
      expect(bad.body.errors[0]).toMatchObject({
        field: 'file',
        message: expect.stringMatching(/lacks reseller, invoiceNumber, date, sku, unitPrice, currency/),
      });
      const none = await s.upload('/invoice-lines/import').field('note', 'x').expect(400);
      expect(none.body.errors[0].field).toBe('file');
      await (
        await as(RESELLER_A)
      )
        .upload('/invoice-lines/import')
        .attach('file', Buffer.from(CSV), 'export.csv')
        .expect(403);
    });
  });
});
