import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AttachmentJanitor } from './attachment-janitor.js';
import { AttachmentLinks } from './attachment-links.js';
import { ATTACHMENT_STORE, LocalDiskAttachmentStore } from './attachment-store.js';
import { AttachmentsRepository } from './attachments.repository.js';

/**
 * What other features need of attachments: the ticket view's list, the webhook payload's links, the
 * store (local disk by default) and the housekeeping of files without a row.
 */
@Module({
  providers: [
    AttachmentsRepository,
    AttachmentLinks,
    AttachmentJanitor,
    {
      provide: ATTACHMENT_STORE,
      useFactory: (config: AppConfig) => new LocalDiskAttachmentStore(config.attachments.dir),
      inject: [APP_CONFIG],
    },
  ],
  exports: [AttachmentsRepository, AttachmentLinks, AttachmentJanitor, ATTACHMENT_STORE],
})
export class AttachmentsCoreModule {}
