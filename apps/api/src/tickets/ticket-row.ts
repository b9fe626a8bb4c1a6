import type { Decision } from '@rma/rules';
import { uuidv7 } from '../common/ids.js';
import { isoDate } from '../database/sql.js';

/*
 * The tickets table's mapper: its columns and the TicketRow keys they map to, how a row is selected
 * (dates as ISO days, the credit as a number) and how values are encoded for it. Only the ticket
 * repositories use the SQL parts.
 */

/** A ticket as stored; every column the API maps into its views. */
export interface TicketRow {
  id: string;
  tenantId: string;
  /** The return the item is part of (migration 1764000002100), and its place in it (1..100). */
  returnId: string;
  position: number;
  status: string;
  reason: string;
  manufacturerId: string | null;
  sku: string | null;
  serialNumber: string | null;
  invoiceRef: string | null;
  customer: Record<string, string>;
  customerName: string | null;
  delivery: Record<string, string>;
  facts: {
    purchaseDate?: string;
    usage?: number;
    unused?: boolean;
    originalPackaging?: boolean;
    exclusions?: string[];
  };
  faultDescription: string | null;
  supportTicketNumber: string | null;
  resellerReference: string | null;
  decision: Decision | null;
  rulesVersion: string | null;
  /** The manufacturer configuration's revision the decision was made with (migration 1764000001300). */
  manufacturerRevision: number | null;
  route: string | null;
  handling: string | null;
  warrantyStatus: string | null;
  rmaNumber: string | null;
  rmaIssuedOn: string | null;
  rmaValidUntil: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedOn: string | null;
  outcome: string | null;
  creditMinor: number | null;
  currency: string | null;
  replacementSerial: string | null;
  replacementCoveredUntil: string | null;
  vendorRmaNumber: string | null;
  slaDueOn: string | null;
  submittedAt: Date | null;
  receivedAt: Date | null;
  /** The parcel the item travels in (its RMA number's), and when the desk found it missing from the box. */
  parcelId: string | null;
  parcelMissingAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type TicketValues = Partial<Omit<TicketRow, 'id' | 'createdAt' | 'updatedAt' | 'version'>>;

/** Column → TicketRow key. The only place that knows the table's shape. */
export const COLUMNS: Record<keyof TicketRow, string> = {
  id: 'id',
  tenantId: 'tenant_id',
  returnId: 'return_id',
  position: 'position',
  status: 'status',
  reason: 'reason',
  manufacturerId: 'manufacturer_id',
  sku: 'sku',
  serialNumber: 'serial_number',
  invoiceRef: 'invoice_ref',
  customer: 'customer',
  customerName: 'customer_name',
  delivery: 'delivery',
  facts: 'facts',
  faultDescription: 'fault_description',
  supportTicketNumber: 'support_ticket_number',
  resellerReference: 'reseller_reference',
  decision: 'decision',
  rulesVersion: 'rules_version',
  manufacturerRevision: 'manufacturer_revision',
  route: 'route',
  handling: 'handling',
  warrantyStatus: 'warranty_status',
  rmaNumber: 'rma_number',
  rmaIssuedOn: 'rma_issued_on',
  rmaValidUntil: 'rma_valid_until',
  carrier: 'carrier',
  trackingNumber: 'tracking_number',
  shippedOn: 'shipped_on',
  outcome: 'outcome',
  creditMinor: 'credit_minor',
  currency: 'currency',
  replacementSerial: 'replacement_serial',
  replacementCoveredUntil: 'replacement_covered_until',
  vendorRmaNumber: 'vendor_rma_number',
  slaDueOn: 'sla_due_on',
  submittedAt: 'submitted_at',
  receivedAt: 'received_at',
  parcelId: 'parcel_id',
  parcelMissingAt: 'parcel_missing_at',
  createdBy: 'created_by',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
};
/** Columns an insert sets: all of them, the row being built in full by newTicketRow. */
export const INSERT_KEYS = Object.entries(COLUMNS);

/** Every column a new ticket starts with: nothing known, empty JSON documents. */
const NEW_TICKET: Omit<
  TicketRow,
  'id' | 'tenantId' | 'returnId' | 'position' | 'status' | 'reason' | 'createdAt' | 'updatedAt'
> = Object.freeze({
  ...(Object.fromEntries(Object.keys(COLUMNS).map((key) => [key, null])) as Record<keyof TicketRow, null>),
  customer: {},
  delivery: {},
  facts: {},
  version: 1,
});

/**
 * A new ticket as it will be stored: its id (a UUIDv7, so new rows go to the right-hand end of the
 * primary key instead of a random page of it), timestamps and every column. Built before the insert,
 * so that the messages it causes can be written in the same round trip. Every item belongs to a return
 * (built by newReturnRow, inserted in the same statement), at its position in it.
 */
export function newTicketRow(
  values: TicketValues & Pick<TicketRow, 'tenantId' | 'returnId' | 'position' | 'status' | 'reason'>,
  now: Date,
): TicketRow {
  const row: TicketRow = {
    ...NEW_TICKET,
    ...values,
    id: uuidv7(now.getTime()),
    createdAt: now,
    updatedAt: now,
  };
  for (const key of Object.keys(row) as Array<keyof TicketRow>) {
    if (row[key] === undefined) (row as unknown as Record<string, null>)[key] = null;
  }
  return row;
}

const DATE_COLUMNS = new Set([
  'shipped_on',
  'rma_issued_on',
  'rma_valid_until',
  'replacement_covered_until',
  'sla_due_on',
]);
const JSON_COLUMNS = new Set(['customer', 'delivery', 'facts', 'decision']);

/** The columns of `keys` (default: every column) as TicketRow keys, of the table aliased `alias`. */
export const selectTicket = (
  alias = '',
  keys: Array<keyof TicketRow> = Object.keys(COLUMNS) as Array<keyof TicketRow>,
) =>
  keys
    .map((key) => [key, COLUMNS[key]] as const)
    .map(([key, col]) => {
      const ref = `${alias}${col}`;
      if (DATE_COLUMNS.has(col)) return `${isoDate(ref)} AS "${key}"`;
      if (col === 'credit_minor') return `${ref}::float8 AS "${key}"`;
      return `${ref} AS "${key}"`;
    })
    .join(', ');
export const SELECT_TICKET = selectTicket();
export const SELECT_TICKET_T = selectTicket('t.');

/** A value as its column takes it (JSON documents as text). */
export function encode(col: string, value: unknown): unknown {
  return JSON_COLUMNS.has(col) && value !== null && value !== undefined ? JSON.stringify(value) : value;
}
