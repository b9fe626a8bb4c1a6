import { api } from './client';
import type { components } from './schema';

export type SessionUser = components['schemas']['LoginUserDoc'];
export type LoginResponse = components['schemas']['LoginResultDoc'];
export type Me = components['schemas']['MeDoc'];

export const login = (email: string, password: string) =>
  api.post<LoginResponse>('/auth/login', { email, password });

export const me = () => api.get<Me>('/auth/me');

/** A new password; answers a new token for this session (every other session of the user ends). */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<LoginResponse>('/auth/password', { currentPassword, newPassword });

/** Ends every session of the signed-in user, this one included. */
export const endAllSessions = () => api.delete<components['schemas']['SessionsEndedDoc']>('/auth/sessions');
