import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module.js';
import { BenchBaselineEntity } from './baseline/baseline.controller.js';
import { BaselineModule } from './baseline/baseline.module.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import type { DatabaseTarget } from './database/platform-database.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { Clock } from './common/clock.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';
import { ManufacturersModule } from './manufacturers/manufacturers.module.js';
import { ProductsModule } from './products/products.module.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { ReturnsModule } from './returns/returns.module.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { InvoiceImportModule } from './invoice-import/invoice-import.module.js';
import { MailModule } from './mail/mail.module.js';
import { ReceivingModule } from './receiving/receiving.module.js';
import { RmaFormModule } from './rma-form/rma-form.module.js';
import { ParcelsModule } from './parcels/parcels.module.js';
import { SetupModule } from './setup/setup.module.js';

@Module({})
export class AppModule {
  /** `logStream` replaces stdout for the logs (tests read them). */
  static forRoot(config: AppConfig, target: DatabaseTarget, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule.forRoot(config, logStream),
        MetricsModule,
        DatabaseModule.forRoot(target, config.dbPoolSize, config.benchBaseline ? [BenchBaselineEntity] : []),
        AuthModule,
        HealthModule,
        TenantsModule,
        UsersModule,
        ApiKeysModule,
        ManufacturersModule,
        ProductsModule,
        TicketsModule,
        ReturnsModule,
        MaintenanceModule.forRoot(config),
        WebhooksModule.forRoot(config),
        MailModule.forRoot(config),
        AttachmentsModule,
        RmaFormModule,
        ReceivingModule,
        ParcelsModule,
        InvoiceImportModule,
        SetupModule,
        ...(config.benchBaseline ? [BaselineModule] : []),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, Clock],
      exports: [APP_CONFIG, Clock],
    };
  }
}
