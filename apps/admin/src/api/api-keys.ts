import { api } from './client';
import type { components } from './schema';

export type ApiKey = components['schemas']['ApiKeyDoc'];
export type ApiKeyRole = ApiKey['role'];
/** The secret key is in this answer only. */
export type CreatedApiKey = components['schemas']['CreatedApiKeyDoc'];
export type CreateApiKeyInput = components['schemas']['CreateApiKeyDto'];

export const listApiKeys = (tenantId?: string) => api.get<ApiKey[]>('/api-keys', { query: { tenantId } });
export const createApiKey = (input: CreateApiKeyInput) => api.post<CreatedApiKey>('/api-keys', input);
export const revokeApiKey = (id: string) => api.delete<unknown>(`/api-keys/${encodeURIComponent(id)}`);
