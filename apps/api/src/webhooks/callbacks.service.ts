import { Injectable, Logger } from '@nestjs/common';
import type { TicketAction } from '@rma/rules';
import {
  AppException,
  ErrorCode,
  NotFoundException,
  ValidationException,
  type FieldProblem,
} from '../common/errors.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/params.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { verify, type SignedHeaders, type VerifyFailure } from './signature.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { INBOUND_EVENTS, type InboundEvent } from './webhooks.constants.js';
import { WebhookCallbacksRepository } from './webhook-callbacks.repository.js';
import { WebhookEndpointsRepository, type EndpointRow } from './webhook-endpoints.repository.js';

/** A callback's body, checked. */
export interface CallbackEvent {
  type: InboundEvent;
  ticketId: string;
  vendorRmaNumber?: string;
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
  replacementSerial?: string;
  note?: string;
}

export interface CallbackResult {
  /** APPLIED: the ticket moved; DUPLICATE: this webhook-id was applied before, nothing changed. */
  result: 'APPLIED' | 'DUPLICATE';
  ticketId: string;
  status: string;
}

const VERIFY_MESSAGES: Record<VerifyFailure, string> = {
  MISSING_HEADERS: 'webhook-id, webhook-timestamp and webhook-signature headers are required',
  BAD_TIMESTAMP: 'webhook-timestamp must be Unix seconds',
  TIMESTAMP_OUT_OF_TOLERANCE: 'webhook-timestamp is more than 300 seconds away from our clock',
  NO_MATCH: 'No signature matches the inbound secret',
};

/** The secrets a callback may be signed with now (as stored): the inbound one, and the previous one during its grace. */
export function inboundSecrets(e: EndpointRow | null, now: Date): string[] {
  if (!e?.inboundSecret) return [];
  const out = [e.inboundSecret];
  if (
    e.inboundPreviousSecret &&
    e.inboundPreviousSecretExpiresAt &&
    e.inboundPreviousSecretExpiresAt.getTime() > now.getTime()
  ) {
    out.push(e.inboundPreviousSecret);
  }
  return out;
}

/**
 * Manufacturers' callbacks: authenticated by their signature alone (the endpoint is public), then
 * applied as the MANUFACTURER actor of the lifecycle. The callback row and the ticket change share one
 * transaction, and the ticket row is locked first, so copies of one callback arriving together apply
 * once: the first records it, the others find it recorded.
 */
@Injectable()
export class CallbacksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly db: Database,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly callbacks: WebhookCallbacksRepository,
    private readonly transitions: TicketTransitionsService,
    private readonly manufacturers: ManufacturersService,
    private readonly clock: Clock,
    private readonly secrets: WebhookSecrets,
  ) {}

  async receive(
    slug: string,
    headers: SignedHeaders,
    rawBody: Buffer | undefined,
    body: unknown,
  ): Promise<CallbackResult> {
    const mf = await this.manufacturers.bySlug(slug);
    if (!mf) throw new NotFoundException('Manufacturer');
    if (!rawBody) {
      throw new ValidationException([
        { field: 'body', message: 'a callback is a JSON document (Content-Type: application/json)' },
      ]);
    }
    return this.db.run(ALL_TENANTS, async () => {
      const now = this.clock.now();
      const endpoint = await this.endpoints.byManufacturer(mf.id);
      const stored = inboundSecrets(endpoint, now);
      if (stored.length === 0) {
        throw new AppException(ErrorCode.UNAUTHENTICATED, `No inbound secret is configured for ${mf.name}`);
      }
      // Checked against every secret that can be decrypted: a match is genuine whatever the others are.
      const { secrets, unreadable } = this.secrets.openReadable(mf.id, 'inbound', stored);
      const failure = verify(secrets, headers, rawBody, Math.floor(now.getTime() / 1000));
      if (failure === 'NO_MATCH' && unreadable) {
        // Our fault, not the sender's: it is told to send again later, never that its signature is wrong.
        this.logger.error({ msg: 'callback not verified', manufacturer: mf.slug, error: unreadable.message });
        throw new AppException(
          ErrorCode.SECRET_UNAVAILABLE,
          `Callbacks from ${mf.name} cannot be verified right now (a stored secret cannot be decrypted); nothing changed, send it again later`,
        );
      }
      if (failure) throw new AppException(ErrorCode.UNAUTHENTICATED, VERIFY_MESSAGES[failure]);
      if (headers.id!.length > 255) {
        throw new ValidationException([
          { field: 'webhook-id', message: 'webhook-id must be at most 255 characters' },
        ]);
      }
      const event = parseEvent(body);
      return this.apply(mf, headers.id!, event, rawBody.toString('utf8'));
    });
  }

  private async apply(
    mf: ManufacturerEntity,
    webhookId: string,
    event: CallbackEvent,
    rawBody: string,
  ): Promise<CallbackResult> {
    const action: TicketAction = INBOUND_EVENTS[event.type];
    // The ticket changes where every ticket change happens; the callback row is written in the same
    // transaction, once the change is known to apply.
    const { applied, ticket } = await this.transitions.byManufacturer(mf, event.ticketId, {
      action,
      input: event,
      label: event.type,
      seen: async () => (await this.callbacks.find(mf.id, webhookId)) !== null,
      record: (before, to) =>
        this.callbacks.insert({
          tenantId: before.tenantId,
          manufacturerId: mf.id,
          webhookId,
          ticketId: before.id,
          eventType: event.type,
          rawBody,
          action,
          fromStatus: before.status,
          toStatus: to,
        }),
    });
    if (!applied) return { result: 'DUPLICATE', ticketId: ticket.id, status: ticket.status };
    this.logger.log({
      msg: 'manufacturer callback applied',
      manufacturer: mf.slug,
      webhookId,
      ticket: ticket.id,
      action,
      to: ticket.status,
    });
    return { result: 'APPLIED', ticketId: ticket.id, status: ticket.status };
  }
}

/** Checks a callback's body: `{ type, data: { ticketId, ... } }`; every problem named. */
export function parseEvent(body: unknown): CallbackEvent {
  const problems: FieldProblem[] = [];
  const obj = (v: unknown): Record<string, unknown> | null =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const root = obj(body);
  const data = obj(root?.data);
  const type = root?.type;
  if (typeof type !== 'string' || !Object.hasOwn(INBOUND_EVENTS, type)) {
    problems.push({
      field: 'type',
      message: `type must be one of ${Object.keys(INBOUND_EVENTS).join(', ')}`,
    });
  }
  if (!data) problems.push({ field: 'data', message: 'data must be an object' });
  const text = (field: string, max: number, required: boolean): string | undefined => {
    const v = data?.[field];
    if (v === undefined || v === null) {
      if (required && data) problems.push({ field: `data.${field}`, message: `data.${field} is required` });
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
      problems.push({
        field: `data.${field}`,
        message: `data.${field} must be a text of 1-${max} characters`,
      });
      return undefined;
    }
    return v.trim();
  };
  const ticketId = text('ticketId', 36, true);
  if (ticketId !== undefined && !isUuid(ticketId))
    problems.push({ field: 'data.ticketId', message: 'data.ticketId must be a UUID' });
  const event: CallbackEvent = { type: type as InboundEvent, ticketId: ticketId?.toLowerCase() ?? '' };
  switch (type as InboundEvent) {
    case 'rma.accepted':
      event.vendorRmaNumber = text('vendorRmaNumber', 64, true);
      break;
    case 'rma.rejected':
      event.reason = text('reason', 2000, true);
      break;
    case 'rma.replacement_shipped':
      event.trackingNumber = text('trackingNumber', 100, true);
      event.carrier = text('carrier', 64, false);
      event.replacementSerial = text('replacementSerial', 64, false);
      break;
    case 'rma.closed':
      event.note = text('note', 2000, false);
      break;
  }
  if (problems.length) throw new ValidationException(problems);
  return event;
}
