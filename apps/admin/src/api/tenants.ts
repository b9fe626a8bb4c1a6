import { api } from './client';
import type { components } from './schema';

/** Per-tenant overrides of the global fee policy; null uses the default. */
export type FeeOverrides = components['schemas']['FeeOverridesDoc'];
export type Tenant = components['schemas']['TenantDoc'];
export type TenantInput = components['schemas']['UpdateTenantDto'];

export const listTenants = () => api.get<Tenant[]>('/tenants');
export const getTenant = (id: string) => api.get<Tenant>(`/tenants/${encodeURIComponent(id)}`);
export const currentTenant = () => api.get<Tenant>('/tenants/current');
export const createTenant = (input: components['schemas']['CreateTenantDto']) =>
  api.post<Tenant>('/tenants', input);
export const updateTenant = (id: string, input: TenantInput) =>
  api.patch<Tenant>(`/tenants/${encodeURIComponent(id)}`, input);
