import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { MAIL_KINDS, type MailKind } from './mail-templates.js';
import { MAIL_STATUSES, type MailStatus } from './mail.repository.js';

export class ListOutboxQuery extends PageQuery {
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
}
