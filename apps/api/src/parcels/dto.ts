import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { MAX_RETURN_ITEMS } from '../returns/dto.js';

/** Staff approve items of one return together: they share one RMA number, one parcel. */
export class ApproveItemsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_RETURN_ITEMS,
    description: "Ticket ids of the return's items to approve together",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RETURN_ITEMS)
  @IsUUID('all', { each: true })
  items: string[];
  @ApiPropertyOptional({ description: "Written on every approved item's timeline" })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

/** The reseller ships a parcel: one carrier and tracking number for every item in it. */
export class ShipParcelDto {
  @ApiProperty({ example: 'DHL' }) @IsString() @Length(1, 64) carrier: string;
  @ApiProperty({ example: 'JJD000390007812345' }) @IsString() @Length(1, 100) trackingNumber: string;
}
