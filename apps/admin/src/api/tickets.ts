import type {
  Decision,
  Exclusion,
  Money,
  Outcome,
  Reason,
  Route,
  SlaState,
  TicketAction,
  TicketStatus,
} from '@rma/rules';
import type { DraftPatch } from '../utils/ticket-facts';
import type { Attachment } from './attachments';
import { api } from './client';

export interface Sla {
  dueOn: string;
  state: SlaState;
}

/** A row of the ticket list. */
export interface TicketListItem {
  id: string;
  tenantId: string;
  tenantName: string;
  status: TicketStatus;
  reason: Reason;
  route: Route | null;
  handling: string | null;
  manufacturer: string | null;
  sku: string | null;
  serialNumber: string | null;
  customerName: string | null;
  rmaNumber: string | null;
  sla: Sla | null;
  createdAt: string;
  updatedAt: string;
}

export interface TicketPage {
  items: TicketListItem[];
  /** Opaque keyset cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

export const TICKET_SORTS = ['-createdAt', 'createdAt', 'slaDueOn'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketQuery {
  status?: TicketStatus;
  reason?: Reason;
  route?: Route;
  /** Manufacturer slug. */
  manufacturer?: string;
  /** Staff only. */
  tenantId?: string;
  slaBreached?: boolean;
  /** Serial number, RMA number, or the start of the customer's name. */
  q?: string;
  sort?: TicketSort;
  limit?: number;
  cursor?: string;
}

export interface Customer {
  name?: string;
  contactName?: string;
  email?: string;
  phone?: string;
}

export interface Delivery {
  deliveredOn?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

export interface ProductInfo {
  manufacturer?: string;
  sku?: string;
  serialNumber?: string;
  invoiceRef?: string;
  /** End user's proof-of-purchase date. */
  purchaseDate?: string;
  usage?: number;
}

/** What a reseller writes on a ticket (all optional on a draft). */
export interface TicketContent {
  reason?: Reason;
  customer?: Customer;
  delivery?: Delivery;
  product?: ProductInfo;
  faultDescription?: string;
  unused?: boolean;
  originalPackaging?: boolean;
  exclusions?: Exclusion[];
  supportTicketNumber?: string;
  resellerReference?: string;
}

export interface TimelineEntry {
  id: number;
  at: string;
  actorType: 'USER' | 'API_KEY' | 'SYSTEM' | 'MANUFACTURER';
  actorId: string | null;
  actorLabel: string;
  action: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  note: string | null;
}

export interface TicketView {
  id: string;
  tenantId: string;
  status: TicketStatus;
  reason: Reason;
  manufacturer: string | null;
  product: {
    sku: string | null;
    serialNumber: string | null;
    invoiceRef: string | null;
    purchaseDate: string | null;
    usage: number | null;
  };
  customer: Customer;
  delivery: Delivery;
  faultDescription: string | null;
  unused: boolean | null;
  originalPackaging: boolean | null;
  exclusions: Exclusion[];
  supportTicketNumber: string | null;
  resellerReference: string | null;
  decision: Decision | null;
  rulesVersion: string | null;
  /** The revision of the manufacturer's configuration the decision was made with. */
  manufacturerRevision: number | null;
  rma: { number: string; issuedOn: string | null; validUntil: string | null } | null;
  shipping: { carrier: string | null; trackingNumber: string | null; shippedOn: string | null };
  outcome: Outcome | null;
  credit: Money | null;
  replacement: { serialNumber: string; coveredUntil: string | null } | null;
  vendorRmaNumber: string | null;
  sla: Sla | null;
  /** Exactly the actions the current user may take now. */
  allowedActions: TicketAction[];
  submittedAt: string | null;
  receivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TicketDetail extends TicketView {
  timeline: TimelineEntry[];
  /** Photos, logs, proofs of purchase (absent from an older API's answer). */
  attachments?: Attachment[];
}

/** The actions a user can send (the API's TransitionDto). */
export type UserTicketAction = Exclude<
  TicketAction,
  'ROUTE' | 'EXPIRE' | 'VENDOR_ACCEPT' | 'VENDOR_REJECT' | 'VENDOR_SHIP_REPLACEMENT'
>;

export interface TransitionInput {
  action: UserTicketAction;
  note?: string;
  supportTicketNumber?: string;
  carrier?: string;
  trackingNumber?: string;
  /** Receiving: the RMA number on the parcel. */
  rmaNumber?: string;
  outcome?: Outcome;
  creditMinor?: number;
  replacementSerial?: string;
  replacementCondition?: 'NEW' | 'REFURBISHED';
}

export interface Prefill {
  customer: Customer;
  delivery: Delivery;
}

export type StatusCounts = Partial<Record<TicketStatus, number>>;

export const listTickets = (query: TicketQuery, signal?: AbortSignal) =>
  api.get<TicketPage>('/tickets', { query: { ...query }, signal });

/** Every ticket the list's filters select, as a CSV file (the API's `/tickets.csv`). */
export const exportTickets = (query: Omit<TicketQuery, 'limit' | 'cursor'>) =>
  api.blob('/tickets.csv', { query: { ...query } });

export const countTickets = (tenantId?: string) =>
  api.get<StatusCounts>('/tickets/counts', { query: { tenantId } });

export const getTicket = (id: string) => api.get<TicketDetail>(`/tickets/${encodeURIComponent(id)}`);

export const getPrefill = () => api.get<Prefill>('/tickets/prefill');

export const previewTicket = (content: TicketContent, signal?: AbortSignal) =>
  api.post<Decision>('/tickets/preview', content, { signal });

/** Creates a draft (`submit: false`) or submits at once; the Idempotency-Key makes a retry safe. */
export const createTicket = (content: TicketContent & { submit: boolean }, idempotencyKey?: string) =>
  api.post<TicketView>('/tickets', content, {
    headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
  });

/** A draft edit: a merge patch (see draftPatch for how a field is cleared). */
export const updateDraft = (id: string, content: TicketContent | DraftPatch) =>
  api.patch<TicketView>(`/tickets/${encodeURIComponent(id)}`, content);

export const transitionTicket = (id: string, input: TransitionInput) =>
  api.post<TicketView>(`/tickets/${encodeURIComponent(id)}/transitions`, input);

/** The printable RMA form of an approved ticket (PDF). */
export const getRmaFormPdf = (id: string) => api.blob(`/tickets/${encodeURIComponent(id)}/rma-form.pdf`);
