import { api } from './client';

export interface Product {
  id: string;
  manufacturerId: string;
  /** Manufacturer slug. */
  manufacturer: string;
  sku: string;
  name: string;
  productLine: string | null;
}

/** A line of the distributor's invoice to a reseller: the credit basis and the sale date. */
export interface InvoiceLine {
  id: string;
  tenantId: string;
  invoiceNumber: string;
  invoicedOn: string;
  sku: string;
  serialNumber: string | null;
  unitPriceMinor: number;
  currency: string;
}

export interface InvoiceLineQuery {
  tenantId?: string;
  serialNumber?: string;
  sku?: string;
  limit?: number;
}

export const listProducts = () => api.get<Product[]>('/products');
export const listInvoiceLines = (query: InvoiceLineQuery, signal?: AbortSignal) =>
  api.get<InvoiceLine[]>('/invoice-lines', { query: { ...query }, signal });
