import type { ManufacturerConfig } from '@rma/rules';
import { api } from './client';

/** A manufacturer as the API answers it: the routing config plus its record fields. */
export interface Manufacturer extends ManufacturerConfig {
  id: string;
  returnAddress: string | null;
  /** Raised by every change; routed tickets record the one that decided them. */
  revision: number;
  updatedAt: string;
}

/** One version of a manufacturer's configuration: who made it, when, and what it changed. */
export interface ManufacturerRevision {
  revision: number;
  changedAt: string;
  /** null: the first version seeded, or a change made in the database directly. */
  changedBy: string | null;
  /** The fields that differ from the revision before. */
  changed: string[];
  manufacturer: Manufacturer;
}

/**
 * The body POST/PUT accept (the API's ManufacturerDto; unknown properties are refused, so the record
 * fields and `productLines`, which the API does not take yet, are left out).
 */
export interface ManufacturerInput {
  slug: string;
  name: string;
  adapter: string;
  portalUrl?: string | null;
  portalInstructions?: string | null;
  webhookUrl?: string | null;
  destroyBelowMinor?: number | null;
  supportTicket?: { helpdeskUrl: string; numberPattern: string } | null;
  warranty: ManufacturerConfig['warranty'];
  rmaValidityDays: number;
  returnAddress?: string | null;
}

export function toManufacturerInput(
  m: ManufacturerConfig & { returnAddress?: string | null },
): ManufacturerInput {
  return {
    slug: m.slug,
    name: m.name,
    adapter: m.adapter,
    portalUrl: m.portalUrl ?? null,
    portalInstructions: m.portalInstructions ?? null,
    webhookUrl: m.webhookUrl ?? null,
    destroyBelowMinor: m.destroyBelowMinor ?? null,
    supportTicket: m.supportTicket
      ? { helpdeskUrl: m.supportTicket.helpdeskUrl, numberPattern: m.supportTicket.numberPattern }
      : null,
    warranty: {
      months: m.warranty.months,
      fallback: m.warranty.fallback,
      usageLimit: m.warranty.usageLimit
        ? { unit: m.warranty.usageLimit.unit, limit: m.warranty.usageLimit.limit }
        : null,
    },
    rmaValidityDays: m.rmaValidityDays,
    returnAddress: m.returnAddress ?? null,
  };
}

export const listManufacturers = () => api.get<Manufacturer[]>('/manufacturers');
export const getManufacturer = (slug: string) =>
  api.get<Manufacturer>(`/manufacturers/${encodeURIComponent(slug)}`);
export const listManufacturerRevisions = (slug: string) =>
  api.get<ManufacturerRevision[]>(`/manufacturers/${encodeURIComponent(slug)}/revisions`);
export const createManufacturer = (input: ManufacturerInput) =>
  api.post<Manufacturer>('/manufacturers', input);
export const updateManufacturer = (slug: string, input: ManufacturerInput) =>
  api.put<Manufacturer>(`/manufacturers/${encodeURIComponent(slug)}`, input);
