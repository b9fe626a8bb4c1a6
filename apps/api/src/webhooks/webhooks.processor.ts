import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { WebhookDeliveryService, type DeliverResult } from './delivery.service.js';
import { DELIVER_JOB, WEBHOOKS_QUEUE } from './webhooks.constants.js';

/**
 * Bull consumer of the webhooks queue: one job is one attempt at one delivery, handed to the
 * delivery service. Registered with `queue.process` rather than `@Process` so the concurrency comes
 * from configuration; only in processes that send (WEBHOOK_WORKER).
 */
@Injectable()
export class WebhooksProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectQueue(WEBHOOKS_QUEUE) private readonly queue: Queue,
    private readonly delivery: WebhookDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.on('error', (err) => this.logger.warn({ msg: 'webhooks queue error', err: String(err) }));
    this.queue
      .process(DELIVER_JOB, this.config.webhooks.concurrency, (job: Job<{ id: string }>) => this.handle(job))
      .catch((err: unknown) => this.logger.error({ msg: 'webhooks queue stopped', err: String(err) }));
  }

  handle(job: Job<{ id: string }>): Promise<DeliverResult> {
    return this.delivery.deliver(job.data.id);
  }
}
