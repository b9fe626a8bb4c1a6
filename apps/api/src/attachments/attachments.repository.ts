import { Injectable } from '@nestjs/common';
import type { AttachmentKind } from './content-type.js';
import { tx } from '../database/database.service.js';

export interface AttachmentRow {
  id: string;
  tenantId: string;
  ticketId: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedByLabel: string;
  createdAt: Date;
}

export type NewAttachment = Omit<AttachmentRow, 'createdAt' | 'tenantId' | 'ticketId'> & {
  uploadedBy: string | null;
};

const COLUMNS = `id, tenant_id AS "tenantId", ticket_id AS "ticketId", kind, file_name AS "fileName",
  content_type AS "contentType", size_bytes::float8 AS "sizeBytes", sha256, storage_key AS "storageKey",
  uploaded_by_label AS "uploadedByLabel", created_at AS "createdAt"`;

/** The only place that knows the ticket_attachments table. */
@Injectable()
export class AttachmentsRepository {
  /** The ticket as the caller's scope sees it, locked for this transaction; null when invisible. */
  async lockTicket(ticketId: string): Promise<{ tenantId: string; status: string; count: number } | null> {
    const rows: Array<{ tenantId: string; status: string; count: number }> = await tx.query(
      `SELECT t.tenant_id AS "tenantId", t.status,
              (SELECT count(*)::int FROM ticket_attachments a WHERE a.ticket_id = t.id) AS count
         FROM tickets t WHERE t.id = $1 FOR UPDATE OF t`,
      [ticketId],
    );
    return rows[0] ?? null;
  }

  async insert(ticketId: string, tenantId: string, rows: NewAttachment[]): Promise<AttachmentRow[]> {
    const out: AttachmentRow[] = [];
    for (const r of rows) {
      const [row]: AttachmentRow[] = await tx.query(
        // clock_timestamp(): the files of one upload keep their order.
        `INSERT INTO ticket_attachments (id, tenant_id, ticket_id, kind, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_by_label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, clock_timestamp()) RETURNING ${COLUMNS}`,
        [
          r.id,
          tenantId,
          ticketId,
          r.kind,
          r.fileName,
          r.contentType,
          r.sizeBytes,
          r.sha256,
          r.storageKey,
          r.uploadedBy,
          r.uploadedByLabel,
        ],
      );
      out.push(row!);
    }
    return out;
  }

  listForTicket(ticketId: string): Promise<AttachmentRow[]> {
    return tx.query(
      `SELECT ${COLUMNS} FROM ticket_attachments WHERE ticket_id = $1 ORDER BY created_at, id`,
      [ticketId],
    );
  }

  async find(id: string, ticketId?: string): Promise<AttachmentRow | null> {
    const rows: AttachmentRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM ticket_attachments WHERE id = $1 ${ticketId ? 'AND ticket_id = $2' : ''}`,
      ticketId ? [id, ticketId] : [id],
    );
    return rows[0] ?? null;
  }

  /** Which of `keys` belong to an attachment row. Staff scope (all tenants). */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    const rows: Array<{ key: string }> = await tx.query(
      `SELECT storage_key AS key FROM ticket_attachments WHERE storage_key = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.map((r) => r.key));
  }
}
