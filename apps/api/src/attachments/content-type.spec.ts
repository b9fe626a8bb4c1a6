import { cleanFileName, judgeType, type AttachmentKind } from './content-type.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = Buffer.from('%PDF-1.7\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
const file = (name: string, head: Buffer, text = false) => ({
  originalName: name,
  head,
  text,
  size: head.length,
});

describe('attachment types, by content', () => {
  it.each<[string, ReturnType<typeof file>, AttachmentKind, string | null]>([
    ['a JPEG photo', file('a.jpg', JPEG), 'PHOTO', 'image/jpeg'],
    ['a PNG under a .jpg name (still an image)', file('a.jpg', PNG), 'PHOTO', 'image/png'],
    ['a photo without extension', file('IMG_0001', JPEG), 'PHOTO', 'image/jpeg'],
    ['a PDF receipt', file('receipt.pdf', PDF), 'PROOF_OF_PURCHASE', 'application/pdf'],
    ['a text log', file('boot.log', Buffer.from('ok'), true), 'LOG', 'text/plain'],
    ['an executable named .jpg', file('a.jpg', EXE), 'PHOTO', null],
    ['text named .jpg', file('a.jpg', Buffer.from('hi'), true), 'OTHER', null],
    ['a PDF named .png', file('a.png', PDF), 'OTHER', null],
    ['a PDF as a photo', file('a.pdf', PDF), 'PHOTO', null],
    ['binary that is no known type', file('a.bin', Buffer.from([1, 2, 3, 0])), 'OTHER', null],
    ['an empty file', { originalName: 'a.txt', head: Buffer.alloc(0), text: false, size: 0 }, 'OTHER', null],
  ])('%s', async (_name, f, kind, type) => {
    const v = await judgeType(f, kind);
    if (type === null) expect(v.ok).toBe(false);
    else expect(v).toEqual({ ok: true, type });
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\photo.jpg', 'photo.jpg'],
    ['a"b\u0007.txt', 'ab.txt'],
    ['..', 'attachment'],
    ['', 'attachment'],
  ])('cleans the file name %j to %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });
});
