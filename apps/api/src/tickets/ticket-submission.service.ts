import { Inject, Injectable } from '@nestjs/common';
import { mergeTicketContent, type Decision, type TicketContent } from '@rma/rules';
import { AppException, ErrorCode, ValidationException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database, tenantScope } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { WebhookOutbox } from '../webhooks/outbox.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import type { CreateTicketDto, TicketContentDto } from './dto.js';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { fingerprint, replayedAnswer } from './idempotency.js';
import { contentValues } from './ticket-content.js';
import type { TicketEventValues } from './ticket-event-row.js';
import { newTicketRow } from './ticket-row.js';
import { newReturnRow, ReturnsRepository } from '../returns/returns.repository.js';
import { TicketRouting } from './ticket-routing.js';
import { actorEntry } from './ticket-timeline.js';
import { TicketViewer } from './ticket-viewer.js';
import type { TicketView } from './ticket.views.js';
import { TicketsRepository } from './tickets.repository.js';

const REASON_REQUIRED = [{ field: 'reason', message: 'reason is required' }];

/**
 * A reseller's ticket before it is decided: creating one (a draft, or submitted at once, repeat-safe
 * with an Idempotency-Key), editing a draft, and previewing the decision its content would get.
 */
@Injectable()
export class TicketSubmissionService {
  constructor(
    private readonly db: Database,
    private readonly repo: TicketsRepository,
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

  /**
   * A new ticket, submitted (decided and routed) when `dto.submit`. The ticket, its timeline, its
   * e-mail and webhook and the Idempotency-Key's answer are queued and leave as one statement with
   * COMMIT.
   */
  async create(p: Principal, dto: CreateTicketDto, idempotencyKey?: string): Promise<TicketView> {
    const { submit, ...content } = dto;
    if (!content.reason) throw new ValidationException(REASON_REQUIRED);
    const mf = await this.resolveManufacturer(content);
    if (submit) this.routing.assertComplete(content, mf);
    const tenantId = p.tenantId!;
    const requestHash = idempotencyKey ? fingerprint(dto) : '';
    let submittedTo: string | null = null;
    const created = await this.db.run(tenantScope(tenantId), async () => {
      if (idempotencyKey) {
        const replay = await replayedAnswer<TicketView>(
          this.idempotencyKeys,
          tenantId,
          idempotencyKey,
          requestHash,
        );
        if (replay) return replay;
      }
      const now = this.clock.now();
      const contentColumns = contentValues(content, mf?.id);
      // A one-item return: its shared information is the ticket's.
      const ret = newReturnRow(
        {
          tenantId,
          customer: contentColumns.customer!,
          customerName: contentColumns.customerName!,
          delivery: contentColumns.delivery!,
          resellerReference: contentColumns.resellerReference!,
          createdBy: p.kind === 'user' ? p.id : null,
        },
        now,
      );
      const values = {
        ...contentColumns,
        tenantId,
        returnId: ret.id,
        position: 1,
        status: 'DRAFT',
        reason: content.reason!,
        createdBy: ret.createdBy,
      };
      const events: TicketEventValues[] = [actorEntry(p, 'CREATE', null, 'DRAFT')];
      const routing = submit ? await this.routing.route(p, tenantId, content, mf, 'DRAFT', events) : null;
      if (routing) Object.assign(values, routing);
      // The row is built here, so the messages it causes are ready before it is written.
      const row = newTicketRow(values, now);
      const action = submit ? 'SUBMIT' : 'CREATE';
      this.returns.insert(ret);
      this.repo.insert(row, events);
      await this.outbox.ticketChanged(row, action, true);
      await this.mail.ticketChanged(row, action);
      const view = await this.viewer.view(row, p);
      if (idempotencyKey)
        this.idempotencyKeys.keepAnswer(
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
      const row = await this.viewer.load(id);
      if (row.status !== 'DRAFT') {
        throw new AppException(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          `Only a draft can be edited; this ticket is ${row.status}`,
        );
      }
      const merged = mergeTicketContent(await this.viewer.contentOf(row), dto);
      const serial = merged.product?.serialNumber;
      // A serial appears at most once among a return's open items (also guarded by a unique index).
      if (
        serial &&
        serial.toUpperCase() !== row.serialNumber?.toUpperCase() &&
        (await this.returns.openSerialTaken(row.returnId, serial, row.id))
      ) {
        throw new ValidationException([
          {
            field: 'product.serialNumber',
            message: `serial number ${serial} is already an item of this return`,
          },
        ]);
      }
      const mf = mfFromDto !== undefined ? mfFromDto : await this.viewer.manufacturerOf(row);
      const updated = await this.repo.update(
        id,
        row.version,
        contentValues(merged, mf?.id),
        [],
        this.clock.now(),
      );
      if (!updated)
        throw new AppException(ErrorCode.CONFLICT, 'The ticket changed meanwhile; reload and try again');
      return await this.viewer.view(updated, p);
    });
  }

  /** The decision for a draft's content, stored nowhere. */
  async preview(p: Principal, dto: TicketContentDto): Promise<Decision> {
    if (!dto.reason) throw new ValidationException(REASON_REQUIRED);
    const mf = await this.resolveManufacturer(dto);
    return this.db.run(tenantScope(p.tenantId!), async () => {
      const stored = await this.routing.gather(p.tenantId!, dto);
      return this.routing.decide(dto, mf, stored);
    });
  }

  private resolveManufacturer(content: TicketContent): Promise<ManufacturerEntity | null> {
    return this.manufacturers.named(content.product?.manufacturer, 'product.manufacturer');
  }
}
