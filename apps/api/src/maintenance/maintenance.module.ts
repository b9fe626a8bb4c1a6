import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import type { AppConfig } from '../config/config.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { MAINTENANCE_QUEUE } from './maintenance.constants.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { MaintenanceScheduler } from './maintenance.scheduler.js';

@Module({})
export class MaintenanceModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) {
      return { module: MaintenanceModule, imports: [TicketsModule], providers: [MaintenanceScheduler] };
    }
    return {
      module: MaintenanceModule,
      imports: [
        TicketsModule,
        BullModule.forRoot({ redis: config.redisUrl, prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: MAINTENANCE_QUEUE }),
      ],
      providers: [MaintenanceScheduler, MaintenanceProcessor],
    };
  }
}
