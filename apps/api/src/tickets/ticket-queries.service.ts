import { Injectable } from '@nestjs/common';
import { isShortTicketId, lookupWarranty, replacementFact } from '@rma/rules';
import { NotFoundException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import { ALL_TENANTS, Database, tenantScope } from '../database/database.service.js';
import { isStaffPrincipal, scopeOf, type Principal } from '../auth/principal.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { AttachmentsRepository } from '../attachments/attachments.repository.js';
import { toAttachmentView } from '../attachments/views.js';
import { InvoiceImportRepository } from '../invoice-import/invoice-import.repository.js';
import type { ListTicketsQuery, TicketFilterQuery } from './dto.js';
import { recordsOf } from './ticket-content.js';
import { TicketStatsRepository } from './ticket-stats.repository.js';
import { TicketViewer } from './ticket-viewer.js';
import { toTicketListItem } from './ticket.views.js';
import { TicketsRepository, type ListFilter } from './tickets.repository.js';

/** A return's item count and the mix of its items' states, as a list row shows them. */
const returnItems = (byStatus: Record<string, number>) => ({
  count: Object.values(byStatus).reduce((a, b) => a + b, 0),
  byStatus,
});

const RMA_NUMBER = /^RMA-\d{4}-\d{6,}$/i;

/** What a list search is: an RMA number, a short ticket id (`#` and 8 hex digits), or a serial or name. */
function searchKind(q: string): 'RMA_NUMBER' | 'SHORT_ID' | 'TEXT' {
  if (RMA_NUMBER.test(q.trim())) return 'RMA_NUMBER';
  return isShortTicketId(q) ? 'SHORT_ID' : 'TEXT';
}

/**
 * What the ticket's readers ask: one ticket with its timeline and attachments, the triage list and
 * its filters (the export reads them too), the counts and dashboard figures, the reseller's prefill
 * and the warranty look-up. Nothing here changes a ticket.
 */
@Injectable()
export class TicketQueriesService {
  constructor(
    private readonly db: Database,
    private readonly repo: TicketsRepository,
    private readonly statsRepo: TicketStatsRepository,
    private readonly invoices: InvoiceImportRepository,
    private readonly viewer: TicketViewer,
    private readonly manufacturers: ManufacturersService,
    private readonly attachments: AttachmentsRepository,
    private readonly clock: Clock,
  ) {}

  async get(p: Principal, id: string) {
    return this.db.run(scopeOf(p), async () => {
      const row = await this.viewer.load(id);
      const timeline = await this.repo.timeline(id);
      const attachments = (await this.attachments.listForTicket(id)).map(toAttachmentView);
      return { ...(await this.viewer.view(row, p)), timeline, attachments };
    });
  }

  async timeline(p: Principal, id: string) {
    return this.db.run(scopeOf(p), async () => {
      await this.viewer.load(id);
      return this.repo.timeline(id);
    });
  }

  async list(p: Principal, q: ListTicketsQuery) {
    const limit = q.limit ?? 50;
    const filter = await this.filterOf(p, q);
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const today = this.clock.today();
    const slugs = await this.manufacturers.all();
    const rows = await this.db.run(scopeOf(p), () => this.repo.list({ ...filter, after, limit: limit + 1 }));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        ...toTicketListItem(r, slugs.get(r.manufacturerId ?? '')?.slug ?? null, today),
        returnId: r.returnId,
        position: r.position,
        returnItems: returnItems(r.returnItemsByStatus),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.sortKey, last.id]) : null,
    };
  }

  /** The list's filters as the repository takes them; an unknown manufacturer is a 400. */
  async filterOf(p: Principal, q: TicketFilterQuery): Promise<Omit<ListFilter, 'limit'>> {
    const manufacturerId = (await this.manufacturers.named(q.manufacturer))?.id;
    return {
      tenantId: isStaffPrincipal(p) ? q.tenantId : p.tenantId!,
      status: q.status,
      reason: q.reason,
      route: q.route,
      manufacturerId,
      slaBreachedBefore: q.slaBreached === 'true' ? this.clock.today() : undefined,
      q: q.q?.trim() || undefined,
      qKind: q.q ? searchKind(q.q) : undefined,
      sort: q.sort ?? '-createdAt',
    };
  }

  counts(p: Principal, tenantId?: string) {
    return this.db.run(scopeOf(p), () =>
      this.statsRepo.countByStatus(isStaffPrincipal(p) ? tenantId : p.tenantId!),
    );
  }

  /** Dashboard figures: tickets by status, reason, route and manufacturer; SLA; credits this month; defect rates. */
  async stats(p: Principal, tenantId?: string) {
    const today = this.clock.today();
    const manufacturers = await this.manufacturers.all();
    const slug = (id: string) => manufacturers.get(id)?.slug ?? id;
    const s = await this.db.run(scopeOf(p), () =>
      this.statsRepo.stats(today, isStaffPrincipal(p) ? tenantId : p.tenantId!),
    );
    return {
      byStatus: s.byStatus,
      byReason: s.byReason,
      byRoute: s.byRoute,
      byManufacturer: Object.fromEntries(Object.entries(s.byManufacturerId).map(([id, n]) => [slug(id), n])),
      sla: s.sla,
      creditsThisMonth: s.creditsThisMonth,
      defectRate: s.defects
        .map((d) => ({
          manufacturer: slug(d.manufacturerId),
          defects: d.defects,
          sold: d.sold,
          rate: d.sold ? d.defects / d.sold : null,
        }))
        .sort((a, b) => a.manufacturer.localeCompare(b.manufacturer)),
    };
  }

  /** Folds the ticket-count deltas into the counts the status chips and the dashboard read (every 10 s). */
  foldCounts(): Promise<number> {
    return this.db.run(ALL_TENANTS, () => this.statsRepo.foldCounts());
  }

  /** The reseller's last customer and delivery information, to pre-fill a new ticket. */
  prefill(p: Principal) {
    return this.db.run(tenantScope(p.tenantId!), async () => {
      const last = await this.repo.lastContact(p.tenantId!);
      return { customer: last?.customer ?? {}, delivery: omit(last?.delivery ?? {}, ['deliveredOn']) };
    });
  }

  /** Warranty look-up by serial number, among the caller's own purchases (staff: any). */
  async warranty(p: Principal, serialNumber: string) {
    const today = this.clock.today();
    return this.db.run(scopeOf(p), async () => {
      const sale = await this.invoices.lastSaleOfSerial(
        serialNumber,
        isStaffPrincipal(p) ? null : p.tenantId!,
      );
      const mf = sale?.manufacturerId ? await this.manufacturers.byId(sale.manufacturerId) : null;
      if (!sale || !mf) throw new NotFoundException('No purchase with this serial number');
      const stored = await this.repo.gatherFacts(sale.tenantId, serialNumber, null);
      return lookupWarranty({
        serialNumber,
        manufacturer: mf.config,
        today,
        sku: sale.sku,
        distributorSaleDate: sale.invoicedOn,
        replacement: replacementFact(recordsOf(stored).replacement),
      });
    });
  }
}

function omit<T extends Record<string, unknown>>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as Partial<T>;
}
