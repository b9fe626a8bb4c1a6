import fc from 'fast-check';
import { createAdapterRegistry } from './adapters/registry.js';
import { addDays, addMonthsClamped, fromDayNumber, toDayNumber } from './dates.js';
import { RULES_VERSION, decideRoute } from './decide.js';
import { RulesConfigError } from './errors.js';
import { statusForDecision } from './lifecycle.js';
import {
  ALL_MANUFACTURERS,
  DAPUSTOR_SSD,
  DEXXON_IN_HOUSE,
  FANVIL_WEBHOOK_TICKET,
  FEES,
  GRANDSTREAM,
  INNOVAPHONE,
  TODAY,
  UBIQUITI,
  YEALINK_WEBHOOK,
  eur,
  inWarrantyDefect,
} from './testing/fixtures.js';
import type { Decision, FeePolicy, ManufacturerConfig, TicketFacts } from './types.js';
import { EXCLUSIONS, REASONS } from './types.js';
import { validateFeePolicy, validateManufacturerConfig } from './validate-config.js';

const decide = (
  ticket: TicketFacts,
  manufacturer: ManufacturerConfig | null = null,
  fees: FeePolicy = FEES,
) => decideRoute({ ticket, manufacturer, fees, today: TODAY });

// TODAY is 2026-03-15: delivered on 2026-02-13 is day 30 of the return window, 2026-03-01 day 14.
const orderError = (facts: Partial<TicketFacts> = {}): TicketFacts => ({
  reason: 'ORDER_ERROR',
  unused: true,
  originalPackaging: true,
  deliveredOn: '2026-02-13',
  invoicedPrice: eur(8200),
  ...facts,
});

describe('ORDER_ERROR: always in-house, credit less the restocking fee', () => {
  it('eligible: unused, original packaging, within the window, price known', () => {
    expect(decide(orderError())).toEqual<Decision>({
      reason: 'ORDER_ERROR',
      route: 'IN_HOUSE',
      handling: 'CREDIT_LESS_RESTOCKING_FEE',
      warranty: {
        status: 'NOT_APPLICABLE',
        basis: null,
        startsOn: null,
        endsOn: null,
        usageLimit: null,
        usage: null,
        usageRemaining: null,
        exclusions: [],
      },
      prerequisites: [],
      amounts: { invoicedPrice: eur(8200), restockingFee: eur(1230), credit: eur(6970) },
      portalUrl: null,
      adapter: null,
      reasons: [
        'Order error: unused and in original packaging; 15% restocking fee of EUR 12.30 deducted from EUR 82.00.',
        'Returned within the 30-day return window (delivered on 2026-02-13, last day 2026-03-15): a credit note of EUR 69.70 will be issued.',
      ],
      rulesVersion: RULES_VERSION,
    });
  });

  it.each([
    ['the product has been used', { unused: false }, 'Order error: the product has been used.'],
    [
      'unused is not confirmed',
      { unused: null },
      'Order error: the product must be unused, and this is not confirmed.',
    ],
    [
      'not in its original packaging',
      { originalPackaging: false },
      'Order error: the product is not in its original packaging.',
    ],
    [
      'original packaging is not confirmed',
      { originalPackaging: undefined },
      'Order error: the product must be in its original packaging, and this is not confirmed.',
    ],
    [
      'the return window ended (delivery + 31 days)',
      { deliveredOn: '2026-02-12' },
      'Order error: the 30-day return window from delivery on 2026-02-12 ended on 2026-03-14.',
    ],
    [
      'the delivery date is missing',
      { deliveredOn: null },
      'Order error: the delivery date is missing, so the 30-day return window cannot be checked.',
    ],
    [
      'the delivery date is not a real date',
      { deliveredOn: '2026-02-30' },
      'Order error: the delivery date is missing, so the 30-day return window cannot be checked.',
    ],
    [
      'the invoiced price is unknown',
      { invoicedPrice: null },
      'Order error: the last invoiced price is unknown, so no credit can be calculated.',
    ],
    [
      'the invoiced price is negative',
      { invoicedPrice: eur(-100) },
      'Order error: the last invoiced price is unknown, so no credit can be calculated.',
    ],
  ])('NOT_ELIGIBLE when %s', (_, facts, reason) => {
    const d = decide(orderError(facts));
    expect(d).toMatchObject({ route: 'NOT_ELIGIBLE', handling: null, prerequisites: [], adapter: null });
    expect(d.warranty.status).toBe('NOT_APPLICABLE');
    expect(d.reasons).toEqual([reason, 'The product cannot be returned as an order error.']);
    expect(d.amounts.restockingFee).toBeNull();
    expect(d.amounts.credit).toBeNull();
  });

  it('gives one reason per failed condition, in order', () => {
    const d = decide(orderError({ unused: false, originalPackaging: false, deliveredOn: '2025-01-01' }));
    expect(d.reasons).toEqual([
      'Order error: the product has been used.',
      'Order error: the product is not in its original packaging.',
      'Order error: the 30-day return window from delivery on 2025-01-01 ended on 2025-01-31.',
      'The product cannot be returned as an order error.',
    ]);
  });

  it.each([
    ['on delivery + 30 days (the last day of the window)', '2026-02-13', 'IN_HOUSE'],
    ['on delivery + 31 days', '2026-02-12', 'NOT_ELIGIBLE'],
    ['on the delivery day', TODAY, 'IN_HOUSE'],
  ])('return window edge: a claim %s', (_, deliveredOn, route) => {
    expect(decide(orderError({ deliveredOn })).route).toBe(route);
  });

  it.each([
    [
      'a minimum above the percentage',
      { restockingFeeMinMinor: 2000 },
      eur(8200),
      eur(2000),
      'Order error: unused and in original packaging; restocking fee of EUR 20.00 (the minimum fee; 15% would be EUR 12.30) deducted from EUR 82.00.',
    ],
    [
      'a minimum above the price, capped at the price',
      { restockingFeeMinMinor: 2000 },
      eur(1500),
      eur(1500),
      'Order error: unused and in original packaging; restocking fee of EUR 15.00 (the minimum fee, capped at the price) deducted from EUR 15.00.',
    ],
    [
      'a fractional percentage',
      { restockingFeePercent: 12.5 },
      eur(8200),
      eur(1025),
      'Order error: unused and in original packaging; 12.5% restocking fee of EUR 10.25 deducted from EUR 82.00.',
    ],
  ])('fee with %s', (_, policy, price, fee, reason) => {
    const d = decide(orderError({ invoicedPrice: price }), null, { ...FEES, ...policy });
    expect(d.amounts).toEqual({
      invoicedPrice: price,
      restockingFee: fee,
      credit: eur(price.amountMinor - fee.amountMinor),
    });
    expect(d.reasons[0]).toBe(reason);
  });

  it.each(ALL_MANUFACTURERS.map((m) => [m.adapter, m.slug, m] as const))(
    'ignores the manufacturer (%s %s): order errors are always in-house',
    (_, __, manufacturer) => {
      const d = decide(orderError(), manufacturer);
      expect(d).toMatchObject({ route: 'IN_HOUSE', handling: 'CREDIT_LESS_RESTOCKING_FEE', adapter: null });
    },
  );
});

describe('DELIVERY_ERROR: always in-house, replace or credit in full, no fee', () => {
  const deliveryError = (facts: Partial<TicketFacts> = {}): TicketFacts => ({
    reason: 'DELIVERY_ERROR',
    deliveredOn: '2026-03-01',
    invoicedPrice: eur(8200),
    ...facts,
  });

  it('eligible within the window: no fee, full credit', () => {
    const d = decide(deliveryError());
    expect(d).toMatchObject({ route: 'IN_HOUSE', handling: 'REPLACE_OR_CREDIT', prerequisites: [] });
    expect(d.warranty.status).toBe('NOT_APPLICABLE');
    expect(d.amounts).toEqual({ invoicedPrice: eur(8200), restockingFee: eur(0), credit: eur(8200) });
    expect(d.reasons).toEqual([
      'Delivery error: reported within the 14-day window from delivery on 2026-03-01 (last day 2026-03-15): the distributor will replace the product or credit it in full, with no restocking fee.',
    ]);
  });

  it('eligible with an unknown price: amounts stay unknown', () => {
    expect(decide(deliveryError({ invoicedPrice: null })).amounts).toEqual({
      invoicedPrice: null,
      restockingFee: null,
      credit: null,
    });
  });

  it.each([
    [
      'after the window (delivery + 15 days)',
      { deliveredOn: '2026-02-28' },
      'Delivery error: the 14-day report window from delivery on 2026-02-28 ended on 2026-03-14.',
    ],
    [
      'without a delivery date',
      { deliveredOn: undefined },
      'Delivery error: the delivery date is missing, so the 14-day report window cannot be checked.',
    ],
  ])('NOT_ELIGIBLE %s', (_, facts, reason) => {
    const d = decide(deliveryError(facts));
    expect(d).toMatchObject({ route: 'NOT_ELIGIBLE', handling: null });
    expect(d.reasons).toEqual([reason, 'The product cannot be returned as a delivery error.']);
  });

  it('ignores the manufacturer', () => {
    expect(decide(deliveryError(), INNOVAPHONE).route).toBe('IN_HOUSE');
  });
});

describe('DEFECT: warranty, then prerequisites, then the adapter', () => {
  it('without a manufacturer: NOT_ELIGIBLE, with a reason (a value, not an exception)', () => {
    const d = decide(inWarrantyDefect(), null);
    expect(d).toMatchObject({ route: 'NOT_ELIGIBLE', handling: null, adapter: null });
    expect(d.warranty.status).toBe('UNKNOWN');
    expect(d.reasons).toEqual([
      'Defect: the manufacturer is not given, so the defect cannot be routed; choose the manufacturer.',
    ]);
  });

  const GS_HELP = 'https://helpdesk.grandstream.com/';
  const UI_HELP = 'https://help.ui.com/';
  const FV_HELP = 'https://support.fanvil.example/';

  it.each([
    // kind, manufacturer, support ticket number, route, handling, portalUrl, prerequisites, status after ROUTE
    [
      'IN_HOUSE without prerequisite',
      DEXXON_IN_HOUSE,
      null,
      'IN_HOUSE',
      'RETURN_FOR_INSPECTION',
      null,
      [],
      'IN_REVIEW',
    ],
    [
      'IN_HOUSE, support ticket given',
      GRANDSTREAM,
      'GS-123456',
      'IN_HOUSE',
      'RETURN_FOR_INSPECTION',
      null,
      [{ kind: 'SUPPORT_TICKET', satisfied: true, helpdeskUrl: GS_HELP }],
      'IN_REVIEW',
    ],
    [
      'IN_HOUSE, support ticket missing',
      GRANDSTREAM,
      null,
      'IN_HOUSE',
      'RETURN_FOR_INSPECTION',
      null,
      [{ kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: GS_HELP }],
      'AWAITING_PREREQUISITE',
    ],
    [
      'VENDOR_PORTAL without prerequisite',
      INNOVAPHONE,
      null,
      'VENDOR_PORTAL',
      null,
      'https://rma.innovaphone.com/',
      [],
      'REDIRECTED',
    ],
    [
      'VENDOR_PORTAL, support ticket given',
      UBIQUITI,
      '1234567',
      'VENDOR_PORTAL',
      null,
      'https://rma.ui.com/',
      [{ kind: 'SUPPORT_TICKET', satisfied: true, helpdeskUrl: UI_HELP }],
      'REDIRECTED',
    ],
    [
      'VENDOR_PORTAL, support ticket missing',
      UBIQUITI,
      '',
      'VENDOR_PORTAL',
      null,
      'https://rma.ui.com/',
      [{ kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: UI_HELP }],
      'AWAITING_PREREQUISITE',
    ],
    [
      'VENDOR_WEBHOOK without prerequisite',
      YEALINK_WEBHOOK,
      null,
      'VENDOR_WEBHOOK',
      null,
      null,
      [],
      'FORWARDED',
    ],
    [
      'VENDOR_WEBHOOK, support ticket given',
      FANVIL_WEBHOOK_TICKET,
      'FV12345',
      'VENDOR_WEBHOOK',
      null,
      null,
      [{ kind: 'SUPPORT_TICKET', satisfied: true, helpdeskUrl: FV_HELP }],
      'FORWARDED',
    ],
    [
      'VENDOR_WEBHOOK, support ticket not matching',
      FANVIL_WEBHOOK_TICKET,
      'FV1234',
      'VENDOR_WEBHOOK',
      null,
      null,
      [{ kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: FV_HELP }],
      'AWAITING_PREREQUISITE',
    ],
    [
      'SERIAL_DATE_SSD (custom) without prerequisite',
      DAPUSTOR_SSD,
      null,
      'VENDOR_WEBHOOK',
      null,
      null,
      [],
      'FORWARDED',
    ],
  ] as const)(
    '%s',
    (_, manufacturer, supportTicketNumber, route, handling, portalUrl, prerequisites, status) => {
      const d = decide(inWarrantyDefect({ supportTicketNumber }), manufacturer);
      expect(d).toMatchObject({ route, handling, portalUrl, prerequisites, adapter: manufacturer.adapter });
      expect(d.warranty.status).toBe('IN_WARRANTY');
      const months = manufacturer.warranty.months;
      expect(d.warranty.endsOn).toBe(addDays(addMonthsClamped('2025-06-01', months), -1));
      expect(d.reasons[0]).toBe(
        `In warranty until ${d.warranty.endsOn} (${months} months from the end user's purchase on 2025-06-01).`,
      );
      expect(statusForDecision(d)).toBe(status);
    },
  );

  it.each([
    [
      'missing: where to get one',
      null,
      'Grandstream requires its support desk to confirm the fault first: get a support ticket at https://helpdesk.grandstream.com/ and add its number to this RMA; the RMA waits until then.',
    ],
    [
      'not matching the pattern in full (prefix)',
      'XGS-123456',
      'The support ticket number "XGS-123456" does not match Grandstream\'s format: check it at https://helpdesk.grandstream.com/; the RMA waits until a valid number is given.',
    ],
    [
      'not matching the pattern in full (suffix)',
      'GS-1234567',
      'The support ticket number "GS-1234567" does not match Grandstream\'s format: check it at https://helpdesk.grandstream.com/; the RMA waits until a valid number is given.',
    ],
    [
      'given with surrounding spaces: trimmed and accepted',
      '  GS-123456 ',
      "Support ticket GS-123456 from Grandstream's support desk confirms the fault.",
    ],
  ])('support ticket %s', (_, supportTicketNumber, reason) => {
    const d = decide(inWarrantyDefect({ supportTicketNumber }), GRANDSTREAM);
    expect(d.reasons[1]).toBe(reason);
    expect(d.reasons[2]).toContain('handled by the distributor');
  });

  it('a pattern with alternatives is still anchored as a whole', () => {
    const m = {
      ...GRANDSTREAM,
      supportTicket: { helpdeskUrl: 'https://h.example/', numberPattern: 'A\\d|B\\d' },
    };
    expect(decide(inWarrantyDefect({ supportTicketNumber: 'A1' }), m).prerequisites[0]?.satisfied).toBe(true);
    expect(decide(inWarrantyDefect({ supportTicketNumber: 'A1x' }), m).prerequisites[0]?.satisfied).toBe(
      false,
    );
    expect(decide(inWarrantyDefect({ supportTicketNumber: 'xB1' }), m).prerequisites[0]?.satisfied).toBe(
      false,
    );
  });

  it.each(ALL_MANUFACTURERS.map((m) => [m.slug, m] as const))(
    'expired warranty (%s): REPAIR_QUOTE in-house whatever the adapter, no vendor, no prerequisite',
    (_, manufacturer) => {
      const d = decide(inWarrantyDefect({ endUserPurchaseDate: '2020-01-01' }), manufacturer);
      expect(d).toMatchObject({
        route: 'IN_HOUSE',
        handling: 'REPAIR_QUOTE',
        portalUrl: null,
        prerequisites: [],
      });
      expect(d.warranty.status).toBe('EXPIRED');
      expect(d.reasons[0]).toMatch(/^Out of warranty: the warranty ended on \d{4}-\d{2}-\d{2} \(/);
      expect(d.reasons[1]).toBe(
        `${manufacturer.name} is not contacted: the distributor will send a repair quote for the out-of-warranty repair.`,
      );
      expect(d.reasons).toHaveLength(2);
      expect(statusForDecision(d)).toBe('IN_REVIEW');
    },
  );

  it.each(EXCLUSIONS.map((e) => [e]))(
    'void warranty (%s): REPAIR_QUOTE, even for a vendor portal',
    (exclusion) => {
      const d = decide(inWarrantyDefect({ exclusions: [exclusion], usage: 0 }), UBIQUITI);
      expect(d).toMatchObject({ route: 'IN_HOUSE', handling: 'REPAIR_QUOTE', prerequisites: [] });
      expect(d.warranty).toMatchObject({ status: 'VOID', exclusions: [exclusion] });
      expect(d.reasons[0]).toMatch(/^The warranty is void: /);
    },
  );

  it('usage above the limit voids the warranty: REPAIR_QUOTE', () => {
    const d = decide(inWarrantyDefect({ usage: 601 }), DAPUSTOR_SSD);
    expect(d).toMatchObject({ route: 'IN_HOUSE', handling: 'REPAIR_QUOTE' });
    expect(d.warranty).toMatchObject({
      status: 'VOID',
      exclusions: ['USAGE_LIMIT_EXCEEDED'],
      usageRemaining: 0,
    });
    expect(d.reasons[0]).toBe('The warranty is void: usage limit exceeded (601 TBW used, limit 600 TBW).');
  });

  it('usage within the limit: forwarded, with the usage remaining', () => {
    const d = decide(inWarrantyDefect({ usage: 150 }), DAPUSTOR_SSD);
    expect(d.route).toBe('VENDOR_WEBHOOK');
    expect(d.warranty.usageRemaining).toBe(450);
    expect(d.reasons[0]).toContain('450 TBW of the 600 TBW limit remaining');
  });

  it('the serial-date adapter starts the warranty on the decoded manufacturing date when there is no receipt', () => {
    const ticket = inWarrantyDefect({ endUserPurchaseDate: null, serialNumber: 'DS2411A0001234' });
    const d = decide(ticket, DAPUSTOR_SSD);
    expect(d.warranty).toMatchObject({
      status: 'IN_WARRANTY',
      basis: 'SERIAL_MANUFACTURE_DATE',
      startsOn: '2024-03-11',
      endsOn: '2027-03-10',
    });
  });

  it.each([
    [
      'an undecodable serial',
      DAPUSTOR_SSD,
      'XX-1',
      'The warranty could not be established: there is no end-user receipt and the manufacturing date could not be read from the serial number; staff will check it.',
      'VENDOR_WEBHOOK',
    ],
    [
      'no receipt and no distributor sale date',
      DEXXON_IN_HOUSE,
      'SN-1',
      'The warranty could not be established: there is no end-user receipt and no distributor sale date; staff will check it.',
      'IN_HOUSE',
    ],
  ])(
    'UNKNOWN warranty (%s) proceeds to the adapter, saying staff will check',
    (_, m, serialNumber, reason, route) => {
      const d = decide(inWarrantyDefect({ endUserPurchaseDate: null, serialNumber }), m);
      expect(d.warranty.status).toBe('UNKNOWN');
      expect(d.route).toBe(route);
      expect(d.reasons[0]).toBe(reason);
    },
  );

  it.each([
    [
      'below the destroy threshold: DESTROY_AND_CREDIT, credit = full invoiced price',
      1500,
      'DESTROY_AND_CREDIT',
      eur(1500),
    ],
    ['at or above it: RETURN_FOR_INSPECTION, no credit yet', 2000, 'RETURN_FOR_INSPECTION', null],
  ])('in-house %s', (_, price, handling, credit) => {
    const d = decide(inWarrantyDefect({ invoicedPrice: eur(price) }), DEXXON_IN_HOUSE);
    expect(d.handling).toBe(handling);
    expect(d.amounts.invoicedPrice).toEqual(eur(price));
    expect(d.amounts.credit).toEqual(credit);
  });

  it('a product line policy replaces the manufacturer policy', () => {
    const m = {
      ...DEXXON_IN_HOUSE,
      productLines: [{ skuPrefix: 'CARD-', warranty: { months: 6, fallback: 'NONE' as const } }],
    };
    expect(decide(inWarrantyDefect({ sku: 'CARD-64' }), m).warranty.status).toBe('EXPIRED');
    expect(decide(inWarrantyDefect({ sku: 'SSD-1' }), m).warranty.status).toBe('IN_WARRANTY');
  });

  it('a custom adapter registered in a registry routes its manufacturer', () => {
    const registry = createAdapterRegistry([
      {
        kind: 'ACME',
        description: 'test adapter',
        route: () => ({
          route: 'IN_HOUSE',
          handling: 'RETURN_FOR_INSPECTION',
          portalUrl: null,
          reasons: ['Acme rule.'],
        }),
        validateConfig: () => [],
      },
    ]);
    const d = decideRoute(
      {
        ticket: inWarrantyDefect(),
        manufacturer: { ...DEXXON_IN_HOUSE, adapter: 'ACME' },
        fees: FEES,
        today: TODAY,
      },
      registry,
    );
    expect(d.adapter).toBe('ACME');
    expect(d.reasons.at(-1)).toBe('Acme rule.');
  });
});

describe('programming errors throw (validated inputs never have them)', () => {
  it.each([
    [
      'an unregistered adapter',
      { ticket: inWarrantyDefect(), manufacturer: { ...YEALINK_WEBHOOK, adapter: 'NOPE' } },
      RulesConfigError,
    ],
    [
      'a pattern that does not compile',
      {
        ticket: inWarrantyDefect(),
        manufacturer: {
          ...GRANDSTREAM,
          supportTicket: { helpdeskUrl: 'https://h.example/', numberPattern: '(' },
        },
      },
      RulesConfigError,
    ],
    [
      'an invalid today',
      { ticket: inWarrantyDefect(), manufacturer: GRANDSTREAM, today: '15/03/2026' },
      RangeError,
    ],
    [
      'an unknown reason',
      { ticket: { reason: 'LOST' } as unknown as TicketFacts, manufacturer: null },
      RangeError,
    ],
  ])('%s', (_, partial, error) => {
    expect(() => decideRoute({ fees: FEES, today: TODAY, ...partial })).toThrow(error);
  });
});

describe('properties', () => {
  const day = fc
    .integer({ min: toDayNumber('2018-01-01'), max: toDayNumber('2030-12-31') })
    .map(fromDayNumber);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const facts: fc.Arbitrary<TicketFacts> = fc.record(
    {
      reason: fc.constantFrom(...REASONS),
      serialNumber: maybe(fc.oneof(fc.string(), fc.constantFrom('DS2411A0001234', 'DS2653A0000001'))),
      sku: maybe(fc.string()),
      deliveredOn: maybe(fc.oneof(day, fc.string())),
      unused: maybe(fc.boolean()),
      originalPackaging: maybe(fc.boolean()),
      invoicedPrice: maybe(
        fc.record({
          amountMinor: fc.integer({ min: -10, max: 100_000_000 }),
          currency: fc.constantFrom('EUR', 'USD', 'JPY'),
        }),
      ),
      endUserPurchaseDate: maybe(day),
      distributorSaleDate: maybe(day),
      replacement: maybe(fc.record({ replacedOn: day, originalEndsOn: day })),
      usage: maybe(fc.double({ min: 0, max: 2000, noNaN: true })),
      exclusions: maybe(fc.subarray([...EXCLUSIONS])),
      supportTicketNumber: maybe(fc.oneof(fc.string(), fc.constantFrom('GS-123456', '1234567', 'FV12345'))),
    },
    { requiredKeys: ['reason'] },
  );
  const fees: fc.Arbitrary<FeePolicy> = fc.record({
    restockingFeePercent: fc.integer({ min: 0, max: 10000 }).map((bp) => bp / 100),
    restockingFeeMinMinor: maybe(fc.integer({ min: 0, max: 100_000 })),
    returnWindowDays: fc.integer({ min: 1, max: 365 }),
    deliveryErrorWindowDays: fc.integer({ min: 1, max: 365 }),
  });
  const manufacturer = fc.option(fc.constantFrom(...ALL_MANUFACTURERS), { nil: null });

  it('the fixtures are valid configs', () => {
    for (const m of ALL_MANUFACTURERS) expect(validateManufacturerConfig(m)).toEqual([]);
  });

  it('decideRoute never throws for well-typed facts with a valid config, and its decision is coherent', () => {
    fc.assert(
      fc.property(facts, manufacturer, fees, day, (ticket, m, f, today) => {
        expect(validateFeePolicy(f)).toEqual([]);
        const d = decideRoute({ ticket, manufacturer: m, fees: f, today });
        expect(d.reason).toBe(ticket.reason);
        expect(d.reasons.length).toBeGreaterThan(0);
        expect(d.rulesVersion).toBe(RULES_VERSION);
        expect(d.handling === null).toBe(d.route !== 'IN_HOUSE');
        if (d.route === 'VENDOR_PORTAL') expect(d.portalUrl).not.toBeNull();
        const { invoicedPrice, restockingFee, credit } = d.amounts;
        if (invoicedPrice && restockingFee && credit) {
          expect(restockingFee.amountMinor + credit.amountMinor).toBe(invoicedPrice.amountMinor);
        }
        if (ticket.reason !== 'DEFECT') expect(d.warranty.status).toBe('NOT_APPLICABLE');
        if (d.warranty.status === 'EXPIRED' || d.warranty.status === 'VOID')
          expect(d.handling).toBe('REPAIR_QUOTE');
        expect(JSON.parse(JSON.stringify(d))).toEqual(d);
      }),
      { numRuns: 2000 },
    );
  });

  it('decideRoute is deterministic: the same input gives the same decision', () => {
    fc.assert(
      fc.property(facts, manufacturer, day, (ticket, m, today) => {
        const input = { ticket, manufacturer: m, fees: FEES, today };
        expect(decideRoute(input)).toEqual(decideRoute(input));
      }),
    );
  });
});

describe('support ticket numbers', () => {
  it('a number longer than 100 characters never matches, even a permissive pattern', () => {
    const m = { ...GRANDSTREAM, supportTicket: { helpdeskUrl: 'https://h.example/', numberPattern: '.*' } };
    expect(
      decide(inWarrantyDefect({ supportTicketNumber: 'x'.repeat(100) }), m).prerequisites[0]?.satisfied,
    ).toBe(true);
    expect(
      decide(inWarrantyDefect({ supportTicketNumber: 'x'.repeat(101) }), m).prerequisites[0]?.satisfied,
    ).toBe(false);
  });
});
