import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

/** What the RMA form prints, read in one query under the caller's scope. */
export interface RmaFormRow {
  id: string;
  status: string;
  reason: string;
  rmaNumber: string | null;
  rmaIssuedOn: string | null;
  rmaValidUntil: string | null;
  sku: string | null;
  serialNumber: string | null;
  invoiceRef: string | null;
  faultDescription: string | null;
  resellerReference: string | null;
  supportTicketNumber: string | null;
  customer: Record<string, string>;
  delivery: Record<string, string>;
  tenantName: string;
  tenantReturnAddress: string | null;
  manufacturerName: string | null;
  manufacturerReturnAddress: string | null;
  productName: string | null;
}

@Injectable()
export class RmaFormRepository {
  async find(ticketId: string): Promise<RmaFormRow | null> {
    const rows: RmaFormRow[] = await tx.query(
      `SELECT t.id, t.status, t.reason, t.rma_number AS "rmaNumber",
              to_char(t.rma_issued_on, 'YYYY-MM-DD') AS "rmaIssuedOn", to_char(t.rma_valid_until, 'YYYY-MM-DD') AS "rmaValidUntil",
              t.sku, t.serial_number AS "serialNumber", t.invoice_ref AS "invoiceRef", t.fault_description AS "faultDescription",
              t.reseller_reference AS "resellerReference", t.support_ticket_number AS "supportTicketNumber",
              t.customer, t.delivery,
              tn.name AS "tenantName", tn.return_address AS "tenantReturnAddress",
              mf.name AS "manufacturerName", mf.return_address AS "manufacturerReturnAddress",
              (SELECT p.name FROM products p WHERE p.sku = t.sku) AS "productName"
         FROM tickets t
         JOIN tenants tn ON tn.id = t.tenant_id
         LEFT JOIN manufacturers mf ON mf.id = t.manufacturer_id
        WHERE t.id = $1`,
      [ticketId],
    );
    return rows[0] ?? null;
  }
}
