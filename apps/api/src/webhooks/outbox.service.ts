import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AttachmentLinks } from '../attachments/attachment-links.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { TicketRow } from '../tickets/tickets.repository.js';
import { buildPayload } from './payload.js';
import { newMessageId } from './signature.js';
import type { OutboundEvent } from './webhooks.constants.js';
import { WebhookSignals } from './webhook-signals.js';
import { WebhooksRepository, type NewDelivery } from './webhooks.repository.js';

/**
 * The event a ticket change sends its manufacturer, if any: `rma.forwarded` when the ticket has just
 * been routed FORWARDED; later events only for a ticket that was forwarded before.
 */
export function eventFor(
  action: string,
  status: string,
  route: string | null,
): OutboundEvent | 'LATER' | null {
  if (status === 'FORWARDED' && (action === 'SUBMIT' || action === 'PROVIDE_SUPPORT_TICKET'))
    return 'rma.forwarded';
  if (route !== 'VENDOR_WEBHOOK') return null;
  return action === 'SUPPLY_INFO' || action === 'CANCEL' ? 'LATER' : null;
}

const LATER_EVENTS: Record<string, OutboundEvent> = {
  SUPPLY_INFO: 'rma.info_supplied',
  CANCEL: 'rma.cancelled',
};

/**
 * The transactional outbox: a ticket change that concerns the manufacturer writes a delivery row in
 * the same transaction as the change, so the webhook exists exactly when the change does. Sending is
 * the dispatcher's job, from the database, whatever happens to the process or to Redis meanwhile.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly repo: WebhooksRepository,
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
    this.repo.enqueueDelivery(delivery, () => this.signals.nudge());
    return true;
  }

  private async deliveryFor(ticket: TicketRow, action: string, isNew: boolean): Promise<NewDelivery | null> {
    if (!ticket.manufacturerId) return null;
    const kind = eventFor(action, ticket.status, ticket.route);
    if (kind === null) return null;
    let event: OutboundEvent;
    if (kind === 'LATER') {
      event = LATER_EVENTS[action]!;
      if (!(await this.repo.hasDelivery(ticket.id, 'rma.forwarded'))) return null;
      const endpoint = await this.repo.endpointByManufacturer(ticket.manufacturerId);
      if (!endpoint?.events.includes(event)) return null;
    } else {
      event = kind;
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
