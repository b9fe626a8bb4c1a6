import fc from 'fast-check';
import { createAdapterRegistry } from './adapters/registry.js';
import { DEFAULT_FEE_POLICY } from './fees.js';
import {
  ALL_MANUFACTURERS,
  DAPUSTOR_SSD,
  GRANDSTREAM,
  INNOVAPHONE,
  YEALINK_WEBHOOK,
} from './testing/fixtures.js';
import { validateFeePolicy, validateManufacturerConfig, validateTicketFacts } from './validate-config.js';
import { isHttpUrl } from './url.js';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('validateManufacturerConfig', () => {
  it.each(ALL_MANUFACTURERS.map((m) => [m.slug, m]))('accepts the %s config', (_, m) => {
    expect(validateManufacturerConfig(m)).toEqual([]);
  });

  it.each([
    ['an unknown adapter kind', { ...YEALINK_WEBHOOK, adapter: 'CARRIER_PIGEON' }, ['adapter']],
    ['a lower-case built-in kind', { ...YEALINK_WEBHOOK, adapter: 'vendor_webhook' }, ['adapter']],
    ['VENDOR_PORTAL without a portalUrl', { ...INNOVAPHONE, portalUrl: null }, ['portalUrl']],
    ['VENDOR_PORTAL with a relative portalUrl', { ...INNOVAPHONE, portalUrl: '/rma' }, ['portalUrl']],
    [
      'VENDOR_PORTAL with a javascript: URL',
      { ...INNOVAPHONE, portalUrl: 'javascript:alert(1)' },
      ['portalUrl'],
    ],
    ['VENDOR_WEBHOOK without a webhookUrl', { ...YEALINK_WEBHOOK, webhookUrl: undefined }, ['webhookUrl']],
    [
      'VENDOR_WEBHOOK with a mailto: URL',
      { ...YEALINK_WEBHOOK, webhookUrl: 'mailto:rma@x.example' },
      ['webhookUrl'],
    ],
    ['a custom webhook adapter without a webhookUrl', { ...DAPUSTOR_SSD, webhookUrl: null }, ['webhookUrl']],
    ['a stray portalUrl that is not a URL', { ...YEALINK_WEBHOOK, portalUrl: 'soon' }, ['portalUrl']],
    [
      'an invalid numberPattern',
      { ...GRANDSTREAM, supportTicket: { helpdeskUrl: 'https://h.example/', numberPattern: 'GS-(' } },
      ['supportTicket.numberPattern'],
    ],
    [
      'a pattern that only compiles unanchored',
      { ...GRANDSTREAM, supportTicket: { helpdeskUrl: 'https://h.example/', numberPattern: 'a)|(b' } },
      ['supportTicket.numberPattern'],
    ],
    [
      'an empty numberPattern',
      { ...GRANDSTREAM, supportTicket: { helpdeskUrl: 'https://h.example/', numberPattern: '' } },
      ['supportTicket.numberPattern'],
    ],
    [
      'a helpdeskUrl that is not a URL',
      {
        ...GRANDSTREAM,
        supportTicket: { helpdeskUrl: 'helpdesk.grandstream.com', numberPattern: 'GS-\\d+' },
      },
      ['supportTicket.helpdeskUrl'],
    ],
    ['a supportTicket that is a string', { ...GRANDSTREAM, supportTicket: 'GS' }, ['supportTicket']],
    [
      'negative warranty months',
      { ...GRANDSTREAM, warranty: { months: -1, fallback: 'NONE' } },
      ['warranty.months'],
    ],
    [
      'fractional warranty months',
      { ...GRANDSTREAM, warranty: { months: 1.5, fallback: 'NONE' } },
      ['warranty.months'],
    ],
    [
      'an unknown fallback',
      { ...GRANDSTREAM, warranty: { months: 24, fallback: 'INVOICE' } },
      ['warranty.fallback'],
    ],
    [
      'a usage limit of 0',
      { ...GRANDSTREAM, warranty: { months: 24, fallback: 'NONE', usageLimit: { unit: 'TBW', limit: 0 } } },
      ['warranty.usageLimit.limit'],
    ],
    [
      'a usage limit without a unit',
      { ...GRANDSTREAM, warranty: { months: 24, fallback: 'NONE', usageLimit: { unit: ' ', limit: 5 } } },
      ['warranty.usageLimit.unit'],
    ],
    [
      'a serial-date fallback with an adapter that cannot read serials',
      { ...GRANDSTREAM, warranty: { months: 24, fallback: 'SERIAL_MANUFACTURE_DATE' } },
      ['warranty.fallback'],
    ],
    ['no warranty at all', { ...GRANDSTREAM, warranty: undefined }, ['warranty']],
    ['a negative destroy threshold', { ...GRANDSTREAM, destroyBelowMinor: -100 }, ['destroyBelowMinor']],
    ['a fractional destroy threshold', { ...GRANDSTREAM, destroyBelowMinor: 10.5 }, ['destroyBelowMinor']],
    [
      'a negative destroy threshold on a non-in-house adapter',
      { ...YEALINK_WEBHOOK, destroyBelowMinor: -1 },
      ['destroyBelowMinor'],
    ],
    ['rmaValidityDays of 0', { ...GRANDSTREAM, rmaValidityDays: 0 }, ['rmaValidityDays']],
    ['fractional rmaValidityDays', { ...GRANDSTREAM, rmaValidityDays: 14.5 }, ['rmaValidityDays']],
    ['rmaValidityDays as text', { ...GRANDSTREAM, rmaValidityDays: '14' }, ['rmaValidityDays']],
    ['a slug with capitals', { ...GRANDSTREAM, slug: 'Grandstream' }, ['slug']],
    ['a slug starting with a dash', { ...GRANDSTREAM, slug: '-gs' }, ['slug']],
    ['a slug with spaces', { ...GRANDSTREAM, slug: 'grand stream' }, ['slug']],
    ['an empty name', { ...GRANDSTREAM, name: '  ' }, ['name']],
    [
      'a product line without a prefix and with a bad policy',
      { ...GRANDSTREAM, productLines: [{ skuPrefix: '', warranty: { months: -2, fallback: 'NONE' } }] },
      ['productLines.0.skuPrefix', 'productLines.0.warranty.months'],
    ],
    ['productLines that is not a list', { ...GRANDSTREAM, productLines: {} }, ['productLines']],
  ])('rejects %s', (_, config, expected) => {
    expect(fields(validateManufacturerConfig(config))).toEqual(expected);
  });

  it('lists every error of a config at once', () => {
    expect(fields(validateManufacturerConfig({ adapter: 'VENDOR_PORTAL', warranty: {} }))).toEqual([
      'slug',
      'name',
      'portalUrl',
      'warranty.months',
      'warranty.fallback',
      'rmaValidityDays',
    ]);
  });

  it.each([null, undefined, 'IN_HOUSE', 42, [], [GRANDSTREAM], true])(
    'rejects the non-object %j',
    (input) => {
      expect(validateManufacturerConfig(input)).toEqual([{ field: '', message: 'must be an object' }]);
    },
  );

  it('does not throw for an object whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'slug', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(validateManufacturerConfig(hostile)).toEqual([{ field: '', message: 'could not be read' }]);
  });

  it('knows custom adapters of the registry it is given', () => {
    const registry = createAdapterRegistry([
      {
        kind: 'ACME',
        description: 'test',
        route: () => ({ route: 'IN_HOUSE', handling: 'RETURN_FOR_INSPECTION', portalUrl: null, reasons: [] }),
        validateConfig: () => [],
      },
    ]);
    const acme = { ...GRANDSTREAM, adapter: 'ACME' };
    expect(validateManufacturerConfig(acme, registry)).toEqual([]);
    expect(fields(validateManufacturerConfig(acme))).toEqual(['adapter']);
  });

  it('property: never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(Array.isArray(validateManufacturerConfig(input))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.record({
          slug: fc.anything(),
          name: fc.anything(),
          adapter: fc.oneof(
            fc.constantFrom('IN_HOUSE', 'VENDOR_PORTAL', 'VENDOR_WEBHOOK', 'SERIAL_DATE_SSD'),
            fc.anything(),
          ),
          portalUrl: fc.anything(),
          webhookUrl: fc.anything(),
          destroyBelowMinor: fc.anything(),
          supportTicket: fc.oneof(
            fc.record({ helpdeskUrl: fc.anything(), numberPattern: fc.string() }),
            fc.anything(),
          ),
          warranty: fc.oneof(
            fc.record({ months: fc.anything(), usageLimit: fc.anything(), fallback: fc.anything() }),
            fc.anything(),
          ),
          productLines: fc.anything(),
          rmaValidityDays: fc.anything(),
        }),
        (input) => {
          expect(Array.isArray(validateManufacturerConfig(input))).toBe(true);
        },
      ),
    );
  });
});

describe('validateFeePolicy', () => {
  it('accepts the default policy', () => {
    expect(validateFeePolicy(DEFAULT_FEE_POLICY)).toEqual([]);
  });

  it.each([
    ['12.5%', { restockingFeePercent: 12.5 }],
    ['0%', { restockingFeePercent: 0 }],
    ['100%', { restockingFeePercent: 100 }],
    ['a minimum', { restockingFeeMinMinor: 500 }],
    ['no minimum (undefined)', { restockingFeeMinMinor: undefined }],
  ])('accepts %s', (_, patch) => {
    expect(validateFeePolicy({ ...DEFAULT_FEE_POLICY, ...patch })).toEqual([]);
  });

  it.each([
    ['a negative percentage', { restockingFeePercent: -1 }, ['restockingFeePercent']],
    ['a percentage over 100', { restockingFeePercent: 100.01 }, ['restockingFeePercent']],
    ['a NaN percentage', { restockingFeePercent: NaN }, ['restockingFeePercent']],
    ['an infinite percentage', { restockingFeePercent: Infinity }, ['restockingFeePercent']],
    ['a percentage as text', { restockingFeePercent: '15' }, ['restockingFeePercent']],
    ['a percentage finer than a basis point', { restockingFeePercent: 12.345 }, ['restockingFeePercent']],
    ['a fractional minimum', { restockingFeeMinMinor: 2.5 }, ['restockingFeeMinMinor']],
    ['a negative minimum', { restockingFeeMinMinor: -1 }, ['restockingFeeMinMinor']],
    ['a return window of 0 days', { returnWindowDays: 0 }, ['returnWindowDays']],
    ['a negative delivery-error window', { deliveryErrorWindowDays: -14 }, ['deliveryErrorWindowDays']],
    ['a fractional return window', { returnWindowDays: 30.5 }, ['returnWindowDays']],
  ])('rejects %s', (_, patch, expected) => {
    expect(fields(validateFeePolicy({ ...DEFAULT_FEE_POLICY, ...patch }))).toEqual(expected);
  });

  it.each([null, 'x', [], 0])('rejects the non-object %j', (input) => {
    expect(fields(validateFeePolicy(input))).toEqual(['']);
  });

  it('property: never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.dictionary(
            fc.constantFrom(
              'restockingFeePercent',
              'restockingFeeMinMinor',
              'returnWindowDays',
              'deliveryErrorWindowDays',
            ),
            fc.anything(),
          ),
        ),
        (input) => {
          expect(Array.isArray(validateFeePolicy(input))).toBe(true);
        },
      ),
    );
  });
});

describe('validateTicketFacts', () => {
  it('accepts complete facts', () => {
    expect(
      validateTicketFacts({
        reason: 'DEFECT',
        serialNumber: 'DS2411A0001234',
        deliveredOn: '2026-03-01',
        invoicedPrice: { amountMinor: 8200, currency: 'EUR' },
        replacement: { replacedOn: '2026-01-01', originalEndsOn: '2027-01-01' },
        usage: 12.5,
        exclusions: ['LIQUID'],
        unused: true,
      }),
    ).toEqual([]);
  });

  it('reports each bad field', () => {
    expect(
      fields(
        validateTicketFacts({
          reason: 'BROKEN',
          deliveredOn: '2026-02-30',
          unused: 'yes',
          sku: 12,
          invoicedPrice: { amountMinor: 82.5, currency: 'euro' },
          replacement: { replacedOn: 'soon' },
          usage: -1,
          exclusions: ['LIQUID', 'GREMLINS'],
        }),
      ),
    ).toEqual([
      'reason',
      'deliveredOn',
      'unused',
      'sku',
      'invoicedPrice.amountMinor',
      'invoicedPrice.currency',
      'replacement.replacedOn',
      'replacement.originalEndsOn',
      'usage',
      'exclusions.1',
    ]);
  });

  it('property: never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(Array.isArray(validateTicketFacts(input))).toBe(true);
      }),
    );
  });
});

describe('isHttpUrl', () => {
  it.each([
    ['https://rma.innovaphone.com/', true],
    ['http://localhost:3000/hooks', true],
    ['https://[::1]:8443/x', true],
    ['HTTPS://RMA.UI.COM', true],
    ['https://g-estore.com/logistics/repair_form_pro.php?lang=fr', true],
    ['https://x.example:99999/', false],
    ['https://exa mple.com/', false],
    ['https://-bad.example/', false],
    ['//rma.ui.com', false],
    ['ftp://rma.ui.com', false],
    ['', false],
  ])('%j: %s', (url, ok) => {
    expect(isHttpUrl(url)).toBe(ok);
  });

  it('can insist on https', () => {
    expect(isHttpUrl('http://x.example/', true)).toBe(false);
    expect(isHttpUrl('https://x.example/', true)).toBe(true);
  });
});
