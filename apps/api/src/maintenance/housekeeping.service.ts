import { Inject, Injectable, Logger } from '@nestjs/common';
import { AttachmentJanitor } from '../attachments/attachment-janitor.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MailRepository } from '../mail/mail.repository.js';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository.js';

/** Files younger than this are never taken for orphans: far longer than an upload's store-then-commit. */
export const FILE_GRACE_MS = 60 * 60 * 1000;
const BATCH = 1000;

export interface HousekeepingReport {
  /** Settled e-mails older than the retention, removed. */
  mailPurged: number;
  /** Settled webhook deliveries (with their attempts) older than the retention, removed. */
  deliveriesPurged: number;
  /** Stored files no attachment row names, removed. */
  orphanedFiles: number;
  /** Uploads a stopped process left in the spool, removed. */
  spooledFiles: number;
}

/**
 * What the platform removes on its own, hourly by default: settled e-mails and webhook deliveries past
 * OUTBOX_RETENTION_DAYS (never one still waiting or being sent; a ticket's `rma.forwarded` stays until
 * the ticket is final), and files nothing points to. Tickets, their timelines and attachments are never
 * removed.
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger('Housekeeping');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly db: Database,
    private readonly mail: MailRepository,
    private readonly webhooks: WebhookDeliveriesRepository,
    private readonly files: AttachmentJanitor,
  ) {}

  async run(): Promise<HousekeepingReport> {
    const now = this.clock.now().getTime();
    const days = this.config.outboxRetentionDays;
    let mailPurged = 0;
    let deliveriesPurged = 0;
    if (days > 0) {
      const before = new Date(now - days * 86_400_000);
      mailPurged = await this.drain(() => this.mail.purgeSettled(before, BATCH));
      deliveriesPurged = await this.drain(() => this.webhooks.purgeSettled(before, BATCH));
    }
    const report = {
      mailPurged,
      deliveriesPurged,
      ...(await this.files.sweep(new Date(now - FILE_GRACE_MS))),
    };
    if (Object.values(report).some((n) => n > 0)) this.logger.log({ msg: 'housekeeping', ...report });
    return report;
  }

  /** Runs a batch until one comes back short, each its own short transaction: no long lock on an outbox. */
  private async drain(batch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.run(ALL_TENANTS, batch);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
