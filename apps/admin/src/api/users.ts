import { api } from './client';
import type { components } from './schema';

export type User = components['schemas']['UserDoc'];
export type CreateUserInput = components['schemas']['CreateUserDto'];
export type UpdateUserInput = components['schemas']['UpdateUserDto'];

/** A reseller's own users; for staff, everyone, one reseller's (`tenantId`) or the staff (`staff`). */
export const listUsers = (query: { tenantId?: string; staff?: boolean } = {}) =>
  api.get<User[]>('/users', { query: { tenantId: query.tenantId, staff: query.staff || undefined } });
export const createUser = (input: CreateUserInput) => api.post<User>('/users', input);
export const updateUser = (id: string, input: UpdateUserInput) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, input);
