import { parse } from 'csv-parse/sync';
import { currencyMinorDigits, isIsoDate } from '@rma/rules';

/** A good row of the distributor's invoice export, in the invoice_lines shape but with the reseller's slug. */
export interface CsvInvoiceLine {
  line: number;
  reseller: string;
  invoiceNumber: string;
  invoicedOn: string;
  sku: string;
  serialNumber: string | null;
  unitPriceMinor: number;
  currency: string;
}

export interface RowError {
  line: number;
  reason: string;
}

type Column = 'reseller' | 'invoiceNumber' | 'date' | 'sku' | 'serial' | 'unitPrice' | 'currency';

/** Header names accepted for each column, compared lower-case without spaces, dashes or underscores. */
const HEADERS: Record<Column, string[]> = {
  reseller: ['reseller', 'resellerslug', 'tenant', 'tenantslug'],
  invoiceNumber: ['invoicenumber', 'invoice', 'invoiceno', 'invoicenr'],
  date: ['date', 'invoicedate', 'invoicedon'],
  sku: ['sku', 'reference'],
  serial: ['serial', 'serialnumber', 'sn'],
  unitPrice: ['unitprice', 'price', 'unitpriceminor'],
  currency: ['currency'],
};
const REQUIRED: Column[] = ['reseller', 'invoiceNumber', 'date', 'sku', 'unitPrice', 'currency'];

const key = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');

/** The delimiter of the header line: `;` (European spreadsheets), tab, or `,`. */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const counts = [';', '\t', ','].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** "82.00", "82,00", "1290" (major units, the currency's decimals at most) to minor units; null when not a price. */
export function priceToMinor(raw: string, currency: string): number | null {
  const digits = currencyMinorDigits(currency);
  const m = /^(\d{1,12})(?:[.,](\d+))?$/.exec(raw.trim());
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * Parses the CSV export (csv-parse) into good rows and bad rows, each bad row with its line number
 * (1 is the header) and why. Whether a reseller exists is the caller's check.
 */
export function parseInvoiceCsv(text: string): {
  rows: CsvInvoiceLine[];
  errors: RowError[];
  headerProblem: string | null;
} {
  const errors: RowError[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) errors.push({ line: Number((err as { lines?: number }).lines ?? 0), reason: err.message });
        return undefined;
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return {
      rows: [],
      errors: [{ line: e.lines ?? 0, reason: e.message ?? String(err) }],
      headerProblem: null,
    };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors, headerProblem: 'the file is empty' };
  const index = new Map<Column, number>();
  header.record.forEach((h, i) => {
    for (const [column, names] of Object.entries(HEADERS) as Array<[Column, string[]]>)
      if (names.includes(key(h)) && !index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    return {
      rows: [],
      errors,
      headerProblem: `the header line lacks ${missing.join(', ')} (expected: reseller, invoice number, date, SKU, serial, unit price, currency)`,
    };
  }
  const rows: CsvInvoiceLine[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const problems: string[] = [];
    const reseller = get('reseller').toLowerCase();
    const invoiceNumber = get('invoiceNumber');
    const date = get('date');
    const sku = get('sku');
    const serial = get('serial');
    const currency = get('currency').toUpperCase();
    const price = get('unitPrice');
    if (record.length < header.record.length)
      problems.push(`${record.length} fields where the header has ${header.record.length}`);
    if (!reseller) problems.push('reseller is empty');
    if (!invoiceNumber) problems.push('invoice number is empty');
    else if (invoiceNumber.length > 64) problems.push('invoice number is longer than 64 characters');
    if (!isIsoDate(date)) problems.push(`date "${date}" is not a date YYYY-MM-DD`);
    if (!sku) problems.push('SKU is empty');
    else if (sku.length > 64) problems.push('SKU is longer than 64 characters');
    if (serial.length > 64) problems.push('serial is longer than 64 characters');
    const currencyOk = /^[A-Z]{3}$/.test(currency);
    if (!currencyOk) problems.push(`currency "${get('currency')}" is not an ISO 4217 code like EUR`);
    const minor = currencyOk ? priceToMinor(price, currency) : null;
    if (currencyOk && minor === null)
      problems.push(
        `unit price "${price}" is not an amount like 82.00 (at most ${currencyMinorDigits(currency)} decimals)`,
      );
    if (problems.length) {
      errors.push({ line, reason: problems.join('; ') });
      continue;
    }
    rows.push({
      line,
      reseller,
      invoiceNumber,
      invoicedOn: date,
      sku,
      serialNumber: serial || null,
      unitPriceMinor: minor!,
      currency,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, headerProblem: null };
}
