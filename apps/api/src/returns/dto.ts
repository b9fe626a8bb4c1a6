import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { TicketContentDto } from '../tickets/dto.js';

/** How many items one return holds at most. */
export const MAX_RETURN_ITEMS = 100;

/** The fields of a ticket's content that belong to its return: the end customer, delivery, reference. */
export const SHARED_FIELDS = ['customer', 'delivery', 'resellerReference'] as const;
/** The fields of a ticket's content that belong to one item. */
export const ITEM_FIELDS = [
  'reason',
  'product',
  'faultDescription',
  'unused',
  'originalPackaging',
  'exclusions',
  'supportTicketNumber',
] as const;

/*
 * A ticket's content (TicketContentDto, the one-product body of POST /tickets, unchanged) split in two:
 * what a return's items share, and what each item says. Picked from the one class, so a field and its
 * rules are written once.
 */

/** What a return's items share: the end customer, the delivery, the reseller's reference. */
export class ReturnSharedDto extends PickType(TicketContentDto, SHARED_FIELDS) {}

/** One item of a return: today's per-product content. */
export class ReturnItemDto extends PickType(TicketContentDto, ITEM_FIELDS) {}

/** The content of a return: its shared information and 1..100 items. */
export class ReturnContentDto extends ReturnSharedDto {
  @ApiProperty({ type: [ReturnItemDto], minItems: 1, maxItems: MAX_RETURN_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RETURN_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ReturnItemDto)
  items: ReturnItemDto[];
}

export class CreateReturnDto extends ReturnContentDto {
  @ApiPropertyOptional({
    description: 'true: submit every item at once (each decided and routed now); false or absent: drafts',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}
