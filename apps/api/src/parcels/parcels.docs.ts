import { ApiProperty } from '@nestjs/swagger';
import { DATE, DATE_TIME } from '../common/docs.js';
import { TicketViewDoc } from '../tickets/ticket-view.docs.js';

/*
 * The OpenAPI description of what the parcel endpoints answer. Documentation only, and the types the
 * service answers with (a class used as a type is structural): the answers are built by parcels.service.ts.
 */

export class ParcelViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The return its items belong to' }) returnId: string;
  @ApiProperty({ example: 'RMA-2026-000123' }) rmaNumber: string;
  @ApiProperty({ ...DATE, nullable: true }) rmaIssuedOn: string | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'Ship by this day (inclusive)' })
  rmaValidUntil: string | null;
  @ApiProperty({ type: String, nullable: true }) carrier: string | null;
  @ApiProperty({ type: String, nullable: true }) trackingNumber: string | null;
  @ApiProperty({ ...DATE, nullable: true }) shippedOn: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: [TicketViewDoc], description: 'The items travelling under the RMA number, in order' })
  items: TicketViewDoc[];
}

export class ItemApprovalDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) position: number;
  @ApiProperty() approved: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the item was not approved' })
  refusal: string | null;
  @ApiProperty({ type: TicketViewDoc, description: 'The item as it is now' }) ticket: TicketViewDoc;
}

export class ApprovalDoc {
  @ApiProperty({ format: 'uuid' }) returnId: string;
  @ApiProperty({
    type: ParcelViewDoc,
    nullable: true,
    description: 'The parcel the approved items share; null when none could be approved',
  })
  parcel: ParcelViewDoc | null;
  @ApiProperty({ type: [ItemApprovalDoc], description: 'Per item asked, in the order given' })
  items: ItemApprovalDoc[];
}

export class ParcelReceiptDoc extends ParcelViewDoc {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The items received from the box' })
  received: string[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The items of the parcel awaited but not in the box: flagged missing',
  })
  missing: string[];
}
