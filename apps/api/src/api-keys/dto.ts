import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ERP integration' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ enum: ['RESELLER_ADMIN', 'RESELLER_AGENT'], default: 'RESELLER_AGENT' })
  @IsOptional()
  @IsIn(['RESELLER_ADMIN', 'RESELLER_AGENT'])
  role?: 'RESELLER_ADMIN' | 'RESELLER_AGENT';
  @ApiPropertyOptional({ description: 'Staff only: the reseller the key belongs to.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

export class ListApiKeysQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() tenantId?: string;
}
