import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { mailFor, type MailKind } from '@rma/rules';
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
import { renderParcelApproved, renderReturnSubmitted, type ReturnMailItem } from './mail-return-templates.js';
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
/** A ticket message kept by {@link MailOutbox.together} until its work is done. */
interface KeptChange {
  ticket: TicketRow;
  action: string;
  kind: MailKind;
  note: string | null;
}

const KEPT = new AsyncLocalStorage<KeptChange[]>();

@Injectable()
export class MailOutbox {
  private readonly logger = new Logger('Mail');
  /** The changes kept by the {@link together} running in this async context, if any (one for every instance). */
  private readonly batch = KEPT;

  constructor(
    private readonly repo: MailRepository,
    private readonly manufacturers: ManufacturersService,
    private readonly signals: MailSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Called with the ticket as it now is, inside the change's unit of work: queues the message the change
   * sends the reseller, if any, to be written with the change at COMMIT. Inside {@link together} the
   * change is kept, and told with the others of the same return when the work is done.
   */
  async ticketChanged(ticket: TicketRow, action: string, note?: string | null): Promise<void> {
    const kind = mailFor(action, ticket.status);
    if (kind === null) return;
    const batch = this.batch.getStore();
    if (batch) batch.push({ ticket, action, kind, note: note ?? null });
    else await this.ticketMail(ticket, kind, note ?? null);
  }

  /**
   * Several items of a return changed by one request (submitted together): the reseller hears of them
   * in one message, or in the ticket's own when the return has one item.
   */
  async returnChanged(items: TicketRow[], action: string, note?: string | null): Promise<void> {
    await this.together(async () => {
      for (const row of items) await this.ticketChanged(row, action, note);
    });
  }

  /**
   * Runs `work` (inside the caller's unit of work) keeping the ticket messages it causes, then queues
   * them: a return's items submitted together make one message listing every item and where it went;
   * items approved together under one RMA number (a parcel) make one approval message; any other change,
   * and a group of one, is the ticket's own message as ever. Nested calls join the outer one.
   */
  async together<T>(work: () => Promise<T>): Promise<T> {
    if (this.batch.getStore()) return work();
    const changes: KeptChange[] = [];
    const result = await this.batch.run(changes, work);
    const groups = new Map<string, KeptChange[]>();
    let single = 0;
    for (const c of changes) {
      const key =
        c.action === 'SUBMIT'
          ? `submit:${c.ticket.returnId}`
          : c.kind === 'APPROVED' && c.ticket.rmaNumber
            ? `approve:${c.ticket.returnId}:${c.ticket.rmaNumber}`
            : `single:${single++}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, group] of groups) {
      if (group.length === 1) {
        const [c] = group as [KeptChange];
        await this.ticketMail(c.ticket, c.kind, c.note);
      } else await this.returnMail(key.startsWith('submit:') ? 'SUBMITTED' : 'APPROVED', group);
    }
    return result;
  }

  private async ticketMail(ticket: TicketRow, kind: MailKind, note: string | null): Promise<void> {
    const mf = ticket.manufacturerId ? await this.manufacturers.byId(ticket.manufacturerId) : null;
    const mail = renderTicketMail(kind, {
      ticket,
      manufacturerName: mf?.name ?? null,
      publicUrl: this.config.publicUrl,
      distributorName: this.config.distributor.name,
      note,
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

  /** One message about several items of one return; filed under its first item (the outbox's ticket link). */
  private async returnMail(kind: 'SUBMITTED' | 'APPROVED', group: KeptChange[]): Promise<void> {
    const items: ReturnMailItem[] = [];
    for (const { ticket } of group) {
      const mf = ticket.manufacturerId ? await this.manufacturers.byId(ticket.manufacturerId) : null;
      items.push({
        ticket,
        manufacturerName: mf?.name ?? null,
        portalInstructions: mf?.config.portalInstructions ?? null,
      });
    }
    const first = items.reduce((a, b) => (b.ticket.position < a.ticket.position ? b : a)).ticket;
    const context = {
      returnId: first.returnId,
      items,
      publicUrl: this.config.publicUrl,
      distributorName: this.config.distributor.name,
    };
    const mail = kind === 'SUBMITTED' ? renderReturnSubmitted(context) : renderParcelApproved(context);
    this.enqueue(
      {
        tenantId: first.tenantId,
        ticketId: first.id,
        kind,
        recipients: { ticketReseller: { tenantId: first.tenantId, createdBy: first.createdBy } },
        ...mail,
      },
      (written) => {
        if (!written)
          this.logger.warn({ msg: 'no recipient for a return message', return: first.returnId, kind });
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
