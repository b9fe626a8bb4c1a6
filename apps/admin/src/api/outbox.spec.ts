import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../test-support/fixtures';
import { configureClient } from './client';
import { buildOutboxQuery, listOutbox, outboxFiltersFromUrl } from './outbox';

describe('outbox filters', () => {
  it('reads known filters from the URL and drops unknown values', () => {
    expect(
      outboxFiltersFromUrl({ status: 'HELD', kind: 'NOPE', ticketId: ' t-1 ', to: 'a@b.example', x: '1' }),
    ).toEqual({ status: 'HELD', kind: '', ticketId: 't-1', to: 'a@b.example' });
    expect(outboxFiltersFromUrl({ status: ['SENT'] })).toEqual({
      status: '',
      kind: '',
      ticketId: '',
      to: '',
    });
  });

  it('builds the API query from the filters set, the page size and the cursor', () => {
    const none = { status: '', kind: '', ticketId: '', to: '' } as const;
    expect(buildOutboxQuery(none, null)).toEqual({ limit: 25 });
    expect(
      buildOutboxQuery({ status: 'FAILED', kind: 'SUBMITTED', ticketId: 't-1', to: 'x@y.example' }, 'c2', 10),
    ).toEqual({
      status: 'FAILED',
      kind: 'SUBMITTED',
      ticketId: 't-1',
      to: 'x@y.example',
      limit: 10,
      cursor: 'c2',
    });
  });

  describe('listOutbox', () => {
    beforeEach(() => configureClient({ getToken: () => 't', onUnauthorized: () => undefined }));
    afterEach(() => vi.unstubAllGlobals());

    it('GETs /outbox with the query', async () => {
      const fake = fakeFetch(200, { items: [], nextCursor: null });
      vi.stubGlobal('fetch', fake.fn);
      const q = buildOutboxQuery(
        { status: 'HELD', kind: 'SUBMITTED', ticketId: '', to: 'r@x.example' },
        'abc',
      );
      await listOutbox(q);
      expect(fake.calls[0]!.url).toBe(
        '/api/v1/outbox?status=HELD&kind=SUBMITTED&to=r%40x.example&limit=25&cursor=abc',
      );
    });
  });
});
