import { validateManufacturerConfig } from '@rma/rules';
import { describe, expect, it } from 'vitest';
import type { Manufacturer } from '../api/manufacturers';
import {
  adapterFields,
  emptyManufacturerForm,
  fillManufacturerForm,
  manufacturerConfig,
} from './manufacturer-form';

const DAPUSTOR = {
  slug: 'dapustor',
  name: 'DapuStor',
  adapter: 'IN_HOUSE',
  portalUrl: null,
  portalInstructions: null,
  webhookUrl: null,
  destroyBelowMinor: 2500,
  returnAddress: 'Dock 4',
  supportTicket: null,
  warranty: { months: 36, fallback: 'SERIAL_MANUFACTURE_DATE', usageLimit: { unit: 'TBW', limit: 600 } },
  productLines: [{ skuPrefix: 'DS-H', warranty: { months: 60, fallback: 'NONE' } }],
  rmaValidityDays: 21,
} as unknown as Manufacturer;

describe('the manufacturer editor form', () => {
  it.each([
    ['IN_HOUSE', { portal: false, webhook: false, destroy: true }],
    ['VENDOR_PORTAL', { portal: true, webhook: false, destroy: false }],
    ['VENDOR_WEBHOOK', { portal: false, webhook: true, destroy: false }],
    ['SERIAL_DATE', { portal: false, webhook: true, destroy: false }],
  ])('the %s adapter shows its own fields', (adapter, fields) => {
    expect(adapterFields(adapter)).toEqual(fields);
  });

  it('a saved manufacturer fills the form and gives back its configuration, product lines kept', () => {
    const form = emptyManufacturerForm();
    fillManufacturerForm(form, DAPUSTOR);
    expect(form).toMatchObject({
      destroyBelow: '25.00',
      warrantyMonths: '36',
      hasUsageLimit: true,
      usageLimit: '600',
    });
    expect(manufacturerConfig(form, DAPUSTOR.productLines)).toEqual({
      slug: 'dapustor',
      name: 'DapuStor',
      adapter: 'IN_HOUSE',
      portalUrl: null,
      portalInstructions: null,
      webhookUrl: null,
      destroyBelowMinor: 2500,
      supportTicket: null,
      warranty: { months: 36, fallback: 'SERIAL_MANUFACTURE_DATE', usageLimit: { unit: 'TBW', limit: 600 } },
      productLines: DAPUSTOR.productLines,
      rmaValidityDays: 21,
      returnAddress: 'Dock 4',
    });
  });

  it("leaves out another adapter's fields and trims what it keeps", () => {
    const form = emptyManufacturerForm();
    Object.assign(form, {
      slug: ' acme ',
      name: ' Acme ',
      adapter: 'VENDOR_PORTAL',
      portalUrl: ' https://rma.acme.example/ ',
      webhookUrl: 'https://hooks.acme.example/',
      destroyBelow: '10',
      requiresSupportTicket: true,
      helpdeskUrl: ' https://help.acme.example/ ',
      numberPattern: ' ^AC-\\d+$ ',
    });
    const config = manufacturerConfig(form, null);
    expect(config).toMatchObject({
      slug: 'acme',
      name: 'Acme',
      portalUrl: 'https://rma.acme.example/',
      webhookUrl: null,
      destroyBelowMinor: null,
      supportTicket: { helpdeskUrl: 'https://help.acme.example/', numberPattern: '^AC-\\d+$' },
      productLines: null,
    });
  });

  it('a number that is not a number stays in the configuration as NaN, for the rules to name', () => {
    const form = emptyManufacturerForm();
    Object.assign(form, { slug: 'acme', name: 'Acme', warrantyMonths: '2 years', rmaValidityDays: '14.5' });
    const config = manufacturerConfig(form, null);
    expect(config.warranty.months).toBeNaN();
    expect(config.rmaValidityDays).toBeNaN();
    const fields = validateManufacturerConfig(config).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['warranty.months', 'rmaValidityDays']));
  });
});
