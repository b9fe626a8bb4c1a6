import { Inject, Injectable, Logger } from '@nestjs/common';
import { mailFor } from '@rma/rules';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { TicketRow } from '../tickets/tickets.repository.js';
import {
  renderTicketMail,
  renderPasswordChanged,
  renderWebhookFailing,
  type PasswordChangedFacts,
  type WebhookFailingFacts,
} from './mail-templates.js';
import { MailRepository, type MailToWrite } from './mail.repository.js';
import { MailSignals } from './mail-signals.js';

/**
 * The mail outbox: a ticket change that the reseller should hear about writes its message in the
 * same transaction as the change, so the message exists exactly when the change does. Sending is the
 * mail dispatcher's job, later and outside any ticket transaction: a mail failure never blocks or
 * undoes a transition. Without SMTP_URL the message is kept (HELD) for staff to read in the outbox.
 *
 * Recipients: ticket messages go to the reseller, namely the user who created the ticket (or the
 * tenant's reseller admins when it came over the API or that user is disabled). The end customer is
 * the reseller's customer and is never written to: the distributor's channel is the reseller.
 * Staff messages go to MAIL_STAFF_TO, else to the distributor's admins. A password change goes to
 * the user whose password it is.
 */
@Injectable()
export class MailOutbox {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly repo: MailRepository,
    private readonly manufacturers: ManufacturersService,
    private readonly signals: MailSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Called with the ticket as it now is, inside the change's unit of work: queues the message the change
   * sends the reseller, if any, to be written with the change at COMMIT.
   */
  async ticketChanged(ticket: TicketRow, action: string, note?: string | null): Promise<void> {
    const kind = mailFor(action, ticket.status);
    if (kind === null) return;
    const mf = ticket.manufacturerId ? await this.manufacturers.byId(ticket.manufacturerId) : null;
    const mail = renderTicketMail(kind, {
      ticket,
      manufacturerName: mf?.name ?? null,
      publicUrl: this.config.publicUrl,
      distributorName: this.config.distributor.name,
      note: note ?? null,
    });
    this.enqueue(
      {
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        kind,
        recipients: { ticketReseller: { tenantId: ticket.tenantId, createdBy: ticket.createdBy } },
        ...mail,
      },
      (written) => {
        if (!written) this.logger.warn({ msg: 'no recipient for a ticket message', ticket: ticket.id, kind });
      },
    );
  }

  /**
   * A manufacturer's webhook gave up (or its endpoint was disabled): staff hear once per manufacturer
   * and day, and once per disabling. Runs in the staff scope, inside the delivery's settling transaction.
   */
  async webhookFailing(facts: WebhookFailingFacts & { manufacturerId: string }): Promise<void> {
    const recipients = this.config.mail.staffTo.length
      ? this.config.mail.staffTo
      : await this.repo.staffAdmins();
    if (recipients.length === 0) return;
    const day = new Date().toISOString().slice(0, 10);
    const mail = renderWebhookFailing(facts, this.config.publicUrl, this.config.distributor.name);
    this.enqueue({
      tenantId: null,
      ticketId: null,
      kind: 'WEBHOOK_FAILING',
      recipients,
      ...mail,
      dedupeKey: facts.disabledReason
        ? `webhook-disabled:${facts.manufacturerId}:${facts.deliveryId}`
        : `webhook-failing:${facts.manufacturerId}:${day}`,
    });
  }

  /** A user's password changed: they hear of it, in the change's transaction. */
  async passwordChanged(user: Omit<PasswordChangedFacts, 'at'> & { tenantId: string | null }): Promise<void> {
    const mail = renderPasswordChanged(
      { ...user, at: new Date() },
      this.config.publicUrl,
      this.config.distributor.name,
    );
    this.enqueue({
      tenantId: user.tenantId,
      ticketId: null,
      kind: 'PASSWORD_CHANGED',
      recipients: [user.email],
      ...mail,
    });
  }

  /** Queues the message, held or pending as SMTP is configured; a pending one nudges the sender once written. */
  private enqueue(v: Omit<MailToWrite, 'status' | 'delayMs'>, done?: (written: boolean) => void): void {
    const sending = this.config.mail.smtpUrl !== null;
    this.repo.enqueue(
      { ...v, status: sending ? 'PENDING' : 'HELD', delayMs: this.config.mail.retryScheduleMs[0] ?? 0 },
      (written) => {
        if (written && sending) this.signals.nudge();
        done?.(written);
      },
    );
  }
}
