import { grandstreamDefect, RESELLER_A, STAFF, startHarness, type Client, type Harness } from './harness.js';
import { TestSmtpServer, type ReceivedMail } from './support/smtp.js';

/** The shared information of the returns below. */
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

/**
 * The reseller's e-mail about a return of several items (issue 15), through a real SMTP server: one
 * message for the return saying where each item went, one for items approved together; a one-item
 * return, and every later per-item change, keeps the ticket's own message.
 */
describe('mail for returns with several items (e2e)', () => {
  let h: Harness;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    h = await startHarness({
      SMTP_URL: smtp.url(),
      MAIL_FROM: 'Distri RMA desk <rma@distri.example>',
      MAIL_SWEEP_MS: '100',
      MAIL_RETRY_SCHEDULE: `0,${Array(30).fill('200ms').join(',')}`,
      MAIL_TIMEOUT_MS: '2000',
      MAIL_LOCK_MS: '4000',
      PUBLIC_URL: 'https://rma.distri.example',
    });
  });
  afterAll(async () => {
    await h?.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    await h.reset();
    smtp.received.length = 0;
  });

  /** The mails whose subject matches, once `n` of them arrived. */
  async function mails(subject: RegExp, n = 1): Promise<ReceivedMail[]> {
    await smtp.waitFor(
      () => smtp.received.filter((m) => subject.test(m.subject)).length >= n,
      10_000,
      `${n} mail(s) ${subject}`,
    );
    return smtp.received.filter((m) => subject.test(m.subject));
  }

  /** The reseller's messages in the outbox, oldest first (written with the change, so exact at once). */
  const outbox = () =>
    h.target.asOwner(
      async (o) =>
        (await o.query(
          `SELECT kind, ticket_id AS "ticketId", subject FROM mail_outbox
            WHERE kind NOT IN ('WEBHOOK_FAILING', 'PASSWORD_CHANGED') ORDER BY created_at, id`,
        )) as Array<{ kind: string; ticketId: string; subject: string }>,
    );

  /** Tenant A's first invoiced serial of `sku` starting with `prefix`. */
  async function serialOf(a: Client, sku: string, prefix: string): Promise<string> {
    const lines = await a.get(`/invoice-lines?sku=${sku}`).expect(200);
    return lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((s: string) => s.startsWith(prefix));
  }

  it('a return of five items sends ONE message listing every item and where it went, with the return page', async () => {
    const a = await h.as(RESELLER_A);
    const items = [
      item({ supportTicketNumber: 'GS-000001' }),
      item({ product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1002' } }),
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
      { reason: 'ORDER_ERROR', product: { sku: 'GS-GWN7660' }, unused: false, originalPackaging: true },
    ];
    const res = await a
      .post('/returns', {
        ...SHARED,
        delivery: { ...SHARED.delivery, deliveredOn: h.clock.today() },
        items,
        submit: true,
      })
      .expect(201);
    const got = res.body.items as Array<{ id: string; status: string; product: { serialNumber: string } }>;
    expect(got.map((t) => t.status)).toEqual([
      'IN_REVIEW',
      'AWAITING_PREREQUISITE',
      'REDIRECTED',
      'FORWARDED',
      'REJECTED',
    ]);

    // One row, written with the return, filed under its first item.
    const queued = await outbox();
    expect(queued.map((m) => [m.kind, m.ticketId])).toEqual([['SUBMITTED', got[0]!.id]]);

    const [m] = await mails(/Return received/);
    expect(m!.to).toEqual([RESELLER_A]);
    expect(m!.subject).toBe(
      '[Distri RMA] Return received (5 items, your ref. PO-4711): 1 item needs a support ticket number',
    );
    const text = m!.text;
    expect(text).toContain('We received your return of 5 items.');
    expect(text).toContain('End customer: Café Lumière');
    const section = (title: string) => text.slice(text.indexOf(title)).split('\n\n')[0]!;
    expect(section('Waiting for a support ticket number (1):')).toContain(
      `Item 2: Grandstream GS-GRP2612 serial GSA1002`,
    );
    expect(section('Waiting for a support ticket number (1):')).toContain(
      'Open a support ticket at https://helpdesk.grandstream.com/',
    );
    const portal = section("Handled by the manufacturer's RMA portal (1):");
    expect(portal).toContain(`Item 3: innovaphone IP-IP112 serial ${got[2]!.product.serialNumber}`);
    expect(portal).toContain('https://rma.innovaphone.com/');
    expect(section('In review by our RMA desk (1):')).toContain(
      'Item 1: Grandstream GS-GRP2612 serial GSA1001',
    );
    expect(section('Forwarded to the manufacturer (1):')).toContain(
      `Item 4: DapuStor DS-H5100-3T8 serial ${got[3]!.product.serialNumber}`,
    );
    const refused = section('Refused (1):');
    expect(refused).toContain('Item 5: GS-GWN7660 (Order error (wrong reference ordered))');
    expect(refused).toMatch(/used/i);
    expect(text).toContain(`Your return: https://rma.distri.example/returns/${res.body.id}`);
    // No per-item message besides it.
    expect(smtp.received.filter((r) => /RMA request|Action needed|rejected/.test(r.subject))).toEqual([]);

    // A later per-item change keeps its own message: the support ticket number of item 2.
    await a
      .post(`/tickets/${got[1]!.id}/transitions`, {
        action: 'PROVIDE_SUPPORT_TICKET',
        supportTicketNumber: 'GS-123456',
      })
      .expect(201);
    const [own] = await mails(/RMA request received/);
    expect(own!.subject).toBe('[Distri RMA] RMA request received: your ref. PO-4711');
    expect(own!.text).toContain(`https://rma.distri.example/tickets/${got[1]!.id}`);
    expect((await outbox()).length).toBe(2);
  });

  it('a one-item return sends the ticket’s own message, as POST /tickets does', async () => {
    const a = await h.as(RESELLER_A);
    const res = await a
      .post('/returns', { ...SHARED, items: [item({ supportTicketNumber: 'GS-000001' })], submit: true })
      .expect(201);
    const t = res.body.items[0] as { id: string; status: string };
    expect(t.status).toBe('IN_REVIEW');
    const [m] = await mails(/RMA request received/);
    expect(m!.subject).toBe('[Distri RMA] RMA request received: your ref. PO-4711');
    expect(m!.text).toContain('Status: IN_REVIEW');
    expect(m!.text).toContain(`Ticket: https://rma.distri.example/tickets/${t.id}`);
    expect((await outbox()).map((o) => [o.kind, o.ticketId])).toEqual([['SUBMITTED', t.id]]);
    expect(smtp.received.some((r) => /Return received/.test(r.subject))).toBe(false);
  });

  it('a return saved as drafts sends nothing', async () => {
    const a = await h.as(RESELLER_A);
    await a
      .post('/returns', { ...SHARED, items: [item(), item({ product: { serialNumber: 'GSA1002' } })] })
      .expect(201);
    expect(await outbox()).toEqual([]);
  });

  it('items approved together send one message with the RMA number once; one approved alone its own', async () => {
    const a = await h.as(RESELLER_A);
    const s = await h.as(STAFF);
    const serials = ['GSA1001', 'GSA1002', 'GSA1003'];
    const ret = await a
      .post('/returns', {
        ...SHARED,
        items: serials.map((serialNumber, i) =>
          item({
            product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber },
            supportTicketNumber: `GS-00000${i + 1}`,
          }),
        ),
        submit: true,
      })
      .expect(201);
    const [one, two, three] = ret.body.items as Array<{ id: string }>;
    await mails(/Return received/);

    const approved = await s
      .post(`/returns/${ret.body.id}/approve`, { items: [two!.id, one!.id] })
      .expect(200);
    const rma = approved.body.parcel.rmaNumber as string;
    const validUntil = approved.body.parcel.rmaValidUntil as string;
    expect(validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [m] = await mails(/approved for 2 items/);
    expect(m!.to).toEqual([RESELLER_A]);
    expect(m!.subject).toBe(`[Distri RMA] RMA ${rma} approved for 2 items: ship by ${validUntil}`);
    expect(m!.text.split(`RMA number: ${rma}`).length).toBe(2);
    expect(m!.text).toContain(
      'In the parcel:\n - Item 1: Grandstream GS-GRP2612 serial GSA1001 (Defective product)\n - Item 2: Grandstream GS-GRP2612 serial GSA1002 (Defective product)',
    );
    expect(m!.text).not.toContain('GSA1003');
    expect(m!.text).toContain(`https://rma.distri.example/api/v1/tickets/${one!.id}/rma-form.pdf`);
    expect(m!.text).toContain(`Your return: https://rma.distri.example/returns/${ret.body.id}`);
    expect((await outbox()).filter((o) => o.kind === 'APPROVED').map((o) => o.ticketId)).toEqual([one!.id]);

    // The third approved later, alone: the ticket's own approval message with the next number.
    const later = await s.post(`/returns/${ret.body.id}/approve`, { items: [three!.id] }).expect(200);
    const next = later.body.parcel.rmaNumber as string;
    expect(next).not.toBe(rma);
    const [own] = await mails(new RegExp(`RMA ${next} approved: ship by`));
    expect(own!.text).toContain('Item: Grandstream GS-GRP2612 serial GSA1003');
    expect((await outbox()).filter((o) => o.kind === 'APPROVED').map((o) => o.ticketId)).toEqual([
      one!.id,
      three!.id,
    ]);
  });
});
