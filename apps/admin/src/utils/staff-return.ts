/**
 * A return as staff work on it: which items a selection may approve together, the answer of an
 * approval said per item, the items' timelines merged into one, and the total credit.
 */
import { formatMoney, type Money, type TicketStatus } from '@rma/rules';
import type { ItemApproval } from '../api/parcels';
import type { ReturnItemView } from '../api/returns';
import { STATUS_LABELS } from './labels';

/** An item staff may approve now with the others selected: in house, and APPROVE allowed. */
export function approvable(item: Pick<ReturnItemView, 'allowedActions' | 'decision'>): boolean {
  return item.allowedActions.includes('APPROVE') && item.decision?.route === 'IN_HOUSE';
}

/** The approvable items' ids, in their order: what "select the in-house items" selects. */
export function approvableIds(items: readonly ReturnItemView[]): string[] {
  return [...items]
    .sort((a, b) => a.position - b.position)
    .filter(approvable)
    .map((i) => i.id);
}

/** What was done to each item asked, in one line each: approved with its RMA number, or why not. */
export function approvalLines(items: readonly ItemApproval[]): { id: string; ok: boolean; text: string }[] {
  return items.map((i) => ({
    id: i.id,
    ok: i.approved,
    text: i.approved
      ? `Item ${i.position}: approved${i.ticket.rma ? ` with ${i.ticket.rma.number}` : ''}`
      : `Item ${i.position}: not approved: ${(i.refusal ?? 'refused').replace(/^item \d+: /, '')}`,
  }));
}

/** The return's total credit, one amount per currency ("—" while none is credited). */
export function totalCreditText(total: readonly Money[]): string {
  return total.length ? total.map((m) => formatMoney(m)).join(' + ') : '—';
}

/** A return's mix of item states, most first: "2 In review, 1 Approved". */
export function returnMixText(byStatus: Readonly<Record<string, number | undefined>>): string {
  return Object.entries(byStatus)
    .filter((e): e is [string, number] => !!e[1])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([status, n]) => `${n} ${STATUS_LABELS[status as TicketStatus] ?? status}`)
    .join(', ');
}
