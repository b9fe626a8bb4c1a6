import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../api/client';
import { buildTicketQuery, emptyFilters, filtersFromUrl, filtersToUrl, useTicketsStore } from './tickets';

describe('triage filters → API query', () => {
  it('sends only what is set, with the page size', () => {
    expect(buildTicketQuery(emptyFilters())).toEqual({ limit: 25 });
  });

  it('builds the query of every filter, trims the search, keeps the cursor', () => {
    const q = buildTicketQuery(
      {
        status: 'IN_REVIEW',
        reason: 'DEFECT',
        route: 'IN_HOUSE',
        manufacturer: 'grandstream',
        tenantId: '92708ba0-4052-4299-9d0d-7af0cd9cc7a2',
        slaBreached: true,
        q: '  GSA1001 ',
        sort: 'slaDueOn',
      },
      'eyJjdXJzb3IiOjF9',
      50,
    );
    expect(q).toEqual({
      limit: 50,
      status: 'IN_REVIEW',
      reason: 'DEFECT',
      route: 'IN_HOUSE',
      manufacturer: 'grandstream',
      tenantId: '92708ba0-4052-4299-9d0d-7af0cd9cc7a2',
      slaBreached: true,
      q: 'GSA1001',
      sort: 'slaDueOn',
      cursor: 'eyJjdXJzb3IiOjF9',
    });
  });

  it('leaves out the default sort, a blank search and an unticked SLA box', () => {
    expect(buildTicketQuery({ ...emptyFilters(), q: '   ', sort: '-createdAt', slaBreached: false })).toEqual(
      {
        limit: 25,
      },
    );
  });

  it('round-trips the filters through the page URL and drops unknown values', () => {
    const f = { ...emptyFilters(), status: 'APPROVED' as const, q: 'RMA-2026-000001', slaBreached: true };
    const url = filtersToUrl(f);
    expect(url).toEqual({ status: 'APPROVED', q: 'RMA-2026-000001', slaBreached: 'true' });
    expect(filtersFromUrl(url)).toEqual(f);
    expect(filtersFromUrl({ status: 'BOGUS', reason: 'DEFECT', sort: 'nope' })).toEqual({
      ...emptyFilters(),
      reason: 'DEFECT',
    });
  });
});

describe('tickets store: keyset pages', () => {
  const pages: Record<string, { items: { id: string }[]; nextCursor: string | null }> = {
    '': { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'c1' },
    c1: { items: [{ id: 'c' }], nextCursor: 'c2' },
    c2: { items: [{ id: 'd' }], nextCursor: null },
  };
  const urls: string[] = [];

  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    urls.length = 0;
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      const cursor = new URL(url, 'http://x').searchParams.get('cursor') ?? '';
      return new Response(JSON.stringify(pages[cursor]), { status: 200 });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('goes forward by cursor and back again, and a new search starts at page 1', async () => {
    const store = useTicketsStore();
    await store.search({ status: 'IN_REVIEW', q: 'GS' });
    expect(urls[0]).toBe('/api/v1/tickets?limit=25&status=IN_REVIEW&q=GS');
    expect(store.items.map((t) => t.id)).toEqual(['a', 'b']);
    expect(store.hasPrev).toBe(false);
    await store.nextPage();
    expect(urls[1]).toContain('cursor=c1');
    expect(store.pageNumber).toBe(2);
    await store.nextPage();
    expect(store.items.map((t) => t.id)).toEqual(['d']);
    expect(store.hasNext).toBe(false);
    await store.prevPage();
    expect(store.items.map((t) => t.id)).toEqual(['c']);
    expect(store.pageNumber).toBe(2);
    await store.search({ status: '' });
    expect(store.pageNumber).toBe(1);
    expect(urls.at(-1)).toBe('/api/v1/tickets?limit=25&q=GS');
  });
});
