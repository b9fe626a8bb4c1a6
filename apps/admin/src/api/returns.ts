import { api } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** POST /returns: the shared information once and 1 to 100 items. */
export type CreateReturnInput = Schemas['CreateReturnDto'];
/** One item of a return: today's per-product content of a ticket. */
export type ReturnItemInput = Schemas['ReturnItemDto'];
/** A ticket as an item of a return (its returnId and position in it). */
export type ReturnItemView = Schemas['TicketViewDoc'];
/** GET /returns/{id} and the answer to POST /returns: the items in their order. */
export type ReturnView = Schemas['ReturnViewDoc'];
export type ReturnPreview = Schemas['ReturnPreviewDoc'];

/** Submits a return (or saves it as drafts with `submit: false`); the Idempotency-Key makes a retry safe. */
export const createReturn = (body: CreateReturnInput, idempotencyKey?: string) =>
  api.post<ReturnView>('/returns', body, {
    headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
  });

export const getReturn = (id: string) => api.get<ReturnView>(`/returns/${encodeURIComponent(id)}`);

/** Each item's decision as the API would make it; stores nothing. */
export const previewReturn = (body: Schemas['ReturnContentDto'], signal?: AbortSignal) =>
  api.post<ReturnPreview>('/returns/preview', body, { signal });

/** Every item's timeline as one, oldest first, each entry naming its item. */
export type ReturnTimelineEntry = Schemas['ReturnTimelineEntryDoc'];
export const getReturnTimeline = (id: string) =>
  api.get<ReturnTimelineEntry[]>(`/returns/${encodeURIComponent(id)}/timeline`);
