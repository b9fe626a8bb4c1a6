import { decideRoute, type Decision } from '@rma/rules';
import { describe, expect, it } from 'vitest';
import type { TicketContent } from '../api/tickets';
import { FEES, GRANDSTREAM } from '../test-support/fixtures';
import { code39Bars } from './code39';
import { decisionHeadline } from './decision-summary';
import { addDaysIso, daysFromToday, moneyInputText, parseMoneyInput } from './format';
import { compactContent, draftPatch, ticketFacts } from './ticket-facts';

describe('parseMoneyInput / moneyInputText', () => {
  it.each([
    ['69.70', 'EUR', 6970],
    ['69,7', 'EUR', 6970],
    ['69', 'EUR', 6900],
    [' 0.05 ', 'EUR', 5],
    ['1200', 'JPY', 1200],
    ['12.345', 'EUR', null],
    ['-1', 'EUR', null],
    ['abc', 'EUR', null],
    ['', 'EUR', null],
    ['1.5', 'JPY', null],
  ])('%s %s → %s', (text, currency, minor) => {
    expect(parseMoneyInput(text, currency)).toBe(minor);
  });

  it('writes minor units back as the input text', () => {
    expect(moneyInputText(6970, 'EUR')).toBe('69.70');
    expect(moneyInputText(5, 'EUR')).toBe('0.05');
    expect(moneyInputText(1200, 'JPY')).toBe('1200');
  });
});

describe('dates', () => {
  it('counts days and adds them over month ends', () => {
    expect(daysFromToday('2026-12-07', '2026-11-23')).toBe(14);
    expect(daysFromToday('2026-11-20', '2026-11-23')).toBe(-3);
    expect(addDaysIso('2026-11-23', 14)).toBe('2026-12-07');
    expect(addDaysIso('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('ticketFacts: what the form and the invoice line give decideRoute', () => {
  const content: TicketContent = {
    reason: 'DEFECT',
    product: {
      manufacturer: 'grandstream',
      sku: 'GS-GRP2612',
      serialNumber: 'GSA1001',
      purchaseDate: '2026-11-20',
    },
    delivery: { deliveredOn: '2026-11-14' },
    supportTicketNumber: 'GS-123456',
  };
  const line = {
    id: 'l1',
    tenantId: 't1',
    invoiceNumber: 'INV-A-1010',
    invoicedOn: '2026-11-13',
    sku: 'GS-GRP2612',
    serialNumber: 'GSA1001',
    unitPriceMinor: 6490,
    currency: 'EUR',
  };

  it('maps the reseller content and the distributor price and sale date', () => {
    expect(ticketFacts(content, line)).toEqual({
      reason: 'DEFECT',
      serialNumber: 'GSA1001',
      sku: 'GS-GRP2612',
      deliveredOn: '2026-11-14',
      unused: null,
      originalPackaging: null,
      invoicedPrice: { amountMinor: 6490, currency: 'EUR' },
      endUserPurchaseDate: '2026-11-20',
      distributorSaleDate: '2026-11-13',
      usage: null,
      exclusions: null,
      supportTicketNumber: 'GS-123456',
    });
    expect(ticketFacts({}, line)).toBeNull();
  });

  it('compacts content for the API: no blank strings or empty objects', () => {
    expect(
      compactContent({
        reason: 'DEFECT',
        customer: { name: ' Café ', email: '' },
        delivery: { address: '  ' },
        faultDescription: ' ',
        exclusions: [],
        supportTicketNumber: ' GS-1 ',
      }),
    ).toEqual({ reason: 'DEFECT', customer: { name: 'Café' }, supportTicketNumber: 'GS-1' });
  });
});

describe('draftPatch: a draft edit that also clears', () => {
  it('sends cleared nested fields as null and cleared texts as empty strings', () => {
    const patch = draftPatch(
      compactContent({
        reason: 'DEFECT',
        customer: { name: 'Café', email: ' ' },
        product: { sku: 'GS-GRP2612' },
      }),
      { customer: ['name', 'email'], delivery: ['address'], product: ['sku', 'serialNumber'] },
    );
    expect(patch).toEqual({
      reason: 'DEFECT',
      customer: { name: 'Café', email: null },
      delivery: { address: null },
      product: { sku: 'GS-GRP2612', serialNumber: null },
      faultDescription: '',
      resellerReference: '',
      supportTicketNumber: '',
      exclusions: [],
    });
  });
});

describe('decisionHeadline', () => {
  const decide = (ticket: Parameters<typeof decideRoute>[0]['ticket']): Decision =>
    decideRoute({ ticket, manufacturer: GRANDSTREAM, fees: FEES, today: '2026-11-23' });

  it('words each route the way a reseller reads it', () => {
    expect(
      decisionHeadline(decide({ reason: 'DEFECT', distributorSaleDate: '2026-01-01' }), 'Grandstream'),
    ).toEqual({
      tone: 'warn',
      text: 'Needs a Grandstream helpdesk ticket number first',
    });
    expect(
      decisionHeadline(
        decide({ reason: 'DEFECT', distributorSaleDate: '2020-01-01', supportTicketNumber: 'GS-123456' }),
        'Grandstream',
      ).text,
    ).toBe('Out of warranty: the distributor sends a repair quote');
    expect(decisionHeadline(decide({ reason: 'ORDER_ERROR', deliveredOn: '2026-01-01' }), null).text).toBe(
      'Not eligible for return',
    );
    expect(
      decisionHeadline(
        decide({
          reason: 'DELIVERY_ERROR',
          deliveredOn: '2026-11-20',
          invoicedPrice: { amountMinor: 8200, currency: 'EUR' },
        }),
        null,
      ).text,
    ).toBe('Delivery error: replacement or full credit of EUR 82.00');
  });
});

describe('code39Bars', () => {
  it('encodes an RMA number between start/stop characters, 5 bars per character', () => {
    const r = code39Bars('RMA-2026-000123')!;
    expect(r.bars).toHaveLength((15 + 2) * 5);
    expect(r.width).toBeGreaterThan(0);
    expect(code39Bars('rma_1')).toBeNull();
  });
});
