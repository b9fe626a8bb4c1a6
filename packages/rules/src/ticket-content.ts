/**
 * A ticket's content as the reseller writes it (a draft may leave anything out), and how it becomes
 * the facts the rules decide on once the distributor's own records (the invoice line, an earlier
 * replacement) are added. Plain values: the API's DTO and its stored row both fit.
 */
import type { Exclusion, IsoDate, Money, Reason, TicketFacts } from './types.js';

/** The reseller's customer (the end user), as given. */
export interface TicketCustomer {
  name?: string;
  contactName?: string;
  email?: string;
  phone?: string;
}

/** The delivery the goods came with, and where a replacement or the returned item goes back to. */
export interface TicketDelivery {
  /** Day the reseller received the goods from the distributor. */
  deliveredOn?: IsoDate;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

export interface TicketProduct {
  /** The manufacturer's slug. */
  manufacturer?: string;
  sku?: string;
  serialNumber?: string;
  invoiceRef?: string;
  /** The end user's proof-of-purchase date. */
  purchaseDate?: IsoDate;
  /** Usage so far, in the unit of the policy's usage limit (e.g. TB written). */
  usage?: number;
}

/** What a reseller writes on a ticket; every field optional while it is a draft. */
export interface TicketContent {
  reason?: Reason;
  customer?: TicketCustomer;
  delivery?: TicketDelivery;
  product?: TicketProduct;
  faultDescription?: string;
  /** Order error: the product has not been used. */
  unused?: boolean;
  /** Order error: still in its original packaging. */
  originalPackaging?: boolean;
  exclusions?: Exclusion[];
  /** The vendor support desk's ticket number, where the manufacturer requires one. */
  supportTicketNumber?: string;
  /** The reseller's own reference. */
  resellerReference?: string;
}

/** An edit of a draft: a given field replaces, `null` clears (also inside customer, delivery, product). */
export type TicketContentPatch = {
  [K in keyof TicketContent]?: K extends 'customer' | 'delivery' | 'product'
    ? { [P in keyof NonNullable<TicketContent[K]>]?: NonNullable<TicketContent[K]>[P] | null } | null
    : TicketContent[K] | null;
};

/** What the distributor knows of the item, beside what the reseller wrote. */
export interface DistributorRecords {
  /** The last invoice line to this reseller for this serial (else SKU): the credit basis and the sale date. */
  invoiceLine?: { price: Money; invoicedOn: IsoDate } | null;
  /** An earlier repair or replacement of this serial, and the original warranty's end (if known). */
  replacement?: { replacedOn: IsoDate; originalEndsOn: IsoDate | null } | null;
}

/**
 * The replacement the warranty counts from: none when the original warranty's end is unknown (the
 * item is then judged on its own dates).
 */
export function replacementFact(replacement: DistributorRecords['replacement']): TicketFacts['replacement'] {
  return replacement?.originalEndsOn
    ? { replacedOn: replacement.replacedOn, originalEndsOn: replacement.originalEndsOn }
    : null;
}

/**
 * The facts `decideRoute` decides a ticket on: the reseller's content and the distributor's records.
 * What is not given is null. Throws a RangeError when the content has no reason (a draft without one
 * cannot be decided: check it first).
 */
export function ticketFacts(content: TicketContent, records: DistributorRecords = {}): TicketFacts {
  if (content.reason === undefined) throw new RangeError('A ticket without a reason cannot be decided');
  const line = records.invoiceLine ?? null;
  return {
    reason: content.reason,
    serialNumber: content.product?.serialNumber ?? null,
    sku: content.product?.sku ?? null,
    deliveredOn: content.delivery?.deliveredOn ?? null,
    unused: content.unused ?? null,
    originalPackaging: content.originalPackaging ?? null,
    invoicedPrice: line ? { amountMinor: line.price.amountMinor, currency: line.price.currency } : null,
    endUserPurchaseDate: content.product?.purchaseDate ?? null,
    distributorSaleDate: line?.invoicedOn ?? null,
    replacement: replacementFact(records.replacement ?? null),
    usage: content.product?.usage ?? null,
    exclusions: content.exclusions ?? null,
    supportTicketNumber: content.supportTicketNumber ?? null,
  };
}

/**
 * A draft after an edit: given fields replace, `null` clears, absent fields stay; customer, delivery
 * and product are merged field by field. Cleared and absent fields are left out of the result.
 */
export function mergeTicketContent(base: TicketContent, patch: TicketContentPatch): TicketContent {
  const merged: Record<string, unknown> = {
    ...base,
    ...patch,
    customer: present({ ...base.customer, ...patch.customer }),
    delivery: present({ ...base.delivery, ...patch.delivery }),
    product: present({ ...base.product, ...patch.product }),
  };
  return present(merged) as TicketContent;
}

/** The object without its undefined and null entries. */
function present<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}
