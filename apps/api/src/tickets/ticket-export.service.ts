import { Injectable } from '@nestjs/common';
import { formatMoney, shortTicketId } from '@rma/rules';
import { csvLine, UTF8_BOM } from '../common/csv.js';
import { Database } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { TicketFilterQuery } from './dto.js';
import { TicketsRepository, type TicketExportRow } from './tickets.repository.js';
import { TicketQueriesService } from './ticket-queries.service.js';

const HEADER = [
  'Ticket',
  'Id',
  'Created',
  'Submitted',
  'Reseller',
  'Reseller reference',
  'Customer',
  'Reason',
  'Manufacturer',
  'SKU',
  'Serial number',
  'Route',
  'Handling',
  'Warranty',
  'Status',
  'SLA due',
  'RMA number',
  'RMA valid until',
  'Vendor RMA number',
  'Outcome',
  'Credit',
  'Currency',
  'Updated',
];

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * The triage list as a spreadsheet: every ticket the list's filters select (a reseller's own only), in
 * the list's order, with what accounting needs beside it (outcome, credit, RMA validity). Read in
 * keyset pages of {@link batchSize}, each its own short transaction, and written as they come, so an
 * export of a million tickets holds neither a connection nor the whole file.
 */
@Injectable()
export class TicketExportService {
  /** Rows per read; tests make it small to cross pages. */
  batchSize = 1000;

  constructor(
    private readonly db: Database,
    private readonly repo: TicketsRepository,
    private readonly queries: TicketQueriesService,
    private readonly manufacturers: ManufacturersService,
  ) {}

  /**
   * The CSV, header first, as chunks to stream. The filters are checked and the first page read before
   * this returns, so a bad filter or an unavailable database is answered as an error, not as a cut file.
   */
  async csv(p: Principal, q: TicketFilterQuery): Promise<AsyncIterable<string>> {
    const filter = await this.queries.filterOf(p, q);
    const limit = this.batchSize;
    const read = (after?: [string, string]) =>
      this.db.run(scopeOf(p), () => this.repo.list({ ...filter, after, limit, forExport: true }));
    const first = await read();
    const manufacturers = await this.manufacturers.all();
    const name = (id: string | null) => (id ? (manufacturers.get(id)?.name ?? null) : null);
    return (async function* () {
      yield UTF8_BOM + csvLine(HEADER);
      let rows = first;
      for (;;) {
        yield rows.map((r) => csvLine(cells(r, name(r.manufacturerId)))).join('');
        const last = rows[rows.length - 1];
        if (rows.length < limit || !last) return;
        rows = await read([last.sortKey, last.id]);
      }
    })();
  }
}

function cells(r: TicketExportRow, manufacturer: string | null): Array<string | null> {
  const credit =
    r.creditMinor !== null && r.currency
      ? formatMoney({ amountMinor: r.creditMinor, currency: r.currency }).slice(r.currency.length + 1)
      : null;
  return [
    shortTicketId(r.id),
    r.id,
    iso(r.createdAt),
    iso(r.submittedAt),
    r.tenantName,
    r.resellerReference,
    r.customerName,
    r.reason,
    manufacturer,
    r.sku,
    r.serialNumber,
    r.route,
    r.handling,
    r.warrantyStatus,
    r.status,
    r.slaDueOn,
    r.rmaNumber,
    r.rmaValidUntil,
    r.vendorRmaNumber,
    r.outcome,
    credit,
    r.currency,
    iso(r.updatedAt),
  ];
}
