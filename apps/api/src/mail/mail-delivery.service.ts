import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MailRepository, type MailOutcome } from './mail.repository.js';

export type MailSendResult = 'SKIPPED' | 'SENT' | 'RETRY' | 'FAILED';

/** What became of one SMTP attempt, as the retry rule needs it. */
export interface SmtpAttempt {
  ok: boolean;
  messageId: string | null;
  /** The server's reply code, when it answered with one. */
  responseCode: number | null;
  error: string | null;
}

/**
 * After attempt number `attempt` (1-based): sent, retried after the schedule's next delay, or failed
 * for good. A 5xx answer (mailbox unknown, message refused) is permanent; no answer, a timeout or a 4xx
 * is retried while the schedule lasts.
 */
export function mailOutcome(a: SmtpAttempt, attempt: number, schedule: readonly number[]): MailOutcome {
  if (a.ok) return { status: 'SENT', smtpMessageId: a.messageId };
  const error = a.error ?? 'unknown error';
  if (a.responseCode !== null && a.responseCode >= 500 && a.responseCode < 600)
    return { status: 'FAILED', error: `refused by the SMTP server: ${error}` };
  const next = schedule[attempt];
  if (next === undefined) return { status: 'FAILED', error: `gave up after ${attempt} attempts: ${error}` };
  return { status: 'PENDING', delayMs: next, error };
}

/**
 * One attempt at one message: claim it (a lease, attempts + 1) in one short transaction, talk SMTP
 * with no transaction open, then settle it in another. Called by the Bull processor or the in-process
 * worker, possibly twice for one id: the claim admits one attempt at a time, and only when due.
 */
@Injectable()
export class MailDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transport: ReturnType<typeof createTransport> | null;

  constructor(
    private readonly db: Database,
    private readonly repo: MailRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const cfg = config.mail;
    this.transport = cfg.smtpUrl
      ? createTransport({
          url: cfg.smtpUrl,
          connectionTimeout: cfg.timeoutMs,
          greetingTimeout: cfg.timeoutMs,
          socketTimeout: cfg.timeoutMs,
          dnsTimeout: cfg.timeoutMs,
        })
      : null;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  async deliver(id: string): Promise<MailSendResult> {
    if (!this.transport) return 'SKIPPED';
    const cfg = this.config.mail;
    const mail = await this.db.run(ALL_TENANTS, () => this.repo.claim(id, cfg.lockMs));
    if (!mail) return 'SKIPPED';
    let attempt: SmtpAttempt;
    try {
      const info = await this.transport.sendMail({
        from: cfg.from,
        to: mail.recipients,
        subject: mail.subject,
        text: mail.body,
        headers: { 'X-RMA-Message-Id': mail.id, ...(mail.ticketId ? { 'X-RMA-Ticket': mail.ticketId } : {}) },
      });
      attempt = { ok: true, messageId: info.messageId ?? null, responseCode: null, error: null };
    } catch (err) {
      const e = err as { responseCode?: number; message?: string; code?: string };
      attempt = {
        ok: false,
        messageId: null,
        responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
        error: [e.code, e.message].filter(Boolean).join(': ').slice(0, 1000) || String(err),
      };
    }
    const outcome = mailOutcome(attempt, mail.attempts, cfg.retryScheduleMs);
    await this.db.run(ALL_TENANTS, () => this.repo.settle(id, mail.attempts, outcome));
    if (outcome.status === 'FAILED')
      this.logger.warn({ msg: 'mail failed', id, attempts: mail.attempts, error: outcome.error });
    return outcome.status === 'SENT' ? 'SENT' : outcome.status === 'PENDING' ? 'RETRY' : 'FAILED';
  }
}
