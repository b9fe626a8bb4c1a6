import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { WARRANTY_FALLBACKS, type WarrantyFallback } from '@rma/rules';

export class UsageLimitDto {
  @ApiProperty({ example: 'TBW' }) @IsString() @Length(1, 16) unit: string;
  @ApiProperty({ example: 1400 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) limit: number;
}

export class WarrantyPolicyDto {
  @ApiProperty({ example: 24 }) @IsInt() @Min(0) @Max(240) months: number;
  @ApiPropertyOptional({ type: UsageLimitDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageLimitDto)
  usageLimit?: UsageLimitDto | null;
  @ApiProperty({ enum: WARRANTY_FALLBACKS }) @IsIn(WARRANTY_FALLBACKS) fallback: WarrantyFallback;
}

export class SupportTicketDto {
  @ApiProperty({ example: 'https://helpdesk.grandstream.com/' })
  @IsString()
  @MaxLength(500)
  helpdeskUrl: string;
  @ApiProperty({ example: '^GS-\\d{6}$' }) @IsString() @MaxLength(200) numberPattern: string;
}

export class ProductLineWarrantyDto {
  @ApiProperty({
    example: 'DS-H5',
    description: 'SKUs starting with this (case-insensitive) use this policy',
  })
  @IsString()
  @Length(1, 64)
  skuPrefix: string;
  @ApiProperty({ type: WarrantyPolicyDto })
  @ValidateNested()
  @Type(() => WarrantyPolicyDto)
  warranty: WarrantyPolicyDto;
}

/** The manufacturer's routing configuration; shapes here, rules (URLs, patterns, kinds) in the rules package. */
export class ManufacturerDto {
  @ApiProperty({ example: 'grandstream' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'slug must be lower-case letters, digits and dashes' })
  slug: string;
  @ApiProperty({ example: 'Grandstream' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({
    example: 'IN_HOUSE',
    description: 'IN_HOUSE, VENDOR_PORTAL, VENDOR_WEBHOOK or a registered custom adapter',
  })
  @IsString()
  @Length(1, 64)
  adapter: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  portalUrl?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  portalInstructions?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  webhookUrl?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) destroyBelowMinor?:
    number | null;
  @ApiPropertyOptional({ type: SupportTicketDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SupportTicketDto)
  supportTicket?: SupportTicketDto | null;
  @ApiProperty({ type: WarrantyPolicyDto })
  @ValidateNested()
  @Type(() => WarrantyPolicyDto)
  warranty: WarrantyPolicyDto;
  @ApiPropertyOptional({
    type: [ProductLineWarrantyDto],
    nullable: true,
    description: 'Per product line warranty policies',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProductLineWarrantyDto)
  productLines?: ProductLineWarrantyDto[] | null;
  @ApiProperty({ example: 14 }) @IsInt() @Min(1) @Max(365) rmaValidityDays: number;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  returnAddress?: string | null;
}

export class ValidateSamplesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  samples: string[];
}
