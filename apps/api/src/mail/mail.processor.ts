import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MAIL_QUEUE, SEND_MAIL_JOB } from './mail.constants.js';
import { MailDeliveryService, type MailSendResult } from './mail-delivery.service.js';

/** Bull consumer of the mail queue: one job is one attempt at one message, handed to the delivery service. */
@Injectable()
export class MailProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('Mail');

  constructor(
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
    private readonly delivery: MailDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.on('error', (err) => this.logger.warn({ msg: 'mail queue error', err: String(err) }));
    this.queue
      .process(SEND_MAIL_JOB, this.config.mail.concurrency, (job: Job<{ id: string }>) => this.handle(job))
      .catch((err: unknown) => this.logger.error({ msg: 'mail queue stopped', err: String(err) }));
  }

  handle(job: Job<{ id: string }>): Promise<MailSendResult> {
    return this.delivery.deliver(job.data.id);
  }
}
