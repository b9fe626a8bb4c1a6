import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../api/client';
import ManufacturerHistory from './ManufacturerHistory.vue';

const revision = (n: number, changed: string[], changedBy: string | null) => ({
  revision: n,
  changedAt: '2026-11-30T10:00:00.000Z',
  changedBy,
  changed,
  manufacturer: { slug: 'grandstream', name: 'Grandstream', revision: n },
});

describe('ManufacturerHistory', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the versions newest first with who changed which fields, and reloads after a save', async () => {
    const urls: string[] = [];
    let answer = [revision(2, ['rmaValidityDays', 'supportTicket'], 'Dana Distri'), revision(1, [], null)];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify(answer));
      }),
    );
    const w = mount(ManufacturerHistory, { props: { slug: 'grandstream', revision: 2 } });
    await flushPromises();
    expect(urls).toEqual(['/api/v1/manufacturers/grandstream/revisions']);
    const items = w.findAll('li').map((li) => li.text().replace(/\s+/g, ' '));
    expect(items[0]).toMatch(
      /^Revision 2 ?30 Nov 2026, \d\d:\d\d ?Changed RMA validity, support-ticket prerequisite · Dana Distri$/,
    );
    expect(items[1]).toMatch(/^Revision 1 ?.*First version · set up outside the admin$/);

    answer = [revision(3, ['name'], 'Dana Distri'), ...answer];
    await w.setProps({ revision: 3 });
    await flushPromises();
    expect(urls).toHaveLength(2);
    expect(w.findAll('li')).toHaveLength(3);
    expect(w.find('li').text()).toContain('Changed name');
  });
});
