import type { DraftPatch } from '../utils/ticket-facts';
import { api } from './client';
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type Sla = Schemas['SlaDoc'];
/** A row of the ticket list. */
export type TicketListItem = Schemas['TicketListItemDoc'];
/** A page of the list; `nextCursor` is null on the last page. */
export type TicketPage = Schemas['TicketPageDoc'];

type ListQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;
export type TicketSort = NonNullable<ListQuery['sort']>;
export const TICKET_SORTS = ['-createdAt', 'createdAt', 'slaDueOn'] as const satisfies readonly TicketSort[];
/** The list's query; the client writes `slaBreached` as the 'true' or 'false' the API reads. */
export type TicketQuery = Omit<ListQuery, 'slaBreached'> & { slaBreached?: boolean };

export type Customer = Schemas['CustomerDto'];
export type Delivery = Schemas['DeliveryDto'];
export type ProductInfo = Schemas['ProductDto'];
/** What a reseller writes on a ticket (all optional on a draft). */
export type TicketContent = Schemas['TicketContentDto'];
export type TimelineEntry = Schemas['TimelineEntryDoc'];
export type TicketView = Schemas['TicketViewDoc'];
/** GET /tickets/{id}: the ticket with its timeline and attachments. */
export type TicketDetail = Schemas['TicketDetailDoc'];
export type TransitionInput = Schemas['TransitionDto'];
/** The actions a user can send. */
export type UserTicketAction = TransitionInput['action'];
export type Prefill = Schemas['PrefillDoc'];
export type StatusCounts =
  paths['/api/v1/tickets/counts']['get']['responses'][200]['content']['application/json'];
export type Decision = Schemas['DecisionDoc'];

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
export const createTicket = (content: Schemas['CreateTicketDto'], idempotencyKey?: string) =>
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
