import { api } from './client';
import type { components, paths } from './schema';

export type Product = components['schemas']['ProductDoc'];
/** A line of the distributor's invoice to a reseller: the credit basis and the sale date. */
export type InvoiceLine = components['schemas']['InvoiceLineDoc'];
export type InvoiceLineQuery = NonNullable<paths['/api/v1/invoice-lines']['get']['parameters']['query']>;

export const listProducts = () => api.get<Product[]>('/products');
export const listInvoiceLines = (query: InvoiceLineQuery, signal?: AbortSignal) =>
  api.get<InvoiceLine[]>('/invoice-lines', { query: { ...query }, signal });
