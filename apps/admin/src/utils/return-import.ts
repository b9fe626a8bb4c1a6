/**
 * Items brought into a return in bulk: a column of serial numbers pasted from a spreadsheet or a
 * scanner, or a CSV file with one item a row. Values in, values out; each bad row is reported by its
 * line number in the file (the header is line 1), and nothing of a bad row is taken.
 */
import { REASONS, type Reason } from '@rma/rules';

export interface PastedSerials {
  /** In the order given, each once. */
  serials: string[];
  /** Serials given more than once (kept once). */
  duplicates: string[];
}

/**
 * The serials of a pasted column, one a line: blank lines skipped, spaces trimmed; a line of several
 * cells (copied from a sheet with more columns) gives its first cell.
 */
export function parseSerialColumn(text: string): PastedSerials {
  const serials: string[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const serial = (raw.split(/[\t;,]/)[0] ?? '').trim();
    if (!serial) continue;
    const k = serial.toUpperCase();
    if (seen.has(k)) {
      if (!duplicates.includes(serial)) duplicates.push(serial);
      continue;
    }
    seen.add(k);
    serials.push(serial);
  }
  return { serials, duplicates };
}

/** One item of a CSV file, as its cells say (texts trimmed, blanks empty). */
export interface CsvItem {
  line: number;
  reason: Reason;
  manufacturer: string;
  sku: string;
  serialNumber: string;
  faultDescription: string;
  purchaseDate: string;
  usage: string;
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvImport {
  items: CsvItem[];
  problems: CsvProblem[];
}

type Column = 'reason' | 'manufacturer' | 'sku' | 'serial' | 'fault' | 'purchaseDate' | 'usage';

/** The headers a file may use for each column (compared lower-case, spaces, dashes and underscores ignored). */
const HEADERS: Record<string, Column> = {
  reason: 'reason',
  manufacturer: 'manufacturer',
  sku: 'sku',
  reference: 'sku',
  serial: 'serial',
  serialnumber: 'serial',
  fault: 'fault',
  faultdescription: 'fault',
  purchasedate: 'purchaseDate',
  usage: 'usage',
};
export const CSV_HEADERS = 'reason,manufacturer,sku,serial,fault,purchase date,usage';

const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');

/** Splits CSV text into rows of cells, with the line each row starts on (quotes may span lines). */
export function csvRows(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return rows;
}

/** The delimiter of the header line: a comma, or the semicolon or tab spreadsheets write in some locales. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

function readReason(value: string): Reason | null {
  const v = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return (REASONS as readonly string[]).includes(v) ? (v as Reason) : null;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Reads a CSV file of items. `manufacturers` are the known slugs (a name is accepted too, by
 * `nameToSlug`); `today` bounds the purchase date.
 */
export function parseItemsCsv(
  text: string,
  ctx: { manufacturers: ReadonlyMap<string, string>; today: string },
): CsvImport {
  const rows = csvRows(text, delimiterOf(text)).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...body] = rows;
  if (!head)
    return { items: [], problems: [{ line: 1, message: `The file is empty; expected ${CSV_HEADERS}.` }] };
  const columns: (Column | null)[] = head.cells.map((h) => HEADERS[norm(h)] ?? null);
  const problems: CsvProblem[] = [];
  const unknown = head.cells.filter((_, i) => columns[i] === null).map((h) => h.trim());
  if (unknown.length)
    problems.push({
      line: head.line,
      message: `Unknown column ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${CSV_HEADERS}.`,
    });
  if (!columns.includes('reason'))
    problems.push({ line: head.line, message: 'The "reason" column is missing.' });
  if (!columns.includes('serial') && !columns.includes('sku'))
    problems.push({ line: head.line, message: 'A "serial" or "sku" column is needed.' });
  if (problems.length) return { items: [], problems };

  const items: CsvItem[] = [];
  for (const { line, cells } of body) {
    if (cells.length > columns.length) {
      problems.push({ line, message: `${cells.length} cells where the header has ${columns.length}.` });
      continue;
    }
    const get = (c: Column) => (cells[columns.indexOf(c)] ?? '').trim();
    const bad: string[] = [];
    const reason = readReason(get('reason'));
    if (!reason) bad.push(`reason "${get('reason')}" is not one of ${REASONS.join(', ')}`);
    const m = get('manufacturer');
    const manufacturer = m ? (ctx.manufacturers.get(m.toLowerCase()) ?? null) : '';
    if (manufacturer === null) bad.push(`unknown manufacturer "${m}"`);
    if (!get('sku') && !get('serial')) bad.push('a serial or an SKU is needed');
    const purchaseDate = get('purchaseDate');
    if (purchaseDate && !isIsoDate(purchaseDate))
      bad.push(`purchase date "${purchaseDate}" is not YYYY-MM-DD`);
    else if (purchaseDate > ctx.today) bad.push(`purchase date ${purchaseDate} is in the future`);
    const usage = get('usage');
    if (usage && !(Number(usage.replace(',', '.')) >= 0)) bad.push(`usage "${usage}" is not a number`);
    if (bad.length) {
      problems.push({ line, message: `${bad.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()) });
      continue;
    }
    items.push({
      line,
      reason: reason!,
      manufacturer: manufacturer ?? '',
      sku: get('sku'),
      serialNumber: get('serial'),
      faultDescription: get('fault'),
      purchaseDate,
      usage,
    });
  }
  return { items, problems };
}

/** Slugs and names (lower-case) of the manufacturers, to their slug: what a CSV's cell may say. */
export function manufacturerNames(list: readonly { slug: string; name: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of list) {
    out.set(m.slug.toLowerCase(), m.slug);
    out.set(m.name.toLowerCase(), m.slug);
  }
  return out;
}
