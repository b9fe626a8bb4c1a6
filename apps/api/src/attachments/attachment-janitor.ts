import { Inject, Injectable } from '@nestjs/common';
import { spoolDir, sweepSpool } from '../common/multipart.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store.js';
import { AttachmentsRepository } from './attachments.repository.js';

const BATCH = 500;

/**
 * Removes stored files that no attachment row names. An upload stores its files first and then writes
 * their rows; a process that stops between the two (or a failed clean-up) leaves files nobody can reach.
 * Only files last written before `before` are considered, so an upload in flight is never touched;
 * the caller leaves a margin far longer than an upload's store-then-commit.
 */
@Injectable()
export class AttachmentJanitor {
  constructor(
    private readonly db: Database,
    private readonly repo: AttachmentsRepository,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Removes orphaned stored files and abandoned spooled uploads older than `before`; how many of each. */
  async sweep(before: Date): Promise<{ orphanedFiles: number; spooledFiles: number }> {
    let orphanedFiles = 0;
    let batch: string[] = [];
    const settle = async () => {
      const keys = batch;
      batch = [];
      const known = await this.db.run(ALL_TENANTS, () => this.repo.existingKeys(keys));
      for (const key of keys) {
        if (known.has(key)) continue;
        await this.store.remove(key);
        orphanedFiles++;
      }
    };
    for await (const object of this.store.list()) {
      if (object.modifiedAt >= before) continue;
      batch.push(object.key);
      if (batch.length >= BATCH) await settle();
    }
    if (batch.length > 0) await settle();
    const spooledFiles = await sweepSpool(spoolDir(this.config), before);
    return { orphanedFiles, spooledFiles };
  }
}
