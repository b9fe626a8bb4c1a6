import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CreateProductDto {
  @ApiProperty({ example: 'grandstream' }) @IsString() @Length(1, 64) manufacturer: string;
  @ApiProperty({ example: 'GS-GRP2612' })
  @IsString()
  @Matches(/^[A-Za-z0-9._/-]{1,64}$/, { message: 'sku must be 1-64 letters, digits or . _ / -' })
  sku: string;
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) productLine?: string;
}

export class CreateInvoiceLineDto {
  @ApiProperty() @IsUUID() tenantId: string;
  @ApiProperty({ example: 'INV-2026-0042' }) @IsString() @Length(1, 64) invoiceNumber: string;
  @ApiProperty({ example: '2026-10-01' }) @IsDateString({ strict: true }) @Length(10, 10) invoicedOn: string;
  @ApiProperty() @IsString() @Length(1, 64) sku: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) serialNumber?: string;
  @ApiProperty({ description: 'Unit price in minor units', example: 8200 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  unitPriceMinor: number;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code like EUR' })
  currency: string;
}

export class ListInvoiceLinesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() tenantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) serialNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) sku?: string;
  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
