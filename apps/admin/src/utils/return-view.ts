/**
 * A submitted return as the reseller reads it: what happens next to each item, grouped the way the
 * return page counts them (vendor portal, waiting for a support ticket number, forwarded to the
 * manufacturer, in review, refused), from each item's status and decision.
 */
import type { TicketStatus } from '@rma/rules';
import type { ReturnItemView } from '../api/returns';

export type ItemStage = 'PORTAL' | 'SUPPORT_TICKET' | 'FORWARDED' | 'REVIEW' | 'REFUSED' | 'OTHER';

export const STAGE_LABELS: Record<ItemStage, string> = {
  PORTAL: "Open on the vendor's portal",
  SUPPORT_TICKET: 'Waiting for a support ticket number',
  FORWARDED: 'Forwarded to the manufacturer',
  REVIEW: 'In review by the distributor',
  REFUSED: 'Refused',
  OTHER: 'Under way',
};

const STAGE_OF: Partial<Record<TicketStatus, ItemStage>> = {
  REDIRECTED: 'PORTAL',
  AWAITING_PREREQUISITE: 'SUPPORT_TICKET',
  FORWARDED: 'FORWARDED',
  VENDOR_ACCEPTED: 'FORWARDED',
  IN_REVIEW: 'REVIEW',
  INFO_REQUESTED: 'REVIEW',
  SUBMITTED: 'REVIEW',
  REJECTED: 'REFUSED',
  VENDOR_REJECTED: 'REFUSED',
};

export function itemStage(item: Pick<ReturnItemView, 'status'>): ItemStage {
  return STAGE_OF[item.status] ?? 'OTHER';
}

/** How many items are at each stage, in the page's order, leaving out the empty ones. */
export function stageCounts(
  items: readonly Pick<ReturnItemView, 'status'>[],
): { stage: ItemStage; count: number }[] {
  const order: ItemStage[] = ['SUPPORT_TICKET', 'PORTAL', 'FORWARDED', 'REVIEW', 'REFUSED', 'OTHER'];
  return order
    .map((stage) => ({ stage, count: items.filter((i) => itemStage(i) === stage).length }))
    .filter((s) => s.count > 0);
}

/** The items in their order in the return. */
export function inPosition<T extends Pick<ReturnItemView, 'position'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position);
}
