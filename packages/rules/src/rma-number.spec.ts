import fc from 'fast-check';
import {
  formatRmaNumber,
  isRmaValid,
  isShortTicketId,
  parseRmaNumber,
  rmaValidUntil,
  shortTicketId,
} from './rma-number.js';

describe('RMA number', () => {
  it.each([
    [2026, 123, 'RMA-2026-000123'],
    [2026, 1, 'RMA-2026-000001'],
    [2026, 999999, 'RMA-2026-999999'],
    [2026, 1000000, 'RMA-2026-1000000'],
    [2027, 45678901, 'RMA-2027-45678901'],
  ])(
    'formatRmaNumber(%i, %i) = %s (6-digit zero-padded, more digits allowed)',
    (year, sequence, expected) => {
      expect(formatRmaNumber(year, sequence)).toBe(expected);
      expect(parseRmaNumber(expected)).toEqual({ year, sequence });
    },
  );

  it.each([
    ['a sequence of 0', 2026, 0],
    ['a negative sequence', 2026, -1],
    ['a fractional sequence', 2026, 1.5],
    ['a 2-digit year', 26, 1],
    ['a 5-digit year', 20260, 1],
  ])('formatRmaNumber refuses %s (a programming error)', (_, year, sequence) => {
    expect(() => formatRmaNumber(year, sequence)).toThrow(RangeError);
  });

  it.each([
    [' rma-2026-000123 ', { year: 2026, sequence: 123 }],
    ['RMA-2026-00123', null],
    ['RMA-2026-0001234', null],
    ['RMA-2026-000000', null],
    ['RMA-26-000123', null],
    ['RMA2026000123', null],
    ['RMA-2026-000123-X', null],
    [null, null],
    [123, null],
  ])('parseRmaNumber(%j) = %j', (value, expected) => {
    expect(parseRmaNumber(value)).toEqual(expected);
  });

  it('property: parse(format(year, sequence)) gives them back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 10 ** 12 }),
        (year, sequence) => {
          expect(parseRmaNumber(formatRmaNumber(year, sequence))).toEqual({ year, sequence });
        },
      ),
    );
  });
});

describe('RMA validity (issued on D, valid N days: usable up to and including D + N)', () => {
  it.each([
    ['2026-03-01', 14, '2026-03-15'],
    ['2026-03-01', 30, '2026-03-31'],
    ['2026-12-20', 30, '2027-01-19'],
  ])('issued %s valid %i days: valid until %s', (issuedOn, days, until) => {
    expect(rmaValidUntil(issuedOn, days)).toBe(until);
  });

  it.each([
    ['on D + N', '2026-03-15', true],
    ['on D', '2026-03-01', true],
    ['on D + N + 1', '2026-03-16', false],
  ])('an RMA valid until 2026-03-15 is usable %s: %s', (_, today, valid) => {
    expect(isRmaValid(rmaValidUntil('2026-03-01', 14), today)).toBe(valid);
  });

  it('refuses a negative or fractional validity (a programming error)', () => {
    expect(() => rmaValidUntil('2026-03-01', -1)).toThrow(RangeError);
    expect(() => rmaValidUntil('2026-03-01', 1.5)).toThrow(RangeError);
  });
});

describe('short ticket id', () => {
  it('is the random tail of a UUIDv7, so tickets made in the same millisecond differ', () => {
    const a = '019ad4c2-1f00-7abc-8def-0123456789ab';
    const b = '019ad4c2-1f00-7123-9456-fedcba987654';
    expect(shortTicketId(a)).toBe('#456789ab');
    expect(shortTicketId(b)).toBe('#ba987654');
    expect(shortTicketId(a)).not.toBe(shortTicketId(b));
  });

  it.each([
    ['#456789ab', true],
    [' #456789AB ', true],
    ['456789ab', false], // without '#': a serial number could look like that
    ['#456789a', false],
    ['#456789abc', false],
    ['#45678zab', false],
  ])('%j is a short ticket id: %s', (text, expected) => {
    expect(isShortTicketId(text)).toBe(expected);
  });
});
