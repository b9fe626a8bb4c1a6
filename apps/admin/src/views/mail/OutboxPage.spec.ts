import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { OutboxMessage } from '../../api/outbox';
import { configureClient } from '../../api/client';
import OutboxPage from './OutboxPage.vue';

function message(over: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    kind: 'APPROVED',
    tenantId: 't',
    ticketId: '11111111-1111-4111-8111-111111111111',
    to: ['agent@alpha-it.example'],
    subject: '[Distri RMA] RMA RMA-2026-0000001 approved',
    body: 'Your RMA request was approved.',
    status: 'FAILED',
    attempts: 7,
    nextAttemptAt: null,
    lastError: 'gave up after 7 attempts: connect ECONNREFUSED',
    createdAt: '2026-11-30T10:00:00.000Z',
    sentAt: null,
    ...over,
  };
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/outbox', name: 'outbox', component: OutboxPage },
      { path: '/tickets/:id', name: 'ticket', component: { template: '<div />' } },
    ],
  });
  await router.push('/outbox');
  const w = mount(OutboxPage, { global: { plugins: [router] } });
  await flushPromises();
  return w;
}

describe('OutboxPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends a failed message again and shows it waiting; offers nothing for one waiting already', async () => {
    const failed = message();
    const waiting = message({
      id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      status: 'PENDING',
      lastError: null,
    });
    const fetchMock = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      if (init?.method === 'POST')
        return new Response(JSON.stringify({ ...failed, status: 'PENDING', attempts: 0, lastError: null }));
      return new Response(JSON.stringify({ items: [failed, waiting], nextCursor: null }));
    });
    vi.stubGlobal('fetch', fetchMock);
    const w = await mountPage();
    const rows = w.findAll('[data-testid="outbox-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('[data-testid="outbox-resend"]').exists()).toBe(true);
    expect(rows[1]!.find('[data-testid="outbox-resend"]').exists()).toBe(false);

    await rows[0]!.get('[data-testid="outbox-resend"]').trigger('click');
    await flushPromises();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe(`/api/v1/outbox/${failed.id}/resend`);
    const first = w.findAll('[data-testid="outbox-row"]')[0]!;
    expect(first.text()).toContain('Waiting');
    expect(first.find('[data-testid="outbox-resend"]').exists()).toBe(false);
  });
});
