import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isoWeekMonday,
  isoWeeksInYear,
  parseIsoDate,
  toDayNumber,
} from './dates.js';

/** Any real calendar date from 1900 to 2199 as an ISO string. */
const isoDate = fc
  .integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2199-12-31') })
  .map((d) => fromDayNumber(d));

describe('ISO dates', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-02-28', 20512],
  ])('day number of %s is %i', (date, days) => {
    expect(toDayNumber(date)).toBe(days);
    expect(fromDayNumber(days)).toBe(date);
  });

  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('%s is a real calendar date', (d) => {
    expect(isIsoDate(d)).toBe(true);
    expect(parseIsoDate(d)).toBe(d);
  });

  it.each([
    ['a non-leap 29 February', '2025-02-29'],
    ['a century non-leap 29 February', '1900-02-29'],
    ['month 13', '2026-13-01'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-01-00'],
    ['31 April', '2026-04-31'],
    ['a date-time', '2026-01-01T00:00:00Z'],
    ['no padding', '2026-1-1'],
    ['slashes', '2026/01/01'],
    ['letters', '20x6-01-01'],
    ['a letter in the last year digit', '999x-01-01'],
    ['empty', ''],
    ['a number', 20260101],
    ['null', null],
  ])('rejects %s', (_, value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(parseIsoDate(value)).toBeNull();
    expect(Number.isNaN(toDayNumber(value))).toBe(true);
  });

  it.each([
    ['2026-01-01', 30, '2026-01-31'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['31 Jan + 1 month clamps to 28 Feb', '2026-01-31', 1, '2026-02-28'],
    ['31 Jan + 1 month clamps to 29 Feb in a leap year', '2024-01-31', 1, '2024-02-29'],
    ['29 Feb + 12 months clamps to 28 Feb', '2024-02-29', 12, '2025-02-28'],
    ['29 Feb + 48 months stays 29 Feb', '2024-02-29', 48, '2028-02-29'],
    ['31 Mar + 1 month clamps to 30 Apr', '2026-03-31', 1, '2026-04-30'],
    ['15 Nov + 3 months crosses the year', '2026-11-15', 3, '2027-02-15'],
    ['24 months', '2024-04-01', 24, '2026-04-01'],
    ['0 months', '2026-05-31', 0, '2026-05-31'],
    ['minus one month clamps too', '2026-03-31', -1, '2026-02-28'],
  ])('%s', (_, date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('throws for an invalid date or a fractional count (programming errors)', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => addMonthsClamped('2026-02-01', 0.5)).toThrow(RangeError);
  });

  it.each([
    ['2026-01-01', '2026-01-02', -1],
    ['2026-01-02', '2026-01-01', 1],
    ['2026-01-01', '2026-01-01', 0],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-01-31', 30],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-03-01', '2026-02-01', -28],
  ])('daysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    [2020, 53],
    [2024, 52],
    [2026, 53],
    [2015, 53],
    [2025, 52],
  ])('ISO year %i has %i weeks', (year, weeks) => {
    expect(isoWeeksInYear(year)).toBe(weeks);
  });

  it.each([
    [2024, 1, '2024-01-01'],
    [2024, 11, '2024-03-11'],
    [2026, 1, '2025-12-29'],
    [2021, 1, '2021-01-04'],
  ])('ISO week %i-W%i starts on Monday %s', (year, week, monday) => {
    expect(fromDayNumber(isoWeekMonday(year, week))).toBe(monday);
  });

  it('property: a day number round-trips through its ISO date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719528, max: 2932896 }), (d) => {
        expect(toDayNumber(fromDayNumber(d))).toBe(d);
      }),
    );
  });

  it('property: daysBetween(d, addDays(d, n)) = n', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('property: adding months lands on the same day or the clamped last day of the month', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 120 }), (d, n) => {
        const result = addMonthsClamped(d, n);
        const day = Number(d.slice(8));
        const resultDay = Number(result.slice(8));
        expect(resultDay).toBeLessThanOrEqual(day);
        if (resultDay < day)
          expect(isIsoDate(addDays(result, 1)) && addDays(result, 1).endsWith('-01')).toBe(true);
      }),
    );
  });
});
