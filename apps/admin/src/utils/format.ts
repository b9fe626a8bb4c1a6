import { currencyMinorDigits, formatMoney, type Money } from '@rma/rules';

export { formatMoney };

/** Today as an ISO calendar date in the user's time zone. */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2026-11-23` or an ISO timestamp → `23 Nov 2026`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
}

const shortFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** `23 Nov` this year, `23 Nov 2025` otherwise. */
export function formatShortDate(value: string | null | undefined, now = new Date()): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.getFullYear() === now.getFullYear() ? shortFmt.format(d) : dateFmt.format(d);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFmt.format(d);
}

/** Whole days from today to an ISO date (negative when past). */
export function daysFromToday(iso: string, today = todayIso()): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

export function formatMoneyOrDash(m: Money | null | undefined): string {
  return m ? formatMoney(m) : '—';
}

/** A typed amount (`69.70`, `69,7`, `69`) in minor units for `currency`; null when not a valid amount. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const t = text.trim().replace(',', '.');
  const digits = currencyMinorDigits(currency);
  const re = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!re.test(t)) return null;
  const [major = '0', minor = ''] = t.split('.');
  return Number(major) * 10 ** digits + Number(minor.padEnd(digits, '0') || '0');
}

/** Minor units as the text of an amount input (`6970` → `69.70`). */
export function moneyInputText(amountMinor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  if (digits === 0) return String(amountMinor);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `iso` plus `days` calendar days. */
export function addDaysIso(iso: string, days: number): string {
  const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + days));
  return d.toISOString().slice(0, 10);
}

/** `physical damage` → `Physical damage`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
