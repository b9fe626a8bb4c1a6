import { decideRoute } from './decide.js';
import { FEES, GRANDSTREAM, TODAY, eur } from './testing/fixtures.js';
import {
  mergeTicketContent,
  replacementFact,
  ticketFacts,
  type DistributorRecords,
  type TicketContent,
} from './ticket-content.js';
import type { TicketFacts } from './types.js';

const defect: TicketContent = {
  reason: 'DEFECT',
  customer: { name: 'Café Lumière', email: 'owner@lumiere.example' },
  delivery: { deliveredOn: '2026-02-01', address: 'Rue 1' },
  product: {
    manufacturer: 'grandstream',
    sku: 'GS-GRP2612',
    serialNumber: 'GSA1001',
    invoiceRef: 'INV-A-1010',
    purchaseDate: '2025-06-01',
    usage: 12,
  },
  faultDescription: 'No display',
  exclusions: ['LIQUID'],
  supportTicketNumber: 'GS-123456',
  resellerReference: 'R-77',
};

const records: DistributorRecords = {
  invoiceLine: { price: eur(8200), invoicedOn: '2025-05-20' },
  replacement: { replacedOn: '2025-12-01', originalEndsOn: '2027-05-31' },
};

describe('ticketFacts: the content and the distributor records as the rules read them', () => {
  it('maps every field the rules read, the price and sale date from the invoice line', () => {
    expect(ticketFacts(defect, records)).toEqual<TicketFacts>({
      reason: 'DEFECT',
      serialNumber: 'GSA1001',
      sku: 'GS-GRP2612',
      deliveredOn: '2026-02-01',
      unused: null,
      originalPackaging: null,
      invoicedPrice: eur(8200),
      endUserPurchaseDate: '2025-06-01',
      distributorSaleDate: '2025-05-20',
      replacement: { replacedOn: '2025-12-01', originalEndsOn: '2027-05-31' },
      usage: 12,
      exclusions: ['LIQUID'],
      supportTicketNumber: 'GS-123456',
    });
  });

  it('gives null for every fact that is not given, with no records', () => {
    expect(ticketFacts({ reason: 'ORDER_ERROR' })).toEqual<TicketFacts>({
      reason: 'ORDER_ERROR',
      serialNumber: null,
      sku: null,
      deliveredOn: null,
      unused: null,
      originalPackaging: null,
      invoicedPrice: null,
      endUserPurchaseDate: null,
      distributorSaleDate: null,
      replacement: null,
      usage: null,
      exclusions: null,
      supportTicketNumber: null,
    });
  });

  it.each([
    ['false answers stay false', { unused: false, originalPackaging: false }, false],
    ['true answers stay true', { unused: true, originalPackaging: true }, true],
  ])('order-error answers: %s', (_, answers, expected) => {
    const facts = ticketFacts({ reason: 'ORDER_ERROR', ...answers });
    expect([facts.unused, facts.originalPackaging]).toEqual([expected, expected]);
  });

  it('usage 0 is a usage, not a missing one', () => {
    expect(ticketFacts({ reason: 'DEFECT', product: { usage: 0 } }).usage).toBe(0);
  });

  it('copies the invoiced price: changing the facts does not change the records', () => {
    const facts = ticketFacts(defect, records);
    facts.invoicedPrice!.amountMinor = 1;
    expect(records.invoiceLine!.price.amountMinor).toBe(8200);
  });

  it('throws for content without a reason (a programming error: submitting checks it first)', () => {
    expect(() => ticketFacts({ customer: { name: 'x' } })).toThrow(RangeError);
  });

  it('the facts decide: an order error is credited from the invoice line less the fee', () => {
    const decision = decideRoute({
      ticket: ticketFacts(
        {
          reason: 'ORDER_ERROR',
          unused: true,
          originalPackaging: true,
          delivery: { deliveredOn: '2026-03-01' },
        },
        { invoiceLine: { price: eur(8200), invoicedOn: '2026-02-27' } },
      ),
      manufacturer: null,
      fees: FEES,
      today: TODAY,
    });
    expect(decision.amounts).toEqual({
      invoicedPrice: eur(8200),
      restockingFee: eur(1230),
      credit: eur(6970),
    });
  });

  it('the facts decide: a Grandstream defect without its support ticket waits for it', () => {
    const { supportTicketNumber: _, exclusions: __, ...noTicket } = defect;
    const decision = decideRoute({
      ticket: ticketFacts(noTicket, records),
      manufacturer: GRANDSTREAM,
      fees: FEES,
      today: TODAY,
    });
    expect(decision.prerequisites).toEqual([
      { kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: GRANDSTREAM.supportTicket!.helpdeskUrl },
    ]);
  });
});

describe('replacementFact', () => {
  it.each([
    [
      'a replacement with the original end counts',
      { replacedOn: '2025-12-01', originalEndsOn: '2027-05-31' },
      true,
    ],
    ['one whose original end is unknown does not', { replacedOn: '2025-12-01', originalEndsOn: null }, false],
    ['an empty original end does not', { replacedOn: '2025-12-01', originalEndsOn: '' }, false],
    ['no replacement is none', null, false],
    ['an absent replacement is none', undefined, false],
  ])('%s', (_, replacement, counts) => {
    expect(replacementFact(replacement)).toEqual(counts ? replacement : null);
    expect(ticketFacts({ reason: 'DEFECT' }, { replacement }).replacement).toEqual(
      counts ? replacement : null,
    );
  });
});

describe('mergeTicketContent: a draft edit', () => {
  const base: TicketContent = {
    reason: 'DEFECT',
    customer: { name: 'Café Lumière', email: 'owner@lumiere.example' },
    product: { sku: 'GS-GRP2612', serialNumber: 'GSA1001' },
    faultDescription: 'No display',
  };

  it('a given field replaces, an absent one stays', () => {
    expect(mergeTicketContent(base, { faultDescription: 'Reboots', resellerReference: 'R-1' })).toEqual({
      ...base,
      delivery: {},
      faultDescription: 'Reboots',
      resellerReference: 'R-1',
    });
  });

  it('null clears, at the top level and inside customer, delivery and product', () => {
    expect(
      mergeTicketContent(base, {
        faultDescription: null,
        customer: { email: null },
        product: { serialNumber: null, usage: 3 },
      }),
    ).toEqual({
      reason: 'DEFECT',
      customer: { name: 'Café Lumière' },
      delivery: {},
      product: { sku: 'GS-GRP2612', usage: 3 },
    });
  });

  it('a nested object is merged field by field, not replaced', () => {
    const merged = mergeTicketContent(base, { customer: { phone: '+43 1 234' } });
    expect(merged.customer).toEqual({
      name: 'Café Lumière',
      email: 'owner@lumiere.example',
      phone: '+43 1 234',
    });
  });

  it('changes neither the draft nor the edit', () => {
    const before = structuredClone(base);
    const patch = { customer: { name: null } };
    mergeTicketContent(base, patch);
    expect(base).toEqual(before);
    expect(patch).toEqual({ customer: { name: null } });
  });
});
