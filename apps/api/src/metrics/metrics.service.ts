import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MailRepository } from '../mail/mail.repository.js';
import type { DeliverResult } from '../webhooks/delivery.service.js';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository.js';

/** How a delivery attempt ended, as a label. */
const DELIVERY_RESULT: Record<Exclude<DeliverResult, 'SKIPPED'>, string> = {
  SUCCEEDED: 'succeeded',
  RETRY: 'failed_retrying',
  FAILED: 'failed',
};

/**
 * The Prometheus metrics of this app instance, in a registry of its own (several apps may run in one
 * process, as in the tests), with prom-client's process metrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly ticketsSubmitted = new Counter({
    name: 'tickets_submitted_total',
    help: 'Tickets submitted and routed, by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  private readonly webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by how they ended',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly outboxDepth = new Gauge({
    name: 'outbox_pending_messages',
    help: 'Messages waiting to be sent, by outbox (webhooks, mail)',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });
  private readonly outboxOldest = new Gauge({
    name: 'outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest message waiting to be sent, by outbox (0 when none waits)',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly db: Database,
    private readonly webhooks: WebhookDeliveriesRepository,
    private readonly mail: MailRepository,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: statusCode }, seconds);
  }

  ticketSubmitted(route: string): void {
    this.ticketsSubmitted.inc({ route });
  }

  webhookDeliveryEnded(result: Exclude<DeliverResult, 'SKIPPED'>): void {
    this.webhookDeliveries.inc({ result: DELIVERY_RESULT[result] });
  }

  /** The text exposition, the outbox gauges read now (one query per outbox). */
  async scrape(): Promise<string> {
    const [webhooks, mail] = await this.db.run(ALL_TENANTS, async () => [
      await this.webhooks.pendingBacklog(),
      await this.mail.pendingBacklog(),
    ]);
    for (const [outbox, backlog] of [
      ['webhooks', webhooks],
      ['mail', mail],
    ] as const) {
      this.outboxDepth.set({ outbox }, backlog.depth);
      this.outboxOldest.set({ outbox }, backlog.oldestAgeSeconds);
    }
    return this.registry.metrics();
  }
}
