import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { configureClient } from '../api/client';
import type { Manufacturer } from '../api/manufacturers';
import type { Product } from '../api/products';
import { GRANDSTREAM, INNOVAPHONE, ticketDetail } from '../test-support/fixtures';
import { useTicketDraft, type TicketDraft } from './useTicketDraft';

const MANUFACTURERS = [GRANDSTREAM, INNOVAPHONE] as unknown as Manufacturer[];
const PRODUCTS = [
  { sku: 'GS-GRP2612', name: 'GRP2612', manufacturer: 'grandstream' },
  { sku: 'IP-IP232', name: 'IP232', manufacturer: 'innovaphone' },
] as Product[];
const DRAFT_ID = '11111111-1111-4111-8111-111111111111';

interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}
let calls: Call[] = [];
/** The API as far as the draft talks to it; `overrides` answers a path differently. */
function stubApi(overrides: Record<string, unknown> = {}) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
      const u = new URL(String(url), 'http://admin.test');
      const path = u.pathname.replace('/api/v1', '');
      const method = init.method ?? 'GET';
      calls.push({
        method,
        path,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        headers: Object.fromEntries(
          Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [
            k.toLowerCase(),
            v,
          ]),
        ),
      });
      const key = `${method} ${path}`;
      const answer =
        key in overrides
          ? overrides[key]
          : {
              'GET /manufacturers': MANUFACTURERS,
              'GET /products': PRODUCTS,
              'GET /invoice-lines': [],
              'GET /tickets/prefill': { customer: {}, delivery: {} },
              [`GET /tickets/${DRAFT_ID}`]: ticketDetail({ status: 'DRAFT' }),
              'POST /tickets': ticketDetail({ status: 'DRAFT' }),
              [`PATCH /tickets/${DRAFT_ID}`]: ticketDetail({ status: 'DRAFT' }),
              [`POST /tickets/${DRAFT_ID}/transitions`]: ticketDetail({ status: 'AWAITING_PREREQUISITE' }),
            }[key];
      return new Response(JSON.stringify(answer ?? null), {
        status: answer === undefined ? 404 : 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
}

function mountDraft(): TicketDraft {
  let draft: TicketDraft | undefined;
  mount(
    defineComponent({
      setup() {
        draft = useTicketDraft();
        return () => h('div');
      },
    }),
  );
  return draft!;
}

const writes = () => calls.filter((c) => c.method !== 'GET');

describe('useTicketDraft', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('continues a draft: fills the form, keeps its files, knows its manufacturer and support desk', async () => {
    stubApi();
    const draft = mountDraft();
    expect(await draft.load(DRAFT_ID)).toBeNull();
    expect(draft.draftId.value).toBe(DRAFT_ID);
    expect(draft.form.customer.name).toBe('Café Lumière');
    expect(draft.manufacturer.value?.name).toBe('Grandstream');
    expect(draft.support.value?.numberPattern).toBe('^GS-\\d{6}$');
    expect(draft.supportState.value).toBe('ok');
    draft.form.supportTicketNumber = '123';
    expect(draft.supportState.value).toBe('bad');
    expect(draft.problems()).toEqual({});
  });

  it('returns a ticket already submitted instead of filling the form', async () => {
    stubApi({ [`GET /tickets/${DRAFT_ID}`]: ticketDetail({ status: 'IN_REVIEW' }) });
    const draft = mountDraft();
    expect((await draft.load(DRAFT_ID))?.status).toBe('IN_REVIEW');
    expect(draft.draftId.value).toBeNull();
    expect(draft.form.customer.name).toBe('');
  });

  it('a new ticket takes the customer and the delivery address of the last one, not its delivery day', async () => {
    stubApi({
      'GET /tickets/prefill': {
        customer: { name: 'Hotel Zonnehof', email: 'desk@zonnehof.example' },
        delivery: { address: 'Dorpsstraat 1', deliveredOn: '2026-11-02' },
      },
    });
    const draft = mountDraft();
    await draft.load(null);
    expect(draft.prefilled.value).toBe(true);
    expect(draft.form.customer).toMatchObject({ name: 'Hotel Zonnehof', email: 'desk@zonnehof.example' });
    expect(draft.form.delivery).toMatchObject({ address: 'Dorpsstraat 1', deliveredOn: '' });
    draft.clearPrefill();
    expect(draft.prefilled.value).toBe(false);
    expect(draft.form.customer.name).toBe('');
    expect(draft.form.delivery.address).toBe('');
  });

  it('the reference names its manufacturer; another manufacturer clears a reference it does not make', async () => {
    stubApi();
    const draft = mountDraft();
    await draft.load(null);
    draft.form.product.sku = 'GS-GRP2612';
    await flushPromises();
    expect(draft.form.product.manufacturer).toBe('grandstream');
    expect(draft.products.value.map((p) => p.sku)).toEqual(['GS-GRP2612']);
    draft.form.product.manufacturer = 'innovaphone';
    await flushPromises();
    expect(draft.form.product.sku).toBe('');
  });

  it('saves a new draft once, then edits it; the same body retried keeps its Idempotency-Key', async () => {
    stubApi();
    const draft = mountDraft();
    await draft.load(null);
    draft.form.customer.name = ' Café Lumière ';
    await draft.saveDraft();
    expect(draft.draftId.value).toBe(DRAFT_ID);
    await draft.saveDraft();
    const [create, edit] = writes();
    expect(create).toMatchObject({
      method: 'POST',
      path: '/tickets',
      body: { reason: 'DEFECT', customer: { name: 'Café Lumière' }, submit: false },
    });
    expect(create?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // The edit names every field, so a field cleared on the form is cleared on the draft.
    expect(edit).toMatchObject({ method: 'PATCH', path: `/tickets/${DRAFT_ID}` });
    expect(edit?.body).toMatchObject({
      customer: { name: 'Café Lumière', contactName: null, email: null, phone: null },
    });
  });

  it('a failed submit retried with the same content sends the same Idempotency-Key, a changed one a new key', async () => {
    stubApi({ 'POST /tickets': undefined });
    const draft = mountDraft();
    await draft.load(null);
    await expect(draft.submit()).rejects.toThrow();
    await expect(draft.submit()).rejects.toThrow();
    draft.form.customer.name = 'Someone else';
    await expect(draft.submit()).rejects.toThrow();
    const keys = writes().map((c) => c.headers['idempotency-key']);
    expect(writes().map((c) => (c.body as { submit: boolean }).submit)).toEqual([true, true, true]);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('submits a saved draft: brings it up to date, then submits it', async () => {
    stubApi();
    const draft = mountDraft();
    await draft.load(DRAFT_ID);
    draft.form.faultDescription = 'No power';
    const result = await draft.submit();
    expect(result.status).toBe('AWAITING_PREREQUISITE');
    expect(writes().map((c) => `${c.method} ${c.path}`)).toEqual([
      `PATCH /tickets/${DRAFT_ID}`,
      `POST /tickets/${DRAFT_ID}/transitions`,
    ]);
    expect(writes()[0]?.body).toMatchObject({ faultDescription: 'No power' });
    expect(writes()[1]?.body).toEqual({ action: 'SUBMIT' });
  });

  it('checks with the manufacturer it knows: a slug the catalog lacks is no manufacturer', async () => {
    stubApi();
    const draft = mountDraft();
    await draft.load(DRAFT_ID);
    draft.form.product.manufacturer = 'unknown-vendor';
    expect(draft.problems(2)).toEqual({ 'product.manufacturer': 'Choose the manufacturer.' });
    expect(draft.problems(0)).toEqual({});
    expect(draft.previewFacts.value).toBeNull();
  });
});
