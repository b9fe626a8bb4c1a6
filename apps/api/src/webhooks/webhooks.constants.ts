export const WEBHOOKS_QUEUE = 'webhooks';
export const DELIVER_JOB = 'deliver';
/** PostgreSQL NOTIFY channel: a delivery became due (sent on commit, so the dispatcher never races the writer). */
export const WEBHOOKS_CHANNEL = 'rma_webhooks';

/** Events sent to manufacturers (the rules say which change sends which): `rma.forwarded` always, the others when the endpoint subscribes. */
export { OUTBOUND_EVENTS, type OutboundEvent } from '@rma/rules';

/** Callbacks manufacturers send, and the lifecycle action each one takes. */
export const INBOUND_EVENTS = {
  'rma.accepted': 'VENDOR_ACCEPT',
  'rma.rejected': 'VENDOR_REJECT',
  'rma.replacement_shipped': 'VENDOR_SHIP_REPLACEMENT',
  'rma.closed': 'CLOSE',
} as const;
export type InboundEvent = keyof typeof INBOUND_EVENTS;

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The payload versions an endpoint can receive (docs/webhooks.md); a new endpoint gets the latest. */
export const PAYLOAD_VERSIONS = [1, 2] as const;
export type PayloadVersion = (typeof PAYLOAD_VERSIONS)[number];
export const LATEST_PAYLOAD_VERSION: PayloadVersion = 2;
