import { Module } from '@nestjs/common';
import { AttachmentsCoreModule } from './attachments-core.module.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';

/** Ticket attachments: upload, list, download (tenant and staff), signed links. Local disk store by default. */
@Module({
  imports: [AttachmentsCoreModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService],
})
export class AttachmentsModule {}
