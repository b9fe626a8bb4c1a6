/**
 * A return as the reseller's form holds it: the shared information once (end customer, reference,
 * delivery) and its items, each with today's product-step fields. An item and the shared part make a
 * ticket form, so the body, the completeness check and the live preview are the single ticket's:
 * formContent, wizardProblems (the rules' submissionProblems) and decideRoute.
 */
import {
  decideRoute,
  statusForDecision,
  type Decision,
  type FeePolicy,
  type ManufacturerConfig,
  type Reason,
  type TicketStatus,
} from '@rma/rules';
import type { InvoiceLine } from '../api/products';
import type { CreateReturnInput, ReturnItemInput } from '../api/returns';
import { ticketFacts } from './ticket-facts';
import { emptyTicketForm, formContent, wizardProblems, type TicketForm } from './ticket-form';

/** The most items one return holds. */
export const MAX_RETURN_ITEMS = 100;

export type ReturnShared = Pick<TicketForm, 'customer' | 'resellerReference' | 'delivery'>;
export type ReturnItemForm = Omit<TicketForm, keyof ReturnShared> & {
  /** Stable across edits, removals and duplicates (the list's key). */
  key: string;
};

let nextKey = 0;
const newKey = () => `item-${++nextKey}`;

export function emptyShared(): ReturnShared {
  const { customer, resellerReference, delivery } = emptyTicketForm();
  return { customer, resellerReference, delivery };
}

export function emptyItem(reason: Reason = 'DEFECT'): ReturnItemForm {
  const { customer: _c, resellerReference: _r, delivery: _d, ...item } = emptyTicketForm();
  return { ...item, reason, key: newKey() };
}

/** A copy of an item to edit on its own: the same product and fault, without the serial. */
export function duplicateItem(item: ReturnItemForm): ReturnItemForm {
  return {
    ...item,
    exclusions: [...item.exclusions],
    product: { ...item.product, serialNumber: '', invoiceRef: '' },
    supportTicketNumber: '',
    key: newKey(),
  };
}

/** The ticket form of one item: the shared information and the item's own fields. */
export function itemTicketForm(shared: ReturnShared, item: ReturnItemForm): TicketForm {
  const { key: _key, ...own } = item;
  return { ...shared, ...own };
}

/** Whether a field belongs to the shared part (else it is the item's). */
export const isSharedField = (field: string) => /^(customer|delivery|resellerReference)(\.|$)/.test(field);

/** The field's name in the API's return body: `items[2].product.serialNumber`. */
export const itemField = (index: number, field: string) => `items[${index}].${field}`;

/**
 * The body of POST /returns: the shared part once, each item's own content (blanks left out, the
 * support ticket number only where its manufacturer asks for one: `asksSupportTicket(item)`).
 */
export function returnBody(
  shared: ReturnShared,
  items: readonly ReturnItemForm[],
  asksSupportTicket: (item: ReturnItemForm) => boolean,
  submit: boolean,
): CreateReturnInput {
  const probe = formContent(itemTicketForm(shared, items[0] ?? emptyItem()), false);
  return {
    ...(probe.customer ? { customer: probe.customer } : {}),
    ...(probe.delivery ? { delivery: probe.delivery } : {}),
    ...(probe.resellerReference ? { resellerReference: probe.resellerReference } : {}),
    items: items.map((item) => {
      const {
        customer: _c,
        delivery: _d,
        resellerReference: _r,
        ...own
      } = formContent(itemTicketForm(shared, item), asksSupportTicket(item));
      return own as ReturnItemInput;
    }),
    submit,
  };
}

/**
 * What stops a submit, by field: the shared fields by their own names, each item's as
 * `items[i].field` (the names the API answers with). A serial given twice is named on its second
 * item, as the API names it.
 */
export function returnProblems(
  shared: ReturnShared,
  items: readonly ReturnItemForm[],
  manufacturerKnown: (item: ReturnItemForm) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!items.length) out['items'] = 'Add at least one item.';
  if (items.length > MAX_RETURN_ITEMS) out['items'] = `A return holds at most ${MAX_RETURN_ITEMS} items.`;
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const problems = wizardProblems(itemTicketForm(shared, item), {
      manufacturerKnown: manufacturerKnown(item),
    });
    for (const [field, message] of Object.entries(problems)) {
      if (isSharedField(field)) out[field] ??= message;
      else out[itemField(i, field)] = message;
    }
    const serial = item.product.serialNumber.trim().toUpperCase();
    if (!serial) return;
    const first = seen.get(serial);
    if (first === undefined) seen.set(serial, i);
    else out[itemField(i, 'product.serialNumber')] = `Already item ${first + 1} of this return.`;
  });
  return out;
}

/** One item's problems, without the `items[i].` prefix: what its card shows beside its fields. */
export function problemsOfItem(problems: Record<string, string>, index: number): Record<string, string> {
  const prefix = `items[${index}].`;
  return Object.fromEntries(
    Object.entries(problems)
      .filter(([f]) => f.startsWith(prefix))
      .map(([f, m]) => [f.slice(prefix.length), m]),
  );
}

export type ItemPreview =
  | { kind: 'waiting'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'decision'; decision: Decision; onSubmit: TicketStatus };

/**
 * One item's live preview, as the wizard's: decideRoute from @rma/rules on the facts typed and the
 * invoice line of its serial (or SKU). A defect waits for its manufacturer, anything else for a product.
 */
export function itemPreview(
  shared: ReturnShared,
  item: ReturnItemForm,
  ctx: {
    manufacturer: ManufacturerConfig | null;
    line: InvoiceLine | null;
    fees: FeePolicy;
    today: string;
  },
): ItemPreview {
  const asks = item.reason === 'DEFECT' && !!ctx.manufacturer?.supportTicket;
  if (item.reason === 'DEFECT' ? !ctx.manufacturer : !(item.product.sku || item.product.serialNumber.trim()))
    return {
      kind: 'waiting',
      text: item.reason === 'DEFECT' ? 'Choose the manufacturer.' : 'Choose the product.',
    };
  const facts = ticketFacts(formContent(itemTicketForm(shared, item), asks), ctx.line);
  if (!facts) return { kind: 'waiting', text: 'Choose why it is coming back.' };
  try {
    const decision = decideRoute({
      ticket: facts,
      manufacturer: ctx.manufacturer,
      fees: ctx.fees,
      today: ctx.today,
    });
    return { kind: 'decision', decision, onSubmit: statusForDecision(decision) };
  } catch (err) {
    return { kind: 'error', text: err instanceof Error ? err.message : String(err) };
  }
}
