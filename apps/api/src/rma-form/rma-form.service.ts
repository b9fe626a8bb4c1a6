import { Inject, Injectable } from '@nestjs/common';
import { AppException, ErrorCode, NotFoundException } from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import { renderRmaForm, type RmaFormData, type RmaFormItem } from './rma-form.renderer.js';
import { ParcelsRepository, type ParcelFormItem } from '../parcels/parcels.repository.js';
import { TicketsRepository, type RmaFormRow } from '../tickets/tickets.repository.js';

/** Statuses in which the form is printed: from approval on, while the RMA number stands. */
const PRINTABLE = new Set(['APPROVED', 'SHIPPED', 'RECEIVED', 'INSPECTING', 'RESOLVED', 'CLOSED']);

/** An item as the form prints it. */
const formItem = (i: ParcelFormItem | RmaFormRow): RmaFormItem => ({
  manufacturer: i.manufacturerName,
  product: i.productName,
  sku: i.sku,
  serialNumber: i.serialNumber,
  invoiceRef: i.invoiceRef,
  supportTicketNumber: i.supportTicketNumber,
  reason: i.reason,
  faultDescription: i.faultDescription,
});

/**
 * The printable RMA form of an approved ticket, for its reseller or staff: its parcel's form, listing
 * every item that travels under the RMA number. The ticket and its parcel's items are read in one short
 * transaction; the PDF is drawn after it, with no transaction open.
 */
@Injectable()
export class RmaFormService {
  constructor(
    private readonly db: Database,
    private readonly tickets: TicketsRepository,
    private readonly parcels: ParcelsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(p: Principal, ticketId: string): Promise<{ fileName: string; pdf: Uint8Array }> {
    const [row, items] = await this.db.run(scopeOf(p), async () => {
      const ticket = await this.tickets.rmaForm(ticketId);
      const parcel = ticket?.parcelId ? await this.parcels.formItems(ticket.parcelId) : [];
      return [ticket, parcel] as const;
    });
    if (!row) throw new NotFoundException('Ticket');
    if (!row.rmaNumber || !PRINTABLE.has(row.status)) {
      throw new AppException(
        ErrorCode.CONFLICT,
        row.status === 'EXPIRED'
          ? `The RMA number expired on ${row.rmaValidUntil}: re-apply for a new one`
          : `No RMA form yet: the ticket is ${row.status}; the form exists once it is approved`,
      );
    }
    const pdf = await renderRmaForm(this.formData(row, items));
    return { fileName: `${row.rmaNumber}.pdf`, pdf };
  }

  /**
   * The form of a parcel: every item travelling under its RMA number, each with its serial; the items of
   * `row`'s parcel (read in its unit of work) that are not printable (cancelled, expired) are left out.
   */
  formData(row: RmaFormRow, parcelItems: ParcelFormItem[] = []): RmaFormData {
    const items = parcelItems.some((i) => i.id === row.id)
      ? parcelItems.filter((i) => i.id === row.id || PRINTABLE.has(i.status)).map(formItem)
      : [formItem(row)];
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
      items,
      printedOn: this.clock.today(),
    };
  }
}
