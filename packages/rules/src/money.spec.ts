import { currencyMinorDigits, formatMoney, isMoney, money } from './money.js';

describe('money', () => {
  it.each([
    [1230, 'EUR', 'EUR 12.30'],
    [8200, 'EUR', 'EUR 82.00'],
    [5, 'EUR', 'EUR 0.05'],
    [0, 'EUR', 'EUR 0.00'],
    [-5, 'EUR', 'EUR -0.05'],
    [123456789, 'USD', 'USD 1234567.89'],
    [1200, 'JPY', 'JPY 1200'],
    [1234, 'KWD', 'KWD 1.234'],
  ])('formatMoney(%i %s) = %s', (amountMinor, currency, expected) => {
    expect(formatMoney({ amountMinor, currency })).toBe(expected);
  });

  it.each([
    ['EUR', 2],
    ['JPY', 0],
    ['BHD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(currencyMinorDigits(currency)).toBe(digits);
  });

  it.each([
    [{ amountMinor: 100, currency: 'EUR' }, true],
    [{ amountMinor: 1.5, currency: 'EUR' }, false],
    [{ amountMinor: 100, currency: 'eur' }, false],
    [{ amountMinor: '100', currency: 'EUR' }, false],
    [null, false],
    ['EUR 1.00', false],
  ])('isMoney(%j) = %s', (value, expected) => {
    expect(isMoney(value)).toBe(expected);
  });

  it('money() refuses a fractional amount (floats are a programming error)', () => {
    expect(money(100, 'EUR')).toEqual({ amountMinor: 100, currency: 'EUR' });
    expect(() => money(0.1, 'EUR')).toThrow(RangeError);
  });
});
