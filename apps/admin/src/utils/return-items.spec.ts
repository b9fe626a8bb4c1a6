import { decideRoute } from '@rma/rules';
import { describe, expect, it } from 'vitest';
import type { InvoiceLine } from '../api/products';
import { FEES, GRANDSTREAM, INNOVAPHONE } from '../test-support/fixtures';
import {
  duplicateItem,
  emptyItem,
  emptyShared,
  itemPreview,
  problemsOfItem,
  returnBody,
  returnProblems,
  type ReturnItemForm,
} from './return-items';
import { ticketFacts } from './ticket-facts';

const TODAY = '2026-12-01';
const LINE: InvoiceLine = {
  id: 'l1',
  tenantId: 't1',
  invoiceNumber: 'INV-2026-0042',
  invoicedOn: '2026-06-01',
  sku: 'GS-GRP2612',
  serialNumber: 'GSA1001',
  unitPriceMinor: 8200,
  currency: 'EUR',
};

function shared() {
  const s = emptyShared();
  s.customer.name = 'Café Lumière';
  s.resellerReference = ' PO-77 ';
  s.delivery.address = 'Rue de la Paix 12';
  return s;
}

function defect(serial: string, manufacturer = 'grandstream'): ReturnItemForm {
  const i = emptyItem('DEFECT');
  i.product.manufacturer = manufacturer;
  i.product.sku = manufacturer === 'grandstream' ? 'GS-GRP2612' : 'IP-112';
  i.product.serialNumber = serial;
  i.faultDescription = 'Dark display';
  return i;
}

const known = (i: ReturnItemForm) => ['grandstream', 'innovaphone'].includes(i.product.manufacturer);

describe('a return → the body of POST /returns', () => {
  it('sends the shared information once and each item without it', () => {
    const a = defect('GSA1001');
    a.supportTicketNumber = 'GS-123456';
    const b = defect('IP-1', 'innovaphone');
    b.supportTicketNumber = 'left over';
    const body = returnBody(shared(), [a, b], (i) => i.product.manufacturer === 'grandstream', true);
    expect(body).toEqual({
      customer: { name: 'Café Lumière' },
      delivery: { address: 'Rue de la Paix 12' },
      resellerReference: 'PO-77',
      submit: true,
      items: [
        {
          reason: 'DEFECT',
          product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1001' },
          faultDescription: 'Dark display',
          supportTicketNumber: 'GS-123456',
        },
        {
          reason: 'DEFECT',
          product: { manufacturer: 'innovaphone', sku: 'IP-112', serialNumber: 'IP-1' },
          faultDescription: 'Dark display',
        },
      ],
    });
  });

  it('gives an order error its condition and no exclusions', () => {
    const i = emptyItem('ORDER_ERROR');
    i.product.sku = 'GS-GRP2612';
    i.unused = true;
    i.originalPackaging = false;
    i.exclusions = ['LIQUID'];
    expect(returnBody(shared(), [i], () => false, false).items).toEqual([
      { reason: 'ORDER_ERROR', product: { sku: 'GS-GRP2612' }, unused: true, originalPackaging: false },
    ]);
  });
});

describe('what stops a return from being submitted', () => {
  it('names the shared fields once and each item’s by its index, as the API does', () => {
    const s = shared();
    s.customer.name = '';
    const order = emptyItem('ORDER_ERROR');
    order.product.sku = 'GS-GRP2612';
    const p = returnProblems(s, [defect('GSA1001'), defect('', ''), order], known);
    expect(p).toEqual({
      'customer.name': "Enter the end customer's name.",
      'delivery.deliveredOn': 'Enter the day you received the goods.',
      'items[1].product.manufacturer': 'Choose the manufacturer.',
      'items[1].product.serialNumber': 'Enter the serial number.',
      'items[2].unused': 'Say whether the product is unused.',
      'items[2].originalPackaging': 'Say whether it is in its original packaging.',
    });
    expect(problemsOfItem(p, 1)).toEqual({
      'product.manufacturer': 'Choose the manufacturer.',
      'product.serialNumber': 'Enter the serial number.',
    });
    expect(problemsOfItem(p, 0)).toEqual({});
  });

  it('refuses a serial given twice, on its second item, case apart', () => {
    const p = returnProblems(shared(), [defect('GSA1001'), defect('GSA1002'), defect(' gsa1001 ')], known);
    expect(p).toEqual({ 'items[2].product.serialNumber': 'Already item 1 of this return.' });
  });

  it('needs one item, and at most 100', () => {
    expect(returnProblems(shared(), [], known)).toEqual({ items: 'Add at least one item.' });
    const many = Array.from({ length: 101 }, (_, n) => defect(`GSA${n}`));
    expect(returnProblems(shared(), many, known)['items']).toBe('A return holds at most 100 items.');
    expect(returnProblems(shared(), many.slice(0, 100), known)).toEqual({});
  });
});

describe('each item’s live preview', () => {
  const ctx = { fees: FEES, today: TODAY };

  it('is decideRoute on the item’s facts and its invoice line, as the wizard’s', () => {
    const item = defect('GSA1001');
    const p = itemPreview(shared(), item, { ...ctx, manufacturer: GRANDSTREAM, line: LINE });
    const facts = ticketFacts(
      { reason: 'DEFECT', product: { sku: 'GS-GRP2612', serialNumber: 'GSA1001' }, faultDescription: 'x' },
      LINE,
    )!;
    expect(p).toEqual({
      kind: 'decision',
      decision: decideRoute({ ticket: facts, manufacturer: GRANDSTREAM, fees: FEES, today: TODAY }),
      onSubmit: 'AWAITING_PREREQUISITE',
    });
  });

  it('routes the items of one return each on its own', () => {
    const s = shared();
    const withNumber = defect('GSA1002');
    withNumber.supportTicketNumber = 'GS-123456';
    const [prereq, inHouse, portal] = [
      itemPreview(s, defect('GSA1001'), { ...ctx, manufacturer: GRANDSTREAM, line: LINE }),
      itemPreview(s, withNumber, { ...ctx, manufacturer: GRANDSTREAM, line: LINE }),
      itemPreview(s, defect('IP-1', 'innovaphone'), { ...ctx, manufacturer: INNOVAPHONE, line: null }),
    ];
    expect(prereq.kind === 'decision' && prereq.onSubmit).toBe('AWAITING_PREREQUISITE');
    expect(inHouse.kind === 'decision' && [inHouse.decision.route, inHouse.onSubmit]).toEqual([
      'IN_HOUSE',
      'IN_REVIEW',
    ]);
    expect(portal.kind === 'decision' && [portal.decision.route, portal.decision.portalUrl]).toEqual([
      'VENDOR_PORTAL',
      'https://rma.innovaphone.com/',
    ]);
  });

  it('credits an order error from the invoiced price less the fee', () => {
    const s = shared();
    s.delivery.deliveredOn = '2026-11-25';
    const i = emptyItem('ORDER_ERROR');
    i.product.sku = 'GS-GRP2612';
    i.unused = true;
    i.originalPackaging = true;
    const p = itemPreview(s, i, { ...ctx, manufacturer: null, line: LINE });
    expect(p.kind).toBe('decision');
    if (p.kind !== 'decision') return;
    expect(p.decision.amounts.invoicedPrice).toEqual({ amountMinor: 8200, currency: 'EUR' });
    expect(p.decision.amounts.credit!.amountMinor).toBeLessThanOrEqual(8200);
  });

  it('waits for the manufacturer of a defect and the product of anything else', () => {
    expect(itemPreview(shared(), defect('GSA1', ''), { ...ctx, manufacturer: null, line: null })).toEqual({
      kind: 'waiting',
      text: 'Choose the manufacturer.',
    });
    expect(
      itemPreview(shared(), emptyItem('DELIVERY_ERROR'), { ...ctx, manufacturer: null, line: null }),
    ).toEqual({ kind: 'waiting', text: 'Choose the product.' });
  });
});

describe('a duplicated item', () => {
  it('keeps the product and the fault, not the serial, and is a new item', () => {
    const a = defect('GSA1001');
    a.product.invoiceRef = 'INV-1';
    a.exclusions = ['LIQUID'];
    const b = duplicateItem(a);
    expect(b.key).not.toBe(a.key);
    expect(b.product).toEqual({ ...a.product, serialNumber: '', invoiceRef: '' });
    expect(b.faultDescription).toBe('Dark display');
    b.exclusions.push('FIRE');
    expect(a.exclusions).toEqual(['LIQUID']);
  });
});
