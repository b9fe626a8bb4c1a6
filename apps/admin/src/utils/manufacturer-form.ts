/**
 * A manufacturer's routing configuration as the editor's inputs hold it (texts, ticks), the
 * configuration it stands for, and back.
 */
import { type ManufacturerConfig, type WarrantyFallback } from '@rma/rules';
import type { Manufacturer } from '../api/manufacturers';
import { moneyInputText, parseMoneyInput } from './format';

export interface ManufacturerForm {
  slug: string;
  name: string;
  adapter: string;
  portalUrl: string;
  portalInstructions: string;
  webhookUrl: string;
  /** In EUR, as typed. */
  destroyBelow: string;
  returnAddress: string;
  requiresSupportTicket: boolean;
  helpdeskUrl: string;
  numberPattern: string;
  warrantyMonths: string;
  fallback: WarrantyFallback;
  hasUsageLimit: boolean;
  usageUnit: string;
  usageLimit: string;
  rmaValidityDays: string;
}

export function emptyManufacturerForm(): ManufacturerForm {
  return {
    slug: '',
    name: '',
    adapter: 'IN_HOUSE',
    portalUrl: '',
    portalInstructions: '',
    webhookUrl: '',
    destroyBelow: '',
    returnAddress: '',
    requiresSupportTicket: false,
    helpdeskUrl: '',
    numberPattern: '',
    warrantyMonths: '24',
    fallback: 'DISTRIBUTOR_SALE',
    hasUsageLimit: false,
    usageUnit: 'TBW',
    usageLimit: '',
    rmaValidityDays: '14',
  };
}

export const FALLBACK_LABELS: Record<WarrantyFallback, string> = {
  DISTRIBUTOR_SALE: "Distributor's sale date",
  SERIAL_MANUFACTURE_DATE: 'Manufacturing date from the serial number',
  NONE: 'None (warranty unknown without a receipt)',
};

const BUILT_IN = new Set(['IN_HOUSE', 'VENDOR_PORTAL', 'VENDOR_WEBHOOK']);

/** Which of the adapter's own fields the form shows (an adapter not built in is reached by webhook). */
export function adapterFields(adapter: string): { portal: boolean; webhook: boolean; destroy: boolean } {
  return {
    portal: adapter === 'VENDOR_PORTAL',
    webhook: adapter === 'VENDOR_WEBHOOK' || !BUILT_IN.has(adapter),
    destroy: adapter === 'IN_HOUSE',
  };
}

function intOrNaN(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The configuration as on screen (NaN where a number is not a number, so validation names it); the
 * fields of another adapter are left out. Per-product-line policies have no fields in the editor (they
 * are set over the API): `productLines` are kept as they are.
 */
export function manufacturerConfig(
  form: ManufacturerForm,
  productLines: ManufacturerConfig['productLines'] | null,
): ManufacturerConfig & { returnAddress: string | null } {
  const show = adapterFields(form.adapter);
  const destroy =
    form.destroyBelow.trim() === '' ? null : (parseMoneyInput(form.destroyBelow, 'EUR') ?? Number.NaN);
  return {
    slug: form.slug.trim(),
    name: form.name.trim(),
    adapter: form.adapter,
    portalUrl: show.portal ? form.portalUrl.trim() || null : null,
    portalInstructions: show.portal ? form.portalInstructions.trim() || null : null,
    webhookUrl: show.webhook ? form.webhookUrl.trim() || null : null,
    destroyBelowMinor: show.destroy ? destroy : null,
    supportTicket: form.requiresSupportTicket
      ? { helpdeskUrl: form.helpdeskUrl.trim(), numberPattern: form.numberPattern.trim() }
      : null,
    warranty: {
      months: intOrNaN(form.warrantyMonths),
      fallback: form.fallback,
      usageLimit: form.hasUsageLimit
        ? {
            unit: form.usageUnit.trim(),
            limit: form.usageLimit.trim() === '' ? Number.NaN : Number(form.usageLimit),
          }
        : null,
    },
    productLines: productLines ?? null,
    rmaValidityDays: intOrNaN(form.rmaValidityDays),
    returnAddress: form.returnAddress.trim() || null,
  };
}

/** Puts a saved manufacturer into the form. */
export function fillManufacturerForm(form: ManufacturerForm, m: Manufacturer): void {
  Object.assign(form, {
    slug: m.slug,
    name: m.name,
    adapter: m.adapter,
    portalUrl: m.portalUrl ?? '',
    portalInstructions: m.portalInstructions ?? '',
    webhookUrl: m.webhookUrl ?? '',
    destroyBelow: m.destroyBelowMinor == null ? '' : moneyInputText(m.destroyBelowMinor, 'EUR'),
    returnAddress: m.returnAddress ?? '',
    requiresSupportTicket: !!m.supportTicket,
    helpdeskUrl: m.supportTicket?.helpdeskUrl ?? '',
    numberPattern: m.supportTicket?.numberPattern ?? '',
    warrantyMonths: String(m.warranty.months),
    fallback: m.warranty.fallback,
    hasUsageLimit: !!m.warranty.usageLimit,
    usageUnit: m.warranty.usageLimit?.unit ?? 'TBW',
    usageLimit: m.warranty.usageLimit ? String(m.warranty.usageLimit.limit) : '',
    rmaValidityDays: String(m.rmaValidityDays),
  } satisfies ManufacturerForm);
}
