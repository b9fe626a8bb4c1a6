import type { AttachmentDoc } from './attachments.docs.js';
import type { AttachmentRow } from './attachments.repository.js';

export function toAttachmentView(a: AttachmentRow): AttachmentDoc {
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedByLabel,
    createdAt: new Date(a.createdAt).toISOString(),
    href: `/api/v1/tickets/${a.ticketId}/attachments/${a.id}`,
  };
}
