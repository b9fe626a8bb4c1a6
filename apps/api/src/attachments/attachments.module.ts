import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { ATTACHMENT_STORE, LocalDiskAttachmentStore } from './attachment-store.js';
import { AttachmentsCoreModule } from './attachments-core.module.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';

/** Ticket attachments: upload, list, download (tenant and staff), signed links. Local disk store by default. */
@Module({})
export class AttachmentsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AttachmentsModule,
      imports: [AttachmentsCoreModule],
      controllers: [AttachmentsController],
      providers: [
        AttachmentsService,
        { provide: ATTACHMENT_STORE, useValue: new LocalDiskAttachmentStore(config.attachments.dir) },
      ],
    };
  }
}
