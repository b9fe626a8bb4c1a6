/**
 * The reseller's ticket being written: the form, what follows from it (the manufacturer, the support
 * ticket it asks for, the invoice line of the serial, the facts the live preview decides on), loading
 * a draft to continue or the details of the last ticket, and saving it as a draft or submitting it.
 * The page owns the steps, the messages and the navigation.
 */
import { isSupportTicketSatisfied } from '@rma/rules';
import { computed, reactive, ref, watch } from 'vue';
import type { Attachment } from '../api/attachments';
import {
  createTicket,
  getPrefill,
  getTicket,
  transitionTicket,
  updateDraft,
  type TicketView,
} from '../api/tickets';
import { useCatalogStore } from '../stores/catalog';
import { draftPatch, ticketFacts } from '../utils/ticket-facts';
import { emptyTicketForm, fillForm, formContent, wizardProblems, type StepIndex } from '../utils/ticket-form';
import { useInvoiceLine } from './useDecisionFacts';

export function useTicketDraft() {
  const catalog = useCatalogStore();
  const form = reactive(emptyTicketForm());
  const draftId = ref<string | null>(null);
  /** The draft's files (added on the review step, so they go with the ticket when it is submitted). */
  const attachments = ref<Attachment[]>([]);
  /** The customer and delivery details were taken from the reseller's last ticket. */
  const prefilled = ref(false);

  const serial = computed(() => form.product.serialNumber);
  const sku = computed(() => form.product.sku);
  const { line, bySerial, pending: linePending } = useInvoiceLine(serial, sku);

  const manufacturer = computed(() =>
    form.product.manufacturer ? (catalog.manufacturerBySlug.get(form.product.manufacturer) ?? null) : null,
  );
  /** The references to choose from: the manufacturer's, or all. */
  const products = computed(() =>
    catalog.products.filter(
      (p) => !form.product.manufacturer || p.manufacturer === form.product.manufacturer,
    ),
  );
  const isDefect = computed(() => form.reason === 'DEFECT');
  /** The support ticket the manufacturer asks for before it takes a defect. */
  const support = computed(() => (isDefect.value ? (manufacturer.value?.supportTicket ?? null) : null));
  const usageLimit = computed(() =>
    isDefect.value ? (manufacturer.value?.warranty.usageLimit ?? null) : null,
  );
  const supportState = computed<'empty' | 'ok' | 'bad'>(() => {
    const n = form.supportTicketNumber.trim();
    if (!n || !support.value) return 'empty';
    try {
      return isSupportTicketSatisfied(n, support.value) ? 'ok' : 'bad';
    } catch {
      return 'bad';
    }
  });

  /** The ticket as the API takes it. */
  const content = computed(() => formContent(form, support.value !== null));
  const hasProduct = computed(() => !!(form.product.sku || form.product.serialNumber.trim()));
  /** Nothing to preview until the product is known (a defect needs its manufacturer). */
  const previewFacts = computed(() =>
    (isDefect.value ? manufacturer.value !== null : hasProduct.value)
      ? ticketFacts(content.value, line.value)
      : null,
  );

  /** What stops a submit, by field, in the wizard's words; with `step`, that step's fields only. */
  function problems(step?: StepIndex): Record<string, string> {
    return wizardProblems(form, { manufacturerKnown: manufacturer.value !== null, step });
  }

  watch(line, (l) => {
    if (!l || !bySerial.value) return;
    // A known serial tells us the reference and the manufacturer: fill them in if empty.
    if (!form.product.sku) {
      form.product.sku = l.sku;
      const p = catalog.products.find((x) => x.sku === l.sku);
      if (p && !form.product.manufacturer) form.product.manufacturer = p.manufacturer;
    }
    if (!form.product.invoiceRef) form.product.invoiceRef = l.invoiceNumber;
  });
  watch(
    () => form.product.sku,
    (value) => {
      // The reference names its manufacturer.
      const p = catalog.products.find((x) => x.sku === value);
      if (p && !form.product.manufacturer) form.product.manufacturer = p.manufacturer;
    },
  );
  watch(
    () => form.product.manufacturer,
    () => {
      if (form.product.sku && !products.value.some((p) => p.sku === form.product.sku)) form.product.sku = '';
    },
  );

  /**
   * Loads the catalog and either the draft `id` or, for a new ticket, the details of the last one.
   * Returns the ticket when `id` is one already submitted (nothing is filled in then), else null.
   */
  async function load(id: string | null): Promise<TicketView | null> {
    const [t, prefill] = await Promise.all([
      id ? getTicket(id) : Promise.resolve(null),
      id ? Promise.resolve(null) : getPrefill().catch(() => null),
      catalog.loadManufacturers(),
      catalog.loadProducts(),
    ]);
    if (t) {
      if (t.status !== 'DRAFT') return t;
      draftId.value = t.id;
      attachments.value = [...(t.attachments ?? [])];
      fillForm(form, t);
    } else if (prefill) {
      for (const k of Object.keys(form.customer) as (keyof typeof form.customer)[])
        form.customer[k] = prefill.customer[k] ?? '';
      for (const k of Object.keys(form.delivery) as (keyof typeof form.delivery)[])
        if (k !== 'deliveredOn') form.delivery[k] = prefill.delivery[k] ?? '';
      prefilled.value = Object.keys(prefill.customer).length + Object.keys(prefill.delivery).length > 0;
    }
    return null;
  }

  /** Empties what was pre-filled from the last ticket (the delivery day was never pre-filled). */
  function clearPrefill(): void {
    Object.assign(form.customer, { name: '', contactName: '', email: '', phone: '' });
    Object.assign(form.delivery, { address: '', contactName: '', contactPhone: '', contactEmail: '' });
    prefilled.value = false;
  }

  /** The draft edit, with every field of the form, so what was cleared is cleared. */
  const patch = () =>
    draftPatch(content.value, {
      customer: Object.keys(form.customer),
      delivery: Object.keys(form.delivery),
      product: Object.keys(form.product),
    });

  // A retried create (the same body) sends the same Idempotency-Key, so it cannot make two tickets.
  let lastAttempt: { body: string; key: string } | null = null;
  function idempotencyKeyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (lastAttempt?.body !== text) lastAttempt = { body: text, key: crypto.randomUUID() };
    return lastAttempt.key;
  }

  /** Saves the form as a draft: creates it the first time (setting draftId), then edits it. */
  async function saveDraft(): Promise<TicketView> {
    if (draftId.value) return updateDraft(draftId.value, patch());
    const body = { ...content.value, submit: false };
    const saved = await createTicket(body, idempotencyKeyFor(body));
    draftId.value = saved.id;
    return saved;
  }

  /** Submits the ticket: the saved draft brought up to date and submitted, or a new one at once. */
  async function submit(): Promise<TicketView> {
    if (draftId.value) {
      await updateDraft(draftId.value, patch());
      return transitionTicket(draftId.value, { action: 'SUBMIT' });
    }
    const body = { ...content.value, submit: true };
    return createTicket(body, idempotencyKeyFor(body));
  }

  return {
    form,
    draftId,
    attachments,
    prefilled,
    manufacturer,
    products,
    isDefect,
    support,
    supportState,
    usageLimit,
    line,
    bySerial,
    linePending,
    content,
    previewFacts,
    problems,
    load,
    clearPrefill,
    saveDraft,
    submit,
  };
}

export type TicketDraft = ReturnType<typeof useTicketDraft>;
