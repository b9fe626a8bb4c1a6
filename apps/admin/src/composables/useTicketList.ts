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

export function useTicketList(pageName: string, options: { counts?: () => string | undefined } = {}) {
  const store = useTicketsStore();
  const route = useRoute();
  const router = useRouter();
  const toasts = useToastStore();

  async function refreshCounts(): Promise<void> {
    try {
      await store.loadCounts(options.counts?.());
    } catch (err) {
      toasts.error(err, 'Counts');
    }
  }

  async function load(): Promise<void> {
    await store.search(filtersFromUrl(route.query));
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
  void refreshCounts();
  onBeforeUnmount(stop);

  return { store, apply, refresh, refreshCounts };
}
