import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  EXCLUSIONS,
  HANDLINGS,
  OUTCOMES,
  REASONS,
  ROUTES,
  SLA_STATES,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  WARRANTY_BASES,
  WARRANTY_STATUSES,
} from '@rma/rules';
import { AttachmentDoc } from '../attachments/attachments.docs.js';
import { DATE, DATE_TIME } from '../common/docs.js';
import { CustomerDto, DeliveryDto } from './dto.js';

/*
 * The OpenAPI description of what the ticket endpoints answer (TicketView and the list page). These
 * classes are documentation only: the answers are built by ticket.views.ts, and test/openapi.e2e-spec.ts
 * fails when an answer carries a field these do not describe, or lacks one they say is always there.
 */

export class MoneyDoc {
  @ApiProperty({ description: 'Integer minor units (cents)', example: 6490 }) amountMinor: number;
  @ApiProperty({ example: 'EUR', minLength: 3, maxLength: 3 }) currency: string;
}

export class UsageLimitDoc {
  @ApiProperty({ example: 'TBW' }) unit: string;
  @ApiProperty({ example: 5466 }) limit: number;
}

export class WarrantyDoc {
  @ApiProperty({ enum: WARRANTY_STATUSES }) status: string;
  @ApiProperty({ enum: WARRANTY_BASES, nullable: true, type: String }) basis: string | null;
  @ApiProperty({ ...DATE, nullable: true }) startsOn: string | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'Last covered day (inclusive)' }) endsOn:
    string | null;
  @ApiProperty({ type: UsageLimitDoc, nullable: true }) usageLimit: UsageLimitDoc | null;
  @ApiProperty({ type: Number, nullable: true }) usage: number | null;
  @ApiProperty({ type: Number, nullable: true }) usageRemaining: number | null;
  @ApiProperty({ enum: EXCLUSIONS, isArray: true }) exclusions: string[];
}

export class PrerequisiteDoc {
  @ApiProperty({ enum: ['SUPPORT_TICKET'] }) kind: string;
  @ApiProperty() satisfied: boolean;
  @ApiProperty({ example: 'https://helpdesk.grandstream.com/' }) helpdeskUrl: string;
}

export class DecisionAmountsDoc {
  @ApiProperty({ type: MoneyDoc, nullable: true }) invoicedPrice: MoneyDoc | null;
  @ApiProperty({ type: MoneyDoc, nullable: true }) restockingFee: MoneyDoc | null;
  @ApiProperty({ type: MoneyDoc, nullable: true }) credit: MoneyDoc | null;
}

export class DecisionDoc {
  @ApiProperty({ enum: REASONS }) reason: string;
  @ApiProperty({ enum: ROUTES }) route: string;
  @ApiProperty({ enum: HANDLINGS, nullable: true, type: String, description: 'Set when route is IN_HOUSE' })
  handling: string | null;
  @ApiProperty({ type: WarrantyDoc }) warranty: WarrantyDoc;
  @ApiProperty({ type: [PrerequisiteDoc] }) prerequisites: PrerequisiteDoc[];
  @ApiProperty({ type: DecisionAmountsDoc }) amounts: DecisionAmountsDoc;
  @ApiProperty({ type: String, nullable: true, description: 'VENDOR_PORTAL: where to go' })
  portalUrl: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The manufacturer's adapter that decided" })
  adapter: string | null;
  @ApiProperty({ type: [String], description: 'Plain-language sentences, in order' }) reasons: string[];
  @ApiProperty({ example: '1.0.0' }) rulesVersion: string;
}

export class TicketProductDoc {
  @ApiProperty({ type: String, nullable: true }) sku: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceRef: string | null;
  @ApiProperty({ ...DATE, nullable: true }) purchaseDate: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Usage so far, in the warranty unit (e.g. TBW)' })
  usage: number | null;
}

export class RmaDoc {
  @ApiProperty({ example: 'RMA-2026-000123' }) number: string;
  @ApiProperty({ ...DATE, nullable: true }) issuedOn: string | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'Ship by this day (inclusive)' })
  validUntil: string | null;
}

export class ShippingDoc {
  @ApiProperty({ type: String, nullable: true }) carrier: string | null;
  @ApiProperty({ type: String, nullable: true }) trackingNumber: string | null;
  @ApiProperty({ ...DATE, nullable: true }) shippedOn: string | null;
}

export class ItemParcelDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'RMA-2026-000123' }) rmaNumber: string | null;
  @ApiProperty({
    ...DATE_TIME,
    nullable: true,
    description: 'When the receiving desk found the item missing from the box; null unless it did',
  })
  missingSince: string | null;
}

export class ReplacementDoc {
  @ApiProperty() serialNumber: string;
  @ApiProperty({ ...DATE, nullable: true }) coveredUntil: string | null;
}

export class SlaDoc {
  @ApiProperty(DATE) dueOn: string;
  @ApiProperty({ enum: SLA_STATES }) state: string;
}

export class TimelineEntryDoc {
  @ApiProperty() id: number;
  @ApiProperty(DATE_TIME) at: string;
  @ApiProperty({ enum: ['USER', 'API_KEY', 'SYSTEM', 'MANUFACTURER'] }) actorType: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty() actorLabel: string;
  @ApiProperty({ description: 'CREATE, ROUTE or a lifecycle action' }) action: string;
  @ApiProperty({ enum: TICKET_STATUSES, nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ enum: TICKET_STATUSES }) toStatus: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class TicketViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ format: 'uuid', description: 'The return this ticket is an item of' }) returnId: string;
  @ApiProperty({ minimum: 1, maximum: 100, description: "The item's place in its return" })
  position: number;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ enum: REASONS }) reason: string;
  @ApiProperty({ type: String, nullable: true, description: 'Manufacturer slug' }) manufacturer:
    string | null;
  @ApiProperty({ type: TicketProductDoc }) product: TicketProductDoc;
  @ApiProperty({ type: CustomerDto, description: 'As written; fields never given are left out' })
  customer: CustomerDto;
  @ApiProperty({ type: DeliveryDto, description: 'As written; fields never given are left out' })
  delivery: DeliveryDto;
  @ApiProperty({ type: String, nullable: true }) faultDescription: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Order errors' }) unused: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Order errors' })
  originalPackaging: boolean | null;
  @ApiProperty({ enum: EXCLUSIONS, isArray: true }) exclusions: string[];
  @ApiProperty({ type: String, nullable: true }) supportTicketNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) resellerReference: string | null;
  @ApiProperty({ type: DecisionDoc, nullable: true, description: 'Set once submitted' })
  decision: DecisionDoc | null;
  @ApiProperty({ type: String, nullable: true }) rulesVersion: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The revision of the manufacturer's configuration the decision was made with",
  })
  manufacturerRevision: number | null;
  @ApiProperty({ type: RmaDoc, nullable: true, description: 'Set on approval' }) rma: RmaDoc | null;
  @ApiProperty({ type: ShippingDoc }) shipping: ShippingDoc;
  @ApiProperty({
    type: ItemParcelDoc,
    nullable: true,
    description: 'The parcel the item travels in: its RMA number, shared by the items approved with it',
  })
  parcel: ItemParcelDoc | null;
  @ApiProperty({ enum: OUTCOMES, nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ type: MoneyDoc, nullable: true }) credit: MoneyDoc | null;
  @ApiProperty({ type: ReplacementDoc, nullable: true }) replacement: ReplacementDoc | null;
  @ApiProperty({ type: String, nullable: true }) vendorRmaNumber: string | null;
  @ApiProperty({ type: SlaDoc, nullable: true }) sla: SlaDoc | null;
  @ApiProperty({ enum: TICKET_ACTIONS, isArray: true, description: 'What the caller may do now' })
  allowedActions: string[];
  @ApiProperty({ ...DATE_TIME, nullable: true }) submittedAt: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) receivedAt: string | null;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty(DATE_TIME) updatedAt: string;
}

/** GET /tickets/{id}: the ticket with its timeline and attachments. */
export class TicketDetailDoc extends TicketViewDoc {
  @ApiProperty({ type: [TimelineEntryDoc] }) timeline: TimelineEntryDoc[];
  @ApiProperty({ type: [AttachmentDoc] }) attachments: AttachmentDoc[];
}

/** The return a list row's ticket is an item of: how many items it has, and how many are in each status. */
export class ReturnItemsDoc {
  @ApiProperty({ minimum: 1, maximum: 100 }) count: number;
  @ApiProperty({
    type: 'object',
    description: 'Items per status; statuses without items are left out',
    properties: Object.fromEntries(TICKET_STATUSES.map((k) => [k, { type: 'integer' as const }])),
    additionalProperties: false,
  })
  byStatus: Record<string, number>;
}

export class TicketListItemDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() tenantName: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ enum: REASONS }) reason: string;
  @ApiProperty({ enum: ROUTES, nullable: true, type: String }) route: string | null;
  @ApiProperty({ enum: HANDLINGS, nullable: true, type: String }) handling: string | null;
  @ApiProperty({ type: String, nullable: true }) manufacturer: string | null;
  @ApiProperty({ type: String, nullable: true }) sku: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) customerName: string | null;
  @ApiProperty({ type: String, nullable: true }) rmaNumber: string | null;
  @ApiProperty({ type: SlaDoc, nullable: true }) sla: SlaDoc | null;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty(DATE_TIME) updatedAt: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The return the ticket is an item of (null only for a ticket deleted meanwhile)',
  })
  returnId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Its place in the return (1..100)' })
  position: number | null;
  @ApiProperty({ type: ReturnItemsDoc, nullable: true, description: "The return's items and their states" })
  returnItems: ReturnItemsDoc | null;
}

export class TicketPageDoc {
  @ApiProperty({ type: [TicketListItemDoc] }) items: TicketListItemDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

/** A count per key; given `keys`, the only keys the map may hold, so clients read it as a record of them. */
const COUNTS = (description: string, keys?: readonly string[]) =>
  ({
    type: 'object',
    description,
    ...(keys
      ? {
          properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' as const }])),
          additionalProperties: false,
        }
      : { additionalProperties: { type: 'integer' } }),
  }) as const;

export class SlaCountsDoc {
  @ApiProperty({ description: 'Past their SLA day' }) breached: number;
  @ApiProperty({ description: 'Due today or within two days' }) dueSoon: number;
}

export class DefectRateDoc {
  @ApiProperty({ description: 'Manufacturer slug' }) manufacturer: string;
  @ApiProperty({ description: 'Submitted defect tickets' }) defects: number;
  @ApiProperty({ description: 'Invoice lines of its products' }) sold: number;
  @ApiProperty({ type: Number, nullable: true, description: 'defects / sold; null when nothing was sold' })
  rate: number | null;
}

export class TicketStatsDoc {
  @ApiProperty(COUNTS('By status; statuses without tickets are left out', TICKET_STATUSES))
  byStatus: Record<string, number>;
  @ApiProperty(COUNTS('By reason', REASONS)) byReason: Record<string, number>;
  @ApiProperty(COUNTS('By route; tickets not yet routed are left out', ROUTES))
  byRoute: Record<string, number>;
  @ApiProperty(COUNTS('By manufacturer slug')) byManufacturer: Record<string, number>;
  @ApiProperty({ type: SlaCountsDoc }) sla: SlaCountsDoc;
  @ApiProperty({ type: [MoneyDoc], description: 'Credits granted this month, one per currency' })
  creditsThisMonth: MoneyDoc[];
  @ApiProperty({ type: [DefectRateDoc] }) defectRate: DefectRateDoc[];
}

/** GET /tickets/counts: the same kind of map as the stats' byStatus. */
export const TICKET_COUNTS_SCHEMA = COUNTS(
  'Tickets by status; statuses without tickets are left out',
  TICKET_STATUSES,
);

export class PrefillDeliveryDoc extends OmitType(DeliveryDto, ['deliveredOn'] as const) {}

export class PrefillDoc {
  @ApiProperty({ type: CustomerDto, description: "The reseller's last ticket's customer (empty when none)" })
  customer: CustomerDto;
  @ApiProperty({
    type: PrefillDeliveryDoc,
    description: "The reseller's last ticket's delivery, without its deliveredOn",
  })
  delivery: PrefillDeliveryDoc;
}

export class WarrantyLookupDoc extends WarrantyDoc {
  @ApiProperty() serialNumber: string;
  @ApiProperty({ description: 'Manufacturer slug' }) manufacturer: string;
  @ApiProperty({ description: "status is 'IN_WARRANTY'" }) inWarranty: boolean;
  @ApiProperty({ ...DATE, nullable: true, description: 'Decoded from the serial, when the adapter can' })
  manufactureDate: string | null;
  @ApiProperty({ example: 'In warranty until 2027-03-10 (36 months from ...).' }) summary: string;
}
