import { api } from './client';

export const OUTBOUND_EVENTS = ['rma.forwarded', 'rma.info_supplied', 'rma.cancelled'] as const;
export type OutboundEvent = (typeof OUTBOUND_EVENTS)[number];

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A manufacturer's webhook endpoint: where forwarded RMAs go, signed; and where it calls back. */
export interface WebhookEndpoint {
  manufacturer: string;
  /** The manufacturer's configured webhookUrl (null once its configuration has none). */
  url: string | null;
  events: OutboundEvent[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  secretCreatedAt: string;
  /** The rotated-out signing secret still signs until then. */
  previousSecretValidUntil: string | null;
  inboundSecretConfigured: boolean;
  inboundSecretCreatedAt: string | null;
  inboundPreviousSecretValidUntil: string | null;
  /** Where the manufacturer sends its callbacks. */
  callbackUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEndpointInput {
  url: string;
  events?: OutboundEvent[];
  enabled?: boolean;
}

/** A new secret: in this answer only. */
export interface NewSecret {
  secret: string;
  previousSecretValidUntil: string | null;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  url: string;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
}

export interface Delivery {
  id: string;
  manufacturer: string | null;
  ticketId: string;
  tenantId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  succeededAt: string | null;
  failedAt: string | null;
  attempts: DeliveryAttempt[];
  payload?: unknown;
}

export interface DeliveryQuery {
  manufacturer?: string;
  ticketId?: string;
  status?: DeliveryStatus;
  since?: string;
  limit?: number;
  cursor?: string;
}

const endpointPath = (slug: string) => `/manufacturers/${encodeURIComponent(slug)}/webhook-endpoint`;

export const getWebhookEndpoint = (slug: string) => api.get<WebhookEndpoint>(endpointPath(slug));
/** Creates (the answer then holds the new signing secret, once) or updates the endpoint. */
export const putWebhookEndpoint = (slug: string, input: WebhookEndpointInput) =>
  api.put<WebhookEndpoint & { secret?: string }>(endpointPath(slug), input);
export const rotateWebhookSecret = (slug: string) => api.post<NewSecret>(`${endpointPath(slug)}/secret`);
export const rotateInboundSecret = (slug: string) =>
  api.post<NewSecret>(`${endpointPath(slug)}/inbound-secret`);

export const listDeliveries = (query: DeliveryQuery) =>
  api.get<{ items: Delivery[]; nextCursor: string | null }>('/webhook-deliveries', { query: { ...query } });
export const getDelivery = (id: string) => api.get<Delivery>(`/webhook-deliveries/${encodeURIComponent(id)}`);
export const redeliver = (id: string) =>
  api.post<Delivery>(`/webhook-deliveries/${encodeURIComponent(id)}/redeliver`);
export const redeliverFailed = (input: { since: string; manufacturer?: string }) =>
  api.post<{ redelivered: number }>('/webhook-deliveries/redeliver-failed', input);
