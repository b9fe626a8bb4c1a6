import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../common/docs.js';
import { MAIL_KINDS } from './mail-templates.js';
import { MAIL_STATUSES } from './mail.repository.js';

/* What the mail outbox endpoints answer: the OpenAPI description and the type mail.service.ts answers. */

export class MailDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MAIL_KINDS }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tenantId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ticketId: string | null;
  @ApiProperty({ type: [String], description: 'Recipient addresses' }) to: string[];
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Plain text' }) body: string;
  @ApiProperty({ enum: MAIL_STATUSES, description: 'HELD: kept unsent because no SMTP server is configured' })
  status: string;
  @ApiProperty({ description: 'Sending attempts so far' }) attempts: number;
  @ApiProperty({ ...DATE_TIME, nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty({ ...DATE_TIME, nullable: true }) sentAt: string | null;
}

export class MailPageDoc {
  @ApiProperty({ type: [MailDoc], description: 'Newest first' }) items: MailDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}
