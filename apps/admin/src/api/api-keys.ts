import { api } from './client';

export type ApiKeyRole = 'RESELLER_ADMIN' | 'RESELLER_AGENT';

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  /** The start of the key, to recognise it; the key itself is shown once, at creation. */
  prefix: string;
  role: ApiKeyRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** The secret key: in this answer only. */
  key: string;
}

export interface CreateApiKeyInput {
  name: string;
  role?: ApiKeyRole;
  /** Staff only. */
  tenantId?: string;
}

export const listApiKeys = (tenantId?: string) => api.get<ApiKey[]>('/api-keys', { query: { tenantId } });
export const createApiKey = (input: CreateApiKeyInput) => api.post<CreatedApiKey>('/api-keys', input);
export const revokeApiKey = (id: string) => api.delete<unknown>(`/api-keys/${encodeURIComponent(id)}`);
