import type { WarrantyLookup } from '@rma/rules';
import { api } from './client';

export const lookupWarranty = (serialNumber: string) =>
  api.get<WarrantyLookup>('/warranty', { query: { serialNumber } });
