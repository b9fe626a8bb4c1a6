import { Injectable } from '@nestjs/common';
import { transition, type Actor, type TicketStatus } from '@rma/rules';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import type { FieldProblem } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { Database } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import { ReturnsRepository } from '../returns/returns.repository.js';
import type { TicketRow } from '../tickets/ticket-row.js';
import { TicketTransitionsService, type ParcelRma } from '../tickets/ticket-transitions.service.js';
import { TicketViewer } from '../tickets/ticket-viewer.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import type { TicketView } from '../tickets/ticket.views.js';
import type { ApproveItemsDto, ShipParcelDto } from './dto.js';
import type { ApprovalDoc, ItemApprovalDoc, ParcelViewDoc } from './parcels.docs.js';
import { ParcelsRepository, type ParcelRow } from './parcels.repository.js';

/** A parcel as the API answers it: its RMA number, shipment, receipt and every item's ticket view. */
export type ParcelView = Omit<ParcelViewDoc, 'items'> & { items: TicketView[] };

/** The shorter of two validities in days; one not given is the other (the rules' default when neither). */
const byShortest = (a: number | null | undefined, b: number | null | undefined) =>
  a == null ? b : b == null ? a : Math.min(a, b);

/**
 * Parcels: the in-house items of a return approved together share one RMA number and travel in one box.
 * Approving a selection issues the number once; shipping records one carrier and tracking number for
 * every item. Each item still changes through its own lifecycle (the ticket transitions), all of a
 * request's items in one unit of work.
 */
@Injectable()
export class ParcelsService {
  constructor(
    private readonly db: Database,
    private readonly parcels: ParcelsRepository,
    private readonly returns: ReturnsRepository,
    private readonly tickets: TicketsRepository,
    private readonly transitions: TicketTransitionsService,
    private readonly viewer: TicketViewer,
    private readonly clock: Clock,
    private readonly mail: MailOutbox,
  ) {}

  async get(p: Principal, id: string): Promise<ParcelView> {
    return this.db.run(scopeOf(p), async () => {
      const parcel = await this.parcels.findById(id);
      if (!parcel) throw new NotFoundException('Parcel');
      return this.view(parcel, await this.parcels.items(id), p);
    });
  }

  /**
   * Approves the listed items of a return with one new RMA number: one parcel. An id that is not an item
   * of the return (or given twice) is a 400 naming it, and nothing is written. An item the lifecycle does
   * not let staff approve now (not IN_REVIEW) is refused with its reason, and the others are still
   * approved: a selection made on a page that has since changed should not block the items it still fits.
   */
  async approve(p: Principal, returnId: string, dto: ApproveItemsDto): Promise<ApprovalDoc> {
    return this.db.run(scopeOf(p), async () => {
      const ret = await this.returns.findById(returnId);
      if (!ret) throw new NotFoundException('Return');
      const rows = new Map((await this.returns.items(returnId)).map((r) => [r.id, r]));
      const problems: FieldProblem[] = [];
      dto.items.forEach((id, i) => {
        const first = dto.items.indexOf(id);
        if (!rows.has(id))
          problems.push({ field: `items[${i}]`, message: `${id} is not an item of return ${returnId}` });
        else if (first !== i)
          problems.push({ field: `items[${i}]`, message: `${id} is already items[${first}]` });
      });
      if (problems.length) throw new ValidationException(problems);

      const today = this.clock.today();
      const refusals = new Map<string, string>();
      const approvable: TicketRow[] = [];
      let validityDays: number | null | undefined;
      for (const id of dto.items) {
        const row = rows.get(id)!;
        const r = transition(row.status as TicketStatus, 'APPROVE', p.role as Actor, {
          today,
          note: dto.note,
        });
        if (!r.ok && r.code === 'ROLE_FORBIDDEN') throw new AppException(ErrorCode.FORBIDDEN, r.message);
        if (!r.ok) {
          refusals.set(id, `item ${row.position}: ${r.message}`);
          continue;
        }
        approvable.push(row);
        // One RMA number, one validity: the shortest of the items' manufacturers'.
        const days = (await this.viewer.manufacturerOf(row))?.config.rmaValidityDays;
        validityDays = approvable.length === 1 ? days : byShortest(validityDays, days);
      }

      const views = new Map<string, TicketView>();
      let parcelId: string | null = null;
      if (approvable.length) {
        const rma: ParcelRma = { sequence: await this.tickets.nextRmaSequence(), validityDays };
        // The reseller hears of the items approved together in one message (the RMA number once).
        await this.mail.together(async () => {
          for (const row of approvable) {
            const { view, row: updated } = await this.transitions.acted(
              p,
              row.id,
              { action: 'APPROVE', note: dto.note },
              rma,
            );
            // The first item's update made the parcel; the others join it.
            rma.parcelId ??= updated.parcelId ?? undefined;
            views.set(row.id, view);
          }
        });
        parcelId = rma.parcelId ?? null;
      }
      const items: ItemApprovalDoc[] = [];
      for (const id of dto.items) {
        const row = rows.get(id)!;
        items.push({
          id,
          position: row.position,
          approved: views.has(id),
          refusal: refusals.get(id) ?? null,
          ticket: (views.get(id) ?? (await this.viewer.view(row, p))) as ItemApprovalDoc['ticket'],
        });
      }
      const parcel = parcelId ? await this.parcels.findById(parcelId) : null;
      return {
        returnId,
        parcel: parcel ? await this.view(parcel, await this.parcels.items(parcel.id), p) : null,
        items,
      } as ApprovalDoc;
    });
  }

  /**
   * Ships every approved item of the parcel through its lifecycle's SHIP, with the one carrier and
   * tracking number; a parcel with no approved item left is a 409 saying what its items are.
   */
  async ship(p: Principal, id: string, dto: ShipParcelDto): Promise<ParcelView> {
    return this.db.run(scopeOf(p), async () => {
      const parcel = await this.parcels.findById(id);
      if (!parcel) throw new NotFoundException('Parcel');
      const items = await this.parcels.items(id, true);
      const approved = items.filter((i) => i.status === 'APPROVED');
      if (!approved.length) {
        throw new AppException(
          ErrorCode.TRANSITION_NOT_ALLOWED,
          `Parcel ${parcel.rmaNumber} has no approved item to ship (its items are ${[...new Set(items.map((i) => i.status))].join(', ')})`,
        );
      }
      for (const item of approved) {
        await this.transitions.act(p, item.id, {
          action: 'SHIP',
          carrier: dto.carrier,
          trackingNumber: dto.trackingNumber,
        });
      }
      return this.view((await this.parcels.findById(id))!, await this.parcels.items(id), p);
    });
  }

  /** The parcel with every item's view, in the caller's open unit of work. */
  async view(parcel: ParcelRow, rows: TicketRow[], p: Principal): Promise<ParcelView> {
    const items: TicketView[] = [];
    for (const row of rows) items.push(await this.viewer.view(row, p));
    return {
      id: parcel.id,
      returnId: parcel.returnId,
      rmaNumber: parcel.rmaNumber,
      rmaIssuedOn: parcel.rmaIssuedOn,
      rmaValidUntil: parcel.rmaValidUntil,
      carrier: parcel.carrier,
      trackingNumber: parcel.trackingNumber,
      shippedOn: parcel.shippedOn,
      receivedAt: parcel.receivedAt ? new Date(parcel.receivedAt).toISOString() : null,
      items,
    };
  }
}
