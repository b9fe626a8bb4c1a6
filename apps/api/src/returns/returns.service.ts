import { Inject, Injectable } from '@nestjs/common';
import type { Decision, Money, TicketContent } from '@rma/rules';
import { NotFoundException, ValidationException } from '../common/errors.js';
import type { FieldProblem } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database, tenantScope } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { WebhookOutbox } from '../webhooks/outbox.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import { IdempotencyKeysRepository } from '../tickets/idempotency-keys.repository.js';
import { contentValues } from '../tickets/ticket-content.js';
import type { TicketEventValues } from '../tickets/ticket-event-row.js';
import { newTicketRow, type TicketRow } from '../tickets/ticket-row.js';
import { TicketRouting } from '../tickets/ticket-routing.js';
import { fingerprint, replayedAnswer } from '../tickets/idempotency.js';
import { actorEntry } from '../tickets/ticket-timeline.js';
import { TicketViewer } from '../tickets/ticket-viewer.js';
import type { TicketView } from '../tickets/ticket.views.js';
import type { CreateReturnDto, ReturnContentDto, ReturnItemDto } from './dto.js';
import type { ReturnPreviewDoc, ReturnTimelineEntryDoc, ReturnViewDoc } from './returns.docs.js';
import { newReturnRow, ReturnsRepository, type NewItem, type ReturnRow } from './returns.repository.js';

/** A return as the API answers it: its shared information and every item's ticket view. */
export type ReturnView = Omit<ReturnViewDoc, 'items'> & { items: TicketView[] };

/** An item of a return as the rules see it: the return's shared information and the item's own. */
const itemContent = (shared: ReturnContentDto, item: ReturnItemDto): TicketContent => ({
  ...item,
  customer: shared.customer,
  delivery: shared.delivery,
  resellerReference: shared.resellerReference,
});

/** The items' credits summed per currency, ordered by currency code. */
export function totalCredit(items: Array<Pick<TicketView, 'credit'>>): Money[] {
  const sums = new Map<string, number>();
  for (const { credit } of items)
    if (credit) sums.set(credit.currency, (sums.get(credit.currency) ?? 0) + credit.amountMinor);
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** The problems of item `i`, named as the body names them: `items[3].product.serialNumber`. */
const atItem = (i: number, problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => ({ ...p, field: `items[${i}].${p.field}` }));

/**
 * A reseller's return with several items (issue 15): created in one go (drafts, or every item submitted
 * and decided on its own by the same routing as a ticket, repeat-safe with an Idempotency-Key), read
 * with its items, and previewed item by item. One unit of work per request: the facts of every item
 * are read in one statement, and the return, its items, their timelines and messages leave as one
 * statement with COMMIT.
 */
@Injectable()
export class ReturnsService {
  constructor(
    private readonly db: Database,
    private readonly returns: ReturnsRepository,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
    private readonly routing: TicketRouting,
    private readonly viewer: TicketViewer,
    private readonly manufacturers: ManufacturersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: WebhookOutbox,
    private readonly mail: MailOutbox,
    private readonly metrics: Metrics,
  ) {}

  async create(p: Principal, dto: CreateReturnDto, idempotencyKey?: string): Promise<ReturnView> {
    const { submit, ...shared } = dto;
    const contents = dto.items.map((item) => itemContent(shared, item));
    const mfs = await this.checked(contents, Boolean(submit));
    const tenantId = p.tenantId!;
    // The route is part of the fingerprint: a key used for a ticket is not taken for a return.
    const requestHash = idempotencyKey ? fingerprint({ returns: dto }) : '';
    const submittedTo: string[] = [];
    const created = await this.db.run(tenantScope(tenantId), async () => {
      if (idempotencyKey) {
        const replay = await replayedAnswer<ReturnView>(
          this.idempotencyKeys,
          tenantId,
          idempotencyKey,
          requestHash,
        );
        if (replay) return replay;
      }
      const now = this.clock.now();
      const createdBy = p.kind === 'user' ? p.id : null;
      const sharedColumns = contentValues(contents[0]!, null);
      const ret = newReturnRow(
        {
          tenantId,
          customer: sharedColumns.customer!,
          customerName: sharedColumns.customerName!,
          delivery: sharedColumns.delivery!,
          resellerReference: sharedColumns.resellerReference!,
          createdBy,
        },
        now,
      );
      const facts = submit
        ? await this.returns.itemFacts(
            tenantId,
            contents.map((c) => ({ serial: c.product?.serialNumber ?? null, sku: c.product?.sku ?? null })),
          )
        : [];
      const items: NewItem[] = contents.map((content, i) => {
        const events: TicketEventValues[] = [actorEntry(p, 'CREATE', null, 'DRAFT')];
        const values = {
          ...contentValues(content, mfs[i]?.id),
          tenantId,
          returnId: ret.id,
          position: i + 1,
          status: 'DRAFT',
          reason: content.reason!,
          createdBy,
        };
        if (submit) {
          const routed = this.routing.routeWith(p, content, mfs[i]!, facts[i]!, 'DRAFT', events);
          Object.assign(values, routed);
          submittedTo.push(routed.route!);
        }
        return { row: newTicketRow(values, now), events };
      });
      this.returns.insertWithItems(ret, items);
      const action = submit ? 'SUBMIT' : 'CREATE';
      // A manufacturer's webhook items leave in one message (payload version 2) or one per item (1).
      await this.outbox.itemsChanged(
        items.map(({ row }) => row),
        action,
        true,
      );
      // One message for the return (which item went where); a one-item return's is the ticket's own.
      await this.mail.returnChanged(
        items.map(({ row }) => row),
        action,
      );
      const view = await this.view(
        ret,
        items.map((item) => item.row),
        p,
      );
      if (idempotencyKey)
        this.idempotencyKeys.keepAnswer(
          tenantId,
          idempotencyKey,
          requestHash,
          201,
          view,
          this.config.idempotencyTtlHours,
        );
      return view;
    });
    // Counted once committed; a replayed Idempotency-Key is not a new submit.
    for (const route of submittedTo) this.metrics.ticketSubmitted(route);
    return created;
  }

  async get(p: Principal, id: string): Promise<ReturnView> {
    return this.db.run(scopeOf(p), async () => {
      const [ret, items] = await Promise.all([this.returns.findById(id), this.returns.items(id)]);
      if (!ret) throw new NotFoundException('Return');
      return this.view(ret, items, p);
    });
  }

  /** Every item's timeline as one, by time, each entry naming its item. */
  async timeline(p: Principal, id: string): Promise<ReturnTimelineEntryDoc[]> {
    return this.db.run(scopeOf(p), async () => {
      const [ret, entries] = await Promise.all([this.returns.findById(id), this.returns.timeline(id)]);
      if (!ret) throw new NotFoundException('Return');
      return entries as unknown as ReturnTimelineEntryDoc[];
    });
  }

  /** Each item's decision, stored nowhere. */
  async preview(p: Principal, dto: ReturnContentDto): Promise<ReturnPreviewDoc> {
    const contents = dto.items.map((item) => itemContent(dto, item));
    const mfs = await this.checked(contents, false);
    return this.db.run(tenantScope(p.tenantId!), async () => {
      const facts = await this.returns.itemFacts(
        p.tenantId!,
        contents.map((c) => ({ serial: c.product?.serialNumber ?? null, sku: c.product?.sku ?? null })),
      );
      return {
        items: contents.map((c, i) => this.routing.decide(c, mfs[i]!, facts[i]!) as Decision),
      } as unknown as ReturnPreviewDoc;
    });
  }

  /**
   * Every item's manufacturer, after checking what the items say: a reason each, a serial at most once
   * in the return, and, to submit, each item complete. Every problem of every item is named
   * (`items[i].…`) in one 400, before anything is read or written.
   */
  private async checked(
    contents: TicketContent[],
    submit: boolean,
  ): Promise<Array<ManufacturerEntity | null>> {
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    contents.forEach((c, i) => {
      if (!c.reason) problems.push({ field: `items[${i}].reason`, message: 'reason is required' });
      const serial = c.product?.serialNumber?.trim().toUpperCase();
      if (!serial) return;
      const first = seen.get(serial);
      if (first === undefined) seen.set(serial, i);
      else
        problems.push({
          field: `items[${i}].product.serialNumber`,
          message: `serial number ${c.product!.serialNumber} is already item ${first + 1} of this return`,
        });
    });
    const mfs: Array<ManufacturerEntity | null> = [];
    for (const [i, c] of contents.entries()) {
      try {
        mfs.push(await this.manufacturers.named(c.product?.manufacturer, `items[${i}].product.manufacturer`));
      } catch (err) {
        if (!(err instanceof ValidationException)) throw err;
        problems.push(...(err.errors ?? []));
        mfs.push(null);
      }
    }
    if (submit) {
      contents.forEach((c, i) => {
        if (!c.reason) return;
        try {
          this.routing.assertComplete(c, mfs[i]!);
        } catch (err) {
          if (!(err instanceof ValidationException)) throw err;
          problems.push(...atItem(i, err.errors ?? []));
        }
      });
    }
    if (problems.length) throw new ValidationException(problems);
    return mfs;
  }

  private async view(ret: ReturnRow, rows: TicketRow[], p: Principal): Promise<ReturnView> {
    const items: TicketView[] = [];
    for (const row of rows) items.push(await this.viewer.view(row, p));
    return {
      id: ret.id,
      customer: ret.customer,
      delivery: ret.delivery,
      resellerReference: ret.resellerReference,
      createdAt: new Date(ret.createdAt).toISOString(),
      itemCount: items.length,
      items,
      totalCredit: totalCredit(items),
    };
  }
}
