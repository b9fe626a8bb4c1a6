/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, a quote or a line break in double
 * quotes, its quotes doubled), made safe to open in a spreadsheet: a text field that starts like a
 * formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so what a user
 * typed is shown, never run (OWASP "CSV injection"). Numbers are written as they are.
 */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Written first, so a spreadsheet reads the file as UTF-8 (names like Café Lumière). */
export const UTF8_BOM = '\uFEFF';
