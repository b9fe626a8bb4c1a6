import { Module } from '@nestjs/common';
import { ManufacturersModule } from '../manufacturers/manufacturers.module.js';
import { AttachmentsCoreModule } from '../attachments/attachments-core.module.js';
import { WebhookOutbox } from './outbox.service.js';
import { WebhookSignals } from './webhook-signals.js';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

/**
 * The outbox on its own, so the tickets module can write deliveries in its transactions without
 * depending on the rest of webhooks (which depends on tickets for callbacks).
 */
@Module({
  imports: [ManufacturersModule, AttachmentsCoreModule],
  providers: [WebhookOutbox, WebhookDeliveriesRepository, WebhookEndpointsRepository, WebhookSignals],
  exports: [WebhookOutbox, WebhookDeliveriesRepository, WebhookEndpointsRepository, WebhookSignals],
})
export class WebhookOutboxModule {}
