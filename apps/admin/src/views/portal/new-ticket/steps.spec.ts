import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import { configureClient } from '../../../api/client';
import type { InvoiceLine } from '../../../api/products';
import type { Manufacturer } from '../../../api/manufacturers';
import { GRANDSTREAM } from '../../../test-support/fixtures';
import { emptyTicketForm } from '../../../utils/ticket-form';
import BasicsStep from './BasicsStep.vue';
import ProductStep from './ProductStep.vue';
import ReviewStep from './ReviewStep.vue';
import WizardSteps from './WizardSteps.vue';

const grandstream = GRANDSTREAM as unknown as Manufacturer;
const LINE = {
  id: 'l1',
  sku: 'GS-GRP2612',
  serialNumber: 'GSA1001',
  invoiceNumber: 'INV-A-1010',
  invoicedOn: '2026-05-04',
  unitPriceMinor: 12900,
  currency: 'EUR',
} as InvoiceLine;

describe('WizardSteps', () => {
  it('marks the current step, ticks the done ones, flags the ones with errors, and goes where clicked', async () => {
    const w = mount(WizardSteps, { props: { current: 2, errorCounts: { 0: 1 } } });
    const steps = w.findAll('button.step');
    expect(steps.map((s) => s.attributes('data-step'))).toEqual(['basics', 'delivery', 'product', 'review']);
    expect(steps.map((s) => s.attributes('aria-current') ?? null)).toEqual([null, null, 'step', null]);
    // Done and valid: a tick instead of the number; done but invalid: the number, in red.
    expect(steps[0]?.classes()).toContain('invalid');
    expect(steps[0]?.find('.step-num').text()).toBe('1');
    expect(steps[1]?.find('.step-num').text()).toBe('');
    expect(steps[1]?.classes()).toEqual(expect.arrayContaining(['done']));
    expect(steps[3]?.find('.step-num').text()).toBe('4');
    await steps[3]?.trigger('click');
    expect(w.emitted('go')).toEqual([[3]]);
  });
});

describe('BasicsStep', () => {
  it('writes the reason and the customer into the form, shows an error beside its field', async () => {
    const form = reactive(emptyTicketForm());
    const w = mount(BasicsStep, {
      props: { form, errors: { 'customer.name': "Enter the end customer's name." }, prefilled: false },
    });
    await w.find('input[name="reason"][value="ORDER_ERROR"]').setValue();
    await w.find('input[name="customer.name"]').setValue('Café Lumière');
    expect(form.reason).toBe('ORDER_ERROR');
    expect(form.customer.name).toBe('Café Lumière');
    expect(w.find('input[name="customer.name"]').attributes('aria-invalid')).toBe('true');
    expect(w.text()).toContain("Enter the end customer's name.");
    expect(w.find('.prefill-note').exists()).toBe(false);
  });

  it('offers to clear what was pre-filled', async () => {
    const w = mount(BasicsStep, {
      props: { form: reactive(emptyTicketForm()), errors: {}, prefilled: true },
    });
    await w.find('.prefill-note button').trigger('click');
    expect(w.emitted('clearPrefill')).toHaveLength(1);
  });
});

describe('ProductStep', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('[]', { headers: { 'content-type': 'application/json' } })),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  const props = (over: Partial<InstanceType<typeof ProductStep>['$props']> = {}) => ({
    form: reactive(emptyTicketForm()),
    errors: {},
    today: '2026-12-01',
    manufacturer: null,
    products: [],
    line: null,
    bySerial: false,
    linePending: false,
    support: null,
    supportState: 'empty' as const,
    usageLimit: null,
    ...over,
  });

  it('a defect: the fault, the conditions to declare, no yes/no condition', () => {
    const w = mount(ProductStep, { props: props() });
    expect(w.find('label[for]').exists()).toBe(true);
    expect(w.text()).toContain('Fault description');
    expect(w.find('details.exclusions').exists()).toBe(true);
    expect(w.find('input[name="unused"]').exists()).toBe(false);
    expect(w.find('.support-box').exists()).toBe(false);
    expect(w.find('input[name="product.usage"]').exists()).toBe(false);
  });

  it("an order error asks for the product's condition and writes the answers into the form", async () => {
    const p = props();
    p.form.reason = 'ORDER_ERROR';
    const w = mount(ProductStep, { props: p });
    await w.find('input[name="unused"][type="radio"]').setValue();
    await w.findAll('input[name="originalPackaging"]')[1]?.setValue();
    expect(p.form.unused).toBe(true);
    expect(p.form.originalPackaging).toBe(false);
    expect(w.text()).toContain('Description');
    expect(w.find('details.exclusions').exists()).toBe(false);
  });

  it("the manufacturer's support desk, the state of the number, the usage against its limit", async () => {
    const p = props({
      manufacturer: grandstream,
      support: GRANDSTREAM.supportTicket!,
      supportState: 'bad',
      usageLimit: { unit: 'TBW', limit: 600 },
    });
    const w = mount(ProductStep, { props: p });
    expect(w.find('.support-box').text()).toContain('Grandstream support ticket number');
    expect(w.find('.support-box').text()).toContain("Not in Grandstream's format");
    expect(w.find('.support-box a').attributes('href')).toBe('https://helpdesk.grandstream.com/');
    await w.find('input[name="supportTicketNumber"]').setValue('GS-123456');
    expect(p.form.supportTicketNumber).toBe('GS-123456');
    expect(w.text()).toContain('Warranty limit: 600 TBW');
    await w.setProps({ supportState: 'ok' });
    expect(w.find('.support-box').text()).toContain('Valid format');
  });

  it("offers the reseller's own serials of the reference, also for a draft that has one already", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string | URL | Request) => {
        const body = String(url).includes('sku=GS-GRP2612')
          ? [LINE, { ...LINE, id: 'l2', serialNumber: null }]
          : [];
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      }),
    );
    const p = props();
    p.form.product.sku = 'GS-GRP2612';
    const w = mount(ProductStep, { props: p });
    await flushPromises();
    expect(w.findAll('datalist#own-serials option').map((o) => o.attributes('value'))).toEqual(['GSA1001']);
    p.form.product.sku = '';
    await flushPromises();
    expect(w.findAll('datalist#own-serials option')).toHaveLength(0);
  });

  it('the invoice line the serial was sold on, or that it is not on the invoices', async () => {
    const p = props();
    p.form.product.serialNumber = 'GSA1001';
    const w = mount(ProductStep, { props: p });
    expect(w.find('[data-testid="invoice-line"]').exists()).toBe(false);
    expect(w.text()).toContain('Not found on your invoices');
    await w.setProps({ line: LINE, bySerial: true });
    expect(w.find('[data-testid="invoice-line"]').text()).toContain('INV-A-1010');
    expect(w.text()).not.toContain('Not found on your invoices');
  });
});

describe('ReviewStep', () => {
  it('shows the ticket as it goes, the condition and the support number only where they apply', async () => {
    const form = reactive(emptyTicketForm());
    form.customer.name = 'Café Lumière';
    form.customer.email = 'marie@cafe-lumiere.example';
    const w = mount(ReviewStep, {
      props: { form, manufacturer: grandstream, asksSupportTicket: true, hasErrors: false },
    });
    expect(w.text()).toContain('Café Lumière');
    expect(w.text()).toContain('Grandstream');
    expect(w.text()).toContain('Support ticket');
    expect(w.text()).not.toContain('Packaging');
    expect(w.find('.tone-danger').exists()).toBe(false);
    form.reason = 'ORDER_ERROR';
    form.unused = false;
    await w.setProps({ asksSupportTicket: false, hasErrors: true });
    expect(w.text()).toMatch(/Unused\s*No/);
    expect(w.text()).toMatch(/Packaging\s*—/);
    expect(w.text()).not.toContain('Support ticket');
    expect(w.find('.tone-danger').exists()).toBe(true);
    await w.findAll('button.link')[2]?.trigger('click');
    expect(w.emitted('edit')).toEqual([[2]]);
  });
});
