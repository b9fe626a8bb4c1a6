import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import bwipjs from 'bwip-js';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { REASON_LABELS, returnInstructions } from './return-instructions.js';

/** Everything printed on the form, already chosen (which return address, which names). */
export interface RmaFormData {
  distributorName: string;
  rmaNumber: string;
  issuedOn: string | null;
  validUntil: string | null;
  /** The handling site's return address: the manufacturer's, else the distributor's. */
  returnAddress: string;
  reseller: { name: string; address: string | null; reference: string | null };
  customer: { name: string | null; contact: string | null; email: string | null; phone: string | null };
  /** The parcel's items, each with its serial (printed as a Code 128 barcode too). */
  items: RmaFormItem[];
  printedOn: string;
}

export interface RmaFormItem {
  manufacturer: string | null;
  product: string | null;
  sku: string | null;
  serialNumber: string | null;
  invoiceRef: string | null;
  supportTicketNumber: string | null;
  reason: string;
  faultDescription: string | null;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.78, 0.78, 0.8);

/** The RMA form as a PDF: the number large and as Code 128 and QR codes, addresses, item, instructions. */
export async function renderRmaForm(d: RmaFormData): Promise<Uint8Array> {
  const [barcode, qr] = await Promise.all([
    bwipjs.toBuffer({ bcid: 'code128', text: d.rmaNumber, scale: 3, height: 14, includetext: true }),
    bwipjs.toBuffer({ bcid: 'qrcode', text: d.rmaNumber, scale: 4 }),
  ]);
  const doc = await PDFDocument.create();
  doc.setTitle(`RMA form ${d.rmaNumber}`);
  doc.setAuthor(d.distributorName);
  doc.setSubject('Return merchandise authorisation');
  doc.setCreationDate(new Date(`${d.printedOn}T00:00:00Z`));
  const [regular, bold] = await fontsFor(doc, d);
  const w = new Writer(doc, regular, bold);

  // Heading: who, what, the number large, its codes and validity.
  w.text(`${d.distributorName} · Return merchandise authorisation`, { size: 10, color: MUTED });
  w.gap(6);
  const top = w.y;
  w.text(d.rmaNumber, { size: 30, bold: true });
  w.gap(4);
  w.text(
    d.validUntil
      ? `Valid until ${d.validUntil} (issued ${d.issuedOn ?? 'n/a'}): ship by this day.`
      : 'Valid while the ticket is approved.',
    { size: 11, bold: true },
  );
  w.gap(8);
  const code = await doc.embedPng(barcode);
  w.image(code, MARGIN, 260, 62);
  const qrImage = await doc.embedPng(qr);
  w.page.drawImage(qrImage, { x: A4[0] - MARGIN - 96, y: top - 96, width: 96, height: 96 });
  w.gap(10);
  w.rule();

  // Addresses side by side.
  const columnTop = w.y;
  w.column(MARGIN, 240, () => {
    w.heading('Return to');
    for (const line of d.returnAddress.split(/\r?\n/)) w.text(line, { size: 11, bold: true, width: 240 });
    w.text(`RMA number: ${d.rmaNumber}`, { size: 11, bold: true, width: 240 });
  });
  const leftBottom = w.y;
  w.y = columnTop;
  w.column(MARGIN + 270, 230, () => {
    w.heading('Reseller');
    w.text(d.reseller.name, { size: 11, width: 230 });
    if (d.reseller.address)
      for (const line of d.reseller.address.split(/\r?\n/)) w.text(line, { size: 10, width: 230 });
    if (d.reseller.reference) w.text(`Reference: ${d.reseller.reference}`, { size: 10, width: 230 });
    w.gap(6);
    w.heading('End customer');
    w.text(d.customer.name ?? 'not given', { size: 11, width: 230 });
    for (const extra of [d.customer.contact, d.customer.email, d.customer.phone])
      if (extra) w.text(extra, { size: 10, width: 230 });
  });
  w.y = Math.min(w.y, leftBottom);
  w.gap(4);
  w.rule();

  // The items, each with its serial as a barcode the receiving desk scans.
  const serialCodes = await Promise.all(
    d.items.map((item) =>
      item.serialNumber
        ? bwipjs.toBuffer({ bcid: 'code128', text: item.serialNumber, scale: 2, height: 8 })
        : null,
    ),
  );
  for (const [i, item] of d.items.entries()) {
    w.heading(d.items.length === 1 ? 'Item' : `Item ${i + 1} of ${d.items.length}`);
    const rows: Array<[string, string | null]> = [
      ['Manufacturer', item.manufacturer],
      ['Product', [item.product, item.sku].filter(Boolean).join(' · ') || null],
      ['Serial number', item.serialNumber],
      ['Invoice', item.invoiceRef],
      ['Support ticket', item.supportTicketNumber],
    ];
    for (const [label, value] of rows) if (value) w.field(label, value);
    const serialCode = serialCodes[i];
    if (serialCode) {
      w.gap(2);
      w.image(await doc.embedPng(serialCode), MARGIN + 110, 180, 26);
    }
    w.gap(6);
    w.heading('Reason');
    w.text(REASON_LABELS[item.reason] ?? item.reason, { size: 11, bold: true });
    if (item.faultDescription) w.text(item.faultDescription, { size: 10 });
    w.gap(4);
    w.rule();
  }

  // The instructions (seeds 000, 001, 003), by the first item's reason.
  w.heading('Return instructions');
  returnInstructions(
    { reason: d.items[0]?.reason ?? 'DEFECT', rmaNumber: d.rmaNumber, rmaValidUntil: d.validUntil },
    d.distributorName,
  ).forEach((line, i) => w.text(`${i + 1}.  ${line}`, { size: 10, indent: 14 }));
  w.gap(10);
  w.text(`Printed ${d.printedOn}. Returns without a valid RMA number are refused.`, {
    size: 8,
    color: MUTED,
  });
  return doc.save();
}

/**
 * Helvetica when everything printed is in its character set (WinAnsi: Western European), which keeps the
 * form small and quick to make. Otherwise DejaVu Sans, embedded as a subset of the glyphs used: Central
 * and Eastern European Latin, Greek, Cyrillic and more (Dvořák, Łódź, Ελλάδα, Москва). What neither
 * has prints as '?'.
 */
async function fontsFor(doc: PDFDocument, d: RmaFormData): Promise<[PDFFont, PDFFont]> {
  const winAnsi = await helveticaCharacters();
  // JSON: every string of the form, line breaks and tabs written as \n and \t.
  let fits = true;
  for (const ch of JSON.stringify(d)) if (!winAnsi.has(ch.codePointAt(0)!)) fits = false;
  if (fits)
    return [await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold)];
  doc.registerFontkit(fontkit);
  const [regular, bold] = await unicodeFonts();
  return [await doc.embedFont(regular, { subset: true }), await doc.embedFont(bold, { subset: true })];
}

let helveticaSet: Promise<Set<number>> | null = null;
/** The code points Helvetica (WinAnsi) draws, read once from a document of its own. */
function helveticaCharacters(): Promise<Set<number>> {
  helveticaSet ??= PDFDocument.create()
    .then((probe) => probe.embedFont(StandardFonts.Helvetica))
    .then((font) => new Set(font.getCharacterSet()));
  return helveticaSet;
}

let unicodeFontFiles: Promise<[Buffer, Buffer]> | null = null;
/** DejaVu Sans and Sans Bold (the dejavu-fonts-ttf package), read once. */
function unicodeFonts(): Promise<[Buffer, Buffer]> {
  const require = createRequire(import.meta.url);
  const file = (name: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
  unicodeFontFiles ??= Promise.all([file('DejaVuSans.ttf'), file('DejaVuSans-Bold.ttf')]);
  return unicodeFontFiles;
}

/** A top-down cursor over pages, wrapping text to the width and breaking pages as needed. */
class Writer {
  page: PDFPage;
  y: number;
  private x = MARGIN;
  private width = A4[0] - 2 * MARGIN;
  private readonly encodable: Map<PDFFont, Set<number>> = new Map();

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Text the font can draw; anything else becomes '?'. */
  private clean(font: PDFFont, s: string): string {
    let set = this.encodable.get(font);
    if (!set) {
      set = new Set(font.getCharacterSet());
      this.encodable.set(font, set);
    }
    let out = '';
    for (const ch of s.replace(/\t/g, ' ')) out += set.has(ch.codePointAt(0)!) ? ch : '?';
    return out;
  }

  private ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  gap(h: number): void {
    this.y -= h;
  }

  column(x: number, width: number, draw: () => void): void {
    const [px, pw] = [this.x, this.width];
    this.x = x;
    this.width = width;
    try {
      draw();
    } finally {
      this.x = px;
      this.width = pw;
    }
  }

  text(
    s: string,
    o: { size: number; bold?: boolean; color?: ReturnType<typeof rgb>; width?: number; indent?: number },
  ): void {
    const font = o.bold ? this.bold : this.regular;
    const width = Math.min(o.width ?? this.width, this.width);
    const lineHeight = o.size * 1.3;
    for (const paragraph of this.clean(font, s).split(/\r?\n/)) {
      const lines = wrap(paragraph, font, o.size, width - (o.indent ?? 0));
      lines.forEach((line, i) => {
        this.ensure(lineHeight);
        this.y -= lineHeight;
        this.page.drawText(line, {
          x: this.x + (i > 0 ? (o.indent ?? 0) : 0),
          y: this.y + o.size * 0.25,
          size: o.size,
          font,
          color: o.color ?? INK,
        });
      });
    }
  }

  heading(s: string): void {
    this.gap(4);
    this.text(s.toUpperCase(), { size: 8, bold: true, color: MUTED });
    this.gap(2);
  }

  field(label: string, value: string): void {
    const size = 10;
    this.ensure(size * 1.4);
    const top = this.y;
    this.page.drawText(this.clean(this.regular, label), {
      x: this.x,
      y: top - size * 1.3 + size * 0.25,
      size,
      font: this.regular,
      color: MUTED,
    });
    this.column(this.x + 110, this.width - 110, () => this.text(value, { size: 11, bold: true }));
  }

  image(img: PDFImage, x: number, maxWidth: number, maxHeight: number): void {
    const scale = Math.min(maxWidth / img.width, maxHeight / img.height);
    const [w, h] = [img.width * scale, img.height * scale];
    this.ensure(h);
    this.y -= h;
    this.page.drawImage(img, { x, y: this.y, width: w, height: h });
  }

  rule(): void {
    this.ensure(12);
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.7,
      color: RULE,
    });
    this.y -= 6;
  }
}

/** Greedy word wrap by measured width; a word longer than the line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = text.split(/ +/);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (font.widthOfTextAtSize(word, size) > width && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > width) cut--;
      if (line) lines.push(line);
      lines.push(word.slice(0, cut));
      line = '';
      word = word.slice(cut);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}
