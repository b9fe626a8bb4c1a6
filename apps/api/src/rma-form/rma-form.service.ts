import { Inject, Injectable } from '@nestjs/common';
import { AppException, ErrorCode, NotFoundException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import { renderRmaForm, type RmaFormData } from './rma-form.renderer.js';
import { TicketsRepository, type RmaFormRow } from '../tickets/tickets.repository.js';

/** Statuses in which the form is printed: from approval on, while the RMA number stands. */
const PRINTABLE = new Set(['APPROVED', 'SHIPPED', 'RECEIVED', 'INSPECTING', 'RESOLVED', 'CLOSED']);

/**
 * The printable RMA form of an approved ticket, for its reseller or staff. The ticket is read in one
 * short transaction; the PDF is drawn after it, with no transaction open.
 */
@Injectable()
export class RmaFormService {
  constructor(
    private readonly db: Database,
    private readonly tickets: TicketsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(p: Principal, ticketId: string): Promise<{ fileName: string; pdf: Uint8Array }> {
    const row = await this.db.run(scopeOf(p), () => this.tickets.rmaForm(ticketId));
    if (!row) throw new NotFoundException('Ticket');
    if (!row.rmaNumber || !PRINTABLE.has(row.status)) {
      throw new AppException(
        ErrorCode.CONFLICT,
        row.status === 'EXPIRED'
          ? `The RMA number expired on ${row.rmaValidUntil}: re-apply for a new one`
          : `No RMA form yet: the ticket is ${row.status}; the form exists once it is approved`,
      );
    }
    const pdf = await renderRmaForm(this.formData(row));
    return { fileName: `${row.rmaNumber}.pdf`, pdf };
  }

  formData(row: RmaFormRow): RmaFormData {
    const c = row.customer ?? {};
    return {
      distributorName: this.config.distributor.name,
      rmaNumber: row.rmaNumber!,
      issuedOn: row.rmaIssuedOn,
      validUntil: row.rmaValidUntil,
      returnAddress: row.manufacturerReturnAddress?.trim() || this.config.distributor.returnAddress,
      reseller: {
        name: row.tenantName,
        address: row.tenantReturnAddress,
        reference: row.resellerReference,
      },
      customer: {
        name: c['name'] ?? null,
        contact: c['contactName'] ?? null,
        email: c['email'] ?? null,
        phone: c['phone'] ?? null,
      },
      item: {
        manufacturer: row.manufacturerName,
        product: row.productName,
        sku: row.sku,
        serialNumber: row.serialNumber,
        invoiceRef: row.invoiceRef,
        supportTicketNumber: row.supportTicketNumber,
      },
      reason: row.reason,
      faultDescription: row.faultDescription,
      printedOn: this.clock.today(),
    };
  }
}
