import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SweepLoop } from '../common/sweep-loop.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MAIL_QUEUE, SEND_MAIL_JOB } from './mail.constants.js';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailSignals } from './mail-signals.js';
import { MailRepository } from './mail.repository.js';

const BATCH = 200;

/**
 * Drives the mail outbox from the database, the source of truth, every `sweepMs` and when a message
 * was just written. With Redis each due message goes to the Bull queue as one job per attempt (job id
 * = message, attempt and state), so a message already queued is not queued twice and one lost with
 * Redis is queued again by the next sweep. Without Redis this process sends, `concurrency` at a time.
 * Nothing runs without SMTP_URL: messages are then kept in the outbox.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly loop = new SweepLoop(
    () => this.sweep(),
    (err: unknown) => this.logger.error({ msg: 'mail sweep failed', err: String(err) }),
  );
  private unlisten: (() => void) | null = null;
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly repo: MailRepository,
    private readonly delivery: MailDeliveryService,
    private readonly signals: MailSignals,
    @Optional() @Inject(getQueueToken(MAIL_QUEUE)) private readonly queue?: Queue,
  ) {}

  onApplicationBootstrap(): void {
    const cfg = this.config.mail;
    if (!cfg.smtpUrl) return;
    if (!this.queue && !cfg.worker) return; // nobody here would send what a sweep finds
    this.unlisten = this.signals.listen(() => this.nudge(20));
    this.loop.start(cfg.sweepMs);
    this.logger.log({ msg: 'mail dispatcher started', mode: this.queue ? 'bull' : 'in-process' });
  }

  async onApplicationShutdown(): Promise<void> {
    const stopping = this.loop.stop();
    this.unlisten?.();
    await stopping;
    await Promise.allSettled([...this.running]);
  }

  nudge(delayMs: number): void {
    this.loop.nudge(delayMs);
  }

  /** One pass: hands what is due to Bull, or sends it here. */
  async sweep(): Promise<number> {
    if (this.loop.stopped) return 0;
    if (this.queue) {
      const due = await this.db.run(ALL_TENANTS, () => this.repo.due(BATCH));
      if (due.length === 0) return 0;
      await this.queue.addBulk(
        due.map((d) => ({
          name: SEND_MAIL_JOB,
          data: { id: d.id },
          opts: { jobId: `${d.id}:${d.attempts}:${d.status}`, removeOnComplete: true, removeOnFail: true },
        })),
      );
      return due.length;
    }
    const room = this.config.mail.concurrency - this.inFlight.size;
    if (room <= 0) return 0;
    const due = await this.db.run(ALL_TENANTS, () => this.repo.due(room + this.inFlight.size));
    let started = 0;
    for (const { id } of due) {
      if (this.inFlight.has(id) || this.inFlight.size >= this.config.mail.concurrency) continue;
      this.inFlight.add(id);
      started++;
      const run = this.delivery
        .deliver(id)
        .then(
          () => 0,
          (err: unknown) => {
            this.logger.error({ msg: 'mail delivery crashed', id, err: String(err) });
            return this.config.mail.sweepMs;
          },
        )
        .then((wait) => {
          this.inFlight.delete(id);
          this.running.delete(run);
          this.nudge(wait);
        });
      this.running.add(run);
    }
    return started;
  }
}
