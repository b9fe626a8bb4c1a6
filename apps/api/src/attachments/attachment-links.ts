import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AttachmentsRepository } from './attachments.repository.js';

export interface SignedAttachmentLink {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
  expiresAt: string;
}

export type LinkCheck = { ok: true } | { ok: false; why: 'EXPIRED' | 'INVALID'; expiresAt?: Date };

/**
 * Signed, expiring download links (for the manufacturer's webhook payload): the path names the
 * attachment, `expires` is a Unix time, `signature` an HMAC-SHA256 of both with a key of its own. A
 * link works without authentication until it expires.
 */
@Injectable()
export class AttachmentLinks {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly repo: AttachmentsRepository,
  ) {}

  private sign(id: string, expires: number): string {
    return createHmac('sha256', this.config.attachments.linkSecret)
      .update(`${id}.${expires}`)
      .digest('base64url');
  }

  url(id: string, now = this.clock.now()): { url: string; expiresAt: Date } {
    const expires = Math.floor(now.getTime() / 1000) + this.config.attachments.linkTtlSeconds;
    const base = this.config.publicUrl.replace(/\/+$/, '');
    return {
      url: `${base}/api/v1/attachments/${id}/content?expires=${expires}&signature=${this.sign(id, expires)}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  check(id: string, expires: string, signature: string): LinkCheck {
    if (!/^\d{1,12}$/.test(expires)) return { ok: false, why: 'INVALID' };
    const n = Number(expires);
    const expected = Buffer.from(this.sign(id.toLowerCase(), n));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, why: 'INVALID' };
    if (this.clock.now().getTime() >= n * 1000)
      return { ok: false, why: 'EXPIRED', expiresAt: new Date(n * 1000) };
    return { ok: true };
  }

  /**
   * The same links signed again from now: a delivery sent (or redelivered) long after it was written
   * carries links that work for the full time from its sending. Links written before they carried
   * their attachment's id are recognised by their path.
   */
  refresh<L extends { id?: string; url: string; expiresAt: string }>(
    links: L[],
    now = this.clock.now(),
  ): L[] {
    return links.map((link) => {
      const id = link.id ?? /\/attachments\/([0-9a-f-]{36})\/content\?/i.exec(link.url)?.[1];
      if (!id) return link;
      const { url, expiresAt } = this.url(id, now);
      return { ...link, id, url, expiresAt: expiresAt.toISOString() };
    });
  }

  /** Links to every attachment of a ticket, read with the caller's transaction. */
  async forTicket(ticketId: string): Promise<SignedAttachmentLink[]> {
    const now = this.clock.now();
    return (await this.repo.listForTicket(ticketId)).map((a) => {
      const { url, expiresAt } = this.url(a.id, now);
      return {
        id: a.id,
        name: a.fileName,
        contentType: a.contentType,
        size: a.sizeBytes,
        url,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }
}
