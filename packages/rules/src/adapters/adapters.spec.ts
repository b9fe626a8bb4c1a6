import { RulesConfigError } from '../errors.js';
import {
  DAPUSTOR_SSD,
  DEXXON_IN_HOUSE,
  INNOVAPHONE,
  TODAY,
  YEALINK_WEBHOOK,
  eur,
  inWarrantyDefect,
} from '../testing/fixtures.js';
import type { ManufacturerConfig, TicketFacts, WarrantyVerdict } from '../types.js';
import { evaluateWarranty } from '../warranty.js';
import type { AdapterContext, RoutingAdapter } from './adapter.js';
import { InHouseAdapter } from './in-house.adapter.js';
import { AdapterRegistry, adapterFor, createAdapterRegistry, defaultAdapterRegistry } from './registry.js';
import { SerialDateSsdAdapter } from './serial-date.adapter.js';
import { VendorPortalAdapter } from './vendor-portal.adapter.js';
import { VendorWebhookAdapter } from './vendor-webhook.adapter.js';

function ctx(manufacturer: ManufacturerConfig, ticket: TicketFacts = inWarrantyDefect()): AdapterContext {
  const warranty: WarrantyVerdict = evaluateWarranty(ticket, manufacturer.warranty, TODAY);
  return { ticket, manufacturer, warranty, today: TODAY };
}

describe('InHouseAdapter', () => {
  const adapter = new InHouseAdapter();

  it.each([
    ['below the threshold: destroy and credit the full invoiced price', 1999, 'DESTROY_AND_CREDIT'],
    ['at the threshold: return for inspection', 2000, 'RETURN_FOR_INSPECTION'],
    ['above the threshold: return for inspection', 8200, 'RETURN_FOR_INSPECTION'],
  ])('%s', (_, price, handling) => {
    const r = adapter.route(ctx(DEXXON_IN_HOUSE, inWarrantyDefect({ invoicedPrice: eur(price) })));
    expect(r).toMatchObject({ route: 'IN_HOUSE', handling, portalUrl: null });
    if (handling === 'DESTROY_AND_CREDIT') {
      expect(r.amounts).toEqual({ invoicedPrice: eur(price), restockingFee: eur(0), credit: eur(price) });
      expect(r.reasons[0]).toBe(
        `The invoiced price of EUR 19.99 is below Dexxon Brand's destruction threshold of EUR 20.00: destruction is authorised and EUR 19.99 will be credited; do not ship the item.`,
      );
    } else {
      expect(r.amounts).toBeUndefined();
    }
  });

  it('an unknown price with a threshold: return for inspection, and says why', () => {
    const r = adapter.route(ctx(DEXXON_IN_HOUSE, inWarrantyDefect({ invoicedPrice: null })));
    expect(r.handling).toBe('RETURN_FOR_INSPECTION');
    expect(r.reasons).toContain(
      'The invoiced price is unknown, so the item must be returned rather than destroyed.',
    );
  });

  it('no threshold: always return for inspection', () => {
    const r = adapter.route(
      ctx({ ...DEXXON_IN_HOUSE, destroyBelowMinor: null }, inWarrantyDefect({ invoicedPrice: eur(1) })),
    );
    expect(r.handling).toBe('RETURN_FOR_INSPECTION');
    expect(r.reasons).toHaveLength(1);
  });

  it.each([
    [null, []],
    [0, []],
    [-1, ['destroyBelowMinor']],
    [1.5, ['destroyBelowMinor']],
    ['100', ['destroyBelowMinor']],
  ])('validates destroyBelowMinor = %j', (value, fields) => {
    expect(adapter.validateConfig({ destroyBelowMinor: value }).map((e) => e.field)).toEqual(fields);
  });
});

describe('VendorPortalAdapter', () => {
  const adapter = new VendorPortalAdapter();

  it('redirects to the portal with the instructions', () => {
    const r = adapter.route(ctx(INNOVAPHONE));
    expect(r).toEqual({
      route: 'VENDOR_PORTAL',
      handling: null,
      portalUrl: 'https://rma.innovaphone.com/',
      reasons: [
        'RMAs for innovaphone are handled directly by the manufacturer: open the RMA on https://rma.innovaphone.com/.',
        'Instructions from innovaphone: Bring the serial number and a copy of the invoice.',
      ],
    });
  });

  it('without instructions there is one reason', () => {
    expect(adapter.route(ctx({ ...INNOVAPHONE, portalInstructions: '  ' })).reasons).toHaveLength(1);
  });

  it.each([
    ['https://rma.ui.com/', []],
    ['http://10.0.0.1:8080/rma?x=1', []],
    ['ftp://rma.ui.com/', ['portalUrl']],
    ['rma.ui.com', ['portalUrl']],
    [null, ['portalUrl']],
  ])('needs an http(s) portalUrl: %j', (portalUrl, fields) => {
    expect(adapter.validateConfig({ portalUrl }).map((e) => e.field)).toEqual(fields);
  });
});

describe('VendorWebhookAdapter', () => {
  const adapter = new VendorWebhookAdapter();

  it('forwards to the manufacturer', () => {
    const r = adapter.route(ctx(YEALINK_WEBHOOK));
    expect(r).toMatchObject({ route: 'VENDOR_WEBHOOK', handling: null, portalUrl: null });
    expect(r.reasons).toEqual([
      'RMAs for Yealink are forwarded to the manufacturer, who accepts them with its own RMA number or rejects them.',
    ]);
  });

  it.each([
    ['https://rma.yealink.example/hooks', []],
    ['http://localhost:3000/hook', []],
    ['https://user:pw@evil.example/', ['webhookUrl']],
    ['', ['webhookUrl']],
    [undefined, ['webhookUrl']],
  ])('needs an http(s) webhookUrl: %j', (webhookUrl, fields) => {
    expect(adapter.validateConfig({ webhookUrl }).map((e) => e.field)).toEqual(fields);
  });
});

describe('SerialDateSsdAdapter (custom: manufacturing date in the serial)', () => {
  const adapter = new SerialDateSsdAdapter();

  it.each([
    ['DS2411A0001234', '2024-03-11'],
    ['DS2401B0000001', '2024-01-01'],
    ['DS2601A0000001', '2025-12-29'],
    ['DS2653A0000001', '2026-12-28'],
    ['ds2411a0001234', '2024-03-11'],
    [' DS2411A0001234 ', '2024-03-11'],
  ])('decodes %j as made on %s (Monday of its ISO week)', (serial, date) => {
    expect(adapter.decodeManufactureDate(serial)).toBe(date);
  });

  it.each([
    ['week 00', 'DS2400A0001234'],
    ['week 53 in a 52-week year', 'DS2453A0001234'],
    ['week 60', 'DS2460A0001234'],
    ['a short unit number', 'DS2411A000123'],
    ['another prefix', 'XS2411A0001234'],
    ['empty', ''],
  ])('cannot decode %s', (_, serial) => {
    expect(adapter.decodeManufactureDate(serial)).toBeNull();
  });

  it('routes like VENDOR_WEBHOOK and needs a webhookUrl', () => {
    expect(adapter.route(ctx(DAPUSTOR_SSD)).route).toBe('VENDOR_WEBHOOK');
    expect(adapter.validateConfig({}).map((e) => e.field)).toEqual(['webhookUrl']);
  });
});

describe('adapter registry', () => {
  it('holds the built-in kinds and the bundled custom adapter', () => {
    expect(defaultAdapterRegistry.kinds()).toEqual([
      'IN_HOUSE',
      'VENDOR_PORTAL',
      'VENDOR_WEBHOOK',
      'SERIAL_DATE_SSD',
    ]);
  });

  it.each([
    ['IN_HOUSE', InHouseAdapter],
    ['VENDOR_PORTAL', VendorPortalAdapter],
    ['VENDOR_WEBHOOK', VendorWebhookAdapter],
    ['SERIAL_DATE_SSD', SerialDateSsdAdapter],
  ])('maps %s to its class', (adapter, cls) => {
    expect(adapterFor({ adapter })).toBeInstanceOf(cls);
  });

  it('an unknown key is a config error (validation rejects such configs first)', () => {
    expect(() => adapterFor({ adapter: 'NOPE' })).toThrow(RulesConfigError);
    expect(defaultAdapterRegistry.get('NOPE')).toBeUndefined();
  });

  const custom: RoutingAdapter = {
    kind: 'ACME_SPECIAL',
    description: 'test',
    route: () => ({
      route: 'IN_HOUSE',
      handling: 'RETURN_FOR_INSPECTION',
      portalUrl: null,
      reasons: ['Acme.'],
    }),
    validateConfig: () => [],
  };

  it('custom adapters register in the same map', () => {
    const registry = createAdapterRegistry([custom]);
    expect(adapterFor({ adapter: 'ACME_SPECIAL' }, registry)).toBe(custom);
    expect(registry.has('IN_HOUSE')).toBe(true);
  });

  it.each([
    ['a duplicate kind', () => createAdapterRegistry([new InHouseAdapter()]), 'DUPLICATE_ADAPTER'],
    ['the sealed default registry', () => defaultAdapterRegistry.register(custom), 'REGISTRY_SEALED'],
    ['an empty registry lookup', () => new AdapterRegistry().require('IN_HOUSE'), 'UNKNOWN_ADAPTER'],
  ])('refuses %s', (_, act, code) => {
    expect(act).toThrow(expect.objectContaining({ code }));
  });
});
