/**
 * Fakes for the ticket services' unit specs: a stored ticket, a manufacturer, and a tickets
 * repository over plain objects that records what the services write.
 */
import type { Decision, ManufacturerConfig } from '@rma/rules';
import type { ManufacturerEntity } from '../../src/manufacturers/entities/manufacturer.entity.js';
import type { ManufacturersService } from '../../src/manufacturers/manufacturers.service.js';
import type {
  StoredFacts,
  TicketEventValues,
  TicketRow,
  TicketValues,
} from '../../src/tickets/tickets.repository.js';
import { TicketsRepository } from '../../src/tickets/tickets.repository.js';
import { TENANT_ID } from './unit.js';

export const MF_ID = '0190a000-0000-7000-8000-0000000000d1';
export const TICKET_ID = '0190a000-0000-7000-8000-0000000000c1';

/** An in-house manufacturer (the distributor handles its RMAs), RMA numbers valid 10 days. */
export const DEXXON: ManufacturerConfig = {
  slug: 'dexxon-brand',
  name: 'Dexxon Brand',
  adapter: 'IN_HOUSE',
  destroyBelowMinor: 2000,
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 10,
};

export function manufacturer(over: Partial<ManufacturerEntity> = {}): ManufacturerEntity {
  return {
    id: MF_ID,
    slug: DEXXON.slug,
    name: DEXXON.name,
    config: DEXXON,
    returnAddress: null,
    revision: 3,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  } as ManufacturerEntity;
}

/** The manufacturers service as the ticket services use it, knowing `known` (default: Dexxon). */
export function fakeManufacturers(known: ManufacturerEntity[] = [manufacturer()]): ManufacturersService {
  const bySlug = (slug: string | null | undefined) => known.find((m) => m.slug === slug) ?? null;
  return {
    named: async (slug: string | null | undefined) => (slug ? bySlug(slug) : null),
    byId: async (id: string) => known.find((m) => m.id === id) ?? null,
    bySlug: async (slug: string) => bySlug(slug),
    all: async () => new Map(known.map((m) => [m.id, m])),
  } as unknown as ManufacturersService;
}

/** The decision an in-warranty Dexxon defect gets: returned for inspection, invoiced EUR 82.00. */
export const IN_HOUSE_DECISION = {
  reason: 'DEFECT',
  route: 'IN_HOUSE',
  handling: 'RETURN_FOR_INSPECTION',
  warranty: { status: 'IN_WARRANTY', endsOn: '2027-05-31' },
  amounts: { invoicedPrice: { amountMinor: 8200, currency: 'EUR' }, restockingFee: null, credit: null },
  reasons: ['In warranty.'],
  rulesVersion: '1.0.0',
} as unknown as Decision;

/** A stored ticket of TENANT_ID: a Dexxon defect in review unless told otherwise. */
export function ticketRow(over: Partial<TicketRow> = {}): TicketRow {
  return {
    id: TICKET_ID,
    tenantId: TENANT_ID,
    returnId: TICKET_ID,
    position: 1,
    status: 'IN_REVIEW',
    reason: 'DEFECT',
    manufacturerId: MF_ID,
    sku: 'DX-1',
    serialNumber: 'DX0001',
    invoiceRef: null,
    customer: { name: 'Café Lumière' },
    customerName: 'Café Lumière',
    delivery: {},
    facts: { purchaseDate: '2025-06-01' },
    faultDescription: 'does not boot',
    supportTicketNumber: null,
    resellerReference: null,
    decision: IN_HOUSE_DECISION,
    rulesVersion: '1.0.0',
    manufacturerRevision: 3,
    route: 'IN_HOUSE',
    handling: 'RETURN_FOR_INSPECTION',
    warrantyStatus: 'IN_WARRANTY',
    rmaNumber: null,
    rmaIssuedOn: null,
    rmaValidUntil: null,
    carrier: null,
    trackingNumber: null,
    shippedOn: null,
    outcome: null,
    creditMinor: null,
    currency: 'EUR',
    replacementSerial: null,
    replacementCoveredUntil: null,
    vendorRmaNumber: null,
    slaDueOn: '2026-03-20',
    submittedAt: new Date('2026-03-06T10:00:00Z'),
    receivedAt: null,
    parcelId: null,
    parcelMissingAt: null,
    createdBy: null,
    createdAt: new Date('2026-03-06T10:00:00Z'),
    updatedAt: new Date('2026-03-06T10:00:00Z'),
    version: 2,
    ...over,
  };
}

/** What the facts look-up answers: the tenant's currency and an invoice line of EUR 82.00. */
export const STORED_FACTS: StoredFacts = {
  tenant: {
    currency: 'EUR',
    restocking_fee_percent: null,
    restocking_fee_min_minor: null,
    return_window_days: null,
    delivery_error_window_days: null,
  },
  line: { unit_price_minor: 8200, currency: 'EUR', invoiced_on: '2025-05-20' },
  replacement: null,
};

export interface TicketWrites {
  inserted: Array<{ row: TicketRow; events: TicketEventValues[] }>;
  updated: Array<{
    id: string;
    version: number;
    values: TicketValues;
    events: TicketEventValues[];
    at: Date;
  }>;
}

/**
 * A tickets repository over `rows` (by id): updates apply to the row in memory (null when the
 * version moved, or when `conflict`), inserts and updates are recorded in `writes`.
 */
export function fakeTickets(
  rows: TicketRow[] = [],
  o: { facts?: StoredFacts; sequence?: number; conflict?: boolean; pastValidity?: TicketRow[][] } = {},
): { repo: TicketsRepository; writes: TicketWrites } {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const writes: TicketWrites = { inserted: [], updated: [] };
  const pages = [...(o.pastValidity ?? [])];
  const repo = Object.assign(Object.create(TicketsRepository.prototype) as TicketsRepository, {
    gatherFacts: async () => o.facts ?? STORED_FACTS,
    insert: (row: TicketRow, events: TicketEventValues[]) => {
      writes.inserted.push({ row, events });
      byId.set(row.id, row);
    },
    findById: async (id: string) => byId.get(id) ?? null,
    update: async (
      id: string,
      version: number,
      values: TicketValues,
      events: TicketEventValues[],
      at: Date,
    ) => {
      writes.updated.push({ id, version, values, events, at });
      const row = byId.get(id);
      if (!row || row.version !== version || o.conflict) return null;
      const next = { ...row, ...values, version: version + 1, updatedAt: at } as TicketRow;
      byId.set(id, next);
      return next;
    },
    nextRmaSequence: async () => o.sequence ?? 1,
    approvedPastValidity: async () => pages.shift() ?? [],
  });
  return { repo, writes };
}
