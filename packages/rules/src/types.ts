/**
 * The contract of the rules package: the names of ../shared/DOMAIN.md ("The decision, precisely"),
 * shared by the API, the admin and the manufacturers' webhooks. Keep them exactly.
 */

/** An ISO calendar date, `YYYY-MM-DD`, where a day is meant. */
export type IsoDate = string;

/** ISO 4217 currency code, e.g. `EUR`. */
export type Currency = string;

/** An amount in integer minor units (cents) with its currency. Never a float. */
export interface Money {
  amountMinor: number;
  currency: Currency;
}

export const REASONS = ['ORDER_ERROR', 'DELIVERY_ERROR', 'DEFECT'] as const;
export type Reason = (typeof REASONS)[number];

export const ROUTES = ['IN_HOUSE', 'VENDOR_PORTAL', 'VENDOR_WEBHOOK', 'NOT_ELIGIBLE'] as const;
export type Route = (typeof ROUTES)[number];

export const HANDLINGS = [
  'CREDIT_LESS_RESTOCKING_FEE',
  'REPLACE_OR_CREDIT',
  'RETURN_FOR_INSPECTION',
  'DESTROY_AND_CREDIT',
  'REPAIR_QUOTE',
] as const;
export type Handling = (typeof HANDLINGS)[number];

export const WARRANTY_STATUSES = ['IN_WARRANTY', 'EXPIRED', 'VOID', 'UNKNOWN', 'NOT_APPLICABLE'] as const;
export type WarrantyStatus = (typeof WARRANTY_STATUSES)[number];

export const WARRANTY_BASES = [
  'END_USER_RECEIPT',
  'DISTRIBUTOR_SALE',
  'SERIAL_MANUFACTURE_DATE',
  'REPLACEMENT',
] as const;
export type WarrantyBasis = (typeof WARRANTY_BASES)[number];

/** Exclusions that void a warranty (DOMAIN.md, Warranty; seeds 002 and 003). */
export const EXCLUSIONS = [
  'USAGE_LIMIT_EXCEEDED',
  'PHYSICAL_DAMAGE',
  'LIQUID',
  'FIRE',
  'LIGHTNING_OR_VOLTAGE',
  'UNAUTHORISED_REPAIR',
  'SERIAL_OR_LABEL_ALTERED',
  'UNSAFE_ENVIRONMENT',
  'UNOFFICIAL_ACCESSORIES',
  'MISUSE',
  'ANIMALS',
  'RECEIPT_ALTERED',
] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export const ADAPTER_KINDS = ['IN_HOUSE', 'VENDOR_PORTAL', 'VENDOR_WEBHOOK'] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** Where the warranty starts when there is no end-user receipt. */
export const WARRANTY_FALLBACKS = ['DISTRIBUTOR_SALE', 'SERIAL_MANUFACTURE_DATE', 'NONE'] as const;
export type WarrantyFallback = (typeof WARRANTY_FALLBACKS)[number];

export interface UsageLimit {
  /** e.g. `TBW` (terabytes written) or `PE_CYCLES`. */
  unit: string;
  limit: number;
}

export interface WarrantyPolicy {
  months: number;
  usageLimit?: UsageLimit | null;
  fallback: WarrantyFallback;
}

export interface SupportTicketPrerequisite {
  helpdeskUrl: string;
  /** A regular expression source the vendor's ticket numbers match, e.g. `^GS-\d{6}$`. */
  numberPattern: string;
}

/** A product line's own warranty policy, e.g. SSDs with a TBW limit beside memory cards with P/E cycles. */
export interface ProductLineWarranty {
  skuPrefix: string;
  warranty: WarrantyPolicy;
}

/** A manufacturer's routing configuration, as staff edit it in the admin. */
export interface ManufacturerConfig {
  slug: string;
  name: string;
  /** A built-in kind, or the key of a custom adapter registered in the adapter registry. */
  adapter: string;
  /** VENDOR_PORTAL: the vendor's RMA portal. */
  portalUrl?: string | null;
  /** VENDOR_PORTAL: what the reseller should bring to the portal. */
  portalInstructions?: string | null;
  /** VENDOR_WEBHOOK: the endpoint RMAs are forwarded to. */
  webhookUrl?: string | null;
  /** IN_HOUSE: below this last-invoiced price (minor units) destruction is authorised instead of a return. */
  destroyBelowMinor?: number | null;
  supportTicket?: SupportTicketPrerequisite | null;
  warranty: WarrantyPolicy;
  /**
   * Optional per-product-line policies: the first line whose `skuPrefix` starts the ticket's SKU
   * (case-insensitive) replaces `warranty` (DOMAIN.md: "optionally per product line").
   */
  productLines?: ProductLineWarranty[] | null;
  /** Days an RMA number stays valid. */
  rmaValidityDays: number;
}

/** The tenant's (or the global) fee policy and windows. */
export interface FeePolicy {
  /** Restocking fee in percent, e.g. 15. */
  restockingFeePercent: number;
  /** Optional minimum fee in minor units. */
  restockingFeeMinMinor?: number | null;
  /** Order-error return window in days from delivery (default 30). */
  returnWindowDays: number;
  /** Delivery-error report window in days from delivery (default 14). */
  deliveryErrorWindowDays: number;
}

/** The facts of a ticket the rules need. */
export interface TicketFacts {
  reason: Reason;
  serialNumber?: string | null;
  sku?: string | null;
  /** Day the reseller received the goods from the distributor. */
  deliveredOn?: IsoDate | null;
  /** ORDER_ERROR facts. */
  unused?: boolean | null;
  originalPackaging?: boolean | null;
  /** Last invoiced price to this reseller for this item: the credit basis. */
  invoicedPrice?: Money | null;
  /** End user's proof of purchase date, if a receipt is given. */
  endUserPurchaseDate?: IsoDate | null;
  /** The distributor's sale date to the reseller (from the invoice lines). */
  distributorSaleDate?: IsoDate | null;
  /** For a repaired or replaced item: the day of replacement and the original warranty end. */
  replacement?: { replacedOn: IsoDate; originalEndsOn: IsoDate } | null;
  /** Usage so far, in the unit of the policy's usage limit (e.g. TB written). */
  usage?: number | null;
  exclusions?: Exclusion[] | null;
  supportTicketNumber?: string | null;
}

export interface WarrantyVerdict {
  status: WarrantyStatus;
  basis: WarrantyBasis | null;
  startsOn: IsoDate | null;
  /** Last covered day (inclusive). */
  endsOn: IsoDate | null;
  usageLimit: UsageLimit | null;
  usage: number | null;
  usageRemaining: number | null;
  exclusions: Exclusion[];
}

export interface SupportTicketRequirement {
  kind: 'SUPPORT_TICKET';
  satisfied: boolean;
  helpdeskUrl: string;
}
export type Prerequisite = SupportTicketRequirement;

export interface DecisionAmounts {
  invoicedPrice: Money | null;
  restockingFee: Money | null;
  credit: Money | null;
}

/** The routing decision stored with a ticket. A plain value, JSON-serialisable. */
export interface Decision {
  reason: Reason;
  route: Route;
  /** Set when route is IN_HOUSE. */
  handling: Handling | null;
  warranty: WarrantyVerdict;
  prerequisites: Prerequisite[];
  amounts: DecisionAmounts;
  /** VENDOR_PORTAL: where to go. */
  portalUrl: string | null;
  /** The manufacturer's adapter that decided (DEFECT only). */
  adapter: string | null;
  /** Plain-language sentences a reseller can read, in order. */
  reasons: string[];
  /** Version of the rules that produced this decision. */
  rulesVersion: string;
}

export interface DecisionInput {
  ticket: TicketFacts;
  /** Required for DEFECT; may be null for order and delivery errors. */
  manufacturer: ManufacturerConfig | null;
  fees: FeePolicy;
  today: IsoDate;
}

export interface FieldError {
  /** Dotted path of the field, e.g. `supportTicket.numberPattern`. */
  field: string;
  message: string;
}
