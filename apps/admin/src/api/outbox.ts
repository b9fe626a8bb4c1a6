import { MAIL_KINDS, MAIL_STATUSES, type MailKind, type MailStatus } from '@rma/rules';
import { api } from './client';
import type { components, paths } from './schema';

export { MAIL_KINDS, MAIL_STATUSES, type MailKind, type MailStatus } from '@rma/rules';

/** A message of the e-mail outbox. */
export type OutboxMessage = components['schemas']['MailDoc'];
export type OutboxQuery = NonNullable<paths['/api/v1/outbox']['get']['parameters']['query']>;

export interface OutboxFilters {
  status: MailStatus | '';
  kind: MailKind | '';
  ticketId: string;
  to: string;
}

type UrlQuery = Record<string, unknown>;

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | '' =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : '';
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The filters in the page's URL (unknown values dropped). */
export function outboxFiltersFromUrl(query: UrlQuery): OutboxFilters {
  return {
    status: oneOf(MAIL_STATUSES, query['status']),
    kind: oneOf(MAIL_KINDS, query['kind']),
    ticketId: text(query['ticketId']),
    to: text(query['to']),
  };
}

/** The API query of a page: only the filters set, the page size and the cursor. */
export function buildOutboxQuery(f: OutboxFilters, cursor: string | null, limit = 25): OutboxQuery {
  const q: OutboxQuery = {};
  if (f.status) q.status = f.status;
  if (f.kind) q.kind = f.kind;
  if (f.ticketId) q.ticketId = f.ticketId;
  if (f.to) q.to = f.to;
  q.limit = limit;
  if (cursor) q.cursor = cursor;
  return q;
}

export const listOutbox = (query: OutboxQuery, signal?: AbortSignal) =>
  api.get<components['schemas']['MailPageDoc']>('/outbox', { query: { ...query }, signal });

/** Sends a message again (failed, kept without a mail server, or sent and lost); staff only. */
export const resendMessage = (id: string) =>
  api.post<OutboxMessage>(`/outbox/${encodeURIComponent(id)}/resend`);
