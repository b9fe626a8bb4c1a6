import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAIL_KINDS, type MailKind } from './mail-templates.js';
import { MAIL_STATUSES, type MailStatus } from './mail.repository.js';

export class ListOutboxQuery {
  @ApiPropertyOptional({
    enum: MAIL_STATUSES,
    description: 'HELD: kept unsent because no SMTP server is configured',
  })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ticketId?: string;
  @ApiPropertyOptional({ enum: MAIL_KINDS }) @IsOptional() @IsIn(MAIL_KINDS) kind?: MailKind;
  @ApiPropertyOptional({ description: 'Messages to this address' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  to?: string;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor is not a cursor this API issued' })
  cursor?: string;
}
