import { Readable } from 'node:stream';
import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { ApiFileResponse } from '../common/docs.js';
import { TicketFilterQuery } from './dto.js';
import { TicketExportService } from './ticket-export.service.js';

@ApiTags('tickets')
@Controller()
export class TicketExportController {
  constructor(
    private readonly exports: TicketExportService,
    private readonly clock: Clock,
  ) {}

  /**
   * The tickets the triage list's filters select, all of them, as CSV (UTF-8 with a byte-order mark,
   * RFC 4180): for accounting and for anyone who still wants a spreadsheet. A reseller's own only.
   */
  @ApiOperation({ summary: 'Export tickets as CSV' })
  @Get('tickets.csv')
  @Roles(...ALL_ROLES)
  @ApiFileResponse('text/csv', "The list's tickets, a row each, in the list's order")
  @Header('Cache-Control', 'private, no-store')
  async csv(@CurrentPrincipal() p: Principal, @Query() q: TicketFilterQuery) {
    const chunks = await this.exports.csv(p, q);
    return new StreamableFile(Readable.from(chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="tickets-${this.clock.today()}.csv"`,
    });
  }
}
