/**
 * The reseller's new-ticket form as the inputs hold it (strings, with null for an unanswered yes/no),
 * the ticket content the API takes from it, and the wizard's checks: the rules package's completeness
 * check for submitting, with the wizard's own wording, plus the formats the browser can check first.
 */
import { submissionProblems, type Exclusion, type Reason, type SubmissionField } from '@rma/rules';
import type { TicketContent, TicketView } from '../api/tickets';
import { compactContent } from './ticket-facts';

export interface TicketForm {
  reason: Reason;
  customer: { name: string; contactName: string; email: string; phone: string };
  resellerReference: string;
  delivery: {
    deliveredOn: string;
    address: string;
    contactName: string;
    contactPhone: string;
    contactEmail: string;
  };
  product: {
    manufacturer: string;
    sku: string;
    serialNumber: string;
    invoiceRef: string;
    purchaseDate: string;
    usage: string;
  };
  faultDescription: string;
  unused: boolean | null;
  originalPackaging: boolean | null;
  exclusions: Exclusion[];
  supportTicketNumber: string;
}

export function emptyTicketForm(): TicketForm {
  return {
    reason: 'DEFECT',
    customer: { name: '', contactName: '', email: '', phone: '' },
    resellerReference: '',
    delivery: { deliveredOn: '', address: '', contactName: '', contactPhone: '', contactEmail: '' },
    product: { manufacturer: '', sku: '', serialNumber: '', invoiceRef: '', purchaseDate: '', usage: '' },
    faultDescription: '',
    unused: null,
    originalPackaging: null,
    exclusions: [],
    supportTicketNumber: '',
  };
}

/**
 * The ticket as the API takes it: blanks left out, texts trimmed, the condition only for an order
 * error, the exclusions only for a defect, and the support ticket number only where the manufacturer
 * asks for one (`asksSupportTicket`).
 */
export function formContent(form: TicketForm, asksSupportTicket: boolean): TicketContent {
  const usage = form.product.usage.trim() === '' ? undefined : Number(form.product.usage.replace(',', '.'));
  const orderError = form.reason === 'ORDER_ERROR';
  return compactContent({
    reason: form.reason,
    customer: { ...form.customer },
    delivery: { ...form.delivery },
    product: {
      manufacturer: form.product.manufacturer,
      sku: form.product.sku,
      serialNumber: form.product.serialNumber,
      invoiceRef: form.product.invoiceRef,
      purchaseDate: form.product.purchaseDate,
      usage: usage !== undefined && Number.isFinite(usage) ? usage : undefined,
    },
    faultDescription: form.faultDescription,
    unused: orderError ? (form.unused ?? undefined) : undefined,
    originalPackaging: orderError ? (form.originalPackaging ?? undefined) : undefined,
    exclusions: form.reason === 'DEFECT' ? form.exclusions : [],
    supportTicketNumber: asksSupportTicket ? form.supportTicketNumber : undefined,
    resellerReference: form.resellerReference,
  });
}

/** Puts a saved ticket (a draft to continue) into the form; what the ticket leaves unset is emptied. */
export function fillForm(form: TicketForm, t: TicketView): void {
  form.reason = t.reason;
  for (const k of Object.keys(form.customer) as (keyof TicketForm['customer'])[])
    form.customer[k] = t.customer[k] ?? '';
  for (const k of Object.keys(form.delivery) as (keyof TicketForm['delivery'])[])
    form.delivery[k] = t.delivery[k] ?? '';
  form.product.manufacturer = t.manufacturer ?? '';
  form.product.sku = t.product.sku ?? '';
  form.product.serialNumber = t.product.serialNumber ?? '';
  form.product.invoiceRef = t.product.invoiceRef ?? '';
  form.product.purchaseDate = t.product.purchaseDate ?? '';
  form.product.usage = t.product.usage === null ? '' : String(t.product.usage);
  form.faultDescription = t.faultDescription ?? '';
  form.unused = t.unused;
  form.originalPackaging = t.originalPackaging;
  form.exclusions = [...t.exclusions];
  form.supportTicketNumber = t.supportTicketNumber ?? '';
  form.resellerReference = t.resellerReference ?? '';
}

// ---- the wizard's steps and checks ----

export const WIZARD_STEPS = [
  { key: 'basics', label: 'Basics' },
  { key: 'delivery', label: 'Delivery' },
  { key: 'product', label: 'Product' },
  { key: 'review', label: 'Review' },
] as const;
export type StepIndex = 0 | 1 | 2 | 3;

const STEP_OF_FIELD: [string, StepIndex][] = [
  ['reason', 0],
  ['customer', 0],
  ['resellerReference', 0],
  ['delivery', 1],
  ['product', 2],
  ['faultDescription', 2],
  ['unused', 2],
  ['originalPackaging', 2],
  ['exclusions', 2],
  ['supportTicketNumber', 2],
];

/** The step that shows a field (the API's field names); the review step for any other. */
export function stepOf(field: string): StepIndex {
  return STEP_OF_FIELD.find(([prefix]) => field === prefix || field.startsWith(`${prefix}.`))?.[1] ?? 3;
}

/** What the wizard says for a field the completeness check names. */
const MISSING: Record<SubmissionField, string> = {
  reason: 'Choose why it is coming back.',
  'customer.name': "Enter the end customer's name.",
  'delivery.deliveredOn': 'Enter the day you received the goods.',
  'product.manufacturer': 'Choose the manufacturer.',
  'product.sku': 'Choose the reference.',
  'product.serialNumber': 'Enter the serial number.',
  faultDescription: 'Describe the fault.',
  unused: 'Say whether the product is unused.',
  originalPackaging: 'Say whether it is in its original packaging.',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What stops a submit, by field, in the wizard's words: the fields the API's completeness check would
 * name, then the formats the API would refuse (e-mail addresses, the usage as a number). With `step`,
 * only the fields that step shows.
 */
export function wizardProblems(
  form: TicketForm,
  { manufacturerKnown, step }: { manufacturerKnown: boolean; step?: StepIndex },
): Record<string, string> {
  const content = formContent(form, false);
  const out: Record<string, string> = {};
  for (const { field } of submissionProblems(content, { manufacturerKnown })) out[field] = MISSING[field];
  const email = (field: 'customer.email' | 'delivery.contactEmail', value: string) => {
    if (value.trim() && !EMAIL.test(value.trim())) out[field] = 'Enter a valid e-mail address.';
  };
  email('customer.email', form.customer.email);
  email('delivery.contactEmail', form.delivery.contactEmail);
  if (form.product.usage.trim() && !Number.isFinite(Number(form.product.usage.replace(',', '.'))))
    out['product.usage'] = 'Enter a number.';
  if (step === undefined) return out;
  return Object.fromEntries(Object.entries(out).filter(([field]) => stepOf(field) === step));
}
