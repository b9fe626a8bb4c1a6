import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';
import { isoDate } from '../database/sql.js';
import { SELECT_TICKET, selectTicket, type TicketRow } from '../tickets/ticket-row.js';

/*
 * The parcels table: one RMA number, its validity, the carrier and tracking number it travels with and
 * when it arrived, for the items approved together. A parcel is made by the tickets repository's update
 * that issues its first item's RMA number, and follows its items' shipment and receipt in the same
 * statements (the items keep copies of those columns); this repository reads it.
 */

/** A parcel as stored. */
export interface ParcelRow {
  id: string;
  tenantId: string;
  returnId: string;
  rmaNumber: string;
  rmaIssuedOn: string | null;
  rmaValidUntil: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedOn: string | null;
  receivedAt: Date | null;
  createdAt: Date;
}

const SELECT_PARCEL = `id, tenant_id AS "tenantId", return_id AS "returnId", rma_number AS "rmaNumber",
  ${isoDate('rma_issued_on')} AS "rmaIssuedOn", ${isoDate('rma_valid_until')} AS "rmaValidUntil",
  carrier, tracking_number AS "trackingNumber", ${isoDate('shipped_on')} AS "shippedOn",
  received_at AS "receivedAt", created_at AS "createdAt"`;

/** What the RMA form prints of each item of a parcel, with its product's and manufacturer's names. */
export type ParcelFormItem = Pick<
  TicketRow,
  | 'id'
  | 'status'
  | 'reason'
  | 'sku'
  | 'serialNumber'
  | 'invoiceRef'
  | 'faultDescription'
  | 'supportTicketNumber'
> & { manufacturerName: string | null; productName: string | null };
const FORM_ITEM_COLUMNS = selectTicket('t.', [
  'id',
  'status',
  'reason',
  'sku',
  'serialNumber',
  'invoiceRef',
  'faultDescription',
  'supportTicketNumber',
]);

@Injectable()
export class ParcelsRepository {
  /** The parcel, if the unit of work's scope may see it (row-level security: another tenant's is null). */
  async findById(id: string): Promise<ParcelRow | null> {
    const rows = await tx.prepared<ParcelRow>(`SELECT ${SELECT_PARCEL} FROM parcels WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The parcel an RMA number was issued to (the receiving desk's look-up, across tenants for staff). */
  async byRmaNumber(rmaNumber: string): Promise<ParcelRow | null> {
    const rows = await tx.prepared<ParcelRow>(`SELECT ${SELECT_PARCEL} FROM parcels WHERE rma_number = $1`, [
      rmaNumber,
    ]);
    return rows[0] ?? null;
  }

  /** The parcel's items, in their order in the return; `forUpdate` locks them. */
  items(parcelId: string, forUpdate = false): Promise<TicketRow[]> {
    return tx.query(
      `SELECT ${SELECT_TICKET} FROM tickets WHERE parcel_id = $1 ORDER BY position, id${forUpdate ? ' FOR UPDATE' : ''}`,
      [parcelId],
    );
  }

  /** What the RMA form prints of the parcel's items, in their order. */
  formItems(parcelId: string): Promise<ParcelFormItem[]> {
    return tx.query(
      `SELECT ${FORM_ITEM_COLUMNS}, mf.name AS "manufacturerName",
              (SELECT p.name FROM products p WHERE p.sku = t.sku) AS "productName"
         FROM tickets t LEFT JOIN manufacturers mf ON mf.id = t.manufacturer_id
        WHERE t.parcel_id = $1 ORDER BY t.position, t.id`,
      [parcelId],
    );
  }
}
