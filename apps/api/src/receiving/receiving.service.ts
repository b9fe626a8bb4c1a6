import { Injectable } from '@nestjs/common';
import { addDays, compareDates } from '@rma/rules';
import { AppException, ErrorCode } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { Principal } from '../auth/principal.js';
import { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import type { TicketView } from '../tickets/ticket.views.js';
import { actorEntry } from '../tickets/ticket-timeline.js';
import type { TicketRow } from '../tickets/ticket-row.js';
import { ParcelsRepository } from '../parcels/parcels.repository.js';
import { ParcelsService } from '../parcels/parcels.service.js';
import type { ParcelReceiptDoc } from '../parcels/parcels.docs.js';
import type { FieldProblem } from '../common/errors.js';
import { ValidationException } from '../common/errors.js';
import type { ReceiveParcelDto, ReceiveParcelItemsDto } from './dto.js';

const normalise = (s: string) => s.trim().toUpperCase().replace(/\s+/g, '');

/**
 * The receiving desk: a parcel is identified by the RMA number on its box (any tenant's), checked,
 * and received through the ticket's RECEIVE transition. A parcel is refused, saying which, when its
 * number is unknown, expired, or for another item (the serial on the item does not match).
 */
@Injectable()
export class ReceivingService {
  constructor(
    private readonly db: Database,
    private readonly tickets: TicketsRepository,
    private readonly transitions: TicketTransitionsService,
    private readonly clock: Clock,
    private readonly parcels: ParcelsRepository,
    private readonly parcelViews: ParcelsService,
  ) {}

  async receive(p: Principal, dto: ReceiveParcelDto): Promise<TicketView> {
    const rmaNumber = normalise(dto.rmaNumber);
    const serial = dto.serialNumber === undefined ? null : normalise(dto.serialNumber);
    const ticket = await this.db.run(ALL_TENANTS, () => this.tickets.byRmaNumber(rmaNumber, serial));
    const refuse = (field: string, message: string) =>
      new AppException(ErrorCode.PARCEL_REFUSED, `Parcel refused: ${message}`, [{ field, message }]);
    if (!ticket) throw refuse('rmaNumber', `RMA number ${rmaNumber} is unknown`);
    const today = this.clock.today();
    const lapsed =
      ticket.status === 'EXPIRED' ||
      (ticket.status === 'APPROVED' &&
        ticket.rmaValidUntil !== null &&
        compareDates(today, ticket.rmaValidUntil) > 0);
    if (lapsed) {
      const on = ticket.rmaValidUntil ? addDays(ticket.rmaValidUntil, 1) : 'an earlier day';
      throw refuse(
        'rmaNumber',
        `RMA number ${rmaNumber} expired on ${on} (it was valid until ${ticket.rmaValidUntil ?? 'n/a'}) and the item was not shipped in time`,
      );
    }
    if (
      dto.serialNumber !== undefined &&
      normalise(dto.serialNumber) !== normalise(ticket.serialNumber ?? '')
    ) {
      throw refuse(
        'serialNumber',
        `serial number ${dto.serialNumber.trim()} does not match the item of RMA number ${rmaNumber} (${[ticket.sku, ticket.serialNumber ? `serial ${ticket.serialNumber}` : 'no serial'].filter(Boolean).join(', ')})`,
      );
    }
    if (ticket.status !== 'APPROVED' && ticket.status !== 'SHIPPED') {
      throw new AppException(
        ErrorCode.TRANSITION_NOT_ALLOWED,
        `Parcel refused: RMA number ${rmaNumber} belongs to a ticket that is ${ticket.status}, not awaiting a parcel`,
      );
    }
    return this.transitions.act(p, ticket.id, { action: 'RECEIVE', rmaNumber, note: dto.note });
  }

  /**
   * A parcel of several items: the RMA number on the box, then the serials found in it. Every awaited
   * item whose serial is in the box is received (its lifecycle's RECEIVE); an awaited item that is not is
   * flagged missing (a timeline entry and parcelMissingAt), once. A serial that is not an awaited item
   * of the parcel is a 400 naming it (serials[i]), and nothing is written. One unit of work.
   */
  async receiveParcel(p: Principal, dto: ReceiveParcelItemsDto): Promise<ParcelReceiptDoc> {
    const rmaNumber = normalise(dto.rmaNumber);
    return this.db.run(ALL_TENANTS, async () => {
      const parcel = await this.parcels.byRmaNumber(rmaNumber);
      if (!parcel) throw refuse('rmaNumber', `RMA number ${rmaNumber} is unknown`);
      const items = await this.parcels.items(parcel.id, true);
      const awaited = items.filter((i) => i.status === 'APPROVED' || i.status === 'SHIPPED');
      const today = this.clock.today();
      const unshippedPastValidity =
        awaited.every((i) => i.status === 'APPROVED') &&
        parcel.rmaValidUntil !== null &&
        compareDates(today, parcel.rmaValidUntil) > 0;
      if ((awaited.length === 0 && items.some((i) => i.status === 'EXPIRED')) || unshippedPastValidity) {
        throw refuse(
          'rmaNumber',
          `RMA number ${rmaNumber} expired on ${parcel.rmaValidUntil ? addDays(parcel.rmaValidUntil, 1) : 'an earlier day'} (it was valid until ${parcel.rmaValidUntil ?? 'n/a'}) and the parcel was not shipped in time`,
        );
      }
      const inBox = new Map<string, TicketRow>();
      const problems: FieldProblem[] = [];
      dto.serials.forEach((serial, i) => {
        const item = items.find((it) => normalise(it.serialNumber ?? '') === normalise(serial));
        const field = `serials[${i}]`;
        if (!item) {
          problems.push({
            field,
            message: `serial number ${serial.trim()} is not on parcel ${rmaNumber} (its serials: ${items.map((it) => it.serialNumber ?? 'none').join(', ')})`,
          });
        } else if (inBox.has(item.id)) {
          problems.push({ field, message: `serial number ${serial.trim()} was scanned twice` });
        } else if (!awaited.includes(item)) {
          problems.push({
            field,
            message: `serial number ${serial.trim()} is item ${item.position} of the return, which is ${item.status}, not awaiting this parcel`,
          });
        } else inBox.set(item.id, item);
      });
      if (problems.length) throw new ValidationException(problems);

      const now = this.clock.now();
      const missing: string[] = [];
      for (const item of awaited) {
        if (inBox.has(item.id)) {
          const { row } = await this.transitions.acted(p, item.id, {
            action: 'RECEIVE',
            rmaNumber,
            note: dto.note,
          });
          // Found after all: no longer missing.
          if (row.parcelMissingAt)
            await this.tickets.update(row.id, row.version, { parcelMissingAt: null }, [], now);
          continue;
        }
        missing.push(item.id);
        if (item.parcelMissingAt) continue;
        const note = `Missing from parcel ${rmaNumber} received on ${today}: ${[item.sku, item.serialNumber ? `serial ${item.serialNumber}` : null].filter(Boolean).join(', ')}`;
        const flagged = await this.tickets.update(
          item.id,
          item.version,
          { parcelMissingAt: now },
          [actorEntry(p, 'MISSING_FROM_PARCEL', item.status, item.status, note)],
          now,
        );
        if (!flagged)
          throw new AppException(ErrorCode.CONFLICT, 'The parcel changed meanwhile; scan it again');
      }
      const view = await this.parcelViews.view(
        (await this.parcels.findById(parcel.id))!,
        await this.parcels.items(parcel.id),
        p,
      );
      return { ...view, received: [...inBox.keys()], missing } as ParcelReceiptDoc;
    });
  }
}

const refuse = (field: string, message: string) =>
  new AppException(ErrorCode.PARCEL_REFUSED, `Parcel refused: ${message}`, [{ field, message }]);
