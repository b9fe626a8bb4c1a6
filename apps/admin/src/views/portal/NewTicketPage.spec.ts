import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../../api/client';
import { FEES } from '../../test-support/fixtures';
import NewTicketPage from './NewTicketPage.vue';

const Blank = defineComponent({ render: () => h('div') });

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/new-ticket', name: 'new-ticket', component: NewTicketPage },
      { path: '/my-tickets', name: 'my-tickets', component: Blank },
      { path: '/tickets/:id', name: 'ticket', component: Blank },
    ],
  });
  await router.push('/new-ticket');
  const w = mount(NewTicketPage, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return w;
}

const visibleHeading = (w: Awaited<ReturnType<typeof mountPage>>) =>
  w
    .findAll('.step-body section')
    .find((s) => s.isVisible())
    ?.find('h2')
    .text();

describe('NewTicketPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string | URL | Request) => {
        const path = String(url);
        const body = path.includes('/tickets/prefill')
          ? { customer: {}, delivery: {} }
          : path.includes('/tenants/current')
            ? { id: 't-alpha', name: 'Alpha IT', feePolicy: FEES }
            : [];
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('stays on a step until what it needs is there, then moves on', async () => {
    const w = await mountPage();
    expect(visibleHeading(w)).toBe('Basic information');
    await w.find('input[name="customer.email"]').setValue('marie@');
    await w.find('form.wizard').trigger('submit');
    await flushPromises();
    expect(visibleHeading(w)).toBe('Basic information');
    expect(w.text()).toContain("Enter the end customer's name.");
    expect(w.text()).toContain('Enter a valid e-mail address.');
    expect(w.find('button[data-step="basics"]').classes()).toContain('invalid');
    expect(document.activeElement?.getAttribute('name')).toBe('customer.name');

    await w.find('input[name="customer.name"]').setValue('Café Lumière');
    await w.find('input[name="customer.email"]').setValue('');
    await w.find('form.wizard').trigger('submit');
    await flushPromises();
    expect(visibleHeading(w)).toBe('Delivery');
    expect(w.text()).not.toContain("Enter the end customer's name.");
    expect(w.find('button[data-step="basics"]').classes()).toEqual(expect.arrayContaining(['done']));
  });

  it('submitting from the review names what is missing and goes back to the first step that lacks it', async () => {
    const w = await mountPage();
    await w.find('input[name="customer.name"]').setValue('Café Lumière');
    await w.find('button[data-step="review"]').trigger('click');
    expect(visibleHeading(w)).toBe('Review & submit');
    await w.find('[data-testid="submit-ticket"]').trigger('submit');
    await flushPromises();
    expect(visibleHeading(w)).toBe('Product & fault');
    expect(w.text()).toContain('Choose the manufacturer.');
    expect(w.text()).toContain('Describe the fault.');
    const posts = vi.mocked(fetch).mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toEqual([]);
  });
});
