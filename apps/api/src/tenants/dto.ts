import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../common/validation.js';

export class FeePolicyFields {
  @ApiPropertyOptional({
    description: 'Restocking fee in percent; null uses the global default (15).',
    example: 15,
    type: Number,
    nullable: true,
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  restockingFeePercent?: number | null;

  @ApiPropertyOptional({
    description: 'Minimum restocking fee in minor units.',
    type: Number,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  restockingFeeMinMinor?: number | null;

  @ApiPropertyOptional({
    description: 'Order-error return window in days from delivery (default 30).',
    type: Number,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  returnWindowDays?: number | null;

  @ApiPropertyOptional({
    description: 'Delivery-error report window in days from delivery (default 14).',
    type: Number,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  deliveryErrorWindowDays?: number | null;
}

export class CreateTenantDto extends FeePolicyFields {
  @ApiProperty({ example: 'gamma-tel' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug must be lower-case letters, digits and dashes' })
  slug: string;

  @ApiProperty({ example: 'Gamma Telecom' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code like EUR' })
  currency?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  returnAddress?: string | null;
}

/** Every field may be left out; a null is refused where the column takes none (slug, name, currency). */
export class UpdateTenantDto extends PartialType(CreateTenantDto, { skipNullProperties: false }) {}
