import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import type { AppConfig } from '../config/config.js';
import { ManufacturersModule } from '../manufacturers/manufacturers.module.js';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { AttachmentsCoreModule } from '../attachments/attachments-core.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CallbacksController } from './callbacks.controller.js';
import { CallbacksService } from './callbacks.service.js';
import { WebhookDeliveryService } from './delivery.service.js';
import { HttpSender } from './http-sender.js';
import { WebhookOutboxModule } from './outbox.module.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookCallbacksRepository } from './webhook-callbacks.repository.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WEBHOOKS_QUEUE } from './webhooks.constants.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksProcessor } from './webhooks.processor.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Webhooks to manufacturers (outbox → dispatcher → Bull → processor, or an in-process worker
 * without Redis), the staff's endpoint and delivery-log API, and manufacturers' callbacks.
 */
@Module({})
export class WebhooksModule {
  static forRoot(config: AppConfig): DynamicModule {
    const cfg = config.webhooks;
    const providers: Provider[] = [
      WebhooksService,
      CallbacksService,
      WebhookCallbacksRepository,
      WebhookDeliveryService,
      // Sends the deliveries (a seam: unit tests give the service a fake one).
      HttpSender,
      WebhookDispatcher,
      // Seals the endpoints' secrets at rest (SECRETS_KEY), and at boot the ones stored before.
      WebhookSecrets,
    ];
    const imports: DynamicModule['imports'] = [
      WebhookOutboxModule,
      ManufacturersModule,
      MailOutboxModule,
      AttachmentsCoreModule,
      // Callbacks change tickets through the ticket's transitions.
      TicketsModule,
    ];
    if (config.redisUrl) {
      imports.push(
        BullModule.registerQueue({
          name: WEBHOOKS_QUEUE,
          url: config.redisUrl,
          prefix: config.queuePrefix,
          defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
          settings: {
            // The request timeout stays below the lock; a worker killed mid-request loses its lock
            // after lockMs and its job is taken again (the database lease expires at the same time).
            lockDuration: cfg.lockMs,
            lockRenewTime: Math.floor(cfg.lockMs / 2),
            stalledInterval: cfg.lockMs,
            // Never fail a job for stalling: it would stay in the failed set and block its job id.
            maxStalledCount: 1_000_000,
          },
        }),
      );
      if (cfg.worker) providers.push(WebhooksProcessor);
    }
    return {
      module: WebhooksModule,
      imports,
      controllers: [WebhooksController, CallbacksController],
      providers,
    };
  }
}
