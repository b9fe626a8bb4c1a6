import { api } from './client';
import type { LoginResponse } from './auth';
import type { components } from './schema';

export type SetupStatus = components['schemas']['SetupStatusDoc'];
export type FirstAdminInput = components['schemas']['CreateFirstAdminDto'];

export const setupStatus = () => api.get<SetupStatus>('/setup');

/** Creates the first distributor admin; answers as a login does (the person is signed in). */
export const createFirstAdmin = (input: FirstAdminInput) => api.post<LoginResponse>('/setup/admin', input);
