import type { Role } from '@rma/rules';
import { api } from './client';

export interface User {
  id: string;
  tenantId: string | null;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** When the user last signed in; null: never. */
  lastSignInAt: string | null;
  createdAt: string;
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Staff only: the reseller the user belongs to. */
  tenantId?: string;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

/** A reseller's own users; for staff, everyone, one reseller's (`tenantId`) or the staff (`staff`). */
export const listUsers = (query: { tenantId?: string; staff?: boolean } = {}) =>
  api.get<User[]>('/users', { query: { tenantId: query.tenantId, staff: query.staff || undefined } });
export const createUser = (input: CreateUserInput) => api.post<User>('/users', input);
export const updateUser = (id: string, input: UpdateUserInput) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, input);
