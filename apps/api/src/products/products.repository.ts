import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

export interface ProductRow {
  id: string;
  manufacturerId: string;
  manufacturer: string;
  sku: string;
  name: string;
  productLine: string | null;
}

export interface InvoiceLineRow {
  id: string;
  tenantId: string;
  invoiceNumber: string;
  invoicedOn: string;
  sku: string;
  serialNumber: string | null;
  unitPriceMinor: number;
  currency: string;
}

const PRODUCT_COLUMNS = `p.id, p.manufacturer_id AS "manufacturerId", m.slug AS manufacturer, p.sku, p.name, p.product_line AS "productLine"`;
const LINE_COLUMNS = `id, tenant_id AS "tenantId", invoice_number AS "invoiceNumber", to_char(invoiced_on, 'YYYY-MM-DD') AS "invoicedOn",
  sku, serial_number AS "serialNumber", unit_price_minor::int AS "unitPriceMinor", currency`;

@Injectable()
export class ProductsRepository {
  listProducts(): Promise<ProductRow[]> {
    return tx.query(
      `SELECT ${PRODUCT_COLUMNS} FROM products p JOIN manufacturers m ON m.id = p.manufacturer_id ORDER BY m.slug, p.sku`,
    );
  }
  async findProduct(sku: string): Promise<ProductRow | null> {
    const rows: ProductRow[] = await tx.query(
      `SELECT ${PRODUCT_COLUMNS} FROM products p JOIN manufacturers m ON m.id = p.manufacturer_id WHERE p.sku = $1`,
      [sku],
    );
    return rows[0] ?? null;
  }
  async insertProduct(v: {
    manufacturerId: string;
    sku: string;
    name: string;
    productLine: string | null;
  }): Promise<void> {
    await tx.query(
      `INSERT INTO products (manufacturer_id, sku, name, product_line) VALUES ($1, $2, $3, $4)`,
      [v.manufacturerId, v.sku, v.name, v.productLine],
    );
  }
  listLines(f: {
    tenantId?: string;
    serialNumber?: string;
    sku?: string;
    limit: number;
  }): Promise<InvoiceLineRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.tenantId) where.push(`tenant_id = $${args.push(f.tenantId)}`);
    if (f.serialNumber) where.push(`serial_number = $${args.push(f.serialNumber)}`);
    if (f.sku) where.push(`sku = $${args.push(f.sku)}`);
    return tx.query(
      `SELECT ${LINE_COLUMNS} FROM invoice_lines ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY invoiced_on DESC, id LIMIT ${f.limit}`,
      args,
    );
  }
  async insertLine(v: Omit<InvoiceLineRow, 'id'>): Promise<InvoiceLineRow> {
    const rows: InvoiceLineRow[] = await tx.query(
      `INSERT INTO invoice_lines (tenant_id, invoice_number, invoiced_on, sku, serial_number, unit_price_minor, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${LINE_COLUMNS}`,
      [v.tenantId, v.invoiceNumber, v.invoicedOn, v.sku, v.serialNumber, v.unitPriceMinor, v.currency],
    );
    return rows[0]!;
  }
  /**
   * The last invoiced line for an item: by serial when known, else by SKU. The credit basis and the
   * distributor-sale warranty fallback (seed 003).
   */
  async lastInvoiced(
    tenantId: string,
    sku: string | null,
    serial: string | null,
  ): Promise<InvoiceLineRow | null> {
    if (serial) {
      const rows: InvoiceLineRow[] = await tx.query(
        `SELECT ${LINE_COLUMNS} FROM invoice_lines WHERE tenant_id = $1 AND serial_number = $2 ORDER BY invoiced_on DESC LIMIT 1`,
        [tenantId, serial],
      );
      if (rows[0]) return rows[0];
    }
    if (!sku) return null;
    const rows: InvoiceLineRow[] = await tx.query(
      `SELECT ${LINE_COLUMNS} FROM invoice_lines WHERE tenant_id = $1 AND sku = $2 ORDER BY invoiced_on DESC LIMIT 1`,
      [tenantId, sku],
    );
    return rows[0] ?? null;
  }
}
