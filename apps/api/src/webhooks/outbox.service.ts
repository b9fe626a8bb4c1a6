import { Inject, Injectable } from '@nestjs/common';
import { webhookEventFor } from '@rma/rules';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AttachmentLinks } from '../attachments/attachment-links.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { TicketRow } from '../tickets/tickets.repository.js';
import { buildPayload, buildPayloadV2, type AttachmentLink } from './payload.js';
import { newMessageId } from './signature.js';
import type { OutboundEvent, PayloadVersion } from './webhooks.constants.js';
import { WebhookSignals } from './webhook-signals.js';
import { WebhookDeliveriesRepository, type NewDelivery } from './webhook-deliveries.repository.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

/**
 * The event a ticket change sends its manufacturer, if any: `rma.forwarded` when the ticket has just
 * been routed FORWARDED; 'LATER' for an event sent only to a ticket forwarded before whose endpoint
 * subscribes (the rules' {@link webhookEventFor}, in the words of the outbox's table tests).
 */
export function eventFor(
  action: string,
  status: string,
  route: string | null,
): OutboundEvent | 'LATER' | null {
  const send = webhookEventFor(action, status, route);
  if (send === null) return null;
  return send.condition === 'ALWAYS' ? send.event : 'LATER';
}

/**
 * The transactional outbox: a ticket change that concerns the manufacturer writes a delivery row in
 * the same transaction as the change, so the webhook exists exactly when the change does. Sending is
 * the dispatcher's job, from the database, whatever happens to the process or to Redis meanwhile.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly manufacturers: ManufacturersService,
    private readonly signals: WebhookSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attachmentLinks: AttachmentLinks,
  ) {}

  /**
   * Queues the delivery a ticket change makes, if any, to be written with the change at COMMIT; whether
   * it did. A ticket created in this transaction has no attachments yet (`isNew`), so none are looked up.
   */
  async ticketChanged(ticket: TicketRow, action: string, isNew = false): Promise<boolean> {
    return (await this.itemsChanged([ticket], action, isNew)) > 0;
  }

  /**
   * Queues what a change of several items of one return makes (a return submitted with its items; one
   * ticket is a list of one), to be written with the change at COMMIT; how many deliveries. An endpoint
   * on version 2 gets one `rma.forwarded` listing its manufacturer's items; on version 1, one message
   * per item, as ever. Later events are per item (on version 2, a list of that one item).
   */
  async itemsChanged(tickets: TicketRow[], action: string, isNew = false): Promise<number> {
    const forwarded = new Map<string, TicketRow[]>();
    let queued = 0;
    for (const ticket of tickets) {
      if (!ticket.manufacturerId) continue;
      const send = webhookEventFor(action, ticket.status, ticket.route);
      if (send === null) continue;
      if (send.condition === 'ALWAYS') {
        forwarded.set(ticket.manufacturerId, [...(forwarded.get(ticket.manufacturerId) ?? []), ticket]);
        continue;
      }
      if (!(await this.deliveries.hasDelivery(ticket.id, 'rma.forwarded'))) continue;
      const endpoint = await this.endpoints.byManufacturer(ticket.manufacturerId);
      if (!endpoint?.events.includes(send.event)) continue;
      queued += await this.queue(send.event, [ticket], endpoint.payloadVersion ?? 1, isNew);
    }
    for (const [manufacturerId, items] of forwarded) {
      // No endpoint yet: the one made from the configured address at the first send is on version 1.
      const endpoint = await this.endpoints.byManufacturer(manufacturerId);
      queued += await this.queue('rma.forwarded', items, endpoint?.payloadVersion ?? 1, isNew);
    }
    return queued;
  }

  /** Queues `event` about `items` (one manufacturer's, of one return) in `version`; how many deliveries. */
  private async queue(
    event: OutboundEvent,
    items: TicketRow[],
    version: PayloadVersion,
    isNew: boolean,
  ): Promise<number> {
    const mf = await this.manufacturers.byId(items[0]!.manufacturerId!);
    if (!mf) return 0;
    const now = new Date();
    const links = new Map<string, AttachmentLink[]>();
    if (!isNew) for (const t of items) links.set(t.id, await this.attachmentLinks.forTicket(t.id));
    const base = { tenantId: items[0]!.tenantId, manufacturerId: mf.id, eventType: event };
    const delayMs = this.config.webhooks.retryScheduleMs[0] ?? 0;
    const deliveries: NewDelivery[] =
      version === 2
        ? [
            {
              ...base,
              id: newMessageId(now.getTime()),
              ticketId: [...items].sort((a, b) => a.position - b.position)[0]!.id,
              ticketIds: [...items].sort((a, b) => a.position - b.position).map((t) => t.id),
              returnId: items[0]!.returnId ?? null,
              payload: buildPayloadV2(event, items, mf.slug, this.config.publicUrl, now, links),
              delayMs,
            },
          ]
        : items.map((ticket) => ({
            ...base,
            id: newMessageId(now.getTime()),
            ticketId: ticket.id,
            returnId: ticket.returnId ?? null,
            payload: buildPayload(event, ticket, mf.slug, this.config.publicUrl, now, links.get(ticket.id)),
            delayMs,
          }));
    for (const d of deliveries) this.deliveries.enqueue(d, () => this.signals.nudge());
    return deliveries.length;
  }
}
