/** Shared test data: configs as the demo API serves them. */
import { DEFAULT_FEE_POLICY, type FeePolicy, type ManufacturerConfig } from '@rma/rules';
import type { TicketDetail } from '../api/tickets';

export const GRANDSTREAM: ManufacturerConfig = {
  slug: 'grandstream',
  name: 'Grandstream',
  adapter: 'IN_HOUSE',
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  supportTicket: { helpdeskUrl: 'https://helpdesk.grandstream.com/', numberPattern: '^GS-\\d{6}$' },
  rmaValidityDays: 14,
};

export const INNOVAPHONE: ManufacturerConfig = {
  slug: 'innovaphone',
  name: 'innovaphone',
  adapter: 'VENDOR_PORTAL',
  portalUrl: 'https://rma.innovaphone.com/',
  portalInstructions: 'Bring the serial number.',
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 14,
};

export const FEES: FeePolicy = { ...DEFAULT_FEE_POLICY };

/** Stands in for fetch: answers with `status` and `body` as JSON, and records the calls. */
export function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = async (url: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return new Response(body === undefined ? '' : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fn: fn as typeof fetch, calls };
}

export function ticketDetail(over: Partial<TicketDetail> = {}): TicketDetail {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    tenantId: '22222222-2222-4222-8222-222222222222',
    returnId: '11111111-1111-4111-8111-111111111111',
    position: 1,
    status: 'IN_REVIEW',
    reason: 'DEFECT',
    manufacturer: 'grandstream',
    product: {
      sku: 'GS-GRP2612',
      serialNumber: 'GSA1001',
      invoiceRef: null,
      purchaseDate: null,
      usage: null,
    },
    customer: { name: 'Café Lumière' },
    delivery: {},
    faultDescription: 'Dark display',
    unused: null,
    originalPackaging: null,
    exclusions: [],
    supportTicketNumber: 'GS-123456',
    resellerReference: null,
    decision: null,
    rulesVersion: null,
    manufacturerRevision: null,
    rma: null,
    shipping: { carrier: null, trackingNumber: null, shippedOn: null },
    parcel: null,
    outcome: null,
    credit: null,
    replacement: null,
    vendorRmaNumber: null,
    sla: null,
    allowedActions: [],
    submittedAt: null,
    receivedAt: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    timeline: [],
    attachments: [],
    ...over,
  };
}
