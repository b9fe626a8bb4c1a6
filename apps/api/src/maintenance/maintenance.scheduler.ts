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
import { TicketQueriesService } from '../tickets/ticket-queries.service.js';
import { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { HousekeepingService } from './housekeeping.service.js';
import {
  EXPIRE_RMAS_JOB,
  FOLD_COUNTS_JOB,
  FOLD_COUNTS_SECONDS,
  HOUSEKEEPING_JOB,
  MAINTENANCE_QUEUE,
} from './maintenance.constants.js';

interface PeriodicJob {
  name: string;
  everySeconds: number;
  run: () => Promise<unknown>;
}

/**
 * Schedules the periodic jobs (the RMA expiry sweep, housekeeping, folding the ticket counts): Bull repeatable jobs when Redis is
 * configured (one run per interval across every API instance), in-process timers otherwise (the
 * embedded one-command start).
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Maintenance');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly jobs: PeriodicJob[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    transitions: TicketTransitionsService,
    queries: TicketQueriesService,
    housekeeping: HousekeepingService,
    @Optional() @Inject(getQueueToken(MAINTENANCE_QUEUE)) private readonly queue?: Queue,
  ) {
    this.jobs = [
      {
        name: EXPIRE_RMAS_JOB,
        everySeconds: config.expirySweepSeconds,
        run: () => transitions.expireOverdue(),
      },
      { name: HOUSEKEEPING_JOB, everySeconds: config.housekeepingSeconds, run: () => housekeeping.run() },
      { name: FOLD_COUNTS_JOB, everySeconds: FOLD_COUNTS_SECONDS, run: () => queries.foldCounts() },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const job of this.jobs) {
      const every = job.everySeconds * 1000;
      if (this.queue) {
        await this.queue.add(
          job.name,
          {},
          { repeat: { every }, jobId: job.name, removeOnComplete: 100, removeOnFail: 100 },
        );
      } else {
        const timer = setInterval(() => {
          job
            .run()
            .catch((err: unknown) => this.logger.error({ msg: `${job.name} failed`, err: String(err) }));
        }, every);
        timer.unref();
        this.timers.push(timer);
      }
      this.logger.log({
        msg: `${job.name} scheduled ${this.queue ? 'on Bull' : 'in-process'}`,
        everySeconds: job.everySeconds,
      });
    }
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
