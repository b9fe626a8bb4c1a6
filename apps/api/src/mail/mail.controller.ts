import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import { ListOutboxQuery } from './dto.js';
import { MailDoc, MailPageDoc } from './mail.docs.js';
import { MailService } from './mail.service.js';

/** Staff: the mail outbox (sent, waiting, failed, or kept unsent when no SMTP server is configured). */
@ApiTags('mail')
@Controller()
export class MailController {
  constructor(private readonly mail: MailService) {}

  @ApiOperation({ summary: 'List the e-mail outbox' })
  @ApiOkResponse({ type: MailPageDoc })
  @Get('outbox')
  @Roles(...STAFF_ROLES)
  list(@Query() q: ListOutboxQuery) {
    return this.mail.list(q);
  }

  @ApiOperation({ summary: 'Send an e-mail again' })
  @ApiOkResponse({ type: MailDoc, description: 'The message, waiting to be sent' })
  @Post('outbox/:id/resend')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiErrors(ErrorCode.CONFLICT)
  resend(@UuidParam() id: string) {
    return this.mail.resend(id);
  }
}
