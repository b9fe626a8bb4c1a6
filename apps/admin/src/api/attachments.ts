import { api } from './client';

/** What an attachment is for (the API's ATTACHMENT_KINDS). */
export const ATTACHMENT_KINDS = ['PHOTO', 'LOG', 'PROOF_OF_PURCHASE', 'OTHER'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A file on a ticket, as GET /tickets/{id} and the upload answer list it. */
export interface Attachment {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
  /** Download with the caller's credentials (`/api/v1/tickets/{id}/attachments/{attachmentId}`). */
  href: string;
}

const base = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}/attachments`;

/** The multipart body of an upload: the `kind` field, then each file under `file`. */
export function attachmentForm(kind: AttachmentKind, files: readonly File[]): FormData {
  const form = new FormData();
  form.append('kind', kind);
  for (const f of files) form.append('file', f, f.name);
  return form;
}

/** Uploads files of one kind; the answer is the attachments created. */
export const uploadAttachments = (ticketId: string, kind: AttachmentKind, files: readonly File[]) =>
  api.post<Attachment[]>(base(ticketId), attachmentForm(kind, files));

export const listAttachments = (ticketId: string) => api.get<Attachment[]>(base(ticketId));

export const downloadAttachment = (ticketId: string, attachmentId: string) =>
  api.blob(`${base(ticketId)}/${encodeURIComponent(attachmentId)}`);
