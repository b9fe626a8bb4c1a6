import { DEFAULT_SLA_CONFIG } from '@rma/rules';
import type { TicketRow } from '../tickets/ticket-row.js';
import { REASON_LABELS, returnInstructions } from '../rma-form/return-instructions.js';
import type { RenderedMail } from './mail-templates.js';

/*
 * The messages about several items of one return at once (issue 15): the return submitted (which item
 * went where) and items approved together under one RMA number (one parcel). A return of one item, and
 * every later per-item change, keeps the per-ticket messages of mail-templates.ts. Plain text, like
 * those: what the reseller typed is written as typed.
 */

/** An item of the return with what the message says of its manufacturer. */
export interface ReturnMailItem {
  ticket: TicketRow;
  manufacturerName: string | null;
  /** VENDOR_PORTAL: what the reseller should bring to the manufacturer's portal. */
  portalInstructions: string | null;
}

export interface ReturnMailContext {
  returnId: string;
  /** The items the message is about, in any order (they are listed by their position). */
  items: ReturnMailItem[];
  /** The API's public base URL (the portal's return page, the RMA form). */
  publicUrl: string;
  distributorName: string;
}

/** Where a submitted item went, as the message groups them, in the order they are listed. */
const GROUPS = [
  { status: 'AWAITING_PREREQUISITE', title: 'Waiting for a support ticket number' },
  { status: 'REDIRECTED', title: "Handled by the manufacturer's RMA portal" },
  { status: 'IN_REVIEW', title: 'In review by our RMA desk' },
  { status: 'FORWARDED', title: 'Forwarded to the manufacturer' },
  { status: 'REJECTED', title: 'Refused' },
] as const;

/** An item as one line: its place in the return, manufacturer, SKU, serial and reason. */
export function itemLine(i: Pick<ReturnMailItem, 'ticket' | 'manufacturerName'>): string {
  const t = i.ticket;
  const product = [i.manufacturerName, t.sku, t.serialNumber ? `serial ${t.serialNumber}` : null]
    .filter(Boolean)
    .join(' ');
  return `Item ${t.position}: ${product || 'product not given'} (${REASON_LABELS[t.reason] ?? t.reason})`;
}

const byPosition = (items: ReturnMailItem[]) =>
  [...items].sort((a, b) => a.ticket.position - b.ticket.position);

/** The return's shared information, as the items carry it. */
function shared(t: TicketRow, count: number): string[] {
  return [
    `Items: ${count}`,
    t.customerName ? `End customer: ${t.customerName}` : null,
    t.resellerReference ? `Your reference: ${t.resellerReference}` : null,
  ].filter((l): l is string => l !== null);
}

/** How the return is named in a subject: the reseller's reference when it has one. */
const returnLabel = (t: TicketRow, count: number) =>
  `${count} items${t.resellerReference ? `, your ref. ${t.resellerReference}` : ''}`;

/** What happens next to a submitted item, under its line. */
function nextStep(i: ReturnMailItem): string[] {
  const t = i.ticket;
  const mf = i.manufacturerName ?? 'the manufacturer';
  const out: string[] = [];
  switch (t.status) {
    case 'AWAITING_PREREQUISITE': {
      const helpdesk = t.decision?.prerequisites.find((p) => p.kind === 'SUPPORT_TICKET' && !p.satisfied);
      out.push(
        helpdesk
          ? `Open a support ticket at ${helpdesk.helpdeskUrl} and add its number to this item; it waits until then.`
          : 'Add the support ticket number to this item; it waits until then.',
      );
      break;
    }
    case 'REDIRECTED':
      out.push(`RMAs for ${mf} are handled by ${mf} directly: ${t.decision?.portalUrl ?? 'its RMA portal'}`);
      if (i.portalInstructions) out.push(`Instructions: ${i.portalInstructions}`);
      break;
    case 'IN_REVIEW':
      out.push(`Our RMA desk answers within ${DEFAULT_SLA_CONFIG.firstAnswerDays} days.`);
      break;
    case 'FORWARDED':
      out.push(`Forwarded to ${mf}, who answers on it.`);
      break;
    case 'REJECTED':
      break;
    default:
      out.push(`Status: ${t.status}`);
  }
  const reasons = t.decision?.reasons ?? [];
  if (reasons.length) out.push('Why:', ...reasons.map((r) => `- ${r}`));
  return out.map((l) => `   ${l}`);
}

/**
 * A return of several items submitted: ONE message saying, grouped by where they went and in position
 * order within each group, what happens next to every item, with the link to the return's page.
 */
export function renderReturnSubmitted(c: ReturnMailContext): RenderedMail {
  const items = byPosition(c.items);
  const first = items[0]!.ticket;
  const base = c.publicUrl.replace(/\/+$/, '');
  const count = (status: string) => items.filter((i) => i.ticket.status === status).length;
  const waiting = count('AWAITING_PREREQUISITE');
  const lines = [`We received your return of ${items.length} items.`, '', ...shared(first, items.length)];
  const known = new Set<string>(GROUPS.map((g) => g.status));
  const groups = [
    ...GROUPS,
    ...[...new Set(items.map((i) => i.ticket.status))]
      .filter((s) => !known.has(s))
      .map((status) => ({ status, title: `Status ${status}` })),
  ];
  for (const g of groups) {
    const inGroup = items.filter((i) => i.ticket.status === g.status);
    if (!inGroup.length) continue;
    lines.push('', `${g.title} (${inGroup.length}):`);
    for (const i of inGroup) lines.push(` - ${itemLine(i)}`, ...nextStep(i));
  }
  lines.push('', `Your return: ${base}/returns/${c.returnId}`, '', '--', `${c.distributorName} RMA desk`);
  const subject = waiting
    ? `Return received (${returnLabel(first, items.length)}): ${waiting} ${waiting === 1 ? 'item needs' : 'items need'} a support ticket number`
    : `Return received: ${returnLabel(first, items.length)}`;
  return { subject: `[${c.distributorName} RMA] ${subject}`, body: lines.join('\n') };
}

/**
 * Items of a return approved together: one RMA number, one parcel, one message listing the items, the
 * parcel's RMA form (any item's form is the parcel's) and the return instructions once.
 */
export function renderParcelApproved(c: ReturnMailContext): RenderedMail {
  const items = byPosition(c.items);
  const first = items[0]!.ticket;
  const base = c.publicUrl.replace(/\/+$/, '');
  const rma = first.rmaNumber ?? '';
  // The distributor pays the transport only when every item of the box follows a delivery error.
  const reason = items.every((i) => i.ticket.reason === 'DELIVERY_ERROR') ? 'DELIVERY_ERROR' : 'DEFECT';
  const lines = [
    `${items.length} items of your return were approved; they travel in one parcel under one RMA number.`,
    '',
    `RMA number: ${rma}`,
    `Valid until: ${first.rmaValidUntil} (the items must be shipped by this day; after it, re-apply)`,
    first.customerName ? `End customer: ${first.customerName}` : null,
    first.resellerReference ? `Your reference: ${first.resellerReference}` : null,
    '',
    'In the parcel:',
    ...items.map((i) => ` - ${itemLine(i)}`),
    '',
    'Print the RMA form (it lists every item) and put it in the parcel:',
    `  ${base}/api/v1/tickets/${first.id}/rma-form.pdf`,
    '',
    'Return instructions:',
    ...returnInstructions(
      { reason, rmaNumber: rma, rmaValidUntil: first.rmaValidUntil },
      c.distributorName,
    ).map((l) => `- ${l}`),
    '',
    `Your return: ${base}/returns/${c.returnId}`,
    '',
    '--',
    `${c.distributorName} RMA desk`,
  ].filter((l): l is string => l !== null);
  const subject = `RMA ${rma} approved for ${items.length} items: ship by ${first.rmaValidUntil}`;
  return { subject: `[${c.distributorName} RMA] ${subject}`, body: lines.join('\n') };
}
