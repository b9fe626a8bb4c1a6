import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../api/client';
import type { TicketListItem } from '../api/tickets';
import { emptyFilters, useTicketsStore } from '../stores/tickets';
import TicketList from './TicketList.vue';

function ticket(id: string, customerName: string): TicketListItem {
  return {
    id,
    tenantId: 't-alpha',
    tenantName: 'Alpha IT',
    status: 'INFO_REQUESTED',
    reason: 'DEFECT',
    route: 'IN_HOUSE',
    handling: null,
    manufacturer: 'grandstream',
    sku: 'GXP2170',
    serialNumber: 'GSA1001',
    customerName,
    rmaNumber: null,
    sla: null,
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T11:00:00.000Z',
    returnId: `r-${id}`,
    position: 1,
    returnItems: { count: 1, byStatus: { INFO_REQUESTED: 1 } },
  };
}

/** Two pages behind cursor 'c1'; the empty page answers a search for 'nothing'. */
const PAGES: Record<string, { items: TicketListItem[]; nextCursor: string | null }> = {
  '': { items: [ticket('a', 'Hotel Zonnehof'), ticket('b', 'Bakkerij Jansen')], nextCursor: 'c1' },
  c1: { items: [ticket('c', 'Tandartspraktijk Smit')], nextCursor: null },
  nothing: { items: [], nextCursor: null },
  // An item of a return of three, found by its serial.
  GSA2002: {
    items: [
      {
        ...ticket('d', 'Café Lumière'),
        serialNumber: 'GSA2002',
        returnId: 'r-3',
        position: 2,
        returnItems: { count: 3, byStatus: { IN_REVIEW: 1, APPROVED: 2 } },
      },
    ],
    nextCursor: null,
  },
};

const Blank = defineComponent({ render: () => h('div') });
const urls: string[] = [];
let emptyDesk = false;
let lastRouter: ReturnType<typeof createRouter>;

async function mountList(
  staff: boolean,
  search: Parameters<ReturnType<typeof useTicketsStore>['search']>[0] = {},
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'list', component: Blank },
      { path: '/tickets/:id', name: 'ticket', component: Blank },
      { path: '/tickets/new', name: 'new-ticket', component: Blank },
      { path: '/triage/returns/:id', name: 'staff-return', component: Blank },
    ],
  });
  await router.push('/');
  await useTicketsStore().search(search);
  lastRouter = router;
  const wrapper = mount(TicketList, {
    props: { staff },
    slots: {
      empty: '<p data-testid="empty">No tickets yet</p>',
      'no-match': `<template #no-match="{ clear }"><button data-testid="clear" @click="clear">Show all</button></template>`,
    },
    global: { plugins: [router] },
  });
  await flushPromises();
  return wrapper;
}

const headers = (w: Awaited<ReturnType<typeof mountList>>) => w.findAll('thead th').map((th) => th.text());

describe('TicketList', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    urls.length = 0;
    emptyDesk = false;
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      const u = new URL(url, 'http://x');
      const body = u.pathname.endsWith('/tickets')
        ? emptyDesk
          ? PAGES['nothing']
          : PAGES[u.searchParams.get('q') ?? u.searchParams.get('cursor') ?? '']
        : u.pathname.endsWith('/tenants')
          ? [{ id: 't-alpha', name: 'Alpha IT' }]
          : [];
      return new Response(JSON.stringify(body), { status: 200 });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows staff the reseller, route and SLA columns and the staff filters', async () => {
    const w = await mountList(true);
    expect(headers(w)).toEqual(['Ticket', 'Reseller', 'Product', 'Reason / route', 'Status', 'SLA']);
    const table = w.find('[data-testid="queue-table"]');
    expect(table.findAll('tbody tr').map((tr) => tr.attributes('data-ticket-id'))).toEqual(['a', 'b']);
    expect(table.find('tbody tr').text()).toContain('Alpha IT');
    expect(
      w
        .find('#f-tenant')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['All resellers', 'Alpha IT']);
    expect(w.find('#f-sort').exists()).toBe(true);
    expect(w.find('#q').attributes('name')).toBe('q');
    await w.find('#f-tenant').setValue('t-alpha');
    expect(w.emitted('apply')).toEqual([[{ tenantId: 't-alpha' }]]);
  });

  it("shows a reseller its own columns with the next step, and neither the reseller nor staff's filters", async () => {
    const w = await mountList(false);
    expect(headers(w)).toEqual(['Ticket', 'Product', 'Reason', 'Status', 'Next step', 'Updated']);
    const table = w.find('[data-testid="my-tickets-table"]');
    expect(table.findAll('tbody tr')).toHaveLength(2);
    expect(table.text()).not.toContain('Alpha IT');
    expect(w.find('[data-testid="queue-table"]').exists()).toBe(false);
    expect(w.find('#f-tenant').exists()).toBe(false);
    expect(w.find('#f-sort').exists()).toBe(false);
    expect(w.find('.must-act').exists()).toBe(true);
    expect(urls.some((u) => u.includes('/tenants'))).toBe(false);
  });

  it('shows the empty state when there are no tickets at all', async () => {
    emptyDesk = true;
    const w = await mountList(true);
    expect(w.find('[data-testid="empty"]').exists()).toBe(true);
    expect(w.find('[data-testid="clear"]').exists()).toBe(false);
    expect(w.find('table').exists()).toBe(false);
    expect(w.find('nav.pager').exists()).toBe(false);
  });

  it('shows the no-match state when filters find nothing, and it clears the filters', async () => {
    const w = await mountList(false, { q: 'nothing' });
    expect(w.find('[data-testid="empty"]').exists()).toBe(false);
    expect(w.find('table').exists()).toBe(false);
    await w.find('[data-testid="clear"]').trigger('click');
    expect(w.emitted('apply')).toEqual([[emptyFilters()]]);
    expect((w.find('#q').element as HTMLInputElement).value).toBe('');
  });

  it('pages forward by cursor with Next and back with Previous', async () => {
    const w = await mountList(true);
    expect(w.find('nav.pager').text()).toContain('Page 1 · 2 tickets shown');
    await w.find('[data-testid="next-page"]').trigger('click');
    await flushPromises();
    expect(urls.at(-1)).toBe('/api/v1/tickets?limit=25&cursor=c1');
    expect(w.findAll('tbody tr').map((tr) => tr.attributes('data-ticket-id'))).toEqual(['c']);
    expect(w.find('nav.pager').text()).toContain('Page 2 · 1 ticket shown');
    expect(w.find('[data-testid="next-page"]').attributes('disabled')).toBeDefined();
    await w.find('nav.pager button').trigger('click');
    await flushPromises();
    expect(urls.at(-1)).toBe('/api/v1/tickets?limit=25');
    expect(w.findAll('tbody tr').map((tr) => tr.attributes('data-ticket-id'))).toEqual(['a', 'b']);
  });

  it("names a row's return and its mix of item states, and opens the return with the item highlighted", async () => {
    const w = await mountList(true, { q: 'GSA2002' });
    const link = w.find('[data-testid="row-return"]');
    expect(link.text()).toBe('Item 2 of 3 · 2 Approved, 1 In review');
    expect(link.attributes('href')).toBe('/triage/returns/r-3?item=d');
    await w.find('tbody tr').trigger('click');
    await flushPromises();
    expect(lastRouter.currentRoute.value.fullPath).toBe('/triage/returns/r-3?item=d');
  });

  it('opens the ticket of a one-item return, which names no return', async () => {
    const w = await mountList(true);
    expect(w.find('[data-testid="row-return"]').exists()).toBe(false);
    await w.find('tbody tr').trigger('click');
    await flushPromises();
    expect(lastRouter.currentRoute.value.fullPath).toBe('/tickets/a');
  });
});
