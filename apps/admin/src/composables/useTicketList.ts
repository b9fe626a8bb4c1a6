/**
 * Keeps the ticket list in step with the page URL: filters are written to the query string (so a
 * filtered queue survives a reload and the back button works), and a URL change loads the first page.
 */
import { onBeforeUnmount, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { filtersFromUrl, filtersToUrl, useTicketsStore, type TicketFilters } from '../stores/tickets';
import { useToastStore } from '../stores/toasts';

function sameQuery(a: Record<string, string>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== (typeof b[k] === 'string' ? b[k] : undefined)) return false;
  return true;
}

export interface TicketListOptions {
  /** The reseller whose counts to show (staff filtering by reseller); undefined: all visible tickets. */
  countsTenant?: (filters: TicketFilters) => string | undefined;
}

export function useTicketList(pageName: string, options: TicketListOptions = {}) {
  const store = useTicketsStore();
  const route = useRoute();
  const router = useRouter();
  const toasts = useToastStore();

  async function refreshCounts(): Promise<void> {
    try {
      await store.loadCounts(options.countsTenant?.(filtersFromUrl(route.query)));
    } catch (err) {
      toasts.error(err, 'Counts');
    }
  }

  /** Whose counts are shown; null until they are first loaded. */
  let countsFor: string | undefined | null = null;

  async function load(): Promise<void> {
    const filters = filtersFromUrl(route.query);
    const tenant = options.countsTenant?.(filters);
    const counting = countsFor === null || tenant !== countsFor ? refreshCounts() : Promise.resolve();
    countsFor = tenant;
    await Promise.all([store.search(filters), counting]);
  }

  /** Changes some filters: the URL changes, and the watcher below loads the first page. */
  async function apply(partial: Partial<TicketFilters>): Promise<void> {
    const next: TicketFilters = { ...store.filters, ...partial };
    const query = filtersToUrl(next);
    if (sameQuery(query, route.query)) {
      await store.search(next);
    } else {
      await router.replace({ name: pageName, query });
    }
  }

  async function refresh(): Promise<void> {
    await Promise.all([store.reload(), refreshCounts()]);
  }

  const stop = watch(
    () => route.fullPath,
    () => {
      if (route.name === pageName) void load();
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);

  return { store, apply, refresh, refreshCounts };
}
