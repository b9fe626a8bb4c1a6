import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '../auth/principal.js';
import { UuidParam } from '../common/params.js';
import { ListOutboxQuery } from './dto.js';
import { MailService } from './mail.service.js';

/** Staff: the mail outbox (sent, waiting, failed, or kept unsent when no SMTP server is configured). */
@ApiTags('mail')
@ApiBearerAuth()
@Controller()
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('outbox')
  @Roles(...STAFF_ROLES)
  list(@Query() q: ListOutboxQuery) {
    return this.mail.list(q);
  }

  @Post('outbox/:id/resend')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  resend(@UuidParam() id: string) {
    return this.mail.resend(id);
  }
}
