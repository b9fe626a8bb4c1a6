/**
 * Tickets: the list (the staff triage queue, or a reseller's own tickets: one per session, as a user
 * is one or the other), its filters and keyset pages, the counts per status, and the ticket open on
 * the ticket page with its actions.
 */
import { REASONS, ROUTES, TICKET_STATUSES, type Reason, type Route, type TicketStatus } from '@rma/rules';
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { ApiError } from '../api/client';
import * as ticketsApi from '../api/tickets';
import { useCursorPages } from '../composables/useCursorPages';
import {
  TICKET_SORTS,
  type StatusCounts,
  type TicketDetail,
  type TicketListItem,
  type TicketQuery,
  type TicketSort,
  type TransitionInput,
} from '../api/tickets';

export const PAGE_SIZE = 25;

/** The queue's filters as the form holds them: '' means "any". */
export interface TicketFilters {
  status: TicketStatus | '';
  reason: Reason | '';
  route: Route | '';
  manufacturer: string;
  tenantId: string;
  slaBreached: boolean;
  q: string;
  sort: TicketSort;
}

export function emptyFilters(): TicketFilters {
  return {
    status: '',
    reason: '',
    route: '',
    manufacturer: '',
    tenantId: '',
    slaBreached: false,
    q: '',
    sort: '-createdAt',
  };
}

/** The API query for the filters and a page cursor: only what is set, search text trimmed. */
export function buildTicketQuery(
  filters: TicketFilters,
  cursor: string | null = null,
  limit = PAGE_SIZE,
): TicketQuery {
  const query: TicketQuery = { limit };
  if (filters.status) query.status = filters.status;
  if (filters.reason) query.reason = filters.reason;
  if (filters.route) query.route = filters.route;
  if (filters.manufacturer) query.manufacturer = filters.manufacturer;
  if (filters.tenantId) query.tenantId = filters.tenantId;
  if (filters.slaBreached) query.slaBreached = true;
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.sort !== '-createdAt') query.sort = filters.sort;
  if (cursor) query.cursor = cursor;
  return query;
}

type UrlQuery = Record<string, string | null | (string | null)[] | undefined>;

function one(value: UrlQuery[string]): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function oneOf<T extends string>(values: readonly T[], value: string): T | '' {
  return (values as readonly string[]).includes(value) ? (value as T) : '';
}

/** Filters from the page URL (so a filtered queue can be reloaded, shared and navigated back to). */
export function filtersFromUrl(query: UrlQuery): TicketFilters {
  const sort = one(query['sort']);
  return {
    status: oneOf(TICKET_STATUSES, one(query['status'])),
    reason: oneOf(REASONS, one(query['reason'])),
    route: oneOf(ROUTES, one(query['route'])),
    manufacturer: one(query['manufacturer']),
    tenantId: one(query['tenantId']),
    slaBreached: one(query['slaBreached']) === 'true',
    q: one(query['q']),
    sort: (TICKET_SORTS as readonly string[]).includes(sort) ? (sort as TicketSort) : '-createdAt',
  };
}

/** The URL query of the filters: only what differs from the defaults. */
export function filtersToUrl(filters: TicketFilters): Record<string, string> {
  const out: Record<string, string> = {};
  const q = buildTicketQuery(filters, null);
  for (const [k, v] of Object.entries(q)) {
    if (k === 'limit' || v === undefined) continue;
    out[k] = String(v);
  }
  return out;
}

export const useTicketsStore = defineStore('tickets', () => {
  // ---- the list ----
  const filters = reactive<TicketFilters>(emptyFilters());
  const pages = useCursorPages<TicketListItem>(
    (cursor, signal) => ticketsApi.listTickets(buildTicketQuery(filters, cursor), signal),
    'The tickets could not be loaded.',
  );
  const counts = ref<StatusCounts>({});
  const countsLoading = ref(false);

  const totalCount = computed(() => Object.values(counts.value).reduce((a, b) => a + (b ?? 0), 0));

  /** Applies new filters and loads their first page. */
  async function search(next?: Partial<TicketFilters>): Promise<void> {
    if (next) Object.assign(filters, next);
    await pages.first();
  }

  /** Reloads the page shown (after an action elsewhere). */
  async function reload(): Promise<void> {
    await pages.reload();
  }

  async function loadCounts(tenantId?: string): Promise<void> {
    countsLoading.value = true;
    try {
      counts.value = await ticketsApi.countTickets(tenantId || undefined);
    } finally {
      countsLoading.value = false;
    }
  }

  // ---- the open ticket ----
  const current = ref<TicketDetail | null>(null);
  const currentLoading = ref(false);
  const currentError = ref<ApiError | null>(null);
  /** The action being sent, for its button's busy state. */
  const acting = ref<string | null>(null);

  async function open(id: string): Promise<void> {
    if (current.value?.id !== id) current.value = null;
    currentLoading.value = true;
    currentError.value = null;
    try {
      current.value = await ticketsApi.getTicket(id);
    } catch (err) {
      current.value = null;
      currentError.value =
        err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'The ticket could not be loaded.');
      // A malformed id is "not found" to the user, like another reseller's ticket.
      if (currentError.value.status === 400 && currentError.value.errorFor('id')) {
        currentError.value = new ApiError(404, 'NOT_FOUND', 'Ticket not found');
      }
    } finally {
      currentLoading.value = false;
    }
  }

  /** Takes an action on the open ticket; the view (with its timeline) is reloaded. Throws ApiError. */
  async function act(input: TransitionInput): Promise<TicketDetail> {
    const ticket = current.value;
    if (!ticket) throw new Error('No ticket is open');
    acting.value = input.action;
    try {
      await ticketsApi.transitionTicket(ticket.id, input);
      const fresh = await ticketsApi.getTicket(ticket.id);
      current.value = fresh;
      const row = pages.items.value.findIndex((t) => t.id === fresh.id);
      if (row >= 0) {
        const old = pages.items.value[row]!;
        pages.items.value[row] = {
          ...old,
          status: fresh.status,
          rmaNumber: fresh.rma?.number ?? null,
          sla: fresh.sla,
        };
      }
      return fresh;
    } finally {
      acting.value = null;
    }
  }

  function setCurrent(ticket: TicketDetail | null): void {
    current.value = ticket;
  }

  return {
    filters,
    items: pages.items,
    nextCursor: pages.nextCursor,
    loading: pages.loading,
    listError: pages.error,
    counts,
    countsLoading,
    totalCount,
    pageNumber: pages.pageNumber,
    hasNext: pages.hasNext,
    hasPrev: pages.hasPrev,
    search,
    nextPage: pages.next,
    prevPage: pages.prev,
    reload,
    loadCounts,
    current,
    currentLoading,
    currentError,
    acting,
    open,
    act,
    setCurrent,
  };
});
