import { Process, Processor } from '@nestjs/bull';
import { TicketsService } from '../tickets/tickets.service.js';
import { EXPIRE_RMAS_JOB, MAINTENANCE_QUEUE } from './maintenance.constants.js';

/** Bull processor for the maintenance queue: calls the service, nothing else. */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor {
  constructor(private readonly tickets: TicketsService) {}

  @Process(EXPIRE_RMAS_JOB)
  async expire(): Promise<{ expired: number }> {
    return { expired: await this.tickets.expireOverdue() };
  }
}
