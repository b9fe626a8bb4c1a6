import { Inject, Injectable, Logger } from '@nestjs/common';
import { AttachmentLinks } from '../attachments/attachment-links.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import { Metrics } from '../metrics/metrics.service.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { HttpSender } from './http-sender.js';
import type { RmaEvent, RmaEventV1, RmaEventV2 } from './payload.js';
import { judge, type AttemptResult } from './schedule.js';
import { generateSecret, signatureHeader } from './signature.js';
import { SecretUnreadableError, WebhookSecrets } from './webhook-secrets.js';
import {
  WebhookDeliveriesRepository,
  type AttemptRecord,
  type DeliveryOutcome,
  type DeliveryRow,
} from './webhook-deliveries.repository.js';
import { WebhookEndpointsRepository, type EndpointRow } from './webhook-endpoints.repository.js';

export type DeliverResult = 'SKIPPED' | 'SUCCEEDED' | 'RETRY' | 'FAILED';

/**
 * The secrets a message is signed with now (as stored): the current one, and the previous one while
 * its grace lasts.
 */
export function signingSecrets(
  e: Pick<EndpointRow, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
): string[] {
  const secrets = [e.secret];
  if (e.previousSecret && e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > now.getTime()) {
    secrets.push(e.previousSecret);
  }
  return secrets;
}

/** An endpoint with somewhere to send to. */
type AddressedEndpoint = EndpointRow & { url: string };

/**
 * One attempt at one delivery, in three steps: claim it in the database (a lease, attempts + 1),
 * POST it with no transaction open, then record the attempt and settle the delivery. Whoever calls it
 * (the Bull processor or the in-process worker) may call it twice for the same id: the claim admits
 * one attempt at a time, and only when the delivery is due.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly db: Database,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailOutbox,
    private readonly manufacturers: ManufacturersService,
    private readonly attachmentLinks: AttachmentLinks,
    private readonly secrets: WebhookSecrets,
    private readonly metrics: Metrics,
    private readonly http: HttpSender,
    private readonly clock: Clock,
  ) {}

  async deliver(id: string): Promise<DeliverResult> {
    const cfg = this.config.webhooks;
    const claimed = await this.db.run(ALL_TENANTS, async () => {
      const claim = await this.deliveries.claim(id, cfg.lockMs);
      if (!claim) return null;
      const prepared = await this.prepare(claim.delivery, claim.endpoint);
      if (claim.interrupted) {
        // The previous attempt's worker died mid-request (or its job was lost with Redis): log it.
        await this.deliveries.insertAttempt({
          ...attemptOf(
            claim.delivery,
            claim.delivery.attempts - 1,
            'endpoint' in prepared ? prepared.endpoint.url : '',
            this.clock.now(),
          ),
          error: 'interrupted: the worker stopped before recording an answer; sent again',
        });
      }
      return prepared;
    });
    if (!claimed) return 'SKIPPED';
    if ('failed' in claimed) {
      this.metrics.webhookDeliveryEnded('FAILED');
      return 'FAILED';
    }
    const { delivery, endpoint, secrets } = claimed;

    const now = this.clock.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = JSON.stringify(this.withFreshLinks(delivery.payload));
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'rma-platform-webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, delivery.id, timestamp, body),
    };
    const result = await this.http.post(endpoint.url, headers, body, {
      timeoutMs: cfg.timeoutMs,
      policy: { allowLoopback: cfg.allowLoopback, allowPrivate: cfg.allowPrivate },
    });
    return this.settle(delivery, endpoint, now, result);
  }

  /** The payload as stored, its attachment links (each item's, in version 2) signed again from the moment it is sent. */
  private withFreshLinks(payload: unknown): unknown {
    const p = payload as Partial<RmaEvent>;
    if (p.version === 2 && Array.isArray(p.data?.items)) {
      const v2 = p as RmaEventV2;
      return {
        ...v2,
        data: {
          ...v2.data,
          items: v2.data.items.map((item) =>
            Array.isArray(item.attachments) && item.attachments.length > 0
              ? { ...item, attachments: this.attachmentLinks.refresh(item.attachments) }
              : item,
          ),
        },
      };
    }
    const links = (payload as Partial<RmaEventV1>).data?.attachments;
    if (!Array.isArray(links) || links.length === 0) return payload;
    const v1 = payload as RmaEventV1;
    return { ...v1, data: { ...v1.data, attachments: this.attachmentLinks.refresh(links) } };
  }

  /**
   * Finds (or creates from the manufacturer's webhookUrl) the endpoint and decrypts the secrets to
   * sign with; fails the delivery, without a request, if there is no endpoint to send to or a secret
   * cannot be decrypted (a message is never signed with anything but the real secrets).
   */
  private async prepare(
    delivery: DeliveryRow,
    claimed: EndpointRow | null,
  ): Promise<{ delivery: DeliveryRow; endpoint: AddressedEndpoint; secrets: string[] } | { failed: true }> {
    const mfId = delivery.manufacturerId;
    const endpoint =
      claimed ??
      (await this.endpoints.byManufacturerOrDefault(mfId, () =>
        this.secrets.seal(mfId, 'outbound', generateSecret()),
      ));
    let why: string | null = null;
    let secrets: string[] = [];
    if (!endpoint) why = 'No webhook endpoint is configured for this manufacturer';
    else if (endpoint.disabledAt)
      why = `The endpoint is disabled: ${endpoint.disabledReason ?? 'no reason given'}`;
    else if (!endpoint.url) why = "The manufacturer's configuration has no webhookUrl to send to";
    else {
      try {
        secrets = this.secrets.open(mfId, 'outbound', signingSecrets(endpoint, this.clock.now()));
      } catch (err) {
        if (!(err instanceof SecretUnreadableError)) throw err;
        why = `${err.message}; nothing was sent (configure the key, or rotate the secret, then redeliver)`;
        this.logger.error({ msg: 'webhook not signed', id: delivery.id, manufacturerId: mfId, error: why });
      }
    }
    if (why || !endpoint?.url) {
      await this.deliveries.failWithoutAttempt(delivery.id, delivery.attempts, why ?? 'no endpoint');
      return { failed: true };
    }
    return { delivery, endpoint: { ...endpoint, url: endpoint.url }, secrets };
  }

  private async settle(
    delivery: DeliveryRow,
    endpoint: AddressedEndpoint,
    at: Date,
    result: AttemptResult,
  ): Promise<DeliverResult> {
    const cfg = this.config.webhooks;
    const verdict = judge(
      result,
      delivery.attempts - delivery.scheduleOffset,
      cfg.retryScheduleMs,
      cfg.jitter,
      at.getTime(),
    );
    let outcome: DeliveryOutcome;
    switch (verdict.kind) {
      case 'SUCCEEDED':
        outcome = { status: 'SUCCEEDED' };
        break;
      case 'RETRY':
        outcome = { status: 'PENDING', delayMs: verdict.delayMs, error: verdict.error };
        break;
      case 'FAILED':
        outcome = { status: 'FAILED', error: verdict.error };
        break;
    }
    const record = {
      ...attemptOf(delivery, delivery.attempts, endpoint.url, at),
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      responseBody: result.responseBody,
      error: result.error,
    };
    await this.db.run(ALL_TENANTS, async () => {
      await this.deliveries.recordAttempt(record, outcome);
      let disabled: string | null = null;
      if (verdict.kind === 'SUCCEEDED') {
        if (endpoint.failingSince) await this.endpoints.succeeded(endpoint.id);
      } else if (verdict.kind === 'FAILED' && verdict.disableEndpoint) {
        if (await this.endpoints.disable(endpoint.id, verdict.disableEndpoint))
          disabled = verdict.disableEndpoint;
      } else if (await this.endpoints.failed(endpoint.id, cfg.disableAfterMs)) {
        disabled = `every delivery failed for ${Math.round(cfg.disableAfterMs / 3_600_000)} hours`;
      }
      if (disabled) {
        const failed = await this.deliveries.failPending(
          endpoint.manufacturerId,
          `The endpoint was disabled: ${disabled}`,
        );
        this.logger.warn({
          msg: 'webhook endpoint disabled',
          endpoint: endpoint.id,
          url: endpoint.url,
          reason: disabled,
          pendingFailed: failed,
        });
      }
      if (verdict.kind === 'FAILED' || disabled) {
        // Staff hear when a manufacturer's webhook keeps failing (once a day per manufacturer, and per disabling).
        const mf = await this.manufacturers.byId(endpoint.manufacturerId);
        await this.mail.webhookFailing({
          manufacturerId: endpoint.manufacturerId,
          manufacturerName: mf?.name ?? endpoint.manufacturerId,
          url: endpoint.url,
          deliveryId: delivery.id,
          ticketId: delivery.ticketId,
          attempts: delivery.attempts,
          error: verdict.kind === 'SUCCEEDED' ? '' : verdict.error,
          disabledReason: disabled,
        });
      }
    });
    if (verdict.kind === 'FAILED') {
      this.logger.warn({
        msg: 'webhook delivery failed',
        id: delivery.id,
        attempts: delivery.attempts,
        error: verdict.error,
      });
    }
    this.metrics.webhookDeliveryEnded(verdict.kind);
    return verdict.kind;
  }
}

function attemptOf(d: DeliveryRow, attempt: number, url: string, attemptedAt: Date): AttemptRecord {
  return {
    deliveryId: d.id,
    tenantId: d.tenantId,
    attempt,
    attemptedAt,
    url,
    statusCode: null,
    latencyMs: 0,
    responseBody: null,
    error: null,
  };
}
