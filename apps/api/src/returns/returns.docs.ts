import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../common/docs.js';
import { CustomerDto, DeliveryDto } from '../tickets/dto.js';
import { DecisionDoc, MoneyDoc, TicketViewDoc, TimelineEntryDoc } from '../tickets/ticket-view.docs.js';

/*
 * The OpenAPI description of what the return endpoints answer. Documentation only, and the types the
 * service answers with (a class used as a type is structural): the answers are built by returns.service.ts.
 */

export class ReturnViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: CustomerDto, description: 'As written; fields never given are left out' })
  customer: CustomerDto;
  @ApiProperty({ type: DeliveryDto, description: 'As written; fields never given are left out' })
  delivery: DeliveryDto;
  @ApiProperty({ type: String, nullable: true }) resellerReference: string | null;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) itemCount: number;
  @ApiProperty({ type: [TicketViewDoc], description: 'Its items, in their order (position)' })
  items: TicketViewDoc[];
  @ApiProperty({
    type: [MoneyDoc],
    description: "The items' credits summed per currency, by currency code; empty while no item is credited",
  })
  totalCredit: MoneyDoc[];
}

export class ReturnPreviewDoc {
  @ApiProperty({ type: [DecisionDoc], description: "Each item's decision, in the items' order" })
  items: DecisionDoc[];
}

/** A timeline entry of one of the return's items. */
export class ReturnTimelineEntryDoc extends TimelineEntryDoc {
  @ApiProperty({ format: 'uuid', description: 'The item (ticket) the entry is of' }) ticketId: string;
  @ApiProperty({ minimum: 1, maximum: 100, description: "The item's place in the return" }) position: number;
}
