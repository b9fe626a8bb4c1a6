/** The RMA number (DOMAIN.md): issued on approval, e.g. `RMA-2026-000123`, valid N days. */
import { addDays, requireDayNumber } from './dates.js';
import type { IsoDate } from './types.js';

const RMA_NUMBER = /^RMA-(\d{4})-(\d{6}|[1-9]\d{6,14})$/;

export interface RmaNumberParts {
  year: number;
  sequence: number;
}

/**
 * `RMA-<year>-<sequence>`, the sequence zero-padded to 6 digits (more digits beyond 999999).
 * Throws a RangeError (a programming error) for a year outside 1000-9999 or a sequence that is not a
 * positive safe integer.
 */
export function formatRmaNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`RMA number year must be 1000-9999, got ${year}`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`RMA number sequence must be a positive integer, got ${sequence}`);
  }
  return `RMA-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The parts of a canonical RMA number (as formatRmaNumber writes it; surrounding spaces and lower
 * case are tolerated), or null. `parseRmaNumber(formatRmaNumber(y, s))` gives back `{ year: y, sequence: s }`.
 */
export function parseRmaNumber(value: unknown): RmaNumberParts | null {
  if (typeof value !== 'string') return null;
  const m = RMA_NUMBER.exec(value.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const sequence = Number(m[2]);
  if (year < 1000 || sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  return { year, sequence };
}

/** The last day an RMA number issued on `issuedOn` and valid `validityDays` days may be used: issuedOn + days. */
export function rmaValidUntil(issuedOn: IsoDate, validityDays: number): IsoDate {
  if (!Number.isSafeInteger(validityDays) || validityDays < 0) {
    throw new RangeError(`validityDays must be a non-negative integer, got ${validityDays}`);
  }
  return addDays(issuedOn, validityDays);
}

/** Whether an RMA number valid until `validUntil` (inclusive) may still be used on `today`. */
export function isRmaValid(validUntil: IsoDate, today: IsoDate): boolean {
  return requireDayNumber(today, 'today') <= requireDayNumber(validUntil, 'validUntil');
}

/**
 * How a ticket without an RMA number is shown: `#` and the last 8 hex digits of its id. Ticket ids are
 * UUIDv7: their first digits are the creation time, the same for every ticket made in one moment, so
 * the tail (random) is what tells them apart.
 */
export function shortTicketId(id: string): string {
  return `#${id.replace(/-/g, '').slice(-8)}`;
}

/** Whether `text` is a short ticket id as {@link shortTicketId} writes it (`#` and 8 hex digits). */
export function isShortTicketId(text: string): boolean {
  return /^#[0-9a-f]{8}$/i.test(text.trim());
}
