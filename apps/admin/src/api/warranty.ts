import { api } from './client';
import type { components } from './schema';

export type WarrantyLookup = components['schemas']['WarrantyLookupDoc'];

export const lookupWarranty = (serialNumber: string) =>
  api.get<WarrantyLookup>('/warranty', { query: { serialNumber } });
