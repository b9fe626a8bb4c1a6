import { parse } from 'csv-parse/sync';
import { TicketExportService } from '../src/tickets/ticket-export.service.js';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B,
  STAFF,
  startHarness,
  type Client,
  type Harness,
} from './harness.js';

/** The export read back by an independent CSV parser: its header and its rows as objects. */
function readCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const records: string[][] = parse(text, { bom: true, relax_quotes: false });
  const [header, ...body] = records;
  return {
    header: header!,
    rows: body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))),
  };
}

describe('tickets as CSV (e2e)', () => {
  let h: Harness;
  let a: Client;
  let b: Client;
  let staff: Client;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
    h.app.get(TicketExportService).batchSize = 1000;
    [a, b, staff] = await Promise.all([h.as(RESELLER_A), h.as(RESELLER_B), h.as(STAFF)]);
  });

  const csv = async (client: Client, query = '') => {
    const res = await client
      .get(`/tickets.csv${query}`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      });
    return { status: res.status, headers: res.headers, text: res.body as string };
  };
  const submit = (client: Client, over: Record<string, unknown> = {}) =>
    client.post('/tickets', {
      ...grandstreamDefect(),
      submit: true,
      supportTicketNumber: 'GS-123456',
      ...over,
    });

  it("answers the list's tickets in the list's order, with a header, as a UTF-8 spreadsheet file", async () => {
    for (const name of ['Café Lumière', 'Atelier Kraus', 'Hotel Aurora'])
      await submit(a, { customer: { name } }).expect(201);
    await b.post('/tickets', grandstreamDefect({ customer: { name: 'Kanzlei Weber' } })).expect(201);

    const res = await csv(staff);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text.startsWith('\uFEFFTicket,Id,Created,')).toBe(true);
    expect(res.text.split('\r\n').length).toBe(6); // header, four rows, and the last line's end

    const { header, rows } = readCsv(res.text);
    expect(header).toContain('Credit');
    const list = (await staff.get('/tickets?limit=200').expect(200)).body.items;
    expect(rows.map((r) => r['Id'])).toEqual(list.map((t: { id: string }) => t.id));
    const cafe = rows.find((r) => r['Customer'] === 'Café Lumière')!;
    expect(cafe).toMatchObject({
      Reseller: 'Alpha IT',
      Reason: 'DEFECT',
      Manufacturer: 'Grandstream',
      SKU: 'GS-GRP2612',
      'Serial number': 'GSA1001',
      Route: 'IN_HOUSE',
      Status: 'IN_REVIEW',
      Warranty: 'IN_WARRANTY',
      Ticket: `#${cafe['Id']!.slice(-8)}`,
    });
    expect(cafe['SLA due']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(cafe['Submitted']!)).not.toBeNaN();
    expect(rows.find((r) => r['Customer'] === 'Kanzlei Weber')).toMatchObject({
      Status: 'DRAFT',
      Submitted: '',
    });
  });

  it('applies the list’s filters, and a reseller gets its own tickets only, whatever it asks', async () => {
    await submit(a).expect(201);
    await a.post('/tickets', grandstreamDefect({ customer: { name: 'Draft only' } })).expect(201);
    await submit(b, { customer: { name: 'Kanzlei Weber' } }).expect(201);
    const tenantA = (await a.get('/tenants/current').expect(200)).body.id;

    const drafts = readCsv((await csv(staff, '?status=DRAFT')).text).rows;
    expect(drafts.map((r) => r['Customer'])).toEqual(['Draft only']);
    const ofA = readCsv((await csv(staff, `?tenantId=${tenantA}`)).text).rows;
    expect(new Set(ofA.map((r) => r['Reseller']))).toEqual(new Set(['Alpha IT']));
    expect(ofA).toHaveLength(2);

    const asB = await csv(b, `?tenantId=${tenantA}`);
    expect(asB.status).toBe(200);
    expect(readCsv(asB.text).rows.map((r) => r['Customer'])).toEqual(['Kanzlei Weber']);
    expect(asB.text).not.toContain('Café Lumière');
    expect(asB.text).not.toContain('Alpha IT');
  });

  it('shows what users typed, never as a formula, with commas, quotes and line breaks kept', async () => {
    const typed = ['=HYPERLINK("http://evil.example","x")', '+31 20 555', '@SUM(A1)', 'Müller, "Bau"\nGmbH'];
    for (const name of typed) await submit(a, { customer: { name } }).expect(201);
    const res = await csv(staff);
    const names = readCsv(res.text).rows.map((r) => r['Customer']);
    expect(names.sort()).toEqual(
      [`'=HYPERLINK("http://evil.example","x")`, "'+31 20 555", "'@SUM(A1)", 'Müller, "Bau"\nGmbH'].sort(),
    );
    expect(res.text).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
  });

  it('writes credits in major units beside their currency', async () => {
    const id = (await submit(a).expect(201)).body.id;
    await h.target.asOwner((o) =>
      o.query(
        `UPDATE tickets SET status = 'RESOLVED', outcome = 'CREDITED', credit_minor = 6970, currency = 'EUR' WHERE id = $1`,
        [id],
      ),
    );
    const [row] = readCsv((await csv(staff)).text).rows;
    expect(row).toMatchObject({ Outcome: 'CREDITED', Credit: '69.70', Currency: 'EUR', Status: 'RESOLVED' });
  });

  it('reads page after page: every ticket once, in order, across many reads', async () => {
    h.app.get(TicketExportService).batchSize = 2;
    for (let i = 0; i < 7; i++) await submit(a, { customer: { name: `Customer ${i}` } }).expect(201);
    for (const [query, sort] of [
      ['', '-createdAt'],
      ['?sort=createdAt', 'createdAt'],
      ['?sort=slaDueOn', 'slaDueOn'],
    ]) {
      const ids = readCsv((await csv(staff, query)).text).rows.map((r) => r['Id']);
      const list = (await staff.get(`/tickets?limit=200&sort=${sort}`).expect(200)).body.items;
      expect(ids).toEqual(list.map((t: { id: string }) => t.id));
      expect(ids).toHaveLength(7);
    }
  });

  it('refuses a bad filter with 400 naming it, before any file starts', async () => {
    for (const [query, field] of [
      ['?status=NOPE', 'status'],
      ['?manufacturer=nobody', 'manufacturer'],
      ['?limit=5', 'limit'],
      ['?tenantId=not-a-uuid', 'tenantId'],
    ]) {
      const res = await staff.get(`/tickets.csv${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });
});
