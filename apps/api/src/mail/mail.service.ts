import { Inject, Injectable } from '@nestjs/common';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { ListOutboxQuery } from './dto.js';
import type { MailDoc, MailPageDoc } from './mail.docs.js';
import { MailRepository, type MailRow } from './mail.repository.js';
import { MailSignals } from './mail-signals.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toMailView(r: MailRow): MailDoc {
  return {
    id: r.id,
    kind: r.kind,
    tenantId: r.tenantId,
    ticketId: r.ticketId,
    to: r.recipients,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastError: r.lastError,
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
  };
}

/** Staff's view of the mail outbox: every message, sent or kept, newest first; and sending one again. */
@Injectable()
export class MailService {
  constructor(
    private readonly db: Database,
    private readonly repo: MailRepository,
    private readonly signals: MailSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sends a message again: one that failed (the mail server was down longer than the retries), one
   * kept while no mail server was configured, or one sent that the reseller lost. A message waiting
   * already is answered as it is; one being sent right now is a conflict.
   */
  async resend(id: string): Promise<MailDoc> {
    if (this.config.mail.smtpUrl === null) {
      throw new AppException(
        ErrorCode.CONFLICT,
        'No mail server is configured (SMTP_URL): messages are kept unsent, in the outbox',
      );
    }
    const row = await this.db.run(ALL_TENANTS, async () => {
      const current = await this.repo.findById(id);
      if (!current) throw new NotFoundException('Message');
      if (current.status === 'PENDING') return current;
      const updated = await this.repo.resend(id);
      if (!updated) throw new AppException(ErrorCode.CONFLICT, 'This message is being sent right now');
      return updated;
    });
    this.signals.nudge();
    return toMailView(row);
  }

  list(q: ListOutboxQuery): Promise<MailPageDoc> {
    const limit = q.limit ?? 50;
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    return this.db.run(ALL_TENANTS, async () => {
      const rows = await this.repo.list({
        status: q.status,
        ticketId: q.ticketId,
        kind: q.kind,
        recipient: q.to,
        before,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toMailView),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(JSON.stringify([last.cursor, last.id])).toString('base64url')
            : null,
      };
    });
  }
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === 2 &&
      typeof parts[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(parts[0]) &&
      typeof parts[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parts[1])
    )
      return [parts[0], parts[1]];
  } catch {
    // fall through
  }
  throw new ValidationException([{ field: 'cursor', message: 'cursor is not a cursor this API issued' }]);
}
