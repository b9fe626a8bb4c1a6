import type { Decision } from '@rma/rules';
import type { TicketRow } from '../tickets/ticket-row.js';
import { itemLine, renderParcelApproved, renderReturnSubmitted } from './mail-return-templates.js';

const RETURN_ID = '0193a1b2-0000-7000-8000-000000000015';

const decision = (over: Partial<Decision> = {}) =>
  ({ reasons: [], prerequisites: [], portalUrl: null, ...over }) as unknown as Decision;

let n = 0;
const ticket = (over: Partial<TicketRow> = {}) =>
  ({
    id: `6f1c0a52-9a3e-4c1e-9d7a-2b1f0c9e8a${String(++n).padStart(2, '0')}`,
    tenantId: 'tenant-1',
    returnId: RETURN_ID,
    position: 1,
    status: 'IN_REVIEW',
    reason: 'DEFECT',
    sku: 'GS-GRP2612',
    serialNumber: 'GSA1001',
    customerName: 'Café Lumière',
    resellerReference: 'PO-7',
    rmaNumber: null,
    rmaValidUntil: null,
    decision: decision(),
    createdBy: null,
    ...over,
  }) as TicketRow;

const item = (
  over: Partial<TicketRow>,
  manufacturerName: string | null = 'Grandstream',
  portal: string | null = null,
) => ({
  ticket: ticket(over),
  manufacturerName,
  portalInstructions: portal,
});

const ctx = (items: ReturnType<typeof item>[]) => ({
  returnId: RETURN_ID,
  items,
  publicUrl: 'https://rma.example/',
  distributorName: 'Distri',
});

/** Five items, given out of order: one of each place a submitted item can go. */
const five = () => [
  item(
    {
      position: 5,
      status: 'REJECTED',
      reason: 'ORDER_ERROR',
      sku: 'GS-GWN7660',
      serialNumber: null,
      decision: decision({ reasons: ['The product was used, so it cannot be returned as an order error.'] }),
    },
    null,
  ),
  item({
    position: 1,
    status: 'IN_REVIEW',
    decision: decision({ reasons: ['In warranty until 2027-01-01.'] }),
  }),
  item(
    {
      position: 3,
      status: 'REDIRECTED',
      sku: 'IP-IP112',
      serialNumber: 'IPA1',
      decision: decision({ portalUrl: 'https://rma.innovaphone.com/' }),
    },
    'innovaphone',
    'Bring the serial & <the> invoice',
  ),
  item({ position: 4, status: 'FORWARDED', sku: 'DS-H5100-3T8', serialNumber: 'DS2541A1' }, 'DapuStor'),
  item({
    position: 2,
    status: 'AWAITING_PREREQUISITE',
    serialNumber: 'GSA1002',
    decision: decision({
      prerequisites: [
        { kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: 'https://helpdesk.grandstream.com' },
      ],
    }),
  }),
];

describe('return mail templates', () => {
  it('names an item by its place, product, serial and reason', () => {
    expect(itemLine(item({ position: 3 }))).toBe(
      'Item 3: Grandstream GS-GRP2612 serial GSA1001 (Defective product)',
    );
    expect(itemLine(item({ position: 2, sku: null, serialNumber: null }, null))).toBe(
      'Item 2: product not given (Defective product)',
    );
  });

  it('a submitted return: one message saying where each of its items went, and the return page', () => {
    const m = renderReturnSubmitted(ctx(five()));
    expect(m.subject).toBe(
      '[Distri RMA] Return received (5 items, your ref. PO-7): 1 item needs a support ticket number',
    );
    const body = m.body;
    expect(body).toContain('We received your return of 5 items.');
    expect(body).toContain('End customer: Café Lumière');
    expect(body).toContain('Your reference: PO-7');
    // Grouped by where they went, each group with its count; every item exactly once.
    const order = [
      'Waiting for a support ticket number (1):',
      'Item 2: Grandstream GS-GRP2612 serial GSA1002',
      'Open a support ticket at https://helpdesk.grandstream.com and add its number to this item',
      "Handled by the manufacturer's RMA portal (1):",
      'Item 3: innovaphone IP-IP112 serial IPA1',
      'RMAs for innovaphone are handled by innovaphone directly: https://rma.innovaphone.com/',
      'Instructions: Bring the serial & <the> invoice',
      'In review by our RMA desk (1):',
      'Item 1: Grandstream GS-GRP2612 serial GSA1001',
      '- In warranty until 2027-01-01.',
      'Forwarded to the manufacturer (1):',
      'Item 4: DapuStor DS-H5100-3T8 serial DS2541A1',
      'Refused (1):',
      'Item 5: GS-GWN7660 (Order error (wrong reference ordered))',
      '- The product was used, so it cannot be returned as an order error.',
      `Your return: https://rma.example/returns/${RETURN_ID}`,
    ];
    let at = -1;
    for (const text of order) {
      const next = body.indexOf(text, at + 1);
      expect([text, next > at]).toEqual([text, true]);
      at = next;
    }
    for (const p of [1, 2, 3, 4, 5]) expect(body.split(`Item ${p}:`).length).toBe(2);
    expect(body).not.toContain('/tickets/');
  });

  it('a return with nothing waiting has a plain subject, and two items in review share their group', () => {
    const m = renderReturnSubmitted(
      ctx([item({ position: 2, serialNumber: 'GSA1002' }), item({ position: 1 })]),
    );
    expect(m.subject).toBe('[Distri RMA] Return received: 2 items, your ref. PO-7');
    expect(m.body).toContain(
      'In review by our RMA desk (2):\n - Item 1: Grandstream GS-GRP2612 serial GSA1001',
    );
    expect(m.body.indexOf('Item 1:')).toBeLessThan(m.body.indexOf('Item 2:'));
    expect(m.body).not.toContain('Refused');
  });

  it('items approved together: the RMA number once, every item, the parcel form and the instructions', () => {
    const approved = { status: 'APPROVED', rmaNumber: 'RMA-2026-000042', rmaValidUntil: '2026-03-15' };
    const items = [
      item({ ...approved, position: 2, serialNumber: 'GSA1002' }),
      item({ ...approved, position: 1 }),
    ];
    const m = renderParcelApproved(ctx(items));
    expect(m.subject).toBe('[Distri RMA] RMA RMA-2026-000042 approved for 2 items: ship by 2026-03-15');
    expect(m.body.split('RMA number: RMA-2026-000042').length).toBe(2);
    expect(m.body).toContain(
      'In the parcel:\n - Item 1: Grandstream GS-GRP2612 serial GSA1001 (Defective product)\n - Item 2: Grandstream GS-GRP2612 serial GSA1002',
    );
    expect(m.body).toContain(`https://rma.example/api/v1/tickets/${items[1]!.ticket.id}/rma-form.pdf`);
    expect(m.body).toContain('DDP (Delivered Duty Paid)');
    expect(m.body).toContain(`Your return: https://rma.example/returns/${RETURN_ID}`);
    const delivery = renderParcelApproved(
      ctx([
        item({ ...approved, reason: 'DELIVERY_ERROR' }),
        item({ ...approved, position: 2, reason: 'DELIVERY_ERROR' }),
      ]),
    );
    expect(delivery.body).toContain('Distri pays the transport');
  });
});
