import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  addDays,
  allowedActions,
  decideRoute,
  DEFAULT_SLA_CONFIG,
  formatRmaNumber,
  isSupportTicketSatisfied,
  replacementCoveredUntil,
  isShortTicketId,
  lookupWarranty,
  rmaValidUntil,
  RulesConfigError,
  statusForDecision,
  transition,
  type Actor,
  type Decision,
  type Exclusion,
  type Outcome,
  type Reason,
  type TicketFacts,
  type TicketStatus,
} from '@rma/rules';
import {
  AppException,
  ErrorCode,
  NotFoundException,
  ValidationException,
  type FieldProblem,
} from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database, tenantScope, tx } from '../database/database.service.js';
import { isStaffPrincipal, scopeOf, type Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { effectiveFeePolicy } from '../tenants/tenants.service.js';
import type { TenantEntity } from '../tenants/entities/tenant.entity.js';
import { WebhookOutbox } from '../webhooks/outbox.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import { AttachmentsRepository } from '../attachments/attachments.repository.js';
import { toAttachmentView } from '../attachments/views.js';
import {
  TICKET_ACTION_VALUES,
  type CreateTicketDto,
  type ListTicketsQuery,
  type TicketContentDto,
  type TicketFilterQuery,
  type TransitionDto,
} from './dto.js';
import {
  newTicketRow,
  TicketsRepository,
  type ListFilter,
  type TicketEventValues,
  type TicketRow,
  type TicketValues,
  type StoredFacts,
} from './tickets.repository.js';
import { TicketStatsRepository } from './ticket-stats.repository.js';
import { toTicketListItem, toTicketView, type TicketView } from './ticket.views.js';

const RMA_NUMBER = /^RMA-\d{4}-\d{6,}$/i;

/** What a list search is: an RMA number, a short ticket id (`#` and 8 hex digits), or a serial or name. */
function searchKind(q: string): 'RMA_NUMBER' | 'SHORT_ID' | 'TEXT' {
  if (RMA_NUMBER.test(q.trim())) return 'RMA_NUMBER';
  return isShortTicketId(q) ? 'SHORT_ID' : 'TEXT';
}
const DEFAULT_RMA_VALIDITY_DAYS = 14;
const USER_ACTIONS = new Set<string>(TICKET_ACTION_VALUES);

/** The content of a ticket as the reseller gave it: the DTO shape, also rebuilt from a stored row. */
type TicketContent = Omit<TicketContentDto, never>;

@Injectable()
export class TicketsService {
  private readonly logger = new Logger('Tickets');

  constructor(
    private readonly db: Database,
    private readonly repo: TicketsRepository,
    private readonly manufacturers: ManufacturersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: WebhookOutbox,
    private readonly mail: MailOutbox,
    private readonly attachments: AttachmentsRepository,
    private readonly metrics: Metrics,
    private readonly statsRepo: TicketStatsRepository,
  ) {}

  // ---- create, edit, submit ---------------------------------------------------------------------

  async create(p: Principal, dto: CreateTicketDto, idempotencyKey?: string): Promise<TicketView> {
    const { submit, ...content } = dto;
    if (!content.reason) throw new ValidationException([{ field: 'reason', message: 'reason is required' }]);
    const mf = await this.resolveManufacturer(content);
    if (submit) this.assertComplete(content, mf);
    const tenantId = p.tenantId!;
    const requestHash = idempotencyKey ? fingerprint(dto) : '';
    let submittedTo: string | null = null;
    const created = await this.db.run(tenantScope(tenantId), async () => {
      if (idempotencyKey) {
        const claim = await this.repo.claimIdempotencyKey(tenantId, idempotencyKey);
        if (!claim.locked) {
          throw new AppException(
            ErrorCode.IDEMPOTENCY_IN_PROGRESS,
            'A request with this Idempotency-Key is still being processed',
          );
        }
        if (claim.stored) {
          if (claim.stored.requestHash !== requestHash) {
            throw new AppException(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              'This Idempotency-Key was used with a different request body',
            );
          }
          return claim.stored.response as TicketView;
        }
      }
      const values = {
        ...this.contentValues(content, mf),
        tenantId,
        status: 'DRAFT',
        reason: content.reason!,
        createdBy: p.kind === 'user' ? p.id : null,
      };
      const events: TicketEventValues[] = [this.event(p, 'CREATE', null, 'DRAFT')];
      const routing = submit ? await this.routeValues(p, tenantId, content, mf, 'DRAFT', events) : null;
      if (routing) Object.assign(values, routing);
      // The row is built here, so the messages it causes are ready before it is written: the ticket,
      // its timeline, its e-mail and webhook and the idempotency record are queued, and leave as one
      // statement with COMMIT.
      const row = newTicketRow(values, this.clock.now());
      const action = submit ? 'SUBMIT' : 'CREATE';
      this.repo.insert(row, events);
      await this.outbox.ticketChanged(row, action, true);
      await this.mail.ticketChanged(row, action);
      const view = await this.view(row, p);
      if (idempotencyKey)
        this.repo.keepIdempotentAnswer(
          tenantId,
          idempotencyKey,
          requestHash,
          201,
          view,
          this.config.idempotencyTtlHours,
        );
      submittedTo = routing?.route ?? null;
      return view;
    });
    // Counted once committed; a replayed Idempotency-Key is not a new submit.
    if (submittedTo) this.metrics.ticketSubmitted(submittedTo);
    return created;
  }

  async updateDraft(p: Principal, id: string, dto: TicketContentDto): Promise<TicketView> {
    const mfFromDto =
      dto.product?.manufacturer !== undefined ? await this.resolveManufacturer(dto) : undefined;
    return this.db.run(scopeOf(p), async () => {
      const row = await this.load(id);
      if (row.status !== 'DRAFT') {
        throw new AppException(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          `Only a draft can be edited; this ticket is ${row.status}`,
        );
      }
      const merged = mergeContent(await this.contentOf(row), dto);
      const mf = mfFromDto !== undefined ? mfFromDto : await this.manufacturerOf(row);
      const updated = await this.repo.update(
        id,
        row.version,
        this.contentValues(merged, mf),
        [],
        this.clock.now(),
      );
      if (!updated)
        throw new AppException(ErrorCode.CONFLICT, 'The ticket changed meanwhile; reload and try again');
      return await this.view(updated, p);
    });
  }

  /** The decision for a draft's content, stored nowhere. */
  async preview(p: Principal, dto: TicketContentDto): Promise<Decision> {
    if (!dto.reason) throw new ValidationException([{ field: 'reason', message: 'reason is required' }]);
    const mf = await this.resolveManufacturer(dto);
    return this.db.run(tenantScope(p.tenantId!), async () => {
      const stored = await this.repo.gatherFacts(
        p.tenantId!,
        dto.product?.serialNumber ?? null,
        dto.product?.sku ?? null,
      );
      return this.decide(dto, mf, stored);
    });
  }

  // ---- transitions ------------------------------------------------------------------------------

  async act(p: Principal, id: string, dto: TransitionDto): Promise<TicketView> {
    let submittedTo: string | null = null;
    const acted = await this.db.run(scopeOf(p), async () => {
      const row = await this.load(id, true);
      const status = row.status as TicketStatus;
      const today = this.clock.today();
      const events: TicketEventValues[] = [];
      let values: TicketValues;

      if (dto.action === 'SUBMIT' || dto.action === 'PROVIDE_SUPPORT_TICKET') {
        const content = await this.contentOf(row);
        if (dto.action === 'PROVIDE_SUPPORT_TICKET') {
          if (!dto.supportTicketNumber) {
            throw new ValidationException([
              { field: 'supportTicketNumber', message: 'supportTicketNumber is required' },
            ]);
          }
          content.supportTicketNumber = dto.supportTicketNumber;
        }
        const mf = await this.manufacturerOf(row);
        const prerequisite = mf?.config.supportTicket;
        if (
          dto.action === 'PROVIDE_SUPPORT_TICKET' &&
          prerequisite &&
          !isSupportTicketSatisfied(content.supportTicketNumber, prerequisite)
        ) {
          // A number that cannot satisfy the vendor is a typo to fix, not a reason to re-route.
          throw new ValidationException([
            {
              field: 'supportTicketNumber',
              message: `${content.supportTicketNumber} is not a ${mf.name} support ticket number (expected ${prerequisite.numberPattern}; get one at ${prerequisite.helpdeskUrl})`,
            },
          ]);
        }
        const check = this.check(status, dto.action, p, {
          supportTicketNumber: content.supportTicketNumber,
          note: dto.note,
        });
        this.assertComplete(content, mf);
        events.push(this.event(p, dto.action, status, check.to, dto.note));
        values = {
          supportTicketNumber: content.supportTicketNumber ?? null,
          ...(await this.routeValues(p, row.tenantId, content, mf, check.to, events, true)),
        };
      } else {
        const check = this.check(status, dto.action, p, {
          today,
          rmaNumber: row.rmaNumber,
          rmaValidUntil: row.rmaValidUntil,
          shippedOn: row.shippedOn,
          outcome: dto.outcome as Outcome | undefined,
          note: dto.note,
        });
        values = { status: check.to, ...(await this.sideEffects(row, dto, today)) };
        events.push(this.event(p, dto.action, status, check.to, dto.note ?? describeAction(dto)));
      }
      const updated = await this.repo.update(id, row.version, values, events, this.clock.now());
      if (!updated)
        throw new AppException(ErrorCode.CONFLICT, 'The ticket changed meanwhile; reload and try again');
      // The webhook delivery and the e-mail the change causes: queued, one statement sent with COMMIT.
      await this.outbox.ticketChanged(updated, dto.action);
      await this.mail.ticketChanged(updated, dto.action, dto.note);
      const view = await this.view(updated, p);
      // A support-ticket number only re-decides a ticket counted when it was submitted.
      submittedTo = dto.action === 'SUBMIT' ? updated.route : null;
      return view;
    });
    if (submittedTo) this.metrics.ticketSubmitted(submittedTo);
    return acted;
  }

  /** What an action changes besides the status. */
  private async sideEffects(row: TicketRow, dto: TransitionDto, today: string): Promise<TicketValues> {
    const sla = (days: number) => addDays(today, days);
    switch (dto.action) {
      case 'APPROVE': {
        const mf = await this.manufacturerOf(row);
        const days = mf?.config.rmaValidityDays ?? DEFAULT_RMA_VALIDITY_DAYS;
        const rmaNumber = formatRmaNumber(Number(today.slice(0, 4)), await this.repo.nextRmaSequence());
        return { rmaNumber, rmaIssuedOn: today, rmaValidUntil: rmaValidUntil(today, days), slaDueOn: null };
      }
      case 'REJECT':
      case 'REQUEST_INFO':
      case 'AUTHORISE_DESTRUCTION':
      case 'CLOSE':
      case 'CANCEL':
        return { slaDueOn: null };
      case 'SUPPLY_INFO':
      case 'REOPEN':
        return { slaDueOn: sla(DEFAULT_SLA_CONFIG.firstAnswerDays) };
      case 'REAPPLY':
        return {
          rmaNumber: null,
          rmaIssuedOn: null,
          rmaValidUntil: null,
          slaDueOn: sla(DEFAULT_SLA_CONFIG.firstAnswerDays),
        };
      case 'SHIP': {
        const missing: FieldProblem[] = [];
        if (!dto.carrier) missing.push({ field: 'carrier', message: 'carrier is required to ship' });
        if (!dto.trackingNumber)
          missing.push({ field: 'trackingNumber', message: 'trackingNumber is required to ship' });
        if (missing.length) throw new ValidationException(missing);
        return { carrier: dto.carrier!, trackingNumber: dto.trackingNumber!, shippedOn: today };
      }
      case 'RECEIVE':
        if (dto.rmaNumber !== undefined && dto.rmaNumber.toUpperCase() !== row.rmaNumber) {
          throw new AppException(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            `Parcel refused: RMA number ${dto.rmaNumber} is not this ticket's (${row.rmaNumber ?? 'none'})`,
          );
        }
        return { receivedAt: this.clock.now(), slaDueOn: sla(DEFAULT_SLA_CONFIG.inspectionDays) };
      case 'START_INSPECTION':
        return {};
      case 'RESOLVE':
        return { ...this.outcomeValues(row, dto, today), slaDueOn: null };
      case 'SUBMIT':
      case 'PROVIDE_SUPPORT_TICKET':
        return {};
    }
  }

  private outcomeValues(row: TicketRow, dto: TransitionDto, today: string): TicketValues {
    const outcome = dto.outcome!;
    const amounts = row.decision?.amounts;
    const currency = amounts?.invoicedPrice?.currency ?? row.currency ?? 'EUR';
    switch (outcome) {
      case 'CREDITED':
      case 'DESTROYED_AND_CREDITED': {
        const credit = dto.creditMinor ?? amounts?.credit?.amountMinor ?? amounts?.invoicedPrice?.amountMinor;
        if (credit === undefined)
          throw new ValidationException([
            { field: 'creditMinor', message: 'no invoiced price is known: give the credit amount' },
          ]);
        return { outcome, creditMinor: credit, currency };
      }
      case 'REPLACED': {
        if (!dto.replacementSerial)
          throw new ValidationException([
            { field: 'replacementSerial', message: 'the replacement serial number is required' },
          ]);
        return {
          outcome,
          replacementSerial: dto.replacementSerial,
          replacementCoveredUntil: replacementCoveredUntil(today, row.decision?.warranty.endsOn ?? null),
          creditMinor: null,
        };
      }
      case 'REPAIRED':
      case 'NOT_DEFECTIVE':
        return { outcome, creditMinor: null };
    }
  }

  private check(
    status: TicketStatus,
    action: (typeof TICKET_ACTION_VALUES)[number],
    p: Principal,
    ctx: Parameters<typeof transition>[3],
  ) {
    const result = transition(status, action, p.role as Actor, ctx);
    if (result.ok) return result;
    switch (result.code) {
      case 'ROLE_FORBIDDEN':
        throw new AppException(ErrorCode.FORBIDDEN, result.message);
      case 'NOT_ALLOWED_FROM_STATUS':
        throw new AppException(ErrorCode.TRANSITION_NOT_ALLOWED, result.message);
      case 'GUARD_FAILED': {
        const field = GUARD_FIELDS[result.guard ?? ''];
        if (field) throw new ValidationException([{ field, message: result.message }]);
        throw new AppException(ErrorCode.TRANSITION_NOT_ALLOWED, result.message);
      }
    }
  }

  // ---- the system's own transitions -------------------------------------------------------------

  /** Expires approved tickets whose RMA number lapsed unshipped. Returns how many. */
  async expireOverdue(): Promise<number> {
    const today = this.clock.today();
    let total = 0;
    for (;;) {
      const n = await this.db.run(ALL_TENANTS, async () => {
        const rows = await this.repo.approvedPastValidity(today, 200);
        for (const row of rows) {
          const r = transition('APPROVED', 'EXPIRE', 'SYSTEM', { today, rmaValidUntil: row.rmaValidUntil });
          if (!r.ok) continue;
          const note = `RMA number ${row.rmaNumber} was valid until ${row.rmaValidUntil} and the item was not shipped.`;
          const expired = await this.repo.update(
            row.id,
            row.version,
            { status: r.to, slaDueOn: null },
            [systemEvent('EXPIRE', 'APPROVED', r.to, note)],
            this.clock.now(),
          );
          if (expired) await this.mail.ticketChanged(expired, 'EXPIRE');
        }
        return rows.length;
      });
      total += n;
      if (n < 200) break;
    }
    const purged = await this.db.run(ALL_TENANTS, () => this.repo.purgeExpiredIdempotencyKeys());
    if (total || purged)
      this.logger.log({ msg: 'maintenance sweep', expired: total, idempotencyKeysPurged: purged });
    return total;
  }

  /** Folds the ticket-count deltas into the counts the status chips and the dashboard read (every 10 s). */
  foldCounts(): Promise<number> {
    return this.db.run(ALL_TENANTS, () => this.statsRepo.foldCounts());
  }

  // ---- reads ------------------------------------------------------------------------------------

  async get(p: Principal, id: string) {
    return this.db.run(scopeOf(p), async () => {
      const row = await this.load(id);
      const timeline = await this.repo.timeline(id);
      const attachments = (await this.attachments.listForTicket(id)).map(toAttachmentView);
      return { ...(await this.view(row, p)), timeline, attachments };
    });
  }

  async timeline(p: Principal, id: string) {
    return this.db.run(scopeOf(p), async () => {
      await this.load(id);
      return this.repo.timeline(id);
    });
  }

  async list(p: Principal, q: ListTicketsQuery) {
    const limit = q.limit ?? 50;
    const filter = await this.filterOf(p, q);
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const today = this.clock.today();
    const slugs = await this.manufacturers.all();
    return this.db.run(scopeOf(p), async () => {
      const rows = await this.repo.list({ ...filter, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => toTicketListItem(r, slugs.get(r.manufacturerId ?? '')?.slug ?? null, today)),
        nextCursor: rows.length > limit && last ? encodeCursor([last.sortKey, last.id]) : null,
      };
    });
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
      const rows: Array<{
        tenant_id: string;
        sku: string;
        invoiced_on: string;
        manufacturer_id: string | null;
      }> = await tx.query(
        `SELECT l.tenant_id, l.sku, to_char(l.invoiced_on, 'YYYY-MM-DD') AS invoiced_on, pr.manufacturer_id
           FROM invoice_lines l LEFT JOIN products pr ON pr.sku = l.sku
          WHERE l.serial_number = $1 ${isStaffPrincipal(p) ? '' : 'AND l.tenant_id = $2'}
          ORDER BY l.invoiced_on DESC LIMIT 1`,
        isStaffPrincipal(p) ? [serialNumber] : [serialNumber, p.tenantId],
      );
      const line = rows[0];
      const mf = line?.manufacturer_id ? await this.manufacturers.byId(line.manufacturer_id) : null;
      if (!line || !mf) throw new NotFoundException('No purchase with this serial number');
      const stored = await this.repo.gatherFacts(line.tenant_id, serialNumber, null);
      return lookupWarranty({
        serialNumber,
        manufacturer: mf.config,
        today,
        sku: line.sku,
        distributorSaleDate: line.invoiced_on,
        replacement: replacementOf(stored),
      });
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private async load(id: string, forUpdate = false): Promise<TicketRow> {
    const row = await this.repo.findById(id, forUpdate);
    if (!row) throw new NotFoundException('Ticket');
    return row;
  }

  private async view(row: TicketRow, p: Principal): Promise<TicketView> {
    const mf = row.manufacturerId
      ? ((await this.manufacturers.byId(row.manufacturerId))?.slug ?? null)
      : null;
    const actions = allowedActions(row.status as TicketStatus, p.role as Actor, {
      today: this.clock.today(),
      rmaNumber: row.rmaNumber,
      rmaValidUntil: row.rmaValidUntil,
      shippedOn: row.shippedOn,
    }).filter((a) => USER_ACTIONS.has(a));
    return toTicketView(row, mf, actions, this.clock.today());
  }

  private resolveManufacturer(content: TicketContent): Promise<ManufacturerEntity | null> {
    return this.manufacturers.named(content.product?.manufacturer, 'product.manufacturer');
  }

  private async manufacturerOf(row: TicketRow): Promise<ManufacturerEntity | null> {
    if (!row.manufacturerId) return null;
    return this.manufacturers.byId(row.manufacturerId);
  }

  private async contentOf(row: TicketRow): Promise<TicketContent> {
    const mf = await this.manufacturerOf(row);
    return {
      reason: row.reason as Reason,
      customer: row.customer,
      delivery: row.delivery,
      product: stripNulls({
        manufacturer: mf?.slug,
        sku: row.sku ?? undefined,
        serialNumber: row.serialNumber ?? undefined,
        invoiceRef: row.invoiceRef ?? undefined,
        purchaseDate: row.facts.purchaseDate,
        usage: row.facts.usage,
      }),
      faultDescription: row.faultDescription ?? undefined,
      unused: row.facts.unused,
      originalPackaging: row.facts.originalPackaging,
      exclusions: row.facts.exclusions as Exclusion[] | undefined,
      supportTicketNumber: row.supportTicketNumber ?? undefined,
      resellerReference: row.resellerReference ?? undefined,
    };
  }

  private contentValues(c: TicketContent, mf: ManufacturerEntity | null): TicketValues {
    return {
      reason: c.reason,
      manufacturerId: mf?.id ?? null,
      sku: c.product?.sku ?? null,
      serialNumber: c.product?.serialNumber ?? null,
      invoiceRef: c.product?.invoiceRef ?? null,
      customer: { ...(c.customer ?? {}) },
      customerName: c.customer?.name ?? null,
      delivery: { ...(c.delivery ?? {}) },
      facts: stripNulls({
        purchaseDate: c.product?.purchaseDate,
        usage: c.product?.usage,
        unused: c.unused,
        originalPackaging: c.originalPackaging,
        exclusions: c.exclusions,
      }),
      faultDescription: c.faultDescription ?? null,
      supportTicketNumber: c.supportTicketNumber ?? null,
      resellerReference: c.resellerReference ?? null,
    };
  }

  /** Decides a submitted ticket and says where it goes; appends the ROUTE entry to `events`. */
  private async routeValues(
    p: Principal,
    tenantId: string,
    content: TicketContent,
    mf: ManufacturerEntity | null,
    from: TicketStatus,
    events: TicketEventValues[],
    alreadySubmitted = false,
  ): Promise<TicketValues> {
    const stored = await this.repo.gatherFacts(
      tenantId,
      content.product?.serialNumber ?? null,
      content.product?.sku ?? null,
    );
    const decision = this.decide(content, mf, stored);
    const routed = statusForDecision(decision);
    if (!alreadySubmitted) events.push(this.event(p, 'SUBMIT', from, 'SUBMITTED'));
    events.push(systemEvent('ROUTE', 'SUBMITTED', routed, decision.reasons.join(' ')));
    const today = this.clock.today();
    return {
      status: routed,
      decision,
      rulesVersion: decision.rulesVersion,
      manufacturerRevision: mf?.revision ?? null,
      route: decision.route,
      handling: decision.handling,
      warrantyStatus: decision.warranty.status,
      currency: decision.amounts.invoicedPrice?.currency ?? stored.tenant?.currency ?? null,
      creditMinor: null,
      submittedAt: this.clock.now(),
      slaDueOn: routed === 'IN_REVIEW' ? addDays(today, DEFAULT_SLA_CONFIG.firstAnswerDays) : null,
    };
  }

  private decide(content: TicketContent, mf: ManufacturerEntity | null, stored: StoredFacts): Decision {
    const line = stored.line;
    const facts: TicketFacts = {
      reason: content.reason!,
      serialNumber: content.product?.serialNumber ?? null,
      sku: content.product?.sku ?? null,
      deliveredOn: content.delivery?.deliveredOn ?? null,
      unused: content.unused ?? null,
      originalPackaging: content.originalPackaging ?? null,
      invoicedPrice: line ? { amountMinor: line.unit_price_minor, currency: line.currency } : null,
      endUserPurchaseDate: content.product?.purchaseDate ?? null,
      distributorSaleDate: line?.invoiced_on ?? null,
      replacement: replacementOf(stored),
      usage: content.product?.usage ?? null,
      exclusions: content.exclusions ?? null,
      supportTicketNumber: content.supportTicketNumber ?? null,
    };
    const fees = effectiveFeePolicy(tenantFeeRow(stored));
    try {
      return decideRoute({
        ticket: facts,
        manufacturer: mf?.config ?? null,
        fees,
        today: this.clock.today(),
      });
    } catch (err) {
      if (err instanceof RulesConfigError) {
        throw new AppException(
          ErrorCode.CONFLICT,
          `The manufacturer's configuration cannot route tickets: ${err.message}`,
        );
      }
      throw err;
    }
  }

  /** What submitting needs; every missing field is named. */
  private assertComplete(c: TicketContent, mf: ManufacturerEntity | null): void {
    const missing: FieldProblem[] = [];
    const need = (ok: unknown, field: string, why = `${field} is required to submit`) => {
      if (ok === undefined || ok === null || ok === '') missing.push({ field, message: why });
    };
    need(c.reason, 'reason');
    need(c.customer?.name, 'customer.name');
    if (!c.product?.sku && !c.product?.serialNumber)
      missing.push({
        field: 'product.sku',
        message: 'product.sku or product.serialNumber is required to submit',
      });
    if (c.reason === 'DEFECT') {
      need(mf, 'product.manufacturer');
      need(c.product?.serialNumber, 'product.serialNumber');
      need(c.faultDescription, 'faultDescription');
    } else {
      need(c.delivery?.deliveredOn, 'delivery.deliveredOn');
    }
    if (c.reason === 'ORDER_ERROR') {
      need(c.unused, 'unused');
      need(c.originalPackaging, 'originalPackaging');
    }
    if (missing.length) throw new ValidationException(missing);
  }

  private event(
    p: Principal,
    action: string,
    from: string | null,
    to: string,
    note?: string | null,
  ): TicketEventValues {
    return {
      actorType: p.kind === 'user' ? 'USER' : 'API_KEY',
      actorId: p.id,
      actorLabel: p.label,
      action,
      fromStatus: from,
      toStatus: to,
      note: note ?? null,
    };
  }
}

const GUARD_FIELDS: Record<string, string> = {
  NOTE_REQUIRED: 'note',
  NOTE_REQUIRED_FOR_STAFF: 'note',
  SUPPORT_TICKET_NUMBER_REQUIRED: 'supportTicketNumber',
  OUTCOME_ALLOWED: 'outcome',
};

function systemEvent(action: string, from: string, to: string, note: string | null): TicketEventValues {
  return {
    actorType: 'SYSTEM',
    actorId: null,
    actorLabel: 'RMA platform',
    action,
    fromStatus: from,
    toStatus: to,
    note,
  };
}

function describeAction(dto: TransitionDto): string | null {
  if (dto.action === 'SHIP') return `Shipped with ${dto.carrier}, tracking ${dto.trackingNumber}`;
  if (dto.action === 'RESOLVE') return `Outcome: ${dto.outcome}`;
  return null;
}

function replacementOf(stored: StoredFacts): TicketFacts['replacement'] {
  const r = stored.replacement;
  return r?.original_ends_on ? { replacedOn: r.replaced_on, originalEndsOn: r.original_ends_on } : null;
}

function tenantFeeRow(stored: StoredFacts): TenantEntity {
  const t = stored.tenant;
  return {
    restockingFeePercent: t?.restocking_fee_percent == null ? null : Number(t.restocking_fee_percent),
    restockingFeeMinMinor: t?.restocking_fee_min_minor ?? null,
    returnWindowDays: t?.return_window_days ?? null,
    deliveryErrorWindowDays: t?.delivery_error_window_days ?? null,
  } as TenantEntity;
}

/** A draft edit: given fields replace, `null` clears (at the top level and inside customer, delivery, product). */
function mergeContent(base: TicketContent, patch: TicketContentDto): TicketContent {
  const merged = {
    ...base,
    ...patch,
    customer: stripNulls({ ...base.customer, ...patch.customer }),
    delivery: stripNulls({ ...base.delivery, ...patch.delivery }),
    product: stripNulls({ ...base.product, ...patch.product }),
  };
  return stripNulls(merged as Record<string, unknown>) as TicketContent;
}

function stripNulls<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function omit<T extends Record<string, unknown>>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

/** SHA-256 of the request body with its keys sorted: the Idempotency-Key fingerprint. */
export function fingerprint(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

function encodeCursor(parts: [string, string]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === 2 &&
      typeof parts[0] === 'string' &&
      typeof parts[1] === 'string' &&
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(parts[0]) &&
      /^[0-9a-f-]{36}$/.test(parts[1])
    ) {
      return [parts[0], parts[1]];
    }
  } catch {
    // fall through
  }
  throw new ValidationException([{ field: 'cursor', message: 'cursor is not a cursor this API issued' }]);
}
