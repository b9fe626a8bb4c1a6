import type { Role } from '@rma/rules';
import { api } from './client';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  /** null for distributor staff. */
  tenantId: string | null;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: SessionUser;
}

export interface Me extends SessionUser {
  kind: 'user' | 'apiKey';
}

export const login = (email: string, password: string) =>
  api.post<LoginResponse>('/auth/login', { email, password });

export const me = () => api.get<Me>('/auth/me');
