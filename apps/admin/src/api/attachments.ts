import { api } from './client';
import type { components } from './schema';

/** A file on a ticket, as GET /tickets/{id} and the upload answer list it. */
export type Attachment = components['schemas']['AttachmentDoc'];
/** What an attachment is for (the API's ATTACHMENT_KINDS). */
export type AttachmentKind = Attachment['kind'];
export const ATTACHMENT_KINDS = [
  'PHOTO',
  'LOG',
  'PROOF_OF_PURCHASE',
  'OTHER',
] as const satisfies readonly AttachmentKind[];

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
