import { decideRoute, type TicketFacts } from '@rma/rules';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../../api/client';
import type { ReturnItemView } from '../../api/returns';
import { FEES, GRANDSTREAM, INNOVAPHONE, ticketDetail } from '../../test-support/fixtures';
import { itemStage, stageCounts } from '../../utils/return-view';
import ReturnPage from './ReturnPage.vue';

const Blank = defineComponent({ render: () => h('div') });
const TODAY = '2026-12-01';
const facts = (over: Partial<TicketFacts>): TicketFacts => ({
  reason: 'DEFECT',
  serialNumber: 'S',
  sku: 'X',
  deliveredOn: null,
  unused: null,
  originalPackaging: null,
  invoicedPrice: { amountMinor: 8200, currency: 'EUR' },
  endUserPurchaseDate: null,
  distributorSaleDate: '2026-06-01',
  usage: null,
  exclusions: null,
  supportTicketNumber: null,
  ...over,
});

function item(id: string, position: number, over: Partial<ReturnItemView>): ReturnItemView {
  const { timeline: _t, attachments: _a, ...view } = ticketDetail({ id, ...over });
  return { ...view, returnId: 'r-1', position };
}

const portal = item('11111111-0000-4000-8000-000000000001', 1, {
  status: 'REDIRECTED',
  manufacturer: 'innovaphone',
  product: { sku: 'IP-112', serialNumber: 'IPX1', invoiceRef: null, purchaseDate: null, usage: null },
  decision: decideRoute({ ticket: facts({}), manufacturer: INNOVAPHONE, fees: FEES, today: TODAY }),
});
const waiting = item('11111111-0000-4000-8000-000000000002', 2, {
  status: 'AWAITING_PREREQUISITE',
  supportTicketNumber: null,
  product: { sku: 'GS-GRP2612', serialNumber: 'GSA1002', invoiceRef: null, purchaseDate: null, usage: null },
  decision: decideRoute({ ticket: facts({}), manufacturer: GRANDSTREAM, fees: FEES, today: TODAY }),
});
const refused = item('11111111-0000-4000-8000-000000000003', 3, {
  status: 'REJECTED',
  reason: 'ORDER_ERROR',
  manufacturer: null,
  decision: decideRoute({
    ticket: facts({
      reason: 'ORDER_ERROR',
      deliveredOn: '2026-11-20',
      unused: false,
      originalPackaging: true,
    }),
    manufacturer: null,
    fees: FEES,
    today: TODAY,
  }),
});
const RETURN = {
  id: 'r-1',
  customer: { name: 'Café Lumière' },
  delivery: {},
  resellerReference: 'PO-77',
  createdAt: '2026-12-01T10:00:00.000Z',
  itemCount: 3,
  // Out of order: the page lists them by position.
  items: [refused, portal, waiting],
};

let posted: { url: string; body: unknown }[] = [];

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/returns/:id', name: 'return', component: ReturnPage, props: true },
      { path: '/new-return', name: 'new-return', component: Blank },
      { path: '/my-tickets', name: 'my-tickets', component: Blank },
      { path: '/tickets/:id', name: 'ticket', component: Blank },
    ],
  });
  await router.push('/returns/r-1');
  const w = mount(ReturnPage, {
    props: { id: 'r-1' },
    global: { plugins: [router] },
    attachTo: document.body,
  });
  await flushPromises();
  return w;
}

describe('ReturnPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    posted = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
        const url = String(input);
        let body: unknown = [];
        if (url.includes('/returns/r-1')) body = RETURN;
        else if (url.includes('/manufacturers')) body = [GRANDSTREAM, INNOVAPHONE];
        else if (init.method === 'POST' && url.includes('/transitions')) {
          posted.push({ url, body: JSON.parse(String(init.body)) });
          body = { ...waiting, status: 'IN_REVIEW', supportTicketNumber: 'GS-123456' };
        }
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists every item in its order with what happens next, and links each to its ticket', async () => {
    const w = await mountPage();
    expect(w.find('[data-testid="return-title"]').text()).toBe('Return for Café Lumière · 3 items');
    const rows = w.findAll('[data-testid="return-item-row"]');
    expect(rows.map((r) => r.attributes('data-stage'))).toEqual(['PORTAL', 'SUPPORT_TICKET', 'REFUSED']);
    expect(rows[0]?.find('[data-testid="item-portal-link"]').attributes('href')).toBe(
      'https://rma.innovaphone.com/',
    );
    expect(rows[0]?.text()).toContain('Bring the serial number.');
    expect(rows[1]?.find('a[href="https://helpdesk.grandstream.com/"]').exists()).toBe(true);
    expect(rows[2]?.find('[data-testid="item-refusal"]').text()).toMatch(/unused|opened|used/i);
    expect(rows.map((r) => r.find('[data-testid="item-ticket-link"]').attributes('href'))).toEqual([
      `/tickets/${portal.id}`,
      `/tickets/${waiting.id}`,
      `/tickets/${refused.id}`,
    ]);
    expect(w.find('[data-testid="return-stages"]').text()).toMatch(
      /1 waiting for a support ticket number\s*1 open on the vendor's portal\s*1 refused/,
    );
  });

  it('gives one item its support ticket number, re-deciding that item only', async () => {
    const w = await mountPage();
    const row = () => w.findAll('[data-testid="return-item-row"]')[1]!;
    await row().find('[data-testid="item-support-number"]').setValue('GS-12');
    expect(row().text()).toContain("not Grandstream's format");
    await row().find('[data-testid="item-support-number"]').setValue('GS-123456');
    expect(row().text()).toContain('valid format');
    await row().find('form').trigger('submit');
    await flushPromises();
    expect(posted).toEqual([
      {
        url: expect.stringContaining(`/tickets/${waiting.id}/transitions`),
        body: { action: 'PROVIDE_SUPPORT_TICKET', supportTicketNumber: 'GS-123456' },
      },
    ]);
    expect(w.findAll('[data-testid="return-item-row"]').map((r) => r.attributes('data-stage'))).toEqual([
      'PORTAL',
      'REVIEW',
      'REFUSED',
    ]);
  });
});

describe('the stages of a return’s items', () => {
  it('groups the statuses as the page counts them', () => {
    expect(
      (
        ['REDIRECTED', 'AWAITING_PREREQUISITE', 'FORWARDED', 'IN_REVIEW', 'REJECTED', 'APPROVED'] as const
      ).map((status) => itemStage({ status })),
    ).toEqual(['PORTAL', 'SUPPORT_TICKET', 'FORWARDED', 'REVIEW', 'REFUSED', 'OTHER']);
    expect(stageCounts([{ status: 'IN_REVIEW' }, { status: 'REDIRECTED' }, { status: 'IN_REVIEW' }])).toEqual(
      [
        { stage: 'PORTAL', count: 1 },
        { stage: 'REVIEW', count: 2 },
      ],
    );
  });
});
