/**
 * The one interface of the manufacturer routing adapters (novu `providers` style: one small class per
 * kind, all registered in one map, see registry.ts). An adapter decides where an in-warranty (or
 * warranty-unknown) defect goes; the warranty and prerequisite checks that come first are decideRoute's.
 */
import type {
  DecisionAmounts,
  FieldError,
  Handling,
  IsoDate,
  ManufacturerConfig,
  Route,
  TicketFacts,
  WarrantyVerdict,
} from '../types.js';

export interface AdapterContext {
  ticket: TicketFacts;
  manufacturer: ManufacturerConfig;
  warranty: WarrantyVerdict;
  today: IsoDate;
}

export interface AdapterRoute {
  route: Route;
  /** Set when route is IN_HOUSE. */
  handling: Handling | null;
  portalUrl: string | null;
  /** Plain-language sentences appended to the decision's reasons. */
  reasons: string[];
  /** Amounts the route settles (e.g. DESTROY_AND_CREDIT's credit). Omitted: the invoiced price alone. */
  amounts?: DecisionAmounts;
}

export interface RoutingAdapter {
  /** The key `ManufacturerConfig.adapter` names: a built-in kind or a custom key such as `SERIAL_DATE_SSD`. */
  readonly kind: string;
  /** One line for the admin's adapter picker. */
  readonly description: string;
  /** The manufacturing date encoded in a serial number, or null when it cannot be read. Never throws. */
  decodeManufactureDate?(serialNumber: string): IsoDate | null;
  /** Where the defect goes. Pure; never throws for a config this adapter's validateConfig accepts. */
  route(ctx: AdapterContext): AdapterRoute;
  /** Errors in the fields this kind needs (e.g. VENDOR_PORTAL's portalUrl). Total over any object. */
  validateConfig(config: Readonly<Record<string, unknown>>): FieldError[];
}
