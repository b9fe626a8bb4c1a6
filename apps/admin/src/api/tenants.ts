import type { FeePolicy } from '@rma/rules';
import { api } from './client';

/** Per-tenant overrides of the global fee policy; null uses the default. */
export interface FeeOverrides {
  restockingFeePercent: number | null;
  restockingFeeMinMinor: number | null;
  returnWindowDays: number | null;
  deliveryErrorWindowDays: number | null;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  currency: string;
  returnAddress: string | null;
  feeOverrides: FeeOverrides;
  /** The effective policy: overrides over the defaults. */
  feePolicy: FeePolicy;
  createdAt: string;
}

export interface TenantInput extends Partial<FeeOverrides> {
  slug?: string;
  name?: string;
  currency?: string;
  returnAddress?: string | null;
}

export const listTenants = () => api.get<Tenant[]>('/tenants');
export const getTenant = (id: string) => api.get<Tenant>(`/tenants/${encodeURIComponent(id)}`);
export const currentTenant = () => api.get<Tenant>('/tenants/current');
export const createTenant = (input: TenantInput & { slug: string; name: string }) =>
  api.post<Tenant>('/tenants', input);
export const updateTenant = (id: string, input: TenantInput) =>
  api.patch<Tenant>(`/tenants/${encodeURIComponent(id)}`, input);
