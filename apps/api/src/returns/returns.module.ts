import { Module } from '@nestjs/common';
import { ManufacturersModule } from '../manufacturers/manufacturers.module.js';
import { WebhookOutboxModule } from '../webhooks/outbox.module.js';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ReturnsController } from './returns.controller.js';
import { ReturnsService } from './returns.service.js';

/**
 * Returns with several items (issue 15): their routes. The items are tickets, so the return's
 * repository, the routing and the ticket views are the tickets module's.
 */
@Module({
  imports: [TicketsModule, ManufacturersModule, WebhookOutboxModule, MailOutboxModule],
  controllers: [ReturnsController],
  providers: [ReturnsService],
})
export class ReturnsModule {}
