import type { ManufacturerConfig } from '@rma/rules';
import { api } from './client';
import type { components } from './schema';

/** A manufacturer as the API answers it: the routing config plus its record fields. */
export type Manufacturer = components['schemas']['ManufacturerDoc'];
/** One version of a manufacturer's configuration: who made it, when, and what it changed. */
export type ManufacturerRevision = components['schemas']['ManufacturerRevisionDoc'];
/** The body POST/PUT accept; unknown properties are refused, so the record fields are left out. */
export type ManufacturerInput = components['schemas']['ManufacturerDto'];

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
    productLines:
      m.productLines?.map((l) => ({
        skuPrefix: l.skuPrefix,
        warranty: {
          months: l.warranty.months,
          fallback: l.warranty.fallback,
          usageLimit: l.warranty.usageLimit
            ? { unit: l.warranty.usageLimit.unit, limit: l.warranty.usageLimit.limit }
            : null,
        },
      })) ?? null,
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
