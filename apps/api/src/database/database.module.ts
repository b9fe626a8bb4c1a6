import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from './entities.js';
import { DATABASE_TARGET, Database } from './database.service.js';
import type { DatabaseTarget } from './platform-database.js';
import { PgNotifications } from './notifications.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(
    target: DatabaseTarget,
    poolSize: number,
    extraEntities: Array<new () => unknown> = [],
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: target.runtimeUrl,
          entities: [...ENTITIES, ...extraEntities],
          synchronize: false,
          migrationsRun: false,
          poolSize,
          extra: target.runtimeOptions ? { options: target.runtimeOptions } : {},
          logging: false,
        }),
      ],
      providers: [Database, PgNotifications, { provide: DATABASE_TARGET, useValue: target }],
      exports: [Database, PgNotifications, DATABASE_TARGET],
    };
  }
}
