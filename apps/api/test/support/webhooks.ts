/**
 * Rows of the webhook tables for unit specs of the webhook services: a manufacturer's endpoint and a
 * delivery being sent, as their repositories answer them, with what a test changes given as `over`.
 */
import type { DeliveryRow } from '../../src/webhooks/webhook-deliveries.repository.js';
import type { EndpointRow } from '../../src/webhooks/webhook-endpoints.repository.js';

/** The moment the rows were written (the fixed clock's default). */
export const ROWS_AT = new Date('2026-03-10T09:00:00.000Z');

/** DapuStor's (mf-1) enabled endpoint, signing with `whsec_current`, without an inbound secret. */
export function endpointRow(over: Partial<EndpointRow> = {}): EndpointRow {
  return {
    id: 'e-1',
    manufacturerId: 'mf-1',
    url: 'https://vendor.example/hooks',
    events: ['rma.forwarded'],
    payloadVersion: 1,
    secret: 'whsec_current',
    secretCreatedAt: ROWS_AT,
    previousSecret: null,
    previousSecretExpiresAt: null,
    inboundSecret: null,
    inboundSecretCreatedAt: null,
    inboundPreviousSecret: null,
    inboundPreviousSecretExpiresAt: null,
    disabledAt: null,
    disabledReason: null,
    failingSince: null,
    createdAt: ROWS_AT,
    updatedAt: ROWS_AT,
    ...over,
  };
}

/** An `rma.forwarded` of ticket t-1 to mf-1, claimed for its first attempt. */
export function deliveryRow(over: Partial<DeliveryRow> = {}): DeliveryRow {
  return {
    id: 'msg_01HZZZZZZZZZZZZZZZZZZZZZZZ',
    tenantId: 'tenant-1',
    manufacturerId: 'mf-1',
    ticketId: 't-1',
    ticketIds: null,
    returnId: null,
    eventType: 'rma.forwarded',
    payload: { type: 'rma.forwarded', version: 1, data: { ticket: { id: 't-1' } } },
    status: 'DELIVERING',
    attempts: 1,
    scheduleOffset: 0,
    nextAttemptAt: null,
    leaseUntil: null,
    lastStatusCode: null,
    lastError: null,
    createdAt: ROWS_AT,
    updatedAt: ROWS_AT,
    succeededAt: null,
    failedAt: null,
    ...over,
  };
}
