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

/** A new password; answers a new token for this session (every other session of the user ends). */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<LoginResponse>('/auth/password', { currentPassword, newPassword });

/** Ends every session of the signed-in user, this one included. */
export const endAllSessions = () => api.delete<{ endedAt: string }>('/auth/sessions');
