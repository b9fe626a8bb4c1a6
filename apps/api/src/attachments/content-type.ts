import { fileTypeFromBuffer } from 'file-type';

/** What a ticket's attachment is for. */
export const ATTACHMENT_KINDS = ['PHOTO', 'LOG', 'PROOF_OF_PURCHASE', 'OTHER'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Types accepted, decided by content: images, PDF, zip, and UTF-8 text (logs). */
export const ALLOWED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/tiff',
  'image/bmp',
  'application/pdf',
  'application/zip',
  'text/plain',
] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

const KIND_TYPES: Record<AttachmentKind, (t: AllowedType) => boolean> = {
  PHOTO: (t) => t.startsWith('image/'),
  LOG: (t) => t === 'text/plain' || t === 'application/zip',
  PROOF_OF_PURCHASE: (t) => t.startsWith('image/') || t === 'application/pdf',
  OTHER: () => true,
};

const KIND_WORDS: Record<AttachmentKind, string> = {
  PHOTO: 'an image',
  LOG: 'a text file or a zip',
  PROOF_OF_PURCHASE: 'an image or a PDF',
  OTHER: 'an image, a PDF, a zip or a text file',
};

/** What a file name's extension promises, for the extensions that promise something. */
const EXTENSION_FAMILY: Record<string, (t: AllowedType) => boolean> = {};
for (const ext of ['jpg', 'jpeg', 'jfif', 'png', 'gif', 'webp', 'heic', 'heif', 'tif', 'tiff', 'bmp'])
  EXTENSION_FAMILY[ext] = (t) => t.startsWith('image/');
EXTENSION_FAMILY['pdf'] = (t) => t === 'application/pdf';
EXTENSION_FAMILY['zip'] = (t) => t === 'application/zip';
for (const ext of ['txt', 'log', 'csv', 'json', 'xml', 'md', 'cfg', 'conf', 'ini'])
  EXTENSION_FAMILY[ext] = (t) => t === 'text/plain';

export type TypeVerdict = { ok: true; type: AllowedType } | { ok: false; reason: string };

/**
 * The file's type from its bytes (magic numbers; UTF-8 text without NUL bytes otherwise), checked
 * against the allowed types, the name's extension (a `.jpg` that is not an image is refused, so a
 * file cannot pass for what it is not), and what the attachment's kind needs.
 */
export async function judgeType(
  f: { originalName: string; head: Buffer; text: boolean; size: number },
  kind: AttachmentKind,
): Promise<TypeVerdict> {
  if (f.size === 0) return { ok: false, reason: 'the file is empty' };
  const detected = await fileTypeFromBuffer(f.head);
  let type: string;
  if (detected) type = detected.mime;
  else if (f.text) type = 'text/plain';
  else return { ok: false, reason: 'its content is not an image, a PDF, a zip or a text file' };
  if (!(ALLOWED_TYPES as readonly string[]).includes(type))
    return { ok: false, reason: `its content is ${type}, which is not accepted` };
  const allowed = type as AllowedType;
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(f.originalName)?.[1]?.toLowerCase();
  const family = ext ? EXTENSION_FAMILY[ext] : undefined;
  if (family && !family(allowed))
    return { ok: false, reason: `its name ends in .${ext} but its content is ${allowed}` };
  if (!KIND_TYPES[kind](allowed))
    return {
      ok: false,
      reason: `a ${kind} attachment must be ${KIND_WORDS[kind]}; its content is ${allowed}`,
    };
  return { ok: true, type: allowed };
}

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch !== '"' && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(-200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'attachment' : cleaned;
}
