import { ApiProperty } from '@nestjs/swagger';
import { EXCLUSIONS, REASONS, ROUTES, TICKET_STATUSES } from '@rma/rules';
import { DATE, DATE_TIME } from '../common/docs.js';
import { WarrantyDoc } from '../tickets/ticket-view.docs.js';
import { DELIVERY_STATUSES, OUTBOUND_EVENTS, PAYLOAD_VERSIONS } from './webhooks.constants.js';

/*
 * What the webhook endpoints answer (webhooks.service.ts, callbacks.service.ts). Signing secrets are
 * in two answers only, each its own class: a new endpoint's (WebhookEndpointDoc plus `secret`) and a
 * rotation's (WebhookSecretDoc). The endpoint as read later says when its secrets were made, not what
 * they are.
 */

const SECRET = {
  description: 'The signing secret, in this answer only: it is not shown again',
  pattern: '^whsec_[A-Za-z0-9+/]{43}=$',
  // Matches the pattern, as a real secret would; its key is base64 of '0123456789abcdef' twice.
  example: 'whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
} as const;

export class WebhookEndpointDoc {
  @ApiProperty({ example: 'dapustor', description: 'Manufacturer slug' }) manufacturer: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://rma.example-vendor.com/hooks/distri',
    description:
      "The manufacturer's configured webhookUrl, where deliveries go (null once the configuration has none)",
  })
  url: string | null;
  @ApiProperty({ enum: OUTBOUND_EVENTS, isArray: true }) events: string[];
  @ApiProperty({
    enum: PAYLOAD_VERSIONS,
    description:
      "The payload version of its messages: 2, one rma.forwarded per return listing the manufacturer's items; 1, one per item",
  })
  payloadVersion: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ ...DATE_TIME, nullable: true }) disabledAt: string | null;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true, description: 'Every delivery failed since' })
  failingSince: string | null;
  @ApiProperty({ ...DATE_TIME, description: 'When the outbound signing secret was made' })
  secretCreatedAt: string;
  @ApiProperty({ ...DATE_TIME, nullable: true, description: 'Until when the rotated-out secret still signs' })
  previousSecretValidUntil: string | null;
  @ApiProperty({ description: "Whether the manufacturer's callbacks can be verified" })
  inboundSecretConfigured: boolean;
  @ApiProperty({ ...DATE_TIME, nullable: true }) inboundSecretCreatedAt: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) inboundPreviousSecretValidUntil: string | null;
  @ApiProperty({ description: 'Where this manufacturer sends its callbacks' }) callbackUrl: string;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty(DATE_TIME) updatedAt: string;
}

export class SavedWebhookEndpointDoc extends WebhookEndpointDoc {
  @ApiProperty({
    ...SECRET,
    required: false,
    description: `Only when this call created the endpoint. ${SECRET.description}`,
  })
  secret?: string;
}

export class WebhookSecretDoc {
  @ApiProperty(SECRET) secret: string;
  @ApiProperty({
    ...DATE_TIME,
    nullable: true,
    description: 'Until when the previous secret is still used (null: there was none)',
  })
  previousSecretValidUntil: string | null;
}

export class DeliveryAttemptDoc {
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty(DATE_TIME) at: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no HTTP answer' }) statusCode:
    number | null;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ type: String, nullable: true, description: 'The start of the answer' }) responseBody:
    string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class RmaEventTicketDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ enum: REASONS }) reason: string;
  @ApiProperty({ ...DATE_TIME, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) resellerReference: string | null;
}

export class RmaEventProductDoc {
  @ApiProperty({ description: 'Manufacturer slug' }) manufacturer: string;
  @ApiProperty({ type: String, nullable: true }) sku: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceRef: string | null;
  @ApiProperty({ ...DATE, nullable: true }) purchaseDate: string | null;
  @ApiProperty({ type: Number, nullable: true }) usage: number | null;
}

export class RmaEventFaultDoc {
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: EXCLUSIONS, isArray: true }) exclusions: string[];
}

export class AttachmentLinkDoc {
  @ApiProperty({
    format: 'uuid',
    required: false,
    description: 'Absent in payloads written before it was added',
  })
  id?: string;
  @ApiProperty() name: string;
  @ApiProperty() contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'A signed link that works without credentials until expiresAt' }) url: string;
  @ApiProperty(DATE_TIME) expiresAt: string;
}

export class RmaEventV2TicketDoc extends RmaEventTicketDoc {
  @ApiProperty({ description: "The item's position in its return", minimum: 1, maximum: 100 })
  position: number;
}

export class RmaEventDecisionDoc {
  @ApiProperty({ enum: ROUTES }) route: string;
  @ApiProperty({ type: [String], description: 'Plain-language sentences, in order' }) reasons: string[];
  @ApiProperty() rulesVersion: string;
}

/** An item of a version 2 message. */
export class RmaEventItemDoc {
  @ApiProperty({ type: RmaEventV2TicketDoc }) ticket: RmaEventV2TicketDoc;
  @ApiProperty({ type: RmaEventProductDoc }) product: RmaEventProductDoc;
  @ApiProperty({ type: RmaEventFaultDoc }) fault: RmaEventFaultDoc;
  @ApiProperty({ type: WarrantyDoc, nullable: true }) warranty: WarrantyDoc | null;
  @ApiProperty({ type: RmaEventDecisionDoc, nullable: true }) decision: RmaEventDecisionDoc | null;
  @ApiProperty({ type: String, nullable: true }) supportTicketNumber: string | null;
  @ApiProperty({ type: [AttachmentLinkDoc] }) attachments: AttachmentLinkDoc[];
}

export class RmaEventReturnDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) resellerReference: string | null;
}

const V1 = { required: false, description: 'Version 1' } as const;
const V2 = { required: false, description: 'Version 2' } as const;

/**
 * The message's data, in either version: version 1 describes one ticket (ticket, product, fault,
 * warranty, supportTicketNumber, attachments), version 2 a return's items for one manufacturer
 * (return, items); both have callbackUrl.
 */
export class RmaEventDataDoc {
  @ApiProperty({ type: RmaEventTicketDoc, ...V1 }) ticket?: RmaEventTicketDoc;
  @ApiProperty({ type: RmaEventProductDoc, ...V1 }) product?: RmaEventProductDoc;
  @ApiProperty({ type: RmaEventFaultDoc, ...V1 }) fault?: RmaEventFaultDoc;
  @ApiProperty({ type: WarrantyDoc, nullable: true, ...V1 }) warranty?: WarrantyDoc | null;
  @ApiProperty({ type: String, nullable: true, ...V1 }) supportTicketNumber?: string | null;
  @ApiProperty({ type: [AttachmentLinkDoc], ...V1 }) attachments?: AttachmentLinkDoc[];
  @ApiProperty({ type: RmaEventReturnDoc, ...V2 }) return?: RmaEventReturnDoc;
  @ApiProperty({
    type: [RmaEventItemDoc],
    ...V2,
    description: "Version 2: the manufacturer's items, in order",
  })
  items?: RmaEventItemDoc[];
  @ApiProperty({ description: 'Where to send callbacks about this ticket (these items)' })
  callbackUrl: string;
}

/** The document manufacturers receive, version 1 or 2 (payload.ts, docs/webhooks.md). */
export class RmaEventDoc {
  @ApiProperty({ enum: OUTBOUND_EVENTS }) type: string;
  @ApiProperty({ enum: PAYLOAD_VERSIONS }) version: number;
  @ApiProperty(DATE_TIME) timestamp: string;
  @ApiProperty({ type: RmaEventDataDoc }) data: RmaEventDataDoc;
}

export class DeliveryDoc {
  @ApiProperty({ example: 'msg_01JDQ8Z5V6K9M3T2R7W4X1Y0AB', description: 'The webhook-id header sent' })
  id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Manufacturer slug' }) manufacturer:
    string | null;
  @ApiProperty({
    format: 'uuid',
    description: 'The ticket it is about; of a version 2 message, its first item',
  })
  ticketId: string;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Every item it is about, in their order (one for a version 1 message)',
  })
  ticketIds: string[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The return of its items (null for messages written before payload version 2 existed)',
  })
  returnId: string | null;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ enum: OUTBOUND_EVENTS }) eventType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty() attemptCount: number;
  @ApiProperty({ ...DATE_TIME, nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty(DATE_TIME) updatedAt: string;
  @ApiProperty({ ...DATE_TIME, nullable: true }) succeededAt: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) failedAt: string | null;
  @ApiProperty({ type: [DeliveryAttemptDoc], description: 'Oldest first' }) attempts: DeliveryAttemptDoc[];
  @ApiProperty({ type: RmaEventDoc, required: false, description: 'GET /webhook-deliveries/{id} only' })
  payload?: RmaEventDoc;
}

export class DeliveryPageDoc {
  @ApiProperty({ type: [DeliveryDoc], description: 'Newest first, without payloads' }) items: DeliveryDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

export class RedeliveredDoc {
  @ApiProperty({ description: 'Deliveries sent again' }) redelivered: number;
}

export class CallbackResultDoc {
  @ApiProperty({
    enum: ['APPLIED', 'DUPLICATE'],
    description: 'DUPLICATE: this webhook-id was applied before, nothing changed',
  })
  result: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ enum: TICKET_STATUSES, description: "The ticket's status now" }) status: string;
}
