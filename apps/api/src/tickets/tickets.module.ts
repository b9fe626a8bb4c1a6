import { Module } from '@nestjs/common';
import { ManufacturersModule } from '../manufacturers/manufacturers.module.js';
import { WebhookOutboxModule } from '../webhooks/outbox.module.js';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { AttachmentsCoreModule } from '../attachments/attachments-core.module.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

@Module({
  imports: [ManufacturersModule, WebhookOutboxModule, MailOutboxModule, AttachmentsCoreModule],
  controllers: [TicketsController],
  providers: [TicketsRepository, TicketsService],
  exports: [TicketsService],
})
export class TicketsModule {}
