import { slaState, type Decision, type Money, type SlaState, type TicketAction } from '@rma/rules';
import type { TicketListRow, TicketRow } from './tickets.repository.js';

/** A ticket as the API answers it: mapped from the row, never the row itself. */
export interface TicketView {
  id: string;
  tenantId: string;
  /** The return the ticket is an item of, and its place in it. */
  returnId: string;
  position: number;
  status: string;
  reason: string;
  manufacturer: string | null;
  product: {
    sku: string | null;
    serialNumber: string | null;
    invoiceRef: string | null;
    purchaseDate: string | null;
    usage: number | null;
  };
  customer: Record<string, string>;
  delivery: Record<string, string>;
  faultDescription: string | null;
  unused: boolean | null;
  originalPackaging: boolean | null;
  exclusions: string[];
  supportTicketNumber: string | null;
  resellerReference: string | null;
  decision: Decision | null;
  rulesVersion: string | null;
  manufacturerRevision: number | null;
  rma: { number: string; issuedOn: string | null; validUntil: string | null } | null;
  shipping: { carrier: string | null; trackingNumber: string | null; shippedOn: string | null };
  /** The parcel the item travels in, and since when the receiving desk misses it from the box. */
  parcel: { id: string; rmaNumber: string | null; missingSince: string | null } | null;
  outcome: string | null;
  credit: Money | null;
  replacement: { serialNumber: string; coveredUntil: string | null } | null;
  vendorRmaNumber: string | null;
  sla: { dueOn: string; state: SlaState } | null;
  allowedActions: TicketAction[];
  submittedAt: string | null;
  receivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toTicketView(
  row: TicketRow,
  manufacturer: string | null,
  allowedActions: TicketAction[],
  today: string,
): TicketView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    returnId: row.returnId,
    position: row.position,
    status: row.status,
    reason: row.reason,
    manufacturer,
    product: {
      sku: row.sku,
      serialNumber: row.serialNumber,
      invoiceRef: row.invoiceRef,
      purchaseDate: row.facts.purchaseDate ?? null,
      usage: row.facts.usage ?? null,
    },
    customer: row.customer,
    delivery: row.delivery,
    faultDescription: row.faultDescription,
    unused: row.facts.unused ?? null,
    originalPackaging: row.facts.originalPackaging ?? null,
    exclusions: row.facts.exclusions ?? [],
    supportTicketNumber: row.supportTicketNumber,
    resellerReference: row.resellerReference,
    decision: row.decision,
    rulesVersion: row.rulesVersion,
    manufacturerRevision: row.manufacturerRevision,
    rma: row.rmaNumber
      ? { number: row.rmaNumber, issuedOn: row.rmaIssuedOn, validUntil: row.rmaValidUntil }
      : null,
    shipping: { carrier: row.carrier, trackingNumber: row.trackingNumber, shippedOn: row.shippedOn },
    parcel: row.parcelId
      ? {
          id: row.parcelId,
          rmaNumber: row.rmaNumber,
          missingSince: row.parcelMissingAt ? new Date(row.parcelMissingAt).toISOString() : null,
        }
      : null,
    outcome: row.outcome,
    credit:
      row.creditMinor !== null && row.currency
        ? { amountMinor: Number(row.creditMinor), currency: row.currency }
        : null,
    replacement: row.replacementSerial
      ? { serialNumber: row.replacementSerial, coveredUntil: row.replacementCoveredUntil }
      : null,
    vendorRmaNumber: row.vendorRmaNumber,
    sla: row.slaDueOn ? { dueOn: row.slaDueOn, state: slaState(row.slaDueOn, today) } : null,
    allowedActions,
    submittedAt: row.submittedAt ? new Date(row.submittedAt).toISOString() : null,
    receivedAt: row.receivedAt ? new Date(row.receivedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export function toTicketListItem(r: TicketListRow, manufacturer: string | null, today: string) {
  return {
    id: r.id,
    tenantId: r.tenantId,
    tenantName: r.tenantName,
    status: r.status,
    reason: r.reason,
    route: r.route,
    handling: r.handling,
    manufacturer,
    sku: r.sku,
    serialNumber: r.serialNumber,
    customerName: r.customerName,
    rmaNumber: r.rmaNumber,
    sla: r.slaDueOn ? { dueOn: r.slaDueOn, state: slaState(r.slaDueOn, today) } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
