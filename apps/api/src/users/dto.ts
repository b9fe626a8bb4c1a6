import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type { Role } from '@rma/rules';
import { Optional } from '../common/validation.js';

const ROLE_VALUES: Role[] = ['DISTRIBUTOR_ADMIN', 'DISTRIBUTOR_AGENT', 'RESELLER_ADMIN', 'RESELLER_AGENT'];

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ROLE_VALUES }) @IsIn(ROLE_VALUES) role: Role;
  @ApiProperty({ minLength: 8 }) @IsString() @Length(8, 200) password: string;
  @ApiPropertyOptional({ description: 'Staff only: the reseller the user belongs to.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ROLE_VALUES }) @Optional() @IsIn(ROLE_VALUES) role?: Role;
  @ApiPropertyOptional() @Optional() @IsString() @Length(8, 200) password?: string;
  @ApiPropertyOptional() @Optional() @IsBoolean() disabled?: boolean;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ description: "Staff only: that reseller's users" })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
  @ApiPropertyOptional({ description: "Staff only: the distributor's own staff, no reseller's users" })
  @IsOptional()
  @IsIn(['true', 'false'])
  staff?: 'true' | 'false';
}
