import { Injectable } from '@nestjs/common';
import { ValidationException } from '../common/errors.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { ListOutboxQuery } from './dto.js';
import { MailRepository, type MailRow } from './mail.repository.js';

export interface MailView {
  id: string;
  kind: string;
  tenantId: string | null;
  ticketId: string | null;
  to: string[];
  subject: string;
  body: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toMailView(r: MailRow): MailView {
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

/** Staff's view of the mail outbox: every message, sent or kept, newest first. */
@Injectable()
export class MailService {
  constructor(
    private readonly db: Database,
    private readonly repo: MailRepository,
  ) {}

  list(q: ListOutboxQuery): Promise<{ items: MailView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    return this.db.run(ALL_TENANTS, async (m) => {
      const rows = await this.repo.list(m, {
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
