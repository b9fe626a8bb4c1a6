import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AppException, ErrorCode, type CheckDetails } from '../common/errors.js';
import { MIGRATIONS } from '../database/entities.js';
import { WEBHOOKS_QUEUE } from '../webhooks/webhooks.constants.js';
import { HealthRepository } from './health.repository.js';

const CHECK_TIMEOUT_MS = 2000;

/** Liveness and readiness through terminus; a failed check is a 503 NOT_READY with terminus' details. */
@Injectable()
export class HealthService {
  /** The names the migrations table records for the migrations this build knows. */
  private readonly migrationNames = MIGRATIONS.map((m) => {
    const instance = new m() as { name?: string };
    return instance.name ?? m.name;
  });

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly repo: HealthRepository,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The process answers: nothing else is asked. */
  live(): Promise<HealthCheckResult> {
    return this.run('Not live', []);
  }

  /** The database answers a ping. */
  database(): Promise<HealthCheckResult> {
    return this.run('The database is down', [
      () => this.db.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }

  /** The database answers, Redis answers (when configured), and no migration of this build is pending. */
  ready(): Promise<HealthCheckResult> {
    return this.run('Not ready', [
      () => this.db.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
      ...(this.config.redisUrl ? [() => this.redis()] : []),
      () => this.migrations(),
    ]);
  }

  private redis() {
    return this.indicators
      .check('redis')
      .attempt(async () => {
        const queue = this.modules.get<Queue>(getQueueToken(WEBHOOKS_QUEUE), { strict: false });
        await queue.client.ping();
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  private async migrations() {
    const check = this.indicators.check('migrations');
    try {
      const applied = await this.repo.appliedMigrations();
      const pending = this.migrationNames.filter((n) => !applied.has(n));
      return pending.length === 0
        ? check.up()
        : check.down({ message: `${pending.length} pending: ${pending.join(', ')}` });
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }

  private async run(what: string, checks: Parameters<HealthCheckService['check']>[0]) {
    try {
      return await this.health.check(checks);
    } catch (err) {
      const details = (err as { response?: { details?: CheckDetails } }).response?.details;
      if (!details) throw err;
      const down = Object.entries(details).filter(([, d]) => d.status === 'down');
      throw new AppException(
        ErrorCode.NOT_READY,
        `${what}: ${down.map(([name, d]) => (d.message ? `${name} (${d.message})` : name)).join(', ')}`,
        undefined,
        details,
      );
    }
  }
}
