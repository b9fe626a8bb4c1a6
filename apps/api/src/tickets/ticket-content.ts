import type { DistributorRecords, Exclusion, FeePolicyOverrides, Reason, TicketContent } from '@rma/rules';
import type { TicketRow, TicketValues } from './ticket-row.js';
import type { StoredFacts } from './tickets.repository.js';

/*
 * A ticket's content (what the reseller writes, the rules' TicketContent) to and from its row, and the
 * distributor's records the rules decide with, from the facts the repository gathered.
 */

/** The content of a stored ticket as the reseller gave it; `manufacturer` is the manufacturer's slug. */
export function contentOf(row: TicketRow, manufacturer: string | null | undefined): TicketContent {
  return {
    reason: row.reason as Reason,
    customer: row.customer,
    delivery: row.delivery,
    product: present({
      manufacturer: manufacturer ?? undefined,
      sku: row.sku ?? undefined,
      serialNumber: row.serialNumber ?? undefined,
      invoiceRef: row.invoiceRef ?? undefined,
      purchaseDate: row.facts.purchaseDate,
      usage: row.facts.usage,
    }),
    faultDescription: row.faultDescription ?? undefined,
    unused: row.facts.unused,
    originalPackaging: row.facts.originalPackaging,
    exclusions: row.facts.exclusions as Exclusion[] | undefined,
    supportTicketNumber: row.supportTicketNumber ?? undefined,
    resellerReference: row.resellerReference ?? undefined,
  };
}

/** The columns a ticket's content is stored in; `manufacturerId` is the named manufacturer's id. */
export function contentValues(c: TicketContent, manufacturerId: string | null | undefined): TicketValues {
  return {
    reason: c.reason,
    manufacturerId: manufacturerId ?? null,
    sku: c.product?.sku ?? null,
    serialNumber: c.product?.serialNumber ?? null,
    invoiceRef: c.product?.invoiceRef ?? null,
    customer: { ...(c.customer ?? {}) } as Record<string, string>,
    customerName: c.customer?.name ?? null,
    delivery: { ...(c.delivery ?? {}) } as Record<string, string>,
    facts: present({
      purchaseDate: c.product?.purchaseDate,
      usage: c.product?.usage,
      unused: c.unused,
      originalPackaging: c.originalPackaging,
      exclusions: c.exclusions,
    }),
    faultDescription: c.faultDescription ?? null,
    supportTicketNumber: c.supportTicketNumber ?? null,
    resellerReference: c.resellerReference ?? null,
  };
}

/** The distributor's records of the item (the rules' DistributorRecords), from the gathered facts. */
export function recordsOf(stored: StoredFacts): DistributorRecords {
  const line = stored.line;
  const r = stored.replacement;
  return {
    invoiceLine: line
      ? {
          price: { amountMinor: line.unit_price_minor, currency: line.currency },
          invoicedOn: line.invoiced_on,
        }
      : null,
    replacement: r ? { replacedOn: r.replaced_on, originalEndsOn: r.original_ends_on } : null,
  };
}

/** The reseller's own fee policy (the rules' FeePolicyOverrides), from the gathered facts. */
export function feeOverridesOf(stored: StoredFacts): FeePolicyOverrides {
  const t = stored.tenant;
  return {
    restockingFeePercent: t?.restocking_fee_percent == null ? null : Number(t.restocking_fee_percent),
    restockingFeeMinMinor: t?.restocking_fee_min_minor,
    returnWindowDays: t?.return_window_days,
    deliveryErrorWindowDays: t?.delivery_error_window_days,
  };
}

/** The object without its undefined and null entries. */
export function present<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}
