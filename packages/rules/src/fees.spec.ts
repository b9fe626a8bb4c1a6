import fc from 'fast-check';
import { DEFAULT_FEE_POLICY, creditAfterFee, restockingFee, restockingFeeBreakdown } from './fees.js';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('restocking fee', () => {
  it('defaults to 15%, no minimum, 30-day return window, 14-day delivery-error window', () => {
    expect(DEFAULT_FEE_POLICY).toEqual({
      restockingFeePercent: 15,
      restockingFeeMinMinor: null,
      returnWindowDays: 30,
      deliveryErrorWindowDays: 14,
    });
  });

  it.each([
    ['15% of 82.00 is 12.30', 8200, 15, null, 1230],
    ['15% of 0.03 = 0.0045 rounds down to 0', 3, 15, null, 0],
    ['15% of 0.10 = 0.015 rounds half-up to 0.02', 10, 15, null, 2],
    ['15% of 0.09 = 0.0135 rounds to 0.01', 9, 15, null, 1],
    ['12.5% of 1.00 is exactly 0.125 → 0.13', 100, 12.5, null, 13],
    ['12.5% of 0.04 = 0.005 rounds half-up to 0.01', 4, 12.5, null, 1],
    ['0.07% of 10000.00 is 7.00 (no float error)', 1000000, 0.07, null, 700],
    ['33.33% of 3.00 = 0.9999 → 1.00', 300, 33.33, null, 100],
    ['0% charges nothing', 8200, 0, null, 0],
    ['100% charges the price', 8200, 100, null, 8200],
    ['a minimum above the percentage applies', 1000, 15, 500, 500],
    ['a minimum below the percentage does not', 8200, 15, 500, 1230],
    ['a minimum above the price is capped at the price', 300, 15, 500, 300],
    ['a zero price gives a zero fee even with a minimum', 0, 15, 500, 0],
    ['a huge price stays exact (BigInt path)', 9_007_199_254_740, 15, null, 1_351_079_888_211],
  ])('%s', (_, price, percent, min, expected) => {
    const policy = { restockingFeePercent: percent, restockingFeeMinMinor: min };
    expect(restockingFee(eur(price), policy)).toEqual(eur(expected));
    expect(creditAfterFee(eur(price), policy)).toEqual(eur(price - expected));
  });

  it('reports when the minimum applied and when the price capped it', () => {
    const b = restockingFeeBreakdown(eur(300), { restockingFeePercent: 15, restockingFeeMinMinor: 500 });
    expect(b).toMatchObject({ minimumApplied: true, cappedAtPrice: true, percentFee: eur(45) });
  });

  it.each([
    ['a negative price', eur(-1), 15, null],
    ['a fractional price', eur(1.5), 15, null],
    ['a percentage above 100', eur(100), 101, null],
    ['a negative percentage', eur(100), -1, null],
    ['a NaN percentage', eur(100), NaN, null],
    ['a negative minimum', eur(100), 15, -1],
    ['a fractional minimum', eur(100), 15, 1.5],
  ])('throws for %s (a programming error: validated policies never have one)', (_, price, percent, min) => {
    expect(() => restockingFee(price, { restockingFeePercent: percent, restockingFeeMinMinor: min })).toThrow(
      RangeError,
    );
  });

  const prices = fc.integer({ min: 0, max: 1_000_000_000 });
  const percents = fc.oneof(
    fc.integer({ min: 0, max: 10000 }).map((bp) => bp / 100),
    fc.integer({ min: 0, max: 1000 }).map((p) => p / 10),
  );
  const minimums = fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null });

  it('property: fee + credit = price and 0 ≤ fee ≤ price', () => {
    fc.assert(
      fc.property(prices, percents, minimums, (price, percent, min) => {
        const b = restockingFeeBreakdown(eur(price), {
          restockingFeePercent: percent,
          restockingFeeMinMinor: min,
        });
        expect(b.fee.amountMinor + b.credit.amountMinor).toBe(price);
        expect(b.fee.amountMinor).toBeGreaterThanOrEqual(0);
        expect(b.fee.amountMinor).toBeLessThanOrEqual(price);
        expect(Number.isSafeInteger(b.fee.amountMinor)).toBe(true);
        if (min !== null)
          expect(b.fee.amountMinor).toBe(Math.min(price, Math.max(min, b.percentFee.amountMinor)));
      }),
    );
  });

  it('property: the percentage part is the exact half-up rounding of price × basis points / 10000', () => {
    fc.assert(
      fc.property(prices, fc.integer({ min: 0, max: 10000 }), (price, bp) => {
        const fee = restockingFee(eur(price), { restockingFeePercent: bp / 100 }).amountMinor;
        const exact = (BigInt(price) * BigInt(bp) * 2n + 10000n) / 20000n;
        expect(BigInt(fee)).toBe(exact);
      }),
    );
  });
});
