/**
 * ISO calendar dates (`YYYY-MM-DD`) as whole days, by pure integer arithmetic.
 *
 * No `Date`, no time zones: a date is converted to a day number (days since 1970-01-01 in the
 * proleptic Gregorian calendar) with Howard Hinnant's `days_from_civil` algorithm, and back.
 * Years 0000 to 9999 parse; arithmetic beyond them still works on day numbers.
 */
import type { IsoDate } from './types.js';

const CHAR_0 = 48;
const CHAR_DASH = 45;

/** Days in each month of a common year, index 1 = January. */
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** `00`..`31`, to format without `padStart` in hot paths. */
const PAD2: readonly string[] = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month] ?? 0);
}

/** Day number of a civil date (month 1-12, day 1-31); 1970-01-01 is 0. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The civil date of a day number. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - CHAR_0;
  return d >= 0 && d <= 9 ? d : -100000;
}

/**
 * Day number of an ISO date, or `NaN` when `value` is not a real `YYYY-MM-DD` calendar date
 * (wrong shape, month 13, 30 February...). Total: never throws, whatever the input.
 */
export function toDayNumber(value: unknown): number {
  if (typeof value !== 'string' || value.length !== 10) return NaN;
  if (value.charCodeAt(4) !== CHAR_DASH || value.charCodeAt(7) !== CHAR_DASH) return NaN;
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

/** The ISO date of a day number. Years outside 0000-9999 are written with as many digits as needed. */
export function fromDayNumber(days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Not a day number: ${days}`);
  const { year, month, day } = civilFromDays(days);
  const y =
    year >= 1000 && year <= 9999
      ? String(year)
      : year >= 0
        ? String(year).padStart(4, '0')
        : `-${String(-year).padStart(4, '0')}`;
  return `${y}-${PAD2[month]}-${PAD2[day]}`;
}

/** Whether `value` is a real ISO calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  return !Number.isNaN(toDayNumber(value));
}

/** The ISO date, or `null` when it is missing or not a real calendar date. */
export function parseIsoDate(value: unknown): IsoDate | null {
  return isIsoDate(value) ? value : null;
}

/** Day number of a date the caller guarantees valid; throws (a programming error) otherwise. */
export function requireDayNumber(value: IsoDate, what = 'date'): number {
  const days = toDayNumber(value);
  if (Number.isNaN(days)) throw new RangeError(`Invalid ISO date for ${what}: ${JSON.stringify(value)}`);
  return days;
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** `date` plus `days` (which may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  requireInteger(days, 'days');
  return fromDayNumber(requireDayNumber(date) + days);
}

/** Day number of `days` (a day number) plus `months` calendar months, clamped to the month's last day. */
export function addMonthsToDayNumber(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  const lastDay = daysInMonth(newYear, newMonth);
  return daysFromCivil(newYear, newMonth, day > lastDay ? lastDay : day);
}

/**
 * `date` plus `months` calendar months. A day that does not exist in the target month clamps to
 * its last day: 2026-01-31 + 1 month = 2026-02-28; 2024-02-29 + 12 months = 2025-02-28.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  requireInteger(months, 'months');
  return fromDayNumber(addMonthsToDayNumber(requireDayNumber(date), months));
}

/** -1, 0 or 1 as `a` is before, on or after `b`. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = requireDayNumber(a) - requireDayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Whole days from `from` to `to`: positive when `to` is later. `daysBetween(d, addDays(d, n)) === n`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return requireDayNumber(to) - requireDayNumber(from);
}

/** ISO weekday of a day number: Monday 1 .. Sunday 7. */
export function isoWeekday(days: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(year: number): number {
  const jan1 = isoWeekday(daysFromCivil(year, 1, 1));
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

/** Day number of the Monday of ISO week `week` of `year` (week 1 holds 4 January). */
export function isoWeekMonday(year: number, week: number): number {
  const jan4 = daysFromCivil(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1) + (week - 1) * 7;
}
