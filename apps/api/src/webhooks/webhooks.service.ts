import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { Principal } from '../auth/principal.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { urlRefusal } from './address-policy.js';
import type { ListDeliveriesQuery, RedeliverFailedDto, WebhookEndpointDto } from './dto.js';
import { generateSecret } from './signature.js';
import { LATEST_PAYLOAD_VERSION } from './webhooks.constants.js';
import { WebhookSecrets, type SecretKind } from './webhook-secrets.js';
import {
  WebhookDeliveriesRepository,
  type AttemptRow,
  type DeliveryRow,
} from './webhook-deliveries.repository.js';
import { WebhookEndpointsRepository, type EndpointRow } from './webhook-endpoints.repository.js';

export interface WebhookEndpointView {
  manufacturer: string;
  /** The manufacturer's configured webhookUrl (null once its configuration has none). */
  url: string | null;
  events: string[];
  /** The payload version its messages are written in. */
  payloadVersion: number;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  /** Outbound signing secret: when it was made, and until when the rotated-out one still signs. */
  secretCreatedAt: string;
  previousSecretValidUntil: string | null;
  /** Inbound (callback) secret. */
  inboundSecretConfigured: boolean;
  inboundSecretCreatedAt: string | null;
  inboundPreviousSecretValidUntil: string | null;
  /** Where this manufacturer sends its callbacks. */
  callbackUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptView {
  attempt: number;
  at: string;
  url: string;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  manufacturer: string | null;
  /** The ticket it is about; of a version 2 message, its first item. */
  ticketId: string;
  /** Every item it is about, in their order (one for a version 1 message). */
  ticketIds: string[];
  returnId: string | null;
  tenantId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  succeededAt: string | null;
  failedAt: string | null;
  attempts: AttemptView[];
  payload?: unknown;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const MESSAGE_ID = /^msg_[0-9A-Za-z]{1,36}$/;

/** Staff's side of webhooks: the endpoint per manufacturer, its secrets, and the delivery log. */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly db: Database,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly manufacturers: ManufacturersService,
    private readonly secrets: WebhookSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- endpoints ------------------------------------------------------------------------------

  async getEndpoint(slug: string): Promise<WebhookEndpointView> {
    const mf = await this.manufacturer(slug);
    return this.db.run(ALL_TENANTS, async () => {
      const e = await this.endpoints.byManufacturer(mf.id);
      if (!e) throw new NotFoundException('Webhook endpoint');
      return this.endpointView(e, mf);
    });
  }

  /**
   * Creates or updates the endpoint; its address is the manufacturer's configured webhookUrl, which a
   * new `url` changes (in the configuration's history, as made by `actor`). A new endpoint's signing
   * secret is in this answer only.
   */
  async putEndpoint(
    actor: Principal,
    slug: string,
    dto: WebhookEndpointDto,
  ): Promise<WebhookEndpointView & { secret?: string }> {
    const mf = await this.manufacturer(slug);
    const refused = urlRefusal(dto.url, this.config.webhooks);
    if (refused) throw new ValidationException([{ field: 'url', message: refused }]);
    const events = [...new Set(['rma.forwarded', ...(dto.events ?? [])])];
    const saved = await this.db.run(ALL_TENANTS, async () => {
      try {
        await this.manufacturers.setWebhookUrl(actor, mf, dto.url);
      } catch (err) {
        // The address is this request's `url`, whatever the configuration calls it.
        if (err instanceof ValidationException && err.errors?.some((e) => e.field === 'webhookUrl'))
          throw new ValidationException(
            err.errors.map((e) => (e.field === 'webhookUrl' ? { ...e, field: 'url' } : e)),
          );
        throw err;
      }
      const existing = await this.endpoints.byManufacturer(mf.id, true);
      if (!existing) {
        const secret = generateSecret();
        let e = await this.endpoints.insert({
          manufacturerId: mf.id,
          events,
          secret: this.secrets.seal(mf.id, 'outbound', secret),
          payloadVersion: dto.payloadVersion ?? LATEST_PAYLOAD_VERSION,
        });
        if (dto.enabled === false) e = await this.endpoints.update(e.id, { events, enabled: false });
        return { ...this.endpointView(e, mf), secret };
      }
      const e = await this.endpoints.update(existing.id, {
        events,
        enabled: dto.enabled,
        payloadVersion: dto.payloadVersion,
      });
      return this.endpointView(e, mf);
    });
    this.manufacturers.invalidate();
    return saved;
  }

  /**
   * A new outbound signing secret, in this answer only. The previous one keeps signing for the grace
   * period, so the manufacturer can switch without losing a message. Creates the endpoint from the
   * manufacturer's webhookUrl if there is none yet. A current secret that cannot be decrypted (its
   * key is gone) is dropped rather than kept: rotating is how staff recover from a lost key.
   */
  async rotateSecret(slug: string): Promise<{ secret: string; previousSecretValidUntil: string | null }> {
    const mf = await this.manufacturer(slug);
    const secret = generateSecret();
    return this.db.run(ALL_TENANTS, async () => {
      const existing = await this.endpointFor(mf);
      if (existing.created) return { secret: existing.secret, previousSecretValidUntil: null };
      const keep = this.keepOnRotation(mf, 'outbound', existing.endpoint.secret);
      const e = await this.endpoints.rotateSecret(
        existing.endpoint.id,
        this.secrets.seal(mf.id, 'outbound', secret),
        this.config.webhooks.secretGraceMs,
        keep,
      );
      return { secret, previousSecretValidUntil: iso(e.previousSecretExpiresAt) };
    });
  }

  /** A new inbound secret for the manufacturer's callbacks, in this answer only; the previous one is accepted for the grace period. */
  async rotateInboundSecret(
    slug: string,
  ): Promise<{ secret: string; previousSecretValidUntil: string | null }> {
    const mf = await this.manufacturer(slug);
    const secret = generateSecret();
    return this.db.run(ALL_TENANTS, async () => {
      const { endpoint } = await this.endpointFor(mf);
      const e = await this.endpoints.rotateInboundSecret(
        endpoint.id,
        this.secrets.seal(mf.id, 'inbound', secret),
        this.config.webhooks.secretGraceMs,
        endpoint.inboundSecret === null || this.keepOnRotation(mf, 'inbound', endpoint.inboundSecret),
      );
      return { secret, previousSecretValidUntil: iso(e.inboundPreviousSecretExpiresAt) };
    });
  }

  // ---- the delivery log -----------------------------------------------------------------------

  async listDeliveries(
    q: ListDeliveriesQuery,
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const mf = await this.manufacturers.named(q.manufacturer);
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    const slugs = await this.manufacturers.all();
    return this.db.run(ALL_TENANTS, async () => {
      const rows = await this.deliveries.list({
        manufacturerId: mf?.id,
        ticketId: q.ticketId,
        returnId: q.returnId,
        status: q.status,
        since: q.since ? new Date(q.since) : undefined,
        before,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const attempts = await this.deliveries.attemptsOf(page.map((r) => r.id));
      const byDelivery = groupAttempts(attempts);
      const last = page[page.length - 1];
      return {
        items: page.map((r) =>
          toDeliveryView(r, slugs.get(r.manufacturerId)?.slug ?? null, byDelivery.get(r.id) ?? []),
        ),
        nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null,
      };
    });
  }

  async getDelivery(id: string): Promise<DeliveryView> {
    this.assertMessageId(id);
    const slugs = await this.manufacturers.all();
    return this.db.run(ALL_TENANTS, async () => {
      const row = await this.deliveries.findById(id);
      if (!row) throw new NotFoundException('Delivery');
      const attempts = await this.deliveries.attemptsOf([id]);
      return {
        ...toDeliveryView(row, slugs.get(row.manufacturerId)?.slug ?? null, attempts.map(toAttemptView)),
        payload: row.payload,
      };
    });
  }

  /** Sends one delivery again with the same webhook-id, on a fresh run of the retry schedule. */
  async redeliver(id: string): Promise<DeliveryView> {
    this.assertMessageId(id);
    const slugs = await this.manufacturers.all();
    return this.db.run(ALL_TENANTS, async () => {
      const row = await this.deliveries.findById(id);
      if (!row) throw new NotFoundException('Delivery');
      const endpoint = await this.endpoints.byManufacturer(row.manufacturerId);
      if (endpoint?.disabledAt) {
        throw new AppException(ErrorCode.CONFLICT, 'The endpoint is disabled; enable it before redelivering');
      }
      const updated = await this.deliveries.redeliver(id);
      if (!updated) throw new AppException(ErrorCode.CONFLICT, 'This delivery is being sent right now');
      const attempts = await this.deliveries.attemptsOf([id]);
      return toDeliveryView(
        updated,
        slugs.get(updated.manufacturerId)?.slug ?? null,
        attempts.map(toAttemptView),
      );
    });
  }

  /** Sends again every delivery that failed at or after `since`, optionally for one manufacturer. */
  async redeliverFailed(dto: RedeliverFailedDto): Promise<{ redelivered: number }> {
    const mf = await this.manufacturers.named(dto.manufacturer);
    return this.db.run(ALL_TENANTS, async () => {
      if (mf) {
        const endpoint = await this.endpoints.byManufacturer(mf.id);
        if (endpoint?.disabledAt) {
          throw new AppException(
            ErrorCode.CONFLICT,
            'The endpoint is disabled; enable it before redelivering',
          );
        }
      }
      return { redelivered: await this.deliveries.redeliverFailedSince(new Date(dto.since), mf?.id ?? null) };
    });
  }

  // ---- helpers --------------------------------------------------------------------------------

  private async manufacturer(slug: string): Promise<ManufacturerEntity> {
    const mf = await this.manufacturers.bySlug(slug);
    if (!mf) throw new NotFoundException('Manufacturer');
    return mf;
  }

  /**
   * Whether a rotated-out secret is kept for the grace period: only if it can be decrypted (one that
   * cannot would make every delivery fail, and no callback could be checked against it).
   */
  private keepOnRotation(mf: ManufacturerEntity, kind: SecretKind, stored: string): boolean {
    if (this.secrets.readable(mf.id, kind, stored)) return true;
    this.logger.warn({
      msg: 'rotated a webhook secret that cannot be decrypted; it is dropped, not kept for the grace period',
      manufacturer: mf.slug,
      kind,
    });
    return false;
  }

  /** The endpoint, created from the manufacturer's webhookUrl when there is none (`created`: with the new `secret`). */
  private async endpointFor(
    mf: ManufacturerEntity,
  ): Promise<
    { endpoint: EndpointRow; created: false } | { endpoint: EndpointRow; created: true; secret: string }
  > {
    const existing = await this.endpoints.byManufacturer(mf.id, true);
    if (existing) return { endpoint: existing, created: false };
    if (!mf.config.webhookUrl) {
      throw new AppException(
        ErrorCode.CONFLICT,
        `${mf.name} has no webhook endpoint: set one first (PUT .../webhook-endpoint)`,
      );
    }
    const secret = generateSecret();
    const endpoint = await this.endpoints.insert({
      manufacturerId: mf.id,
      events: ['rma.forwarded'],
      secret: this.secrets.seal(mf.id, 'outbound', secret),
      // Made from the configured address, as the first send would make it: version 1.
      payloadVersion: 1,
    });
    return { endpoint, created: true, secret };
  }

  private endpointView(e: EndpointRow, mf: ManufacturerEntity): WebhookEndpointView {
    const now = Date.now();
    const live = (d: Date | null) => (d && new Date(d).getTime() > now ? iso(d) : null);
    return {
      manufacturer: mf.slug,
      url: e.url,
      events: e.events,
      payloadVersion: e.payloadVersion,
      enabled: e.disabledAt === null,
      disabledAt: iso(e.disabledAt),
      disabledReason: e.disabledReason,
      failingSince: iso(e.failingSince),
      secretCreatedAt: iso(e.secretCreatedAt)!,
      previousSecretValidUntil: e.previousSecret ? live(e.previousSecretExpiresAt) : null,
      inboundSecretConfigured: e.inboundSecret !== null,
      inboundSecretCreatedAt: iso(e.inboundSecretCreatedAt),
      inboundPreviousSecretValidUntil: e.inboundPreviousSecret
        ? live(e.inboundPreviousSecretExpiresAt)
        : null,
      callbackUrl: `${this.config.publicUrl.replace(/\/+$/, '')}/api/v1/manufacturers/${mf.slug}/callbacks`,
      createdAt: iso(e.createdAt)!,
      updatedAt: iso(e.updatedAt)!,
    };
  }

  private assertMessageId(id: string): void {
    if (!MESSAGE_ID.test(id))
      throw new ValidationException([{ field: 'id', message: 'id must be a delivery id (msg_...)' }]);
  }
}

function toAttemptView(a: AttemptRow): AttemptView {
  return {
    attempt: a.attempt,
    at: iso(a.attemptedAt)!,
    url: a.url,
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    responseBody: a.responseBody,
    error: a.error,
  };
}

function groupAttempts(rows: AttemptRow[]): Map<string, AttemptView[]> {
  const out = new Map<string, AttemptView[]>();
  for (const a of rows) {
    const list = out.get(a.deliveryId) ?? [];
    list.push(toAttemptView(a));
    out.set(a.deliveryId, list);
  }
  return out;
}

function toDeliveryView(r: DeliveryRow, manufacturer: string | null, attempts: AttemptView[]): DeliveryView {
  return {
    id: r.id,
    manufacturer,
    ticketId: r.ticketId,
    ticketIds: r.ticketIds ?? [r.ticketId],
    returnId: r.returnId,
    tenantId: r.tenantId,
    eventType: r.eventType,
    status: r.status,
    attemptCount: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    succeededAt: iso(r.succeededAt),
    failedAt: iso(r.failedAt),
    attempts,
  };
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!MESSAGE_ID.test(id))
    throw new ValidationException([{ field: 'cursor', message: 'cursor is not a cursor this API issued' }]);
  return id;
}
