/** Human labels for the contract's names (DOMAIN.md); the names themselves stay as they are. */
import type {
  Handling,
  Outcome,
  Reason,
  Role,
  Route,
  TicketAction,
  TicketStatus,
  WarrantyBasis,
  WarrantyStatus,
} from '@rma/rules';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  AWAITING_PREREQUISITE: 'Awaiting support ticket',
  REDIRECTED: 'Redirected to vendor',
  FORWARDED: 'Forwarded to vendor',
  VENDOR_ACCEPTED: 'Vendor accepted',
  VENDOR_REJECTED: 'Vendor rejected',
  IN_REVIEW: 'In review',
  INFO_REQUESTED: 'Info requested',
  APPROVED: 'Approved',
  SHIPPED: 'Shipped',
  RECEIVED: 'Received',
  INSPECTING: 'Inspecting',
  DESTRUCTION_AUTHORISED: 'Destruction authorised',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
  EXPIRED: 'RMA expired',
  CANCELLED: 'Cancelled',
};

/** Colour family of a status badge. */
export type Tone = 'neutral' | 'info' | 'warn' | 'success' | 'danger' | 'accent';

export const STATUS_TONES: Record<TicketStatus, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  AWAITING_PREREQUISITE: 'warn',
  REDIRECTED: 'accent',
  FORWARDED: 'accent',
  VENDOR_ACCEPTED: 'success',
  VENDOR_REJECTED: 'danger',
  IN_REVIEW: 'info',
  INFO_REQUESTED: 'warn',
  APPROVED: 'success',
  SHIPPED: 'accent',
  RECEIVED: 'accent',
  INSPECTING: 'accent',
  DESTRUCTION_AUTHORISED: 'warn',
  RESOLVED: 'success',
  CLOSED: 'neutral',
  REJECTED: 'danger',
  EXPIRED: 'danger',
  CANCELLED: 'neutral',
};

export const REASON_LABELS: Record<Reason, string> = {
  DEFECT: 'Defect',
  ORDER_ERROR: 'Order error',
  DELIVERY_ERROR: 'Delivery error',
};

export const REASON_HINTS: Record<Reason, string> = {
  DEFECT: 'The product malfunctions.',
  ORDER_ERROR: 'You ordered the wrong reference; unused and in its packaging.',
  DELIVERY_ERROR: 'You received a product other than the one ordered.',
};

export const ROUTE_LABELS: Record<Route, string> = {
  IN_HOUSE: 'In-house',
  VENDOR_PORTAL: 'Vendor portal',
  VENDOR_WEBHOOK: 'Forwarded to vendor',
  NOT_ELIGIBLE: 'Not eligible',
};

export const HANDLING_LABELS: Record<Handling, string> = {
  CREDIT_LESS_RESTOCKING_FEE: 'Credit less restocking fee',
  REPLACE_OR_CREDIT: 'Replace or credit',
  RETURN_FOR_INSPECTION: 'Return for inspection',
  DESTROY_AND_CREDIT: 'Destroy and credit',
  REPAIR_QUOTE: 'Repair quote',
};

export const WARRANTY_STATUS_LABELS: Record<WarrantyStatus, string> = {
  IN_WARRANTY: 'In warranty',
  EXPIRED: 'Expired',
  VOID: 'Void',
  UNKNOWN: 'Unknown',
  NOT_APPLICABLE: 'Not applicable',
};

export const WARRANTY_BASIS_LABELS: Record<WarrantyBasis, string> = {
  END_USER_RECEIPT: "end user's receipt",
  DISTRIBUTOR_SALE: "distributor's sale date",
  SERIAL_MANUFACTURE_DATE: 'manufacturing date from the serial number',
  REPLACEMENT: 'replacement cover',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  CREDITED: 'Credited',
  REPLACED: 'Replaced',
  REPAIRED: 'Repaired',
  NOT_DEFECTIVE: 'Not defective',
  DESTROYED_AND_CREDITED: 'Destroyed and credited',
};

export const ACTION_LABELS: Record<TicketAction, string> = {
  SUBMIT: 'Submit',
  ROUTE: 'Route',
  PROVIDE_SUPPORT_TICKET: 'Add support ticket number',
  APPROVE: 'Approve',
  REJECT: 'Reject',
  REQUEST_INFO: 'Request info',
  SUPPLY_INFO: 'Send the information',
  AUTHORISE_DESTRUCTION: 'Authorise destruction',
  SHIP: 'Enter tracking',
  EXPIRE: 'Expire',
  REAPPLY: 'Re-apply',
  RECEIVE: 'Mark received',
  START_INSPECTION: 'Start inspection',
  RESOLVE: 'Resolve',
  CLOSE: 'Close',
  CANCEL: 'Cancel ticket',
  REOPEN: 'Reopen',
  VENDOR_ACCEPT: 'Vendor accepted',
  VENDOR_REJECT: 'Vendor rejected',
  VENDOR_SHIP_REPLACEMENT: 'Vendor shipped replacement',
};

export const ROLE_LABELS: Record<Role, string> = {
  DISTRIBUTOR_ADMIN: 'Distributor admin',
  DISTRIBUTOR_AGENT: 'Triage agent',
  RESELLER_ADMIN: 'Reseller admin',
  RESELLER_AGENT: 'Reseller agent',
};

/** Timeline labels: the actions plus the ones only the timeline knows. */
export function timelineActionLabel(action: string): string {
  if (action === 'CREATE') return 'Created';
  if (action === 'ROUTE') return 'Routed';
  return (ACTION_LABELS as Record<string, string>)[action] ?? action.replace(/_/g, ' ').toLowerCase();
}
