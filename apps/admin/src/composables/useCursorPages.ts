/**
 * Keyset pages of a list the API answers as `{ items, nextCursor }`: the current page, where it started,
 * the cursors of the pages before it (for Previous), and the loading and error state of each fetch.
 */
import { ref, type Ref } from 'vue';
import { ApiError } from '../api/client';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function useCursorPages<T>(
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
  failure: string,
) {
  const items = ref([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  /** Where each earlier page started (null: the first page). */
  const stack = ref<(string | null)[]>([]);
  const cursor = ref<string | null>(null);
  const loading = ref(true);
  const error = ref<ApiError | null>(null);

  async function load(at: string | null): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(at);
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      cursor.value = at;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', failure);
    } finally {
      loading.value = false;
    }
  }

  /** Back to the first page (after a filter changed). */
  function first(): Promise<void> {
    stack.value = [];
    return load(null);
  }

  async function next(): Promise<void> {
    if (!nextCursor.value) return;
    const from = cursor.value;
    await load(nextCursor.value);
    stack.value = [...stack.value, from];
  }

  async function prev(): Promise<void> {
    const earlier = [...stack.value];
    const to = earlier.pop() ?? null;
    await load(to);
    stack.value = earlier;
  }

  return { items, nextCursor, stack, cursor, loading, error, load, first, next, prev };
}
