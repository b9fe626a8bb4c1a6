import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

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
