/**
 * The facts decideRoute needs, from what the reseller typed and the invoice line the distributor holds
 * for the serial (or, failing that, the SKU): the same sources the API uses when it routes the ticket.
 */
import type { TicketFacts } from '@rma/rules';
import type { InvoiceLine } from '../api/products';
import type { components } from '../api/schema';
import type { TicketContent } from '../api/tickets';

export function ticketFacts(content: TicketContent, line: InvoiceLine | null): TicketFacts | null {
  if (!content.reason) return null;
  const p = content.product ?? {};
  return {
    reason: content.reason,
    serialNumber: p.serialNumber ?? null,
    sku: p.sku ?? null,
    deliveredOn: content.delivery?.deliveredOn ?? null,
    unused: content.unused ?? null,
    originalPackaging: content.originalPackaging ?? null,
    invoicedPrice: line ? { amountMinor: line.unitPriceMinor, currency: line.currency } : null,
    endUserPurchaseDate: p.purchaseDate ?? null,
    distributorSaleDate: line?.invoicedOn ?? null,
    usage: p.usage ?? null,
    exclusions: content.exclusions?.length ? content.exclusions : null,
    supportTicketNumber: content.supportTicketNumber ?? null,
  };
}

/** A copy without empty strings, empty objects and unset values: what the API accepts on a ticket. */
export function compactContent(content: TicketContent): TicketContent {
  const clean = <T extends object>(o: T | undefined): T | undefined => {
    if (!o) return undefined;
    const entries = Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''),
    );
    return entries.length
      ? (Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T)
      : undefined;
  };
  const out: TicketContent = {
    reason: content.reason,
    customer: clean(content.customer),
    delivery: clean(content.delivery),
    product: clean(content.product),
    faultDescription: content.faultDescription?.trim() || undefined,
    unused: content.unused,
    originalPackaging: content.originalPackaging,
    exclusions: content.exclusions?.length ? content.exclusions : undefined,
    supportTicketNumber: content.supportTicketNumber?.trim() || undefined,
    resellerReference: content.resellerReference?.trim() || undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as TicketContent;
}

/** A draft edit as PATCH /tickets/:id takes it; inside customer, delivery and product null clears a field. */
export type DraftPatch = components['schemas']['TicketPatchDto'];

/**
 * The PATCH body that makes a draft equal to the form. The API merges a patch into the draft: inside
 * customer, delivery and product a null clears a field (an empty string would fail validation); at the
 * top level a null is ignored, so a cleared text is sent as ''.
 */
export function draftPatch(
  content: TicketContent,
  fields: {
    customer: readonly string[];
    delivery: readonly string[];
    product: readonly string[];
  },
): DraftPatch {
  const nested = <T extends object>(o: T | undefined, keys: readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown> | undefined)?.[k] ?? null]));
  return {
    reason: content.reason,
    customer: nested(content.customer, fields.customer),
    delivery: nested(content.delivery, fields.delivery),
    product: nested(content.product, fields.product),
    faultDescription: content.faultDescription ?? '',
    resellerReference: content.resellerReference ?? '',
    supportTicketNumber: content.supportTicketNumber ?? '',
    exclusions: content.exclusions ?? [],
    ...(content.unused !== undefined ? { unused: content.unused } : {}),
    ...(content.originalPackaging !== undefined ? { originalPackaging: content.originalPackaging } : {}),
  };
}
