import { Global, Module } from '@nestjs/common';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { WebhookOutboxModule } from '../webhooks/outbox.module.js';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.service.js';

/** Prometheus metrics: GET /metrics, and the counters features increment (Metrics). */
@Global()
@Module({
  imports: [WebhookOutboxModule, MailOutboxModule],
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule {}
