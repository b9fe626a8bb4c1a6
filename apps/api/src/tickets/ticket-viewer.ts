import { Injectable } from '@nestjs/common';
import { allowedActions, type Actor, type TicketContent, type TicketStatus } from '@rma/rules';
import { NotFoundException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import type { Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { TICKET_ACTION_VALUES } from './dto.js';
import { contentOf } from './ticket-content.js';
import type { TicketRow } from './ticket-row.js';
import { toTicketView, type TicketView } from './ticket.views.js';
import { TicketsRepository } from './tickets.repository.js';

const USER_ACTIONS = new Set<string>(TICKET_ACTION_VALUES);

/**
 * What the ticket's services share to read one ticket in the open unit of work: the row (a 404 when
 * the caller may not see it), its manufacturer and content, and the view answered for it.
 */
@Injectable()
export class TicketViewer {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly manufacturers: ManufacturersService,
    private readonly clock: Clock,
  ) {}

  async load(id: string, forUpdate = false): Promise<TicketRow> {
    const row = await this.repo.findById(id, forUpdate);
    if (!row) throw new NotFoundException('Ticket');
    return row;
  }

  async manufacturerOf(row: TicketRow): Promise<ManufacturerEntity | null> {
    if (!row.manufacturerId) return null;
    return this.manufacturers.byId(row.manufacturerId);
  }

  async contentOf(row: TicketRow): Promise<TicketContent> {
    return contentOf(row, (await this.manufacturerOf(row))?.slug);
  }

  /** The ticket as `p` sees it, with the actions `p` may take now. */
  async view(row: TicketRow, p: Principal): Promise<TicketView> {
    const mf = (await this.manufacturerOf(row))?.slug ?? null;
    const today = this.clock.today();
    const actions = allowedActions(row.status as TicketStatus, p.role as Actor, {
      today,
      rmaNumber: row.rmaNumber,
      rmaValidUntil: row.rmaValidUntil,
      shippedOn: row.shippedOn,
    }).filter((a) => USER_ACTIONS.has(a));
    return toTicketView(row, mf, actions, today);
  }
}
