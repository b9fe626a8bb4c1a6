import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';
import { isoDate } from '../database/sql.js';

export interface ImportLine {
  tenantId: string;
  invoiceNumber: string;
  invoicedOn: string;
  sku: string;
  serialNumber: string | null;
  unitPriceMinor: number;
  currency: string;
}

/** The last invoice line of a serial number: to whom and when it was sold, and its product's manufacturer. */
export interface SaleOfSerial {
  tenantId: string;
  sku: string;
  invoicedOn: string;
  manufacturerId: string | null;
}

@Injectable()
export class InvoiceImportRepository {
  /**
   * The last sale of a serial number, to `tenantId` (null: to anyone, for staff), with the
   * manufacturer of its product when the product is known.
   */
  async lastSaleOfSerial(serialNumber: string, tenantId: string | null): Promise<SaleOfSerial | null> {
    const rows: SaleOfSerial[] = await tx.query(
      `SELECT l.tenant_id AS "tenantId", l.sku, ${isoDate('l.invoiced_on')} AS "invoicedOn", pr.manufacturer_id AS "manufacturerId"
         FROM invoice_lines l LEFT JOIN products pr ON pr.sku = l.sku
        WHERE l.serial_number = $1 ${tenantId === null ? '' : 'AND l.tenant_id = $2'}
        ORDER BY l.invoiced_on DESC LIMIT 1`,
      tenantId === null ? [serialNumber] : [serialNumber, tenantId],
    );
    return rows[0] ?? null;
  }

  async tenantIds(slugs: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; slug: string }> = await tx.query(
      `SELECT id, slug FROM tenants WHERE slug = ANY($1::text[])`,
      [slugs],
    );
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** One import at a time, so two imports of one file cannot both add a line without a serial. */
  async lockImports(): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('rma:invoice-import', 0))`);
  }

  /**
   * Inserts the lines not present yet, keyed like the table's unique constraint (tenant, invoice,
   * SKU, serial) with "no serial" counted as a value. Returns how many were added.
   */
  async insertNew(lines: ImportLine[]): Promise<number> {
    if (lines.length === 0) return 0;
    const rows: unknown[] = await tx.query(
      `INSERT INTO invoice_lines (tenant_id, invoice_number, invoiced_on, sku, serial_number, unit_price_minor, currency)
       SELECT v.tenant_id, v.invoice_number, v.invoiced_on, v.sku, v.serial_number, v.unit_price_minor, v.currency
         FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[], $6::bigint[], $7::text[])
              AS v(tenant_id, invoice_number, invoiced_on, sku, serial_number, unit_price_minor, currency)
        WHERE NOT EXISTS (
          SELECT 1 FROM invoice_lines l
           WHERE l.tenant_id = v.tenant_id AND l.invoice_number = v.invoice_number AND l.sku = v.sku
             AND l.serial_number IS NOT DISTINCT FROM v.serial_number)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [
        lines.map((l) => l.tenantId),
        lines.map((l) => l.invoiceNumber),
        lines.map((l) => l.invoicedOn),
        lines.map((l) => l.sku),
        lines.map((l) => l.serialNumber),
        lines.map((l) => l.unitPriceMinor),
        lines.map((l) => l.currency),
      ],
    );
    return rows.length;
  }
}
