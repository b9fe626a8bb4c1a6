import fc from 'fast-check';
import { decideRoute } from './decide.js';
import { OUTCOMES, TICKET_ACTIONS } from './lifecycle.js';
import type { Outcome, TicketAction, TicketStatus } from './lifecycle.js';
import { DEXXON_IN_HOUSE, FEES, TODAY, YEALINK_WEBHOOK, eur, inWarrantyDefect } from './testing/fixtures.js';
import { TRANSITION_EFFECTS } from './transition-effects.js';
import {
  DEFAULT_RMA_VALIDITY_DAYS,
  issuedRma,
  outcomeValues,
  parcelRefusal,
  routingValues,
  transitionValues,
  type TicketBeforeAction,
  type TransitionChange,
  type TransitionValues,
} from './transition-values.js';

const NOW = new Date('2026-03-15T09:30:00Z');
const decision = (credit: number | null, price: number | null, endsOn: string | null = '2027-01-10') => ({
  amounts: {
    invoicedPrice: price === null ? null : eur(price),
    restockingFee: null,
    credit: credit === null ? null : eur(credit),
  },
  warranty: { endsOn },
});
const TICKET: TicketBeforeAction = {
  rmaNumber: 'RMA-2026-000042',
  currency: 'EUR',
  decision: decision(6970, 8200),
};

const change = (to: TicketStatus, over: Partial<TransitionChange> = {}): TransitionChange => ({
  today: TODAY,
  now: NOW,
  to,
  ticket: TICKET,
  ...over,
});
const values = (action: TicketAction, c: TransitionChange): TransitionValues => {
  const r = transitionValues(action, c);
  if (!r.ok) throw new Error(`expected values, got ${JSON.stringify(r)}`);
  return r.values;
};

describe('transitionValues: what an action writes besides the status', () => {
  it('APPROVE issues RMA-<year>-<sequence> valid the manufacturer’s days and clears the service level', () => {
    expect(values('APPROVE', change('APPROVED', { rma: { sequence: 42, validityDays: 30 } }))).toEqual({
      rmaNumber: 'RMA-2026-000042',
      rmaIssuedOn: '2026-03-15',
      rmaValidUntil: '2026-04-14',
      slaDueOn: null,
    });
  });

  it('APPROVE without a configured validity gives the default 14 days', () => {
    expect(DEFAULT_RMA_VALIDITY_DAYS).toBe(14);
    expect(values('APPROVE', change('APPROVED', { rma: { sequence: 7, validityDays: null } }))).toMatchObject(
      {
        rmaNumber: 'RMA-2026-000007',
        rmaValidUntil: '2026-03-29',
      },
    );
  });

  it('APPROVE without its sequence is a programming error', () => {
    expect(() => transitionValues('APPROVE', change('APPROVED'))).toThrow(RangeError);
  });

  it('REAPPLY drops the lapsed RMA number and makes the first answer due again', () => {
    expect(values('REAPPLY', change('IN_REVIEW'))).toEqual({
      rmaNumber: null,
      rmaIssuedOn: null,
      rmaValidUntil: null,
      slaDueOn: '2026-03-29',
    });
  });

  it('SHIP records the carrier, the tracking number and the day, and keeps the service level', () => {
    expect(
      values('SHIP', change('SHIPPED', { input: { carrier: 'DHL', trackingNumber: 'JD0001' } })),
    ).toEqual({
      carrier: 'DHL',
      trackingNumber: 'JD0001',
      shippedOn: '2026-03-15',
    });
  });

  it.each([
    ['neither', {}, ['carrier', 'trackingNumber']],
    ['no carrier', { trackingNumber: 'JD0001' }, ['carrier']],
    ['an empty carrier', { carrier: '', trackingNumber: 'JD0001' }, ['carrier']],
    ['no tracking number', { carrier: 'DHL' }, ['trackingNumber']],
    ['a null tracking number', { carrier: 'DHL', trackingNumber: null }, ['trackingNumber']],
  ])('SHIP with %s names every missing field', (_, input, fields) => {
    const messages: Record<string, string> = {
      carrier: 'carrier is required to ship',
      trackingNumber: 'trackingNumber is required to ship',
    };
    expect(transitionValues('SHIP', change('SHIPPED', { input }))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      problems: fields.map((field) => ({ field, message: messages[field] })),
    });
  });

  it.each([
    ['no number read', undefined],
    ['a null number', null],
    ['the same number', 'RMA-2026-000042'],
    ['the same number in lower case', 'rma-2026-000042'],
  ])('RECEIVE with %s records the arrival and makes the inspection due in 28 days', (_, rmaNumber) => {
    expect(values('RECEIVE', change('RECEIVED', { input: { rmaNumber } }))).toEqual({
      receivedAt: NOW,
      slaDueOn: '2026-04-12',
    });
  });

  it.each([
    [
      'another ticket’s number',
      TICKET,
      "Parcel refused: RMA number RMA-2026-000041 is not this ticket's (RMA-2026-000042)",
    ],
    [
      'a ticket without one',
      { ...TICKET, rmaNumber: null },
      "Parcel refused: RMA number RMA-2026-000041 is not this ticket's (none)",
    ],
  ])('RECEIVE refuses a parcel with %s', (_, ticket, message) => {
    expect(
      transitionValues('RECEIVE', change('RECEIVED', { ticket, input: { rmaNumber: 'RMA-2026-000041' } })),
    ).toEqual({ ok: false, code: 'REFUSED', message });
    expect(parcelRefusal('RMA-2026-000041', ticket.rmaNumber)).toBe(message);
  });

  it('RESOLVE records the outcome and clears the service level', () => {
    expect(values('RESOLVE', change('RESOLVED', { input: { outcome: 'REPAIRED' } }))).toEqual({
      outcome: 'REPAIRED',
      creditMinor: null,
      slaDueOn: null,
    });
  });

  it('RESOLVE without an outcome names the field', () => {
    expect(transitionValues('RESOLVE', change('RESOLVED'))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      problems: [{ field: 'outcome', message: 'outcome is required' }],
    });
  });

  it('RESOLVE passes on the outcome’s problems', () => {
    expect(transitionValues('RESOLVE', change('RESOLVED', { input: { outcome: 'REPLACED' } }))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      problems: [{ field: 'replacementSerial', message: 'the replacement serial number is required' }],
    });
  });

  it('VENDOR_ACCEPT records the manufacturer’s RMA number and keeps the service level', () => {
    expect(
      values('VENDOR_ACCEPT', change('VENDOR_ACCEPTED', { input: { vendorRmaNumber: 'YL-77' } })),
    ).toEqual({
      vendorRmaNumber: 'YL-77',
    });
    expect(transitionValues('VENDOR_ACCEPT', change('VENDOR_ACCEPTED'))).toMatchObject({
      ok: false,
      problems: [{ field: 'vendorRmaNumber' }],
    });
  });

  it('VENDOR_SHIP_REPLACEMENT records REPLACED, with the serial and its cover when the manufacturer gives one', () => {
    expect(
      values('VENDOR_SHIP_REPLACEMENT', change('RESOLVED', { input: { replacementSerial: 'YL-S2' } })),
    ).toEqual({
      outcome: 'REPLACED',
      creditMinor: null,
      replacementSerial: 'YL-S2',
      replacementCoveredUntil: '2027-01-10',
      slaDueOn: null,
    });
    expect(values('VENDOR_SHIP_REPLACEMENT', change('RESOLVED'))).toEqual({
      outcome: 'REPLACED',
      creditMinor: null,
      slaDueOn: null,
    });
  });

  const onlySla = TICKET_ACTIONS.filter(
    (a) =>
      TRANSITION_EFFECTS[a].rmaNumber === 'KEEP' &&
      TRANSITION_EFFECTS[a].records.every((r) => r === 'DECISION' || r === 'SUPPORT_TICKET_NUMBER'),
  );
  it.each<[TicketAction, TicketStatus, TransitionValues]>([
    ['SUBMIT', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['SUBMIT', 'FORWARDED', { slaDueOn: null }],
    ['PROVIDE_SUPPORT_TICKET', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['ROUTE', 'REDIRECTED', { slaDueOn: null }],
    ['REJECT', 'REJECTED', { slaDueOn: null }],
    ['REQUEST_INFO', 'INFO_REQUESTED', { slaDueOn: null }],
    ['SUPPLY_INFO', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['AUTHORISE_DESTRUCTION', 'DESTRUCTION_AUTHORISED', { slaDueOn: null }],
    ['EXPIRE', 'EXPIRED', { slaDueOn: null }],
    ['START_INSPECTION', 'INSPECTING', {}],
    ['CLOSE', 'CLOSED', { slaDueOn: null }],
    ['CANCEL', 'CANCELLED', { slaDueOn: null }],
    ['REOPEN', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['VENDOR_REJECT', 'VENDOR_REJECTED', { slaDueOn: null }],
  ])('%s into %s writes only its service level: %j', (action, to, expected) => {
    expect(onlySla).toContain(action);
    expect(values(action, change(to))).toEqual(expected);
  });
});

describe('outcomeValues: what recording an outcome writes', () => {
  it.each<
    [string, Outcome, number | undefined, TicketBeforeAction, { creditMinor: number; currency: string }]
  >([
    ['the credit given', 'CREDITED', 5000, TICKET, { creditMinor: 5000, currency: 'EUR' }],
    ['a credit of 0 given', 'CREDITED', 0, TICKET, { creditMinor: 0, currency: 'EUR' }],
    ['the decision’s credit', 'CREDITED', undefined, TICKET, { creditMinor: 6970, currency: 'EUR' }],
    [
      'else the invoiced price',
      'DESTROYED_AND_CREDITED',
      undefined,
      { ...TICKET, decision: decision(null, 1500) },
      { creditMinor: 1500, currency: 'EUR' },
    ],
    [
      'in the invoiced price’s currency before the ticket’s',
      'CREDITED',
      undefined,
      {
        ...TICKET,
        currency: 'CHF',
        decision: {
          amounts: {
            invoicedPrice: { amountMinor: 900, currency: 'USD' },
            restockingFee: null,
            credit: null,
          },
          warranty: { endsOn: null },
        },
      },
      { creditMinor: 900, currency: 'USD' },
    ],
    [
      'in the ticket’s currency without a price',
      'CREDITED',
      300,
      { ...TICKET, currency: 'CHF', decision: null },
      { creditMinor: 300, currency: 'CHF' },
    ],
    [
      'in EUR when nothing says',
      'CREDITED',
      300,
      { rmaNumber: null, currency: null, decision: null },
      { creditMinor: 300, currency: 'EUR' },
    ],
  ])('%s', (_, outcome, creditMinor, ticket, expected) => {
    expect(outcomeValues(outcome, { creditMinor }, ticket, TODAY)).toEqual({
      ok: true,
      values: { outcome, ...expected },
    });
  });

  it.each<Outcome>(['CREDITED', 'DESTROYED_AND_CREDITED'])(
    '%s with no credit and no price known asks for the amount',
    (outcome) => {
      expect(outcomeValues(outcome, {}, { ...TICKET, decision: decision(null, null) }, TODAY)).toEqual({
        ok: false,
        problems: [{ field: 'creditMinor', message: 'no invoiced price is known: give the credit amount' }],
      });
    },
  );

  it.each([
    ['the original warranty’s end when later than 90 days', '2027-01-10', '2027-01-10'],
    ['90 days when the original ends sooner', '2026-04-01', '2026-06-13'],
    ['90 days when the original end is unknown', null, '2026-06-13'],
  ])('REPLACED is covered until %s', (_, endsOn, covered) => {
    expect(
      outcomeValues(
        'REPLACED',
        { replacementSerial: 'S-2' },
        { ...TICKET, decision: decision(null, null, endsOn) },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      values: {
        outcome: 'REPLACED',
        replacementSerial: 'S-2',
        replacementCoveredUntil: covered,
        creditMinor: null,
      },
    });
  });

  it.each<Outcome>(['REPAIRED', 'NOT_DEFECTIVE'])('%s credits nothing', (outcome) => {
    expect(outcomeValues(outcome, { creditMinor: 100 }, TICKET, TODAY)).toEqual({
      ok: true,
      values: { outcome, creditMinor: null },
    });
  });

  it('a credit given is recorded as given, whatever the decision; every outcome records itself', () => {
    const money = fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null });
    fc.assert(
      fc.property(
        fc.constantFrom(...OUTCOMES),
        fc.integer({ min: 0, max: 1e9 }),
        money,
        money,
        (outcome, given, credit, price) => {
          const r = outcomeValues(
            outcome,
            { creditMinor: given, replacementSerial: 'S-1' },
            { ...TICKET, decision: decision(credit, price) },
            TODAY,
          );
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.values.outcome).toBe(outcome);
          expect(r.values.creditMinor).toBe(
            outcome === 'CREDITED' || outcome === 'DESTROYED_AND_CREDITED' ? given : null,
          );
        },
      ),
    );
  });
});

describe('issuedRma', () => {
  it('numbers by the year of issue and counts the validity from the day of issue', () => {
    expect(issuedRma('2027-12-31', 1234567, 14)).toEqual({
      rmaNumber: 'RMA-2027-1234567',
      rmaIssuedOn: '2027-12-31',
      rmaValidUntil: '2028-01-14',
    });
  });
});

describe('routingValues: what routing a submitted ticket writes', () => {
  it('an in-house defect goes IN_REVIEW with the first answer due in 14 days', () => {
    const d = decideRoute({
      ticket: inWarrantyDefect(),
      manufacturer: DEXXON_IN_HOUSE,
      fees: FEES,
      today: TODAY,
    });
    expect(routingValues(d, TODAY, 'CHF')).toEqual({
      status: 'IN_REVIEW',
      decision: d,
      rulesVersion: d.rulesVersion,
      route: 'IN_HOUSE',
      handling: d.handling,
      warrantyStatus: 'IN_WARRANTY',
      currency: d.amounts.invoicedPrice?.currency ?? 'CHF',
      creditMinor: null,
      slaDueOn: '2026-03-29',
    });
  });

  it('a defect forwarded to the manufacturer’s webhook owes no first answer; the tenant’s currency stands in', () => {
    const d = decideRoute({
      ticket: inWarrantyDefect({ invoicedPrice: null }),
      manufacturer: YEALINK_WEBHOOK,
      fees: FEES,
      today: TODAY,
    });
    expect(routingValues(d, TODAY, 'CHF')).toMatchObject({
      status: 'FORWARDED',
      route: 'VENDOR_WEBHOOK',
      currency: 'CHF',
      slaDueOn: null,
    });
    expect(routingValues(d, TODAY, undefined).currency).toBeNull();
  });

  it('an order error keeps the invoiced price’s currency', () => {
    const d = decideRoute({
      ticket: {
        reason: 'ORDER_ERROR',
        unused: true,
        originalPackaging: true,
        deliveredOn: '2026-03-01',
        invoicedPrice: eur(8200),
      },
      manufacturer: null,
      fees: FEES,
      today: TODAY,
    });
    expect(routingValues(d, TODAY, 'CHF')).toMatchObject({
      status: 'IN_REVIEW',
      currency: 'EUR',
      handling: 'CREDIT_LESS_RESTOCKING_FEE',
    });
  });
});
