import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../api/client';
import type { WebhookEndpoint } from '../api/webhooks';
import WebhookEndpointPanel from './WebhookEndpointPanel.vue';

function endpoint(over: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    manufacturer: 'dapustor',
    url: 'https://vendor.example/hooks',
    events: ['rma.forwarded'],
    payloadVersion: 1,
    enabled: true,
    disabledAt: null,
    disabledReason: null,
    failingSince: null,
    secretCreatedAt: '2026-11-30T10:00:00.000Z',
    previousSecretValidUntil: null,
    inboundSecretConfigured: false,
    inboundSecretCreatedAt: null,
    inboundPreviousSecretValidUntil: null,
    callbackUrl: 'https://rma.example/api/v1/manufacturers/dapustor/callbacks',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...over,
  };
}

async function mountPanel(existing: WebhookEndpoint | null) {
  const puts: Array<Record<string, unknown>> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      if (init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as Record<string, unknown>;
        puts.push(body);
        return new Response(JSON.stringify(endpoint({ ...(body as Partial<WebhookEndpoint>) })));
      }
      if (!existing)
        return new Response(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' }), {
          status: 404,
        });
      return new Response(JSON.stringify(existing));
    }),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/webhooks', name: 'webhooks', component: { template: '<div />' } }],
  });
  await router.push('/webhooks');
  const w = mount(WebhookEndpointPanel, {
    props: {
      slug: 'dapustor',
      name: 'DapuStor',
      configWebhookUrl: 'https://vendor.example/hooks',
      canEdit: true,
    },
    global: { plugins: [router] },
  });
  await flushPromises();
  return { w, puts };
}

describe('WebhookEndpointPanel: payload version', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows an endpoint's version and saves the one staff choose", async () => {
    const { w, puts } = await mountPanel(endpoint({ payloadVersion: 1 }));
    const select = w.get<HTMLSelectElement>('select[name="endpoint.payloadVersion"]');
    expect(select.element.value).toBe('1');
    await select.setValue('2');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ url: 'https://vendor.example/hooks', payloadVersion: 2 });
  });

  it('offers version 2 for a new endpoint', async () => {
    const { w, puts } = await mountPanel(null);
    expect(w.get<HTMLSelectElement>('select[name="endpoint.payloadVersion"]').element.value).toBe('2');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(puts[0]).toMatchObject({ payloadVersion: 2 });
  });
});
