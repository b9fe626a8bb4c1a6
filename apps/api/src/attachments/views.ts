import type { AttachmentRow } from './attachments.repository.js';

export interface AttachmentView {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
  /** Download with the caller's credentials. */
  href: string;
}

export function toAttachmentView(a: AttachmentRow): AttachmentView {
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
