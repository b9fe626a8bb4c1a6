import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import type { AppConfig } from '../config/config.js';
import { MAIL_QUEUE } from './mail.constants.js';
import { MailController } from './mail.controller.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailDispatcher } from './mail-dispatcher.js';
import { MailOutboxModule } from './mail-outbox.module.js';
import { MailProcessor } from './mail.processor.js';
import { MailService } from './mail.service.js';

/**
 * E-mail: the outbox (written by ticket changes and webhook failures, mail-outbox.module.ts), the
 * dispatcher that sends it through Bull (REDIS_URL) or an in-process worker, and staff's outbox page.
 */
@Module({})
export class MailModule {
  static forRoot(config: AppConfig): DynamicModule {
    const cfg = config.mail;
    const providers: Provider[] = [MailService, MailDeliveryService, MailDispatcher];
    const imports: DynamicModule['imports'] = [MailOutboxModule];
    if (config.redisUrl && cfg.smtpUrl) {
      imports.push(
        BullModule.registerQueue({
          name: MAIL_QUEUE,
          url: config.redisUrl,
          prefix: config.queuePrefix,
          defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
          settings: {
            lockDuration: cfg.lockMs,
            lockRenewTime: Math.floor(cfg.lockMs / 2),
            stalledInterval: cfg.lockMs,
            maxStalledCount: 1_000_000,
          },
        }),
      );
      if (cfg.worker) providers.push(MailProcessor);
    }
    return { module: MailModule, imports, controllers: [MailController], providers };
  }
}
