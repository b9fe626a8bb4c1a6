import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { AttachmentsCoreModule } from '../attachments/attachments-core.module.js';
import type { AppConfig } from '../config/config.js';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { WebhookOutboxModule } from '../webhooks/outbox.module.js';
import { HousekeepingService } from './housekeeping.service.js';
import { MAINTENANCE_QUEUE } from './maintenance.constants.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { MaintenanceScheduler } from './maintenance.scheduler.js';

/** The platform's own periodic work: the RMA expiry sweep and housekeeping (maintenance.scheduler.ts). */
@Module({})
export class MaintenanceModule {
  static forRoot(config: AppConfig): DynamicModule {
    const imports: DynamicModule['imports'] = [
      TicketsModule,
      MailOutboxModule,
      WebhookOutboxModule,
      AttachmentsCoreModule,
    ];
    const providers = [MaintenanceScheduler, HousekeepingService];
    if (!config.redisUrl) return { module: MaintenanceModule, imports, providers };
    return {
      module: MaintenanceModule,
      imports: [
        ...imports,
        BullModule.forRoot({ redis: config.redisUrl, prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: MAINTENANCE_QUEUE }),
      ],
      providers: [...providers, MaintenanceProcessor],
    };
  }
}
