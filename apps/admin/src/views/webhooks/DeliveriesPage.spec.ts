import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../../api/client';
import type { Delivery } from '../../api/webhooks';
import { useToastStore } from '../../stores/toasts';
import DeliveriesPage from './DeliveriesPage.vue';

function delivery(over: Partial<Delivery> = {}): Delivery {
  return {
    id: 'msg_01KBA0000000000000000000000',
    manufacturer: 'ssd-maker',
    ticketId: '11111111-1111-4111-8111-111111111111',
    ticketIds: ['11111111-1111-4111-8111-111111111111'],
    returnId: null,
    tenantId: 't',
    eventType: 'rma.forwarded',
    status: 'FAILED',
    attemptCount: 10,
    nextAttemptAt: null,
    lastStatusCode: 503,
    lastError: 'HTTP 503',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    succeededAt: null,
    failedAt: '2026-11-30T11:00:00.000Z',
    attempts: [],
    ...over,
  };
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/webhooks', name: 'webhooks', component: DeliveriesPage },
      { path: '/tickets/:id', name: 'ticket', component: { template: '<div />' } },
    ],
  });
  await router.push('/webhooks');
  const w = mount(DeliveriesPage, { global: { plugins: [router] } });
  await flushPromises();
  return w;
}

describe('DeliveriesPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('redelivers a failed message and shows it retrying; says so when the API refuses', async () => {
    const failed = delivery();
    let refuse = false;
    const fetchMock = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      if (String(url).includes('/manufacturers')) return new Response('[]');
      if (init?.method === 'POST') {
        if (refuse)
          return new Response(JSON.stringify({ statusCode: 409, code: 'CONFLICT', message: 'Being sent' }), {
            status: 409,
          });
        return new Response(
          JSON.stringify({ ...failed, status: 'PENDING', nextAttemptAt: '2026-11-30T12:00:00.000Z' }),
        );
      }
      return new Response(JSON.stringify({ items: [failed], nextCursor: null }));
    });
    vi.stubGlobal('fetch', fetchMock);
    const w = await mountPage();
    expect(w.get('[data-testid="delivery-row"]').text()).toContain('Failed');

    await w.get('[data-testid="delivery-redeliver"]').trigger('click');
    await flushPromises();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe(`/api/v1/webhook-deliveries/${failed.id}/redeliver`);
    expect(w.get('[data-testid="delivery-row"]').text()).toContain('Retrying');
    expect(w.get('[data-testid="delivery-redeliver"]').attributes('disabled')).toBeUndefined();

    refuse = true;
    await w.get('[data-testid="delivery-redeliver"]').trigger('click');
    await flushPromises();
    expect(
      useToastStore()
        .toasts.map((t) => t.message)
        .join(' '),
    ).toMatch(/Being sent/);
    expect(w.get('[data-testid="delivery-row"]').text()).toContain('Retrying');
  });

  it("shows a version 2 message's items beside its first one", async () => {
    const ids = ['aaaaaaaa-1111-4111-8111-111111111111', 'bbbbbbbb-2222-4222-8222-222222222222'];
    const single = delivery({ id: 'msg_01KBA0000000000000000000001' });
    const grouped = delivery({
      ticketId: ids[0]!,
      ticketIds: [...ids, 'cccccccc-3333-4333-8333-333333333333'],
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string | URL | Request) =>
        String(url).includes('/manufacturers')
          ? new Response('[]')
          : new Response(JSON.stringify({ items: [grouped, single], nextCursor: null })),
      ),
    );
    const w = await mountPage();
    const rows = w.findAll('[data-testid="delivery-row"]');
    expect(rows[0]!.get('[data-testid="delivery-items"]').text()).toBe('+ 2 more items');
    expect(rows[0]!.get('a').attributes('href')).toBe(`/tickets/${ids[0]}`);
    expect(rows[1]!.find('[data-testid="delivery-items"]').exists()).toBe(false);
  });
});
