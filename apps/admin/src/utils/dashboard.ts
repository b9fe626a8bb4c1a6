/** Figures for the dashboard, computed from the counts and from pages of the ticket list. */
import { REASONS, ROUTES, TICKET_STATUSES, isFinalStatus, type Money, type TicketStatus } from '@rma/rules';
import type { InvoiceLine, Product } from '../api/products';
import type { StatusCounts, TicketListItem, TicketView } from '../api/tickets';
import type { Bar } from '../components/types';
import { REASON_LABELS, ROUTE_LABELS, STATUS_LABELS, STATUS_TONES } from './labels';

export function statusBars(counts: StatusCounts): Bar[] {
  return TICKET_STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({
    key: s,
    label: STATUS_LABELS[s],
    value: counts[s] ?? 0,
    tone: STATUS_TONES[s],
  }));
}

/** Tickets not in a final status and not finished (rejected, resolved...). */
export function openCount(counts: StatusCounts): number {
  const closedish: TicketStatus[] = ['REJECTED', 'RESOLVED', 'EXPIRED', 'VENDOR_REJECTED', 'VENDOR_ACCEPTED'];
  return TICKET_STATUSES.filter((s) => !isFinalStatus(s) && !closedish.includes(s)).reduce(
    (n, s) => n + (counts[s] ?? 0),
    0,
  );
}

export function reasonBars(items: TicketListItem[]): Bar[] {
  return REASONS.map((r) => ({
    key: r,
    label: REASON_LABELS[r],
    value: items.filter((t) => t.reason === r).length,
    tone: r === 'DEFECT' ? 'info' : r === 'ORDER_ERROR' ? 'warn' : 'accent',
  }));
}

export function routeBars(items: TicketListItem[]): Bar[] {
  const bars: Bar[] = ROUTES.map((r) => ({
    key: r,
    label: ROUTE_LABELS[r],
    value: items.filter((t) => t.route === r).length,
    tone: r === 'NOT_ELIGIBLE' ? 'danger' : r === 'IN_HOUSE' ? 'info' : 'accent',
  }));
  const unrouted = items.filter((t) => t.route === null).length;
  if (unrouted) bars.push({ key: 'NONE', label: 'Not routed yet', value: unrouted, tone: 'neutral' });
  return bars;
}

export function manufacturerBars(items: TicketListItem[], nameOf: (slug: string) => string): Bar[] {
  const by = new Map<string, number>();
  for (const t of items) if (t.manufacturer) by.set(t.manufacturer, (by.get(t.manufacturer) ?? 0) + 1);
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([slug, n]) => ({ key: slug, label: nameOf(slug), value: n, tone: 'info' as const }));
}

/**
 * Defect tickets per 100 units invoiced, per manufacturer: DEFECT tickets in `items` over the invoice
 * lines of the manufacturer's products.
 */
export function defectRateBars(
  items: TicketListItem[],
  lines: InvoiceLine[],
  products: Product[],
  nameOf: (slug: string) => string,
): Bar[] {
  const mfOfSku = new Map(products.map((p) => [p.sku, p.manufacturer]));
  const units = new Map<string, number>();
  for (const l of lines) {
    const mf = mfOfSku.get(l.sku);
    if (mf) units.set(mf, (units.get(mf) ?? 0) + 1);
  }
  const defects = new Map<string, number>();
  for (const t of items) {
    if (t.reason === 'DEFECT' && t.manufacturer)
      defects.set(t.manufacturer, (defects.get(t.manufacturer) ?? 0) + 1);
  }
  return [...units.entries()]
    .map(([slug, n]) => {
      const rate = ((defects.get(slug) ?? 0) / n) * 100;
      return {
        key: slug,
        label: nameOf(slug),
        value: rate,
        display: `${rate.toFixed(rate < 10 ? 1 : 0)}%`,
        tone: rate >= 10 ? ('danger' as const) : rate >= 5 ? ('warn' as const) : ('success' as const),
      };
    })
    .sort((a, b) => b.value - a.value);
}

/** Credits (by currency) recorded on tickets resolved in the month of `monthIso` (YYYY-MM). */
export function creditsInMonth(tickets: TicketView[], monthIso: string): Money[] {
  const sums = new Map<string, number>();
  for (const t of tickets) {
    if (!t.credit || !t.updatedAt.startsWith(monthIso)) continue;
    sums.set(t.credit.currency, (sums.get(t.credit.currency) ?? 0) + t.credit.amountMinor);
  }
  return [...sums.entries()].map(([currency, amountMinor]) => ({ amountMinor, currency }));
}
