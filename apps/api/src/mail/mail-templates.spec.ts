import type { TicketRow } from '../tickets/tickets.repository.js';
import { mailKindFor, renderTicketMail, renderWebhookFailing, ticketLabel } from './mail-templates.js';
import { mailOutcome } from './mail-delivery.service.js';

const ticket = (over: Partial<TicketRow> = {}) =>
  ({
    id: '6f1c0a52-9a3e-4c1e-9d7a-2b1f0c9e8a11',
    tenantId: 'tenant-1',
    status: 'APPROVED',
    reason: 'DEFECT',
    sku: 'GS-GRP2612',
    serialNumber: 'GSA1001',
    customerName: 'Café Lumière',
    resellerReference: 'PO-7',
    rmaNumber: 'RMA-2026-000042',
    rmaValidUntil: '2026-03-15',
    outcome: null,
    creditMinor: null,
    currency: null,
    replacementSerial: null,
    replacementCoveredUntil: null,
    decision: null,
    ...over,
  }) as TicketRow;

const ctx = (t: TicketRow, note: string | null = null) => ({
  ticket: t,
  manufacturerName: 'Grandstream',
  publicUrl: 'https://rma.example/',
  distributorName: 'Distri',
  note,
});

describe('mail templates', () => {
  it.each([
    ['SUBMIT', 'IN_REVIEW', 'SUBMITTED'],
    ['SUBMIT', 'FORWARDED', 'SUBMITTED'],
    ['SUBMIT', 'REDIRECTED', 'SUBMITTED'],
    ['SUBMIT', 'AWAITING_PREREQUISITE', 'AWAITING_PREREQUISITE'],
    ['PROVIDE_SUPPORT_TICKET', 'IN_REVIEW', 'SUBMITTED'],
    ['SUBMIT', 'REJECTED', 'REJECTED'],
    ['CREATE', 'DRAFT', null],
    ['APPROVE', 'APPROVED', 'APPROVED'],
    ['REQUEST_INFO', 'INFO_REQUESTED', 'INFO_REQUESTED'],
    ['SUPPLY_INFO', 'IN_REVIEW', null],
    ['SHIP', 'SHIPPED', null],
    ['RECEIVE', 'RECEIVED', 'RECEIVED'],
    ['START_INSPECTION', 'INSPECTING', null],
    ['RESOLVE', 'RESOLVED', 'RESOLVED'],
    ['EXPIRE', 'EXPIRED', 'EXPIRED'],
    ['CANCEL', 'CANCELLED', null],
  ])('%s reaching %s sends %s', (action, status, kind) => {
    expect(mailKindFor(action, status)).toBe(kind);
  });

  it('names a ticket by its RMA number, else the reseller reference, else its id', () => {
    expect(ticketLabel(ticket())).toBe('RMA-2026-000042');
    expect(ticketLabel(ticket({ rmaNumber: null }))).toBe('your ref. PO-7');
    expect(ticketLabel(ticket({ rmaNumber: null, resellerReference: null }))).toBe('ticket #0c9e8a11');
  });

  it('approval: the RMA number, its validity, the form link and the return instructions', () => {
    const m = renderTicketMail('APPROVED', ctx(ticket()));
    expect(m.subject).toBe('[Distri RMA] RMA RMA-2026-000042 approved: ship by 2026-03-15');
    expect(m.body).toContain('RMA number: RMA-2026-000042');
    expect(m.body).toContain('Valid until: 2026-03-15');
    expect(m.body).toContain(
      'https://rma.example/api/v1/tickets/6f1c0a52-9a3e-4c1e-9d7a-2b1f0c9e8a11/rma-form.pdf',
    );
    expect(m.body).toContain('DDP (Delivered Duty Paid)');
    expect(m.body).toContain('Item: Grandstream GS-GRP2612 serial GSA1001');
  });

  it('a delivery error is returned at the distributor’s cost', () => {
    const m = renderTicketMail('APPROVED', ctx(ticket({ reason: 'DELIVERY_ERROR' })));
    expect(m.body).not.toContain('DDP');
    expect(m.body).toContain('Distri pays the transport');
  });

  it('resolution: the outcome and the credit in the currency', () => {
    const m = renderTicketMail(
      'RESOLVED',
      ctx(ticket({ status: 'RESOLVED', outcome: 'CREDITED', creditMinor: 6490, currency: 'EUR' })),
    );
    expect(m.subject).toBe('[Distri RMA] RMA RMA-2026-000042 resolved: credited');
    expect(m.body).toContain('Credit: EUR 64.90');
    const nd = renderTicketMail('RESOLVED', ctx(ticket({ status: 'RESOLVED', outcome: 'NOT_DEFECTIVE' })));
    expect(nd.body).toContain('No credit is given');
  });

  it('an information request quotes the question; a rejection its reason', () => {
    expect(renderTicketMail('INFO_REQUESTED', ctx(ticket(), 'Which firmware?')).body).toContain(
      '  Which firmware?',
    );
    expect(renderTicketMail('REJECTED', ctx(ticket(), 'Liquid damage')).body).toContain(
      'Reason: Liquid damage',
    );
  });

  it('staff alert for a failing webhook names the endpoint and the last error', () => {
    const m = renderWebhookFailing(
      {
        manufacturerName: 'DapuStor',
        url: 'https://vendor.example/rma',
        deliveryId: 'msg_1',
        ticketId: 't-1',
        attempts: 10,
        error: 'HTTP 500',
        disabledReason: null,
      },
      'https://rma.example',
      'Distri',
    );
    expect(m.subject).toBe('[Distri RMA] Webhook to DapuStor keeps failing');
    expect(m.body).toContain('failed after 10 attempts');
    expect(m.body).toContain('Last error: HTTP 500');
  });
});

describe('mail retries', () => {
  const schedule = [0, 1000, 5000];
  const fail = (responseCode: number | null) => ({ ok: false, messageId: null, responseCode, error: 'boom' });
  it.each([
    ['sent', { ok: true, messageId: '<x@y>', responseCode: null, error: null }, 1, { status: 'SENT' }],
    ['no answer: retried after the next delay', fail(null), 1, { status: 'PENDING', delayMs: 1000 }],
    ['4xx: retried', fail(451), 2, { status: 'PENDING', delayMs: 5000 }],
    ['the schedule is used up: failed', fail(null), 3, { status: 'FAILED' }],
    ['5xx: failed at once', fail(550), 1, { status: 'FAILED' }],
  ])('%s', (_name, attempt, n, expected) => {
    expect(mailOutcome(attempt, n, schedule)).toMatchObject(expected);
  });
});
