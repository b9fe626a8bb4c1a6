import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../common/docs.js';
import { ProductLineWarrantyDto, SupportTicketDto, WarrantyPolicyDto } from './dto.js';

/*
 * What the manufacturer endpoints answer, the OpenAPI description and the type manufacturers.service.ts
 * answers with: the routing configuration as staff saved it, with its id. The nested parts are the
 * request's own classes (the configuration goes out as it came in); a field the configuration never set
 * is left out.
 */

export class ManufacturerDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'grandstream' }) slug: string;
  @ApiProperty({ example: 'Grandstream' }) name: string;
  @ApiProperty({
    example: 'IN_HOUSE',
    description: 'IN_HOUSE, VENDOR_PORTAL, VENDOR_WEBHOOK or a registered custom adapter',
  })
  adapter: string;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: "VENDOR_PORTAL: the vendor's portal",
  })
  portalUrl?: string | null;
  @ApiProperty({ type: String, nullable: true, required: false }) portalInstructions?: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'VENDOR_WEBHOOK: where RMAs are forwarded. Shown to staff only',
  })
  webhookUrl?: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    required: false,
    description: 'IN_HOUSE: below this invoiced price (minor units) destruction is authorised',
  })
  destroyBelowMinor?: number | null;
  @ApiProperty({ type: SupportTicketDto, nullable: true, required: false })
  supportTicket?: SupportTicketDto | null;
  @ApiProperty({ type: WarrantyPolicyDto }) warranty: WarrantyPolicyDto;
  @ApiProperty({ type: [ProductLineWarrantyDto], nullable: true, required: false })
  productLines?: ProductLineWarrantyDto[] | null;
  @ApiProperty({ example: 14, description: 'Days an RMA number stays valid' }) rmaValidityDays: number;
  @ApiProperty({ type: String, nullable: true }) returnAddress: string | null;
  @ApiProperty({
    example: 3,
    description: 'Raised by every change; routed tickets record the one that decided them',
  })
  revision: number;
  @ApiProperty(DATE_TIME) updatedAt: string;
}

/** One version of a manufacturer's configuration: who made it, when, and what it changed. */
export class ManufacturerRevisionDoc {
  @ApiProperty({ example: 3 }) revision: number;
  @ApiProperty(DATE_TIME) changedAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Who made the change; null for the first version seeded, or a change made in the database directly',
  })
  changedBy: string | null;
  @ApiProperty({
    type: [String],
    example: ['supportTicket', 'rmaValidityDays'],
    description: 'The fields that differ from the revision before (empty for the first)',
  })
  changed: string[];
  @ApiProperty({ type: ManufacturerDoc, description: 'The configuration as it was in this revision' })
  manufacturer: ManufacturerDoc;
}
