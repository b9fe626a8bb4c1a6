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
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketRouting } from './ticket-routing.js';
import { TicketSubmissionService } from './ticket-submission.service.js';
import { TicketTransitionsService } from './ticket-transitions.service.js';
import { TicketViewer } from './ticket-viewer.js';
import { ReturnsRepository } from '../returns/returns.repository.js';
import { InvoiceImportRepository } from '../invoice-import/invoice-import.repository.js';

@Module({
  imports: [ManufacturersModule, WebhookOutboxModule, MailOutboxModule, AttachmentsCoreModule],
  controllers: [TicketsController, TicketExportController],
  providers: [
    TicketsRepository,
    // A ticket is an item of a return: creating one creates its return (the returns' own routes are
    // the ReturnsModule's).
    ReturnsRepository,
    TicketStatsRepository,
    IdempotencyKeysRepository,
    // Stateless: the warranty look-up reads the last sale of a serial number.
    InvoiceImportRepository,
    TicketViewer,
    TicketRouting,
    TicketSubmissionService,
    TicketTransitionsService,
    TicketQueriesService,
    TicketExportService,
  ],
  // The ticket's one home: other features change tickets through the transitions and read them
  // through the repository.
  exports: [
    TicketsRepository,
    ReturnsRepository,
    TicketViewer,
    TicketRouting,
    IdempotencyKeysRepository,
    TicketSubmissionService,
    TicketTransitionsService,
    TicketQueriesService,
  ],
})
export class TicketsModule {}
