import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { EXPIRE_RMAS_JOB, MAINTENANCE_QUEUE } from './maintenance.constants.js';

/**
 * Schedules the expiry sweep: a Bull repeatable job when Redis is configured (one run per interval
 * across every API instance), an in-process timer otherwise (the embedded one-command start).
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tickets: TicketsService,
    @Optional() @Inject(getQueueToken(MAINTENANCE_QUEUE)) private readonly queue?: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.expirySweepSeconds * 1000;
    if (this.queue) {
      await this.queue.add(
        EXPIRE_RMAS_JOB,
        {},
        { repeat: { every }, jobId: EXPIRE_RMAS_JOB, removeOnComplete: 100, removeOnFail: 100 },
      );
      this.logger.log({
        msg: 'expiry sweep scheduled on Bull',
        everySeconds: this.config.expirySweepSeconds,
      });
      return;
    }
    this.timer = setInterval(() => {
      this.tickets
        .expireOverdue()
        .catch((err: unknown) => this.logger.error({ msg: 'expiry sweep failed', err: String(err) }));
    }, every);
    this.timer.unref();
    this.logger.log({
      msg: 'expiry sweep scheduled in-process',
      everySeconds: this.config.expirySweepSeconds,
    });
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
