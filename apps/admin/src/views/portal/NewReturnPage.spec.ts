import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../../api/client';
import { FEES, GRANDSTREAM, INNOVAPHONE } from '../../test-support/fixtures';
import NewReturnPage from './NewReturnPage.vue';

const Blank = defineComponent({ render: () => h('div') });
const PRODUCTS = [
  { id: 'p1', manufacturerId: 'm1', manufacturer: 'grandstream', sku: 'GS-GRP2612', name: 'GRP2612' },
  { id: 'p2', manufacturerId: 'm2', manufacturer: 'innovaphone', sku: 'IP-112', name: 'IP112' },
];
/** The reseller's invoice lines, by serial. */
const LINES: Record<string, { sku: string; unitPriceMinor: number }> = {
  GSA1001: { sku: 'GS-GRP2612', unitPriceMinor: 8200 },
  GSA1002: { sku: 'GS-GRP2612', unitPriceMinor: 8200 },
  IPX1: { sku: 'IP-112', unitPriceMinor: 15900 },
};

let calls: { method: string; url: URL; body: unknown; headers: Headers }[] = [];

function answer(method: string, url: URL): unknown {
  if (url.pathname.endsWith('/tickets/prefill')) return { customer: { name: 'Café Lumière' }, delivery: {} };
  if (url.pathname.endsWith('/tenants/current')) return { id: 't1', name: 'Alpha IT', feePolicy: FEES };
  if (url.pathname.endsWith('/manufacturers')) return [GRANDSTREAM, INNOVAPHONE];
  if (url.pathname.endsWith('/products')) return PRODUCTS;
  if (url.pathname.endsWith('/invoice-lines')) {
    const serial = url.searchParams.get('serialNumber');
    const l = serial ? LINES[serial] : undefined;
    return l
      ? [
          {
            id: `l-${serial}`,
            tenantId: 't1',
            invoiceNumber: `INV-${serial}`,
            invoicedOn: '2026-06-01',
            serialNumber: serial,
            currency: 'EUR',
            ...l,
          },
        ]
      : [];
  }
  if (method === 'POST' && url.pathname.endsWith('/returns')) return { id: 'r-1', itemCount: 3, items: [] };
  return [];
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/new-return', name: 'new-return', component: NewReturnPage },
      { path: '/new-ticket', name: 'new-ticket', component: Blank },
      { path: '/my-tickets', name: 'my-tickets', component: Blank },
      { path: '/returns/:id', name: 'return', component: Blank },
    ],
  });
  await router.push('/new-return');
  const w = mount(NewReturnPage, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return { w, router };
}

/** Past the look-ups' debounce, and their answers. */
async function settle() {
  await new Promise((r) => setTimeout(r, 350));
  await flushPromises();
}

const previews = (w: Awaited<ReturnType<typeof mountPage>>['w']) => w.findAll('[data-testid="item-preview"]');

describe('NewReturnPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
        const url = new URL(String(input), 'http://localhost');
        const method = init.method ?? 'GET';
        calls.push({
          method,
          url,
          body: init.body ? JSON.parse(String(init.body)) : null,
          headers: new Headers(init.headers),
        });
        return new Response(JSON.stringify(answer(method, url)), {
          status: method === 'POST' ? 201 : 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('turns a pasted column of serials into items pre-filled from the invoices, each with its preview', async () => {
    const { w } = await mountPage();
    expect(w.findAll('[data-testid="return-item"]')).toHaveLength(1);
    await w.find('[data-testid="paste-serials"]').setValue('GSA1001\nGSA1002\n\nIPX1\nGSA1001\n');
    await w.find('[data-testid="paste-add"]').trigger('click');
    // The blank first item gave way; the serial given twice is kept once.
    expect(w.findAll('[data-testid="return-item"]')).toHaveLength(3);
    expect(w.find('[data-testid="paste-note"]').text()).toContain(
      '3 items added. Given twice, kept once: GSA1001.',
    );
    await settle();
    const sku = (i: number) =>
      (w.find(`select[name="items[${i}].product.sku"]`).element as HTMLSelectElement).value;
    const maker = (i: number) =>
      (w.find(`select[name="items[${i}].product.manufacturer"]`).element as HTMLSelectElement).value;
    expect([sku(0), sku(1), sku(2)]).toEqual(['GS-GRP2612', 'GS-GRP2612', 'IP-112']);
    expect([maker(0), maker(1), maker(2)]).toEqual(['grandstream', 'grandstream', 'innovaphone']);
    expect(w.findAll('[data-testid="item-invoice-line"]')[2]?.text()).toMatch(/INV-IPX1.*159/);
    // Each item routed on its own: Grandstream asks for its helpdesk first, innovaphone has a portal.
    const p = previews(w);
    expect(p).toHaveLength(3);
    expect(p[0]?.text()).toContain('Needs a Grandstream helpdesk ticket number first');
    expect(p[2]?.text()).toContain('Goes to the innovaphone portal');
    expect(p[2]?.find('[data-testid="item-on-submit"]').attributes('data-status')).toBe('REDIRECTED');
    // What is left to fill in, per item: the fault description.
    expect(p.map((x) => x.find('[data-testid="item-missing"]').text())).toEqual([
      '1 field to complete',
      '1 field to complete',
      '1 field to complete',
    ]);
  });

  it('adds, duplicates and removes items, the previews following', async () => {
    const { w } = await mountPage();
    await w.find('select[name="items[0].product.manufacturer"]').setValue('innovaphone');
    await w.find('input[name="items[0].product.serialNumber"]').setValue('IP-9');
    await w.find('[data-testid="duplicate-item"]').trigger('click');
    await w.find('[data-testid="add-item"]').trigger('click');
    expect(w.findAll('[data-testid="return-item"]')).toHaveLength(3);
    const serial = (i: number) =>
      (w.find(`input[name="items[${i}].product.serialNumber"]`).element as HTMLInputElement).value;
    const maker = (i: number) =>
      (w.find(`select[name="items[${i}].product.manufacturer"]`).element as HTMLSelectElement).value;
    expect([serial(0), serial(1), serial(2)]).toEqual(['IP-9', '', '']);
    expect([maker(0), maker(1)]).toEqual(['innovaphone', 'innovaphone']);
    expect(previews(w)[1]?.text()).toContain('Goes to the innovaphone portal');
    expect(previews(w)[2]?.text()).toContain('Choose the manufacturer.');
    await w.findAll('[data-testid="remove-item"]')[0]?.trigger('click');
    expect(w.findAll('[data-testid="return-item"]')).toHaveLength(2);
    expect(serial(0)).toBe('');
    expect(previews(w)).toHaveLength(2);
  });

  it('takes the good rows of a CSV file and lists the bad ones by line', async () => {
    const { w } = await mountPage();
    const csv =
      'reason,manufacturer,sku,serial,fault,purchase date,usage\n' +
      'DEFECT,grandstream,GS-GRP2612,GSA1001,Dark,2026-01-10,\n' +
      'DEFECT,acme,,X1,,,\n' +
      'DEFECT,innovaphone,IP-112,IPX1,No boot,,\n';
    const input = w.find('[data-testid="items-csv"]');
    Object.defineProperty(input.element, 'files', {
      value: [new File([csv], 'items.csv', { type: 'text/csv' })],
    });
    await input.trigger('change');
    await flushPromises();
    expect(w.findAll('[data-testid="return-item"]')).toHaveLength(2);
    expect(w.find('[data-testid="csv-note"]').text()).toBe('items.csv: 2 items added, 1 row not taken.');
    const bad = w.findAll('[data-testid="csv-problems"] li');
    expect(bad.map((li) => li.attributes('data-line'))).toEqual(['3']);
    expect(bad[0]?.text()).toContain('Unknown manufacturer "acme"');
    expect(
      (
        w.find('input[name="items[1].faultDescription"], textarea[name="items[1].faultDescription"]')
          .element as HTMLTextAreaElement
      ).value,
    ).toBe('No boot');
  });

  it('names what is missing beside each item and submits nothing until it is there', async () => {
    const { w } = await mountPage();
    await w.find('[data-testid="paste-serials"]').setValue('GSA1001\nGSA1002');
    await w.find('[data-testid="paste-add"]').trigger('click');
    await settle();
    await w.find('form.return-form').trigger('submit');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const fault = w.find('textarea[name="items[1].faultDescription"]');
    expect(fault.attributes('aria-invalid')).toBe('true');
    expect(w.findAll('[data-testid="return-item"]')[1]?.text()).toContain('Describe the fault.');
    expect(document.activeElement?.getAttribute('name')).toBe('items[0].faultDescription');
  });

  it('submits the return once with an Idempotency-Key and opens its page', async () => {
    const { w, router } = await mountPage();
    await w.find('[data-testid="paste-serials"]').setValue('GSA1001\nGSA1002\nIPX1');
    await w.find('[data-testid="paste-add"]').trigger('click');
    await settle();
    for (const i of [0, 1, 2]) await w.find(`textarea[name="items[${i}].faultDescription"]`).setValue('Dark');
    await w.find('input[name="items[1].supportTicketNumber"]').setValue('GS-123456');
    await w.find('form.return-form').trigger('submit');
    await flushPromises();
    const post = calls.filter((c) => c.method === 'POST');
    expect(post).toHaveLength(1);
    expect(post[0]?.url.pathname).toBe('/api/v1/returns');
    expect(post[0]?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(post[0]?.body).toMatchObject({
      customer: { name: 'Café Lumière' },
      submit: true,
      items: [
        {
          reason: 'DEFECT',
          product: {
            manufacturer: 'grandstream',
            sku: 'GS-GRP2612',
            serialNumber: 'GSA1001',
            invoiceRef: 'INV-GSA1001',
          },
        },
        { product: { serialNumber: 'GSA1002' }, supportTicketNumber: 'GS-123456' },
        { product: { manufacturer: 'innovaphone', sku: 'IP-112', serialNumber: 'IPX1' } },
      ],
    });
    expect((post[0]?.body as { items: object[] }).items[0]).not.toHaveProperty('customer');
    expect(router.currentRoute.value.fullPath).toBe('/returns/r-1');
  });
});
