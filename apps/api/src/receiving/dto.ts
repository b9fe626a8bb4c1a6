import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { MAX_RETURN_ITEMS } from '../returns/dto.js';

export class ReceiveParcelDto {
  @ApiProperty({ example: 'RMA-2026-000123', description: 'The RMA number on the outer box' })
  @IsString()
  @Length(1, 32)
  rmaNumber: string;
  @ApiPropertyOptional({ description: 'The serial number on the item in the parcel' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  serialNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

/** A parcel at the desk: the RMA number on its box, then the serial of every item found in it. */
export class ReceiveParcelItemsDto {
  @ApiProperty({ example: 'RMA-2026-000123', description: 'The RMA number on the outer box' })
  @IsString()
  @Length(1, 32)
  rmaNumber: string;
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_RETURN_ITEMS,
    description: 'The serial numbers of the items in the box, as scanned',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RETURN_ITEMS)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  serials: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}
