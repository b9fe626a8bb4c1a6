import { api } from './client';
import type { CreateReturnInput, ReturnPreview, ReturnView } from './returns-contract';

export type { CreateReturnInput, ReturnItemInput, ReturnItemView, ReturnView } from './returns-contract';

/** Submits a return (or saves it as drafts with `submit: false`); the Idempotency-Key makes a retry safe. */
export const createReturn = (body: CreateReturnInput, idempotencyKey?: string) =>
  api.post<ReturnView>('/returns', body, {
    headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
  });

export const getReturn = (id: string) => api.get<ReturnView>(`/returns/${encodeURIComponent(id)}`);

/** Each item's decision as the API would make it; stores nothing. */
export const previewReturn = (body: CreateReturnInput, signal?: AbortSignal) =>
  api.post<ReturnPreview>('/returns/preview', body, { signal });
