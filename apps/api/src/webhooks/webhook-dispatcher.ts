import { randomUUID } from 'node:crypto';
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
import { PgNotifications } from '../database/notifications.js';
import { WebhookDeliveryService } from './delivery.service.js';
import { WebhookSignals } from './webhook-signals.js';
import { DELIVER_JOB, WEBHOOKS_CHANNEL, WEBHOOKS_QUEUE } from './webhooks.constants.js';
import { WebhookDeliveriesRepository, type DueRow } from './webhook-deliveries.repository.js';

/** Due deliveries read per query; a sweep pages through all of them. */
const BATCH = 500;
/** A delivery queued this long ago and still due is queued again (its job went missing somehow). */
const REQUEUE_AFTER_MS = 30_000;

/**
 * Drives deliveries from the database, the source of truth. Every `sweepMs` (and on every NOTIFY
 * from a commit that wrote a delivery) it reads what is due: pending deliveries whose time came,
 * and deliveries whose worker's lease ran out (a worker killed mid-request). With Redis it adds each
 * to the Bull queue with the delivery id as job id, so a delivery already queued is not queued twice
 * and one lost with Redis (FLUSHALL, restart) is queued again by the next sweep. Without Redis it
 * sends them itself, `concurrency` at a time, through the same claim as the Bull processor.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly loop = new SweepLoop(
    () => this.sweep(),
    (err: unknown) => this.logger.error({ msg: 'webhook sweep failed', err: String(err) }),
  );
  private unlisten: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  /** In-process mode: deliveries being sent by this process. */
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();
  /** Bull mode: deliveries this process queued, with their row version then. */
  private readonly queued = new Map<string, { version: string; at: number }>();
  private readonly instance = randomUUID();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: PgNotifications,
    private readonly db: Database,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly delivery: WebhookDeliveryService,
    private readonly signals: WebhookSignals,
    @Optional() @Inject(getQueueToken(WEBHOOKS_QUEUE)) private readonly queue?: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue && !this.config.webhooks.worker) return; // nobody here would send what a sweep finds
    this.unlisten = this.signals.listen(() => this.nudge(20));
    // A commit that wrote a delivery (in any process) wakes the sweep at once.
    this.unsubscribe = await this.notifications.subscribe(WEBHOOKS_CHANNEL, {
      onNotify: () => this.nudge(5),
      onGap: () => this.nudge(5),
    });
    this.loop.start(this.config.webhooks.sweepMs);
    this.logger.log({
      msg: 'webhook dispatcher started',
      mode: this.queue ? 'bull' : 'in-process',
      sweepMs: this.config.webhooks.sweepMs,
      sends: this.config.webhooks.worker,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const stopping = this.loop.stop();
    this.unlisten?.();
    this.unsubscribe?.();
    await stopping;
    await Promise.allSettled([...this.running]);
  }

  /** Sweeps after `delayMs`, unless a sweep is already planned; one sweep at a time. */
  nudge(delayMs: number): void {
    this.loop.nudge(delayMs);
  }

  /** One pass: hands what is due to Bull, or sends it here. Exposed for tests. */
  async sweep(): Promise<number> {
    return this.queue ? this.enqueueDue(this.queue) : this.sendDue();
  }

  private async enqueueDue(queue: Queue): Promise<number> {
    await this.checkRedisKept(queue);
    const now = Date.now();
    for (const [id, q] of this.queued) if (now - q.at > REQUEUE_AFTER_MS) this.queued.delete(id);
    let total = 0;
    let after: DueRow | null = null;
    while (!this.loop.stopped) {
      const due: DueRow[] = await this.db.run(ALL_TENANTS, () => this.deliveries.due(BATCH, after));
      if (due.length === 0) break;
      after = due[due.length - 1]!;
      // Already handed to Bull as it is now: its job is waiting or running. (A delivery due again after
      // an attempt, a redelivery or an expired lease has changed since, and goes in again.)
      const fresh = due.filter((d) => this.queued.get(d.id)?.version !== d.version);
      // A delivery whose lease ran out was in flight when its worker died: its Bull job may still
      // sit in the failed set, where it would swallow the new one. Clear it (rare: only after a crash).
      for (const d of fresh) {
        if (d.status !== 'DELIVERING') continue;
        const job = await queue.getJob(d.id);
        if (job && ((await job.isFailed()) || (await job.isCompleted())))
          await job.remove().catch(() => undefined);
      }
      if (fresh.length > 0) {
        await queue.addBulk(
          fresh.map((d) => ({
            name: DELIVER_JOB,
            data: { id: d.id },
            opts: { jobId: d.id, removeOnComplete: true, removeOnFail: true },
          })),
        );
        for (const d of fresh) this.queued.set(d.id, { version: d.version, at: now });
        total += fresh.length;
      }
      if (due.length < BATCH) break;
    }
    return total;
  }

  /**
   * Notices that Redis lost its data (FLUSHALL, a restart without persistence): a key this process set
   * is gone. Then nothing it queued can be trusted to be there, and everything due goes in again now.
   */
  private async checkRedisKept(queue: Queue): Promise<void> {
    const key = `${this.config.queuePrefix}:${WEBHOOKS_QUEUE}:dispatcher:${this.instance}`;
    if ((await queue.client.get(key)) !== null) return;
    if (this.queued.size > 0)
      this.logger.warn({ msg: 'Redis lost the webhooks queue; queueing every due delivery again' });
    this.queued.clear();
    await queue.client.set(key, '1', 'EX', 7 * 86_400);
  }

  private async sendDue(): Promise<number> {
    const room = this.config.webhooks.concurrency - this.inFlight.size;
    if (room <= 0 || this.loop.stopped) return 0;
    const due = await this.db.run(ALL_TENANTS, () => this.deliveries.due(room + this.inFlight.size));
    let started = 0;
    for (const { id } of due) {
      if (this.inFlight.has(id) || this.inFlight.size >= this.config.webhooks.concurrency) continue;
      this.inFlight.add(id);
      started++;
      const run = this.delivery
        .deliver(id)
        .then(
          () => 0,
          (err: unknown) => {
            this.logger.error({ msg: 'webhook delivery crashed', id, err: String(err) });
            return this.config.webhooks.sweepMs;
          },
        )
        .then((wait) => {
          this.inFlight.delete(id);
          this.running.delete(run);
          this.nudge(wait); // a slot is free: take the next due one
        });
      this.running.add(run);
    }
    return started;
  }
}
