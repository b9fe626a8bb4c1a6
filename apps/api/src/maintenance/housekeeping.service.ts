import { Inject, Injectable, Logger } from '@nestjs/common';
import { AttachmentJanitor } from '../attachments/attachment-janitor.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MailRepository } from '../mail/mail.repository.js';

/** Files younger than this are never taken for orphans: far longer than an upload's store-then-commit. */
export const FILE_GRACE_MS = 60 * 60 * 1000;
const BATCH = 1000;

export interface HousekeepingReport {
  /** Settled e-mails older than the retention, removed. */
  mailPurged: number;
  /** Stored files no attachment row names, removed. */
  orphanedFiles: number;
  /** Uploads a stopped process left in the spool, removed. */
  spooledFiles: number;
}

/**
 * What the platform removes on its own, hourly by default: settled e-mails past OUTBOX_RETENTION_DAYS
 * (sent, kept without SMTP, failed: never one still waiting or being sent), and files nothing points to.
 * Tickets, their timelines and attachments are never removed.
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger('Housekeeping');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly db: Database,
    private readonly mail: MailRepository,
    private readonly files: AttachmentJanitor,
  ) {}

  async run(): Promise<HousekeepingReport> {
    const now = this.clock.now().getTime();
    const days = this.config.outboxRetentionDays;
    let mailPurged = 0;
    if (days > 0) {
      const before = new Date(now - days * 86_400_000);
      // In batches, each its own short transaction: no long lock on the outbox the senders work on.
      for (;;) {
        const n = await this.db.run(ALL_TENANTS, (m) => this.mail.purgeSettled(m, before, BATCH));
        mailPurged += n;
        if (n < BATCH) break;
      }
    }
    const report = { mailPurged, ...(await this.files.sweep(new Date(now - FILE_GRACE_MS))) };
    if (Object.values(report).some((n) => n > 0)) this.logger.log({ msg: 'housekeeping', ...report });
    return report;
  }
}
