import { Inject, Injectable } from '@nestjs/common';
import { webhookEventFor } from '@rma/rules';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AttachmentLinks } from '../attachments/attachment-links.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { TicketRow } from '../tickets/tickets.repository.js';
import { buildPayload } from './payload.js';
import { newMessageId } from './signature.js';
import type { OutboundEvent } from './webhooks.constants.js';
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
    const delivery = await this.deliveryFor(ticket, action, isNew);
    if (!delivery) return false;
    this.deliveries.enqueue(delivery, () => this.signals.nudge());
    return true;
  }

  private async deliveryFor(ticket: TicketRow, action: string, isNew: boolean): Promise<NewDelivery | null> {
    if (!ticket.manufacturerId) return null;
    const send = webhookEventFor(action, ticket.status, ticket.route);
    if (send === null) return null;
    const event = send.event;
    if (send.condition === 'IF_FORWARDED_AND_SUBSCRIBED') {
      if (!(await this.deliveries.hasDelivery(ticket.id, 'rma.forwarded'))) return null;
      const endpoint = await this.endpoints.byManufacturer(ticket.manufacturerId);
      if (!endpoint?.events.includes(event)) return null;
    }
    const mf = await this.manufacturers.byId(ticket.manufacturerId);
    if (!mf) return null;
    const now = new Date();
    return {
      id: newMessageId(now.getTime()),
      tenantId: ticket.tenantId,
      manufacturerId: mf.id,
      ticketId: ticket.id,
      eventType: event,
      payload: buildPayload(
        event,
        ticket,
        mf.slug,
        this.config.publicUrl,
        now,
        isNew ? [] : await this.attachmentLinks.forTicket(ticket.id),
      ),
      delayMs: this.config.webhooks.retryScheduleMs[0] ?? 0,
    };
  }
}
