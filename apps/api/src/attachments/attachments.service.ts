import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import type { SpooledFile } from '../common/multipart.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { scopeOf, type Principal } from '../auth/principal.js';
import { AttachmentLinks } from './attachment-links.js';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store.js';
import { AttachmentsRepository, type AttachmentRow, type NewAttachment } from './attachments.repository.js';
import { cleanFileName, judgeType, type AttachmentKind } from './content-type.js';
import type { AttachmentDoc } from './attachments.docs.js';
import { toAttachmentView } from './views.js';

/** Statuses in which a ticket takes no more attachments. */
const CLOSED_STATUSES = new Set(['CLOSED', 'CANCELLED']);

export interface AttachmentDownload {
  stream: Readable;
  fileName: string;
  contentType: string;
  size: number;
}

/**
 * Photos, logs and proofs of purchase on a ticket. An upload is judged whole before anything is kept:
 * the ticket must be visible to the caller and have room, every file's type is decided by its bytes;
 * then the files go to the store and their rows are written in one transaction (removed from the
 * store again if that fails). Files are read back only through the ticket (its tenant and staff) or
 * with a signed link.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly db: Database,
    private readonly repo: AttachmentsRepository,
    private readonly links: AttachmentLinks,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(
    p: Principal,
    ticketId: string,
    kind: AttachmentKind,
    files: SpooledFile[],
  ): Promise<AttachmentDoc[]> {
    const max = this.config.attachments.maxPerTicket;
    const ticket = await this.db.run(scopeOf(p), () => this.repo.lockTicket(ticketId));
    if (!ticket) throw new NotFoundException('Ticket');
    this.assertRoom(ticket, files.length, max);
    if (files.length === 0)
      throw new ValidationException([
        { field: 'file', message: 'at least one file is required (multipart/form-data field "file")' },
      ]);
    const refused: Array<{ field: string; message: string }> = [];
    const accepted: Array<{ file: SpooledFile; row: NewAttachment }> = [];
    for (const [i, file] of files.entries()) {
      const verdict = await judgeType(file, kind);
      if (!verdict.ok) {
        refused.push({
          field: `file[${i}]`,
          message: `${cleanFileName(file.originalName)}: ${verdict.reason}`,
        });
        continue;
      }
      const id = randomUUID();
      accepted.push({
        file,
        row: {
          id,
          kind,
          fileName: cleanFileName(file.originalName),
          contentType: verdict.type,
          sizeBytes: file.size,
          sha256: file.sha256,
          storageKey: `${ticket.tenantId}/${ticketId}/${id}`,
          uploadedBy: p.kind === 'user' ? p.id : null,
          uploadedByLabel: p.label,
        },
      });
    }
    if (refused.length)
      throw new AppException(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Refused: ${refused.map((r) => r.message).join('; ')}. Accepted: images, PDF, zip and text files.`,
        refused,
      );

    const stored: string[] = [];
    try {
      for (const { file, row } of accepted) {
        await this.store.put(row.storageKey, file.path, {
          contentType: row.contentType,
          size: row.sizeBytes,
        });
        stored.push(row.storageKey);
      }
      const rows = await this.db.run(scopeOf(p), async () => {
        const now = await this.repo.lockTicket(ticketId);
        if (!now) throw new NotFoundException('Ticket');
        this.assertRoom(now, accepted.length, max);
        return this.repo.insert(
          ticketId,
          now.tenantId,
          accepted.map((a) => a.row),
        );
      });
      return rows.map(toAttachmentView);
    } catch (err) {
      await Promise.all(stored.map((key) => this.store.remove(key).catch(() => undefined)));
      throw err;
    }
  }

  private assertRoom(ticket: { status: string; count: number }, adding: number, max: number): void {
    if (CLOSED_STATUSES.has(ticket.status))
      throw new AppException(
        ErrorCode.TRANSITION_NOT_ALLOWED,
        `The ticket is ${ticket.status}: it takes no more attachments`,
      );
    if (ticket.count + adding > max) {
      const message = `a ticket holds at most ${max} attachments; it has ${ticket.count} and this upload adds ${adding}`;
      throw new AppException(ErrorCode.ATTACHMENT_LIMIT_REACHED, `file: ${message}`, [
        { field: 'file', message },
      ]);
    }
  }

  list(p: Principal, ticketId: string): Promise<AttachmentDoc[]> {
    return this.db.run(scopeOf(p), async () => {
      if (!(await this.repo.lockTicket(ticketId))) throw new NotFoundException('Ticket');
      return (await this.repo.listForTicket(ticketId)).map(toAttachmentView);
    });
  }

  /** An attachment of a ticket the caller sees (its tenant, or staff); 404 for anyone else. */
  async download(p: Principal, ticketId: string, id: string): Promise<AttachmentDownload> {
    const row = await this.db.run(scopeOf(p), () => this.repo.find(id, ticketId));
    if (!row) throw new NotFoundException('Attachment');
    return this.open(row);
  }

  /** An attachment by a signed link: no principal, the signature and its expiry are the permission. */
  async downloadSigned(id: string, expires: string, signature: string): Promise<AttachmentDownload> {
    const check = this.links.check(id, expires, signature);
    if (!check.ok) {
      throw new AppException(
        ErrorCode.FORBIDDEN,
        check.why === 'EXPIRED'
          ? `This link expired at ${check.expiresAt!.toISOString()}`
          : 'This link is not valid: its signature does not match',
      );
    }
    const row = await this.db.run(ALL_TENANTS, () => this.repo.find(id));
    if (!row) throw new NotFoundException('Attachment');
    return this.open(row);
  }

  private async open(row: AttachmentRow): Promise<AttachmentDownload> {
    try {
      const stream = await this.store.open(row.storageKey);
      return { stream, fileName: row.fileName, contentType: row.contentType, size: row.sizeBytes };
    } catch (err) {
      this.logger.error({ msg: 'attachment content missing', id: row.id, err: String(err) });
      throw new NotFoundException('Attachment content');
    }
  }
}
