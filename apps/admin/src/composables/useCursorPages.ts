/**
 * Keyset pages of a list the API answers as `{ items, nextCursor }`: the current page, where it started,
 * the cursors of the pages before it (for Previous), and the loading and error state of each fetch.
 * A fetch still running is aborted when another starts, so a slow answer never replaces a newer one.
 */
import { computed, ref, type Ref } from 'vue';
import { ApiError } from '../api/client';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function useCursorPages<T>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<CursorPage<T>>,
  failure: string,
) {
  const items = ref([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  /** Where each earlier page started (null: the first page). */
  const stack = ref<(string | null)[]>([]);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let running: AbortController | null = null;

  const pageNumber = computed(() => stack.value.length + 1);
  const hasPrev = computed(() => stack.value.length > 0);
  const hasNext = computed(() => nextCursor.value !== null);

  /** Loads the page starting at `at`; true when it is shown (not failed, not overtaken by another load). */
  async function load(at: string | null): Promise<boolean> {
    running?.abort();
    const abort = new AbortController();
    running = abort;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(at, abort.signal);
      if (abort.signal.aborted) return false;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      cursor.value = at;
      return true;
    } catch (err) {
      if (abort.signal.aborted || (err instanceof ApiError && err.code === 'ABORTED')) return false;
      error.value = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', failure);
      // No rows of another page under the error, and no Next from them.
      items.value = [];
      nextCursor.value = null;
      return false;
    } finally {
      if (running === abort) {
        loading.value = false;
        running = null;
      }
    }
  }

  /** Back to the first page (after a filter changed). */
  function first(): Promise<boolean> {
    stack.value = [];
    return load(null);
  }

  /** The page shown, again (after an action changed its rows). */
  const reload = (): Promise<boolean> => load(cursor.value);

  async function next(): Promise<void> {
    if (!nextCursor.value) return;
    const from = cursor.value;
    if (await load(nextCursor.value)) stack.value = [...stack.value, from];
  }

  async function prev(): Promise<void> {
    if (stack.value.length === 0) return;
    const earlier = [...stack.value];
    const to = earlier.pop() ?? null;
    if (await load(to)) stack.value = earlier;
  }

  return {
    items,
    nextCursor,
    stack,
    cursor,
    loading,
    error,
    pageNumber,
    hasPrev,
    hasNext,
    load,
    first,
    reload,
    next,
    prev,
  };
}
