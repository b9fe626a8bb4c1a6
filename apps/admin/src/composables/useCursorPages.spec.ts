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

  it('counts pages and reloads the one shown where it started', async () => {
    const fetchPage = vi.fn(async (at: string | null) => PAGES[at ?? 'first']!);
    const p = useCursorPages(fetchPage, 'failed');
    await p.first();
    expect([p.pageNumber.value, p.hasPrev.value, p.hasNext.value]).toEqual([1, false, true]);
    await p.prev(); // already on the first page: nothing fetched
    expect(fetchPage).toHaveBeenCalledTimes(1);
    await p.next();
    await p.next();
    expect([p.pageNumber.value, p.hasPrev.value, p.hasNext.value]).toEqual([3, true, false]);
    await p.reload();
    expect(fetchPage).toHaveBeenLastCalledWith('c3', expect.any(AbortSignal));
    expect(p.pageNumber.value).toBe(3);
  });

  it('stays on its page when the next one fails, and shows no rows under the error', async () => {
    let fail = false;
    const p = useCursorPages(async (at: string | null) => {
      if (fail) throw new ApiError(400, 'VALIDATION_FAILED', 'cursor: not a cursor');
      return PAGES[at ?? 'first']!;
    }, 'failed');
    await p.first();
    fail = true;
    await p.next();
    expect(p.error.value?.code).toBe('VALIDATION_FAILED');
    expect(p.items.value).toEqual([]);
    expect(p.hasNext.value).toBe(false);
    expect(p.stack.value).toEqual([]);
    expect(p.pageNumber.value).toBe(1);
  });

  it('aborts a fetch still running when another starts: the slower, older answer is not shown', async () => {
    const signals: AbortSignal[] = [];
    const answers: ((page: { items: number[]; nextCursor: string | null }) => void)[] = [];
    const p = useCursorPages(
      (_at: string | null, signal: AbortSignal) =>
        new Promise<{ items: number[]; nextCursor: string | null }>((resolve) => {
          signals.push(signal);
          answers.push(resolve);
        }),
      'failed',
    );
    const older = p.load(null);
    const newer = p.load('c2');
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    answers[1]!(PAGES['c2']!);
    expect(await newer).toBe(true);
    answers[0]!(PAGES['first']!);
    expect(await older).toBe(false);
    expect(p.items.value).toEqual([3, 4]);
    expect(p.cursor.value).toBe('c2');
    expect(p.loading.value).toBe(false);
    expect(p.error.value).toBeNull();
  });

  it('ignores an aborted request instead of reporting it as an error', async () => {
    const p = useCursorPages(async (_at: string | null, signal: AbortSignal) => {
      await Promise.resolve();
      if (signal.aborted) throw new ApiError(0, 'ABORTED', 'aborted');
      return PAGES['c3']!;
    }, 'failed');
    const older = p.load(null);
    await p.load('c3');
    await older;
    expect(p.error.value).toBeNull();
    expect(p.items.value).toEqual([5]);
  });
});
