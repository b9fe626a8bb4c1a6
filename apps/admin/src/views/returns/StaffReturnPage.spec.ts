import { decideRoute, formatMoney, type TicketFacts } from '@rma/rules';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../../api/client';
import type { ReturnItemView, ReturnTimelineEntry } from '../../api/returns';
import { FEES, GRANDSTREAM, INNOVAPHONE, ticketDetail } from '../../test-support/fixtures';
import { approvableIds, approvalLines, returnMixText } from '../../utils/staff-return';
import StaffReturnPage from './StaffReturnPage.vue';

const Blank = defineComponent({ render: () => h('div') });
const TODAY = '2026-12-01';
const facts = (over: Partial<TicketFacts> = {}): TicketFacts => ({
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
  supportTicketNumber: 'GS-123456',
  ...over,
});

function item(n: number, over: Partial<ReturnItemView>): ReturnItemView {
  const {
    timeline: _t,
    attachments: _a,
    ...view
  } = ticketDetail({
    id: `11111111-0000-4000-8000-00000000000${n}`,
    ...over,
  });
  return { ...view, returnId: 'r-1', position: n };
}

const inHouse = (n: number, serial: string) =>
  item(n, {
    status: 'IN_REVIEW',
    product: { sku: 'GS-GRP2612', serialNumber: serial, invoiceRef: null, purchaseDate: null, usage: null },
    decision: decideRoute({ ticket: facts(), manufacturer: GRANDSTREAM, fees: FEES, today: TODAY }),
    allowedActions: ['APPROVE', 'REJECT', 'REQUEST_INFO'],
  });
const one = inHouse(1, 'GSA1001');
const two = inHouse(2, 'GSA1002');
const portal = item(3, {
  status: 'REDIRECTED',
  manufacturer: 'innovaphone',
  product: { sku: 'IP-112', serialNumber: 'IPX1', invoiceRef: null, purchaseDate: null, usage: null },
  decision: decideRoute({ ticket: facts(), manufacturer: INNOVAPHONE, fees: FEES, today: TODAY }),
  allowedActions: [],
});
const credited = item(4, {
  status: 'RESOLVED',
  outcome: 'CREDITED',
  credit: { amountMinor: 6490, currency: 'EUR' },
  rma: { number: 'RMA-2026-000007', issuedOn: TODAY, validUntil: null },
  parcel: { id: 'p-7', rmaNumber: 'RMA-2026-000007', missingSince: null },
  allowedActions: ['CLOSE'],
});

const RETURN = {
  id: 'r-1',
  customer: { name: 'Café Lumière', email: 'it@cafe.example' },
  delivery: { address: 'Rue 1, Brussels' },
  resellerReference: 'PO-4711',
  createdAt: '2026-12-01T09:00:00.000Z',
  itemCount: 4,
  // Out of order on purpose: the page shows them by position.
  items: [two, portal, one, credited],
  totalCredit: [{ amountMinor: 6490, currency: 'EUR' }],
};

const entry = (
  id: number,
  item: ReturnItemView,
  at: string,
  action: string,
  toStatus: ReturnTimelineEntry['toStatus'],
): ReturnTimelineEntry => ({
  id,
  at,
  actorType: 'USER',
  actorId: null,
  actorLabel: 'agent@distri.example',
  action,
  fromStatus: null,
  toStatus,
  note: null,
  ticketId: item.id,
  position: item.position,
});
/** As GET /returns/{id}/timeline answers it: oldest first. */
const TIMELINE: ReturnTimelineEntry[] = [
  entry(1, one, '2026-12-01T09:00:00.000Z', 'SUBMIT', 'IN_REVIEW'),
  entry(2, two, '2026-12-01T09:00:00.000Z', 'SUBMIT', 'IN_REVIEW'),
  entry(3, portal, '2026-12-01T10:00:00.000Z', 'SUBMIT', 'REDIRECTED'),
  entry(9, two, '2026-12-01T11:00:00.000Z', 'REQUEST_INFO', 'INFO_REQUESTED'),
];

let requests: { method: string; url: string; body: unknown }[] = [];
let approval: unknown;

async function mountPage(query = '') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/triage/returns/:id', name: 'staff-return', component: StaffReturnPage, props: true },
      { path: '/triage', name: 'triage', component: Blank },
      { path: '/tickets/:id', name: 'ticket', component: Blank },
    ],
  });
  await router.push(`/triage/returns/r-1${query}`);
  const w = mount(StaffReturnPage, {
    props: { id: 'r-1' },
    global: { plugins: [router] },
    attachTo: document.body,
  });
  await flushPromises();
  return w;
}

describe('StaffReturnPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    requests = [];
    approval = {
      returnId: 'r-1',
      parcel: null,
      items: [
        {
          id: one.id,
          position: 1,
          approved: true,
          refusal: null,
          ticket: {
            ...one,
            status: 'APPROVED',
            rma: { number: 'RMA-2026-000008', issuedOn: TODAY, validUntil: null },
          },
        },
        {
          id: two.id,
          position: 2,
          approved: false,
          refusal: 'item 2: APPROVE is not allowed in status INFO_REQUESTED',
          ticket: { ...two, status: 'INFO_REQUESTED' },
        },
      ],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
        const url = String(input);
        const method = init.method ?? 'GET';
        const body = init.body ? JSON.parse(String(init.body)) : undefined;
        requests.push({ method, url, body });
        let answer: unknown = [];
        if (url.endsWith('/returns/r-1/timeline')) answer = TIMELINE;
        else if (method === 'POST' && url.endsWith('/returns/r-1/approve')) answer = approval;
        else if (method === 'POST' && url.includes('/transitions'))
          answer = { ...two, status: 'REJECTED', allowedActions: [] };
        else if (url.endsWith('/returns/r-1')) answer = RETURN;
        else if (url.includes('/manufacturers')) answer = [GRANDSTREAM, INNOVAPHONE];
        return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it("shows the shared information once, every item by position with its route, reasons, parcel and credit, and the return's total", async () => {
    const w = await mountPage();
    expect(w.find('[data-testid="return-title"]').text()).toBe('Return for Café Lumière · 4 items');
    expect(w.text().split('Café Lumière').length - 1).toBe(2); // the title and the shared information
    expect(w.text()).toContain('Rue 1, Brussels');
    expect(w.find('[data-testid="return-mix"]').text()).toContain('reference PO-4711');
    const rows = w.findAll('tr[data-item-id]');
    expect(rows.map((r) => r.attributes('data-item-id'))).toEqual([one.id, two.id, portal.id, credited.id]);
    expect(rows.map((r) => r.attributes('data-status'))).toEqual([
      'IN_REVIEW',
      'IN_REVIEW',
      'REDIRECTED',
      'RESOLVED',
    ]);
    expect(rows[0]?.text()).toContain('GSA1001');
    expect(rows[2]?.text()).toContain('Vendor portal');
    for (const reason of portal.decision!.reasons) expect(rows[2]?.text()).toContain(reason);
    expect(rows[3]?.find('[data-testid="item-rma"]').text()).toBe('RMA-2026-000007');
    expect(rows[3]?.find('[data-testid="item-outcome"]').text()).toContain(
      formatMoney({ amountMinor: 6490, currency: 'EUR' }),
    );
    expect(w.find('[data-testid="return-total-credit"]').text()).toBe(
      formatMoney({ amountMinor: 6490, currency: 'EUR' }),
    );
    // Only in-house items in review can be selected.
    expect(
      w.findAll('[data-testid="select-item"]').map((c) => (c.element as HTMLInputElement).disabled),
    ).toEqual([false, false, true, true]);
  });

  it("shows every item's timeline as one, newest first, each entry naming its item, from one request", async () => {
    const w = await mountPage();
    const tags = w.findAll('[data-testid="timeline-item"]').map((t) => t.text());
    expect(tags).toEqual(['Item 2', 'Item 3', 'Item 2', 'Item 1']);
    expect(requests.filter((r) => r.url.endsWith('/timeline')).map((r) => r.url)).toEqual([
      '/api/v1/returns/r-1/timeline',
    ]);
  });

  it('approves the selected in-house items in one request and says per item what was done and what was refused', async () => {
    const w = await mountPage();
    const approve = w.find('[data-testid="approve-selected"]');
    expect(approve.attributes('disabled')).toBeDefined();
    await w.find('[data-testid="select-in-house"]').trigger('click');
    expect(approve.text()).toBe('Approve selected (2)');
    // Unticking one and ticking it again keeps the selection in step.
    const boxes = w.findAll('[data-testid="select-item"]');
    await boxes[1]!.setValue(false);
    expect(approve.text()).toBe('Approve selected (1)');
    await boxes[1]!.setValue(true);
    await w.find('#approve-note').setValue('Both in warranty');
    await approve.trigger('click');
    await flushPromises();
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).toEqual([
      {
        method: 'POST',
        url: '/api/v1/returns/r-1/approve',
        body: { items: [one.id, two.id], note: 'Both in warranty' },
      },
    ]);
    const lines = w.findAll('[data-testid="approval-results"] li');
    expect(lines.map((l) => [l.attributes('data-ok'), l.text()])).toEqual([
      ['true', 'Item 1: approved with RMA-2026-000008'],
      ['false', 'Item 2: not approved: APPROVE is not allowed in status INFO_REQUESTED'],
    ]);
    // The return is read again after the action.
    expect(requests.filter((r) => r.method === 'GET' && r.url.endsWith('/returns/r-1'))).toHaveLength(2);
  });

  it('rejects one item with a reason through its own transition', async () => {
    const w = await mountPage();
    const rows = w.findAll('tr[data-item-id]');
    expect(rows[2]?.find('[data-testid="reject-item"]').exists()).toBe(false);
    await rows[1]!.find('[data-testid="reject-item"]').trigger('click');
    await w.find('[data-testid="reject-reason"]').setValue('Physical damage on arrival');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([
      {
        method: 'POST',
        url: `/api/v1/tickets/${two.id}/transitions`,
        body: { action: 'REJECT', note: 'Physical damage on arrival' },
      },
    ]);
    expect(w.find('[data-testid="approval-results"]').text()).toBe(
      'Item 2: rejected (Physical damage on arrival)',
    );
  });

  it('highlights the item the queue opened the return for', async () => {
    const w = await mountPage(`?item=${two.id}`);
    const rows = w.findAll('tr[data-item-id]');
    expect(rows.map((r) => r.classes('highlighted'))).toEqual([false, true, false, false]);
  });
});

describe('staff-return helpers', () => {
  it('selects only in-house items staff may approve, in their order', () => {
    expect(approvableIds([credited, two, portal, one])).toEqual([one.id, two.id]);
  });

  it('says an approval per item, without repeating the item in a refusal', () => {
    expect(
      approvalLines([
        { id: 'a', position: 3, approved: false, refusal: 'item 3: not in review', ticket: one },
      ]),
    ).toEqual([{ id: 'a', ok: false, text: 'Item 3: not approved: not in review' }]);
  });

  it('names the mix of a return’s item states, most first', () => {
    expect(returnMixText({ IN_REVIEW: 1, APPROVED: 2 })).toBe('2 Approved, 1 In review');
  });
});
