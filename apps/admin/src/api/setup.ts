import { api } from './client';
import type { LoginResponse } from './auth';

export interface SetupStatus {
  /** No enabled distributor admin exists: the first one may be created with the setup token. */
  needed: boolean;
}

export interface FirstAdminInput {
  /** The setup token the API printed in its log when it started. */
  token: string;
  name: string;
  email: string;
  password: string;
}

export const setupStatus = () => api.get<SetupStatus>('/setup');

/** Creates the first distributor admin; answers as a login does (the person is signed in). */
export const createFirstAdmin = (input: FirstAdminInput) => api.post<LoginResponse>('/setup/admin', input);
