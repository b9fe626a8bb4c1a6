import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The text of every page of a PDF, and how many images each page paints (pdfjs-dist). */
export async function readPdf(bytes: Uint8Array): Promise<{ text: string; images: number; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    verbosity: 0,
  }).promise;
  let text = '';
  let images = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
    const ops = await page.getOperatorList();
    images += ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length;
  }
  await doc.destroy();
  return { text, images, pages: doc.numPages };
}

/** The base font names a PDF's font dictionaries name (a subset's name carries a 6-letter tag: ABCDEF+Name). */
export async function fontNames(bytes: Uint8Array): Promise<string[]> {
  const { PDFDict, PDFDocument, PDFName } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes);
  const names = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const base = object.get(PDFName.of('BaseFont'));
    if (base instanceof PDFName) names.add(base.decodeText().replace(/^[A-Z]{6}\+/, ''));
  }
  return [...names].sort();
}
