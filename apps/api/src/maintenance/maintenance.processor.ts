import { Process, Processor } from '@nestjs/bull';
import { TicketQueriesService } from '../tickets/ticket-queries.service.js';
import { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { HousekeepingService, type HousekeepingReport } from './housekeeping.service.js';
import {
  EXPIRE_RMAS_JOB,
  FOLD_COUNTS_JOB,
  HOUSEKEEPING_JOB,
  MAINTENANCE_QUEUE,
} from './maintenance.constants.js';

/** Bull processor for the maintenance queue: calls the services, nothing else. */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly queries: TicketQueriesService,
    private readonly housekeeping: HousekeepingService,
  ) {}

  @Process(EXPIRE_RMAS_JOB)
  async expire(): Promise<{ expired: number }> {
    return { expired: await this.transitions.expireOverdue() };
  }

  @Process(HOUSEKEEPING_JOB)
  keepHouse(): Promise<HousekeepingReport> {
    return this.housekeeping.run();
  }

  @Process(FOLD_COUNTS_JOB)
  async foldCounts(): Promise<{ folded: number }> {
    return { folded: await this.queries.foldCounts() };
  }
}
