import { Injectable } from '@nestjs/common';
import { addDays, compareDates } from '@rma/rules';
import { AppException, ErrorCode } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { Principal } from '../auth/principal.js';
import { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import type { TicketView } from '../tickets/ticket.views.js';
import type { ReceiveParcelDto } from './dto.js';

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
  ) {}

  async receive(p: Principal, dto: ReceiveParcelDto): Promise<TicketView> {
    const rmaNumber = normalise(dto.rmaNumber);
    const ticket = await this.db.run(ALL_TENANTS, () => this.tickets.byRmaNumber(rmaNumber));
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
}
