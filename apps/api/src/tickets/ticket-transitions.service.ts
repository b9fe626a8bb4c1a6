import { Injectable, Logger } from '@nestjs/common';
import {
  guardInputField,
  isSupportTicketSatisfied,
  slaChange,
  transition,
  transitionEffects,
  transitionNote,
  transitionValues,
  type Actor,
  type NoteFacts,
  type Outcome,
  type TicketAction,
  type TicketStatus,
  type TransitionInput,
  type TransitionValues,
} from '@rma/rules';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { WebhookOutbox } from '../webhooks/outbox.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import type { TransitionDto } from './dto.js';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';
import type { TicketEventValues } from './ticket-event-row.js';
import type { TicketRow, TicketValues } from './ticket-row.js';
import { TicketRouting } from './ticket-routing.js';
import { actorEntry, manufacturerEntry, systemEntry } from './ticket-timeline.js';
import { TicketViewer } from './ticket-viewer.js';
import type { TicketView } from './ticket.views.js';
import { TicketsRepository } from './tickets.repository.js';

/** Approved tickets expired per unit of work of the sweep. */
const EXPIRY_BATCH = 200;

/** A manufacturer's change of one of its tickets, as its callback asks it. */
export interface ManufacturerChange {
  action: TicketAction;
  /** What the callback says (the manufacturer's RMA number, reason, replacement, note). */
  input: TransitionInput & Pick<NoteFacts, 'reason' | 'note'>;
  /** How a refusal names the change (the callback's event type). */
  label: string;
  /** Whether this callback was applied before (then nothing changes). */
  seen(): Promise<boolean>;
  /** Records the callback once it is known to apply; false when a copy recorded it first. */
  record(ticket: TicketRow, to: TicketStatus): Promise<boolean>;
}

/**
 * The RMA number an APPROVE gives an item approved with others: the parcel's sequence and validity,
 * and the parcel once the first item made it (until then, the first item's update makes it).
 */
export interface ParcelRma {
  sequence: number;
  validityDays: number | null | undefined;
  parcelId?: string;
}

/**
 * A ticket's lifecycle: the actions users and API keys take (their guards, what each writes, the
 * timeline entry, the webhook and e-mail it causes), a manufacturer's callbacks, and the system's
 * own expiry of RMA numbers that lapsed unshipped. Every change of an existing ticket goes here.
 */
@Injectable()
export class TicketTransitionsService {
  private readonly logger = new Logger('Tickets');

  constructor(
    private readonly db: Database,
    private readonly repo: TicketsRepository,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
    private readonly routing: TicketRouting,
    private readonly viewer: TicketViewer,
    private readonly clock: Clock,
    private readonly outbox: WebhookOutbox,
    private readonly mail: MailOutbox,
    private readonly metrics: Metrics,
  ) {}

  /** `parcel`: an APPROVE's RMA number is the parcel's (items approved together); else a parcel of one. */
  async act(p: Principal, id: string, dto: TransitionDto, parcel?: ParcelRma): Promise<TicketView> {
    return (await this.acted(p, id, dto, parcel)).view;
  }

  /** {@link act}, with the updated row. */
  async acted(
    p: Principal,
    id: string,
    dto: TransitionDto,
    parcel?: ParcelRma,
  ): Promise<{ view: TicketView; row: TicketRow }> {
    let submittedTo: string | null = null;
    const acted = await this.db.run(scopeOf(p), async () => {
      const row = await this.viewer.load(id, true);
      const status = row.status as TicketStatus;
      const events: TicketEventValues[] = [];
      let values: TicketValues;
      if (dto.action === 'SUBMIT' || dto.action === 'PROVIDE_SUPPORT_TICKET') {
        values = await this.resubmit(p, row, dto, events);
      } else {
        const today = this.clock.today();
        const check = this.check(status, dto.action, p, {
          today,
          rmaNumber: row.rmaNumber,
          rmaValidUntil: row.rmaValidUntil,
          shippedOn: row.shippedOn,
          outcome: dto.outcome as Outcome | undefined,
          note: dto.note,
        });
        values = { status: check.to, ...(await this.effects(row, dto, check.to, today, parcel)) };
        events.push(actorEntry(p, dto.action, status, check.to, dto.note ?? transitionNote(dto.action, dto)));
      }
      const updated = await this.repo.update(id, row.version, values, events, this.clock.now());
      if (!updated)
        throw new AppException(ErrorCode.CONFLICT, 'The ticket changed meanwhile; reload and try again');
      // The webhook delivery and the e-mail the change causes: queued, one statement sent with COMMIT.
      await this.outbox.ticketChanged(updated, dto.action);
      await this.mail.ticketChanged(updated, dto.action, dto.note);
      const view = await this.viewer.view(updated, p);
      // A support-ticket number only re-decides a ticket counted when it was submitted.
      submittedTo = dto.action === 'SUBMIT' ? updated.route : null;
      return { view, row: updated };
    });
    if (submittedTo) this.metrics.ticketSubmitted(submittedTo);
    return acted;
  }

  /** SUBMIT (a draft) and PROVIDE_SUPPORT_TICKET: the content checked, decided and routed again. */
  private async resubmit(
    p: Principal,
    row: TicketRow,
    dto: TransitionDto,
    events: TicketEventValues[],
  ): Promise<TicketValues> {
    const status = row.status as TicketStatus;
    const content = await this.viewer.contentOf(row);
    if (dto.action === 'PROVIDE_SUPPORT_TICKET') {
      if (!dto.supportTicketNumber) {
        throw new ValidationException([
          { field: 'supportTicketNumber', message: 'supportTicketNumber is required' },
        ]);
      }
      content.supportTicketNumber = dto.supportTicketNumber;
    }
    const mf = await this.viewer.manufacturerOf(row);
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
    this.routing.assertComplete(content, mf);
    events.push(actorEntry(p, dto.action, status, check.to, dto.note));
    return {
      supportTicketNumber: content.supportTicketNumber ?? null,
      ...(await this.routing.route(p, row.tenantId, content, mf, check.to, events, true)),
    };
  }

  /** What an action writes besides the status (the rules' effects table), or the 4xx its input earns. */
  private async effects(
    row: TicketRow,
    dto: TransitionDto,
    to: TicketStatus,
    today: string,
    parcel?: ParcelRma,
  ): Promise<TransitionValues & Pick<TicketValues, 'parcelId'>> {
    const issues = transitionEffects(dto.action).rmaNumber === 'ISSUE';
    const rma = !issues
      ? undefined
      : (parcel ?? {
          sequence: await this.repo.nextRmaSequence(),
          validityDays: (await this.viewer.manufacturerOf(row))?.config.rmaValidityDays,
        });
    const r = transitionValues(dto.action, {
      today,
      now: this.clock.now(),
      to,
      ticket: row,
      input: dto,
      rma,
    });
    if (r.ok) return issues && parcel?.parcelId ? { ...r.values, parcelId: parcel.parcelId } : r.values;
    if (r.code === 'INVALID_INPUT') throw new ValidationException(r.problems);
    throw new AppException(ErrorCode.TRANSITION_NOT_ALLOWED, r.message);
  }

  private check(
    status: TicketStatus,
    action: TicketAction,
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
        const field = guardInputField(result.guard);
        if (field) throw new ValidationException([{ field, message: result.message }]);
        throw new AppException(ErrorCode.TRANSITION_NOT_ALLOWED, result.message);
      }
    }
  }

  // ---- a manufacturer's callbacks ---------------------------------------------------------------

  /**
   * A manufacturer's change of its ticket, in the caller's open unit of work (all tenants): the
   * ticket is locked first, so copies of one callback arriving together apply once (the first
   * records it, the others find it seen or recorded). A 404 for a ticket of another manufacturer;
   * the input's fields are named as in the callback's body (`data.…`). The reseller is mailed.
   */
  async byManufacturer(
    mf: ManufacturerEntity,
    ticketId: string,
    change: ManufacturerChange,
  ): Promise<{ applied: boolean; ticket: TicketRow }> {
    const ticket = await this.repo.findById(ticketId, true);
    if (!ticket || ticket.manufacturerId !== mf.id) throw new NotFoundException('Ticket');
    if (await change.seen()) return { applied: false, ticket };
    const { action, input } = change;
    const from = ticket.status as TicketStatus;
    const check = transition(from, action, 'MANUFACTURER', {
      vendorRmaNumber: input.vendorRmaNumber ?? null,
      note: input.note ?? input.reason ?? null,
    });
    if (!check.ok) {
      if (check.code === 'GUARD_FAILED' && check.guard === 'VENDOR_RMA_NUMBER_REQUIRED') {
        throw new ValidationException([{ field: 'data.vendorRmaNumber', message: check.message }]);
      }
      throw new AppException(
        ErrorCode.TRANSITION_NOT_ALLOWED,
        `${change.label} is not possible now: ${check.message}`,
      );
    }
    if (!(await change.record(ticket, check.to))) return { applied: false, ticket };
    const now = this.clock.now();
    const r = transitionValues(action, { today: this.clock.today(), now, to: check.to, ticket, input });
    if (!r.ok) {
      if (r.code === 'INVALID_INPUT')
        throw new ValidationException(r.problems.map((e) => ({ ...e, field: `data.${e.field}` })));
      throw new AppException(ErrorCode.TRANSITION_NOT_ALLOWED, r.message);
    }
    const note = transitionNote(action, { ...input, manufacturerName: mf.name });
    const updated = await this.repo.update(
      ticket.id,
      ticket.version,
      { status: check.to, ...r.values },
      [manufacturerEntry(mf, action, from, check.to, note)],
      now,
    );
    if (!updated)
      throw new AppException(ErrorCode.CONFLICT, 'The ticket changed meanwhile; send the callback again');
    await this.mail.ticketChanged(updated, action, note); // the reseller hears it, same transaction
    return { applied: true, ticket: updated };
  }

  // ---- the system's own transitions -------------------------------------------------------------

  /** Expires approved tickets whose RMA number lapsed unshipped (how many it expired), and purges lapsed Idempotency-Keys. */
  async expireOverdue(): Promise<number> {
    const today = this.clock.today();
    let total = 0;
    for (;;) {
      const n = await this.db.run(ALL_TENANTS, async () => {
        const rows = await this.repo.approvedPastValidity(today, EXPIRY_BATCH);
        for (const row of rows) {
          const r = transition('APPROVED', 'EXPIRE', 'SYSTEM', { today, rmaValidUntil: row.rmaValidUntil });
          if (!r.ok) continue;
          const note = transitionNote('EXPIRE', {
            rmaNumber: row.rmaNumber,
            rmaValidUntil: row.rmaValidUntil,
          });
          const expired = await this.repo.update(
            row.id,
            row.version,
            { status: r.to, ...slaChange('EXPIRE', r.to, today) },
            [systemEntry('EXPIRE', 'APPROVED', r.to, note)],
            this.clock.now(),
          );
          if (!expired) continue;
          await this.mail.ticketChanged(expired, 'EXPIRE');
          total++;
        }
        return rows.length;
      });
      if (n < EXPIRY_BATCH) break;
    }
    const purged = await this.db.run(ALL_TENANTS, () => this.idempotencyKeys.purgeExpired());
    if (total || purged)
      this.logger.log({ msg: 'maintenance sweep', expired: total, idempotencyKeysPurged: purged });
    return total;
  }
}
