import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../api/client';
import { emptyFilters } from '../stores/tickets';
import { useToastStore } from '../stores/toasts';
import ExportTicketsButton from './ExportTicketsButton.vue';

describe('ExportTicketsButton', () => {
  const saved: Array<{ name: string; url: string }> = [];
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    saved.length = 0;
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined }),
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, url: this.href });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks for the list as filtered and sorted, without paging, and saves the file under its name', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response('\uFEFFTicket,Id\r\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="tickets-2026-11-30.csv"',
          },
        });
      }),
    );
    const filters = {
      ...emptyFilters(),
      status: 'IN_REVIEW',
      q: ' Café ',
      slaBreached: true,
      sort: 'slaDueOn',
    } as const;
    const w = mount(ExportTicketsButton, { props: { filters } });
    await w.find('button').trigger('click');
    await flushPromises();
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0]!, 'http://x');
    expect(url.pathname).toBe('/api/v1/tickets.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'IN_REVIEW',
      q: 'Café',
      slaBreached: 'true',
      sort: 'slaDueOn',
    });
    expect(saved).toEqual([{ name: 'tickets-2026-11-30.csv', url: 'blob:x' }]);
  });

  it('says why when the API refuses, and saves nothing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              statusCode: 400,
              code: 'VALIDATION_FAILED',
              message: 'manufacturer: unknown manufacturer',
            }),
            { status: 400 },
          ),
      ),
    );
    const w = mount(ExportTicketsButton, { props: { filters: emptyFilters() } });
    await w.find('button').trigger('click');
    await flushPromises();
    expect(saved).toEqual([]);
    expect(useToastStore().toasts.map((t) => t.message)).toEqual([
      'Exporting: manufacturer: unknown manufacturer',
    ]);
    expect(w.find('button').attributes('disabled')).toBeUndefined();
  });
});
