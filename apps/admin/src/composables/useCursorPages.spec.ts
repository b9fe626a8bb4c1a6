import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { useCursorPages } from './useCursorPages';

/** Three pages of two items behind cursors 'c2' and 'c3'. */
const PAGES: Record<string, { items: number[]; nextCursor: string | null }> = {
  first: { items: [1, 2], nextCursor: 'c2' },
  c2: { items: [3, 4], nextCursor: 'c3' },
  c3: { items: [5], nextCursor: null },
};

describe('useCursorPages', () => {
  it('walks forward and back through keyset pages, remembering where each started', async () => {
    const fetchPage = vi.fn(async (at: string | null) => PAGES[at ?? 'first']!);
    const p = useCursorPages(fetchPage, 'failed');
    await p.load(null);
    await p.next();
    await p.next();
    expect(p.items.value).toEqual([5]);
    expect(p.stack.value).toEqual([null, 'c2']);
    await p.next(); // no next page: nothing fetched
    expect(fetchPage).toHaveBeenCalledTimes(3);
    await p.prev();
    expect(p.items.value).toEqual([3, 4]);
    expect(p.cursor.value).toBe('c2');
    await p.first();
    expect(p.items.value).toEqual([1, 2]);
    expect(p.stack.value).toEqual([]);
  });

  it('keeps an API error as it is and wraps anything else with the given message', async () => {
    const apiError = new ApiError(400, 'VALIDATION_FAILED', 'cursor: not a cursor');
    const p = useCursorPages(async () => Promise.reject(apiError), 'The list could not be loaded.');
    await p.load('x');
    expect(p.error.value).toBe(apiError);
    expect(p.loading.value).toBe(false);
    const q = useCursorPages(
      async () => Promise.reject(new TypeError('network')),
      'The list could not be loaded.',
    );
    await q.load(null);
    expect(q.error.value?.message).toBe('The list could not be loaded.');
  });
});
