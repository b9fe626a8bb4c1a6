import { Module } from '@nestjs/common';
import { ManufacturersModule } from '../manufacturers/manufacturers.module.js';
import { WebhookOutboxModule } from '../webhooks/outbox.module.js';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { AttachmentsCoreModule } from '../attachments/attachments-core.module.js';
import { TicketExportController } from './ticket-export.controller.js';
import { TicketExportService } from './ticket-export.service.js';
import { TicketStatsRepository } from './ticket-stats.repository.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

@Module({
  imports: [ManufacturersModule, WebhookOutboxModule, MailOutboxModule, AttachmentsCoreModule],
  controllers: [TicketsController, TicketExportController],
  providers: [TicketsRepository, TicketStatsRepository, TicketsService, TicketExportService],
  exports: [TicketsService],
})
export class TicketsModule {}
