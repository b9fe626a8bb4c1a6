import { api } from './client';
import type { components, paths } from './schema';

/** A manufacturer's webhook endpoint: where forwarded RMAs go, signed; and where it calls back. */
export type WebhookEndpoint = components['schemas']['WebhookEndpointDoc'];
export type WebhookEndpointInput = components['schemas']['WebhookEndpointDto'];
/** A new secret: in this answer only. */
export type NewSecret = components['schemas']['WebhookSecretDoc'];
export type DeliveryAttempt = components['schemas']['DeliveryAttemptDoc'];
export type Delivery = components['schemas']['DeliveryDoc'];
export type DeliveryQuery = NonNullable<paths['/api/v1/webhook-deliveries']['get']['parameters']['query']>;

export type OutboundEvent = WebhookEndpoint['events'][number];
/** The payload version an endpoint's messages are written in (docs/webhooks.md). */
export type PayloadVersion = WebhookEndpoint['payloadVersion'];
export const OUTBOUND_EVENTS = [
  'rma.forwarded',
  'rma.info_supplied',
  'rma.cancelled',
] as const satisfies readonly OutboundEvent[];

export type DeliveryStatus = Delivery['status'];
export const DELIVERY_STATUSES = [
  'PENDING',
  'DELIVERING',
  'SUCCEEDED',
  'FAILED',
] as const satisfies readonly DeliveryStatus[];

const endpointPath = (slug: string) => `/manufacturers/${encodeURIComponent(slug)}/webhook-endpoint`;

export const getWebhookEndpoint = (slug: string) => api.get<WebhookEndpoint>(endpointPath(slug));
/** Creates (the answer then holds the new signing secret, once) or updates the endpoint. */
export const putWebhookEndpoint = (slug: string, input: WebhookEndpointInput) =>
  api.put<components['schemas']['SavedWebhookEndpointDoc']>(endpointPath(slug), input);
export const rotateWebhookSecret = (slug: string) => api.post<NewSecret>(`${endpointPath(slug)}/secret`);
export const rotateInboundSecret = (slug: string) =>
  api.post<NewSecret>(`${endpointPath(slug)}/inbound-secret`);

export const listDeliveries = (query: DeliveryQuery) =>
  api.get<components['schemas']['DeliveryPageDoc']>('/webhook-deliveries', { query: { ...query } });
export const getDelivery = (id: string) => api.get<Delivery>(`/webhook-deliveries/${encodeURIComponent(id)}`);
export const redeliver = (id: string) =>
  api.post<Delivery>(`/webhook-deliveries/${encodeURIComponent(id)}/redeliver`);
export const redeliverFailed = (input: components['schemas']['RedeliverFailedDto']) =>
  api.post<components['schemas']['RedeliveredDoc']>('/webhook-deliveries/redeliver-failed', input);
