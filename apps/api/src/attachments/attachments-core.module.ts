import { Module } from '@nestjs/common';
import { AttachmentLinks } from './attachment-links.js';
import { AttachmentsRepository } from './attachments.repository.js';

/** What other features need of attachments (the ticket view's list, the webhook payload's links). */
@Module({
  providers: [AttachmentsRepository, AttachmentLinks],
  exports: [AttachmentsRepository, AttachmentLinks],
})
export class AttachmentsCoreModule {}
