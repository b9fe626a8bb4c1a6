import fc from 'fast-check';
import { decideRoute } from './decide.js';
import { effectiveFeePolicy, type FeePolicyOverrides } from './fee-policy.js';
import { DEFAULT_FEE_POLICY } from './fees.js';
import { TODAY, eur } from './testing/fixtures.js';
import type { FeePolicy } from './types.js';
import { validateFeePolicy } from './validate-config.js';

describe('effectiveFeePolicy: the tenant overrides over the defaults', () => {
  it.each<[string, FeePolicyOverrides | null | undefined, FeePolicy]>([
    ['no tenant row: the defaults', null, { ...DEFAULT_FEE_POLICY }],
    ['no overrides given: the defaults', undefined, { ...DEFAULT_FEE_POLICY }],
    [
      'all overrides null: the defaults',
      {
        restockingFeePercent: null,
        restockingFeeMinMinor: null,
        returnWindowDays: null,
        deliveryErrorWindowDays: null,
      },
      {
        restockingFeePercent: 15,
        restockingFeeMinMinor: null,
        returnWindowDays: 30,
        deliveryErrorWindowDays: 14,
      },
    ],
    [
      'a percent override alone',
      { restockingFeePercent: 10 },
      {
        restockingFeePercent: 10,
        restockingFeeMinMinor: null,
        returnWindowDays: 30,
        deliveryErrorWindowDays: 14,
      },
    ],
    [
      'every override',
      {
        restockingFeePercent: 12.5,
        restockingFeeMinMinor: 500,
        returnWindowDays: 45,
        deliveryErrorWindowDays: 7,
      },
      {
        restockingFeePercent: 12.5,
        restockingFeeMinMinor: 500,
        returnWindowDays: 45,
        deliveryErrorWindowDays: 7,
      },
    ],
    [
      'zero is an override, not a missing one',
      { restockingFeePercent: 0, restockingFeeMinMinor: 0, returnWindowDays: 0, deliveryErrorWindowDays: 0 },
      { restockingFeePercent: 0, restockingFeeMinMinor: 0, returnWindowDays: 0, deliveryErrorWindowDays: 0 },
    ],
  ])('%s', (_, overrides, expected) => {
    expect(effectiveFeePolicy(overrides)).toEqual(expected);
  });

  it('takes other defaults when given (a minimum fee among them)', () => {
    const defaults: FeePolicy = {
      restockingFeePercent: 20,
      restockingFeeMinMinor: 300,
      returnWindowDays: 60,
      deliveryErrorWindowDays: 10,
    };
    expect(effectiveFeePolicy({ returnWindowDays: 14 }, defaults)).toEqual({
      ...defaults,
      returnWindowDays: 14,
    });
  });

  it('a tenant 10% policy is what an order error is charged', () => {
    const decision = decideRoute({
      ticket: {
        reason: 'ORDER_ERROR',
        unused: true,
        originalPackaging: true,
        deliveredOn: '2026-03-01',
        invoicedPrice: eur(8200),
      },
      manufacturer: null,
      fees: effectiveFeePolicy({ restockingFeePercent: 10, restockingFeeMinMinor: null }),
      today: TODAY,
    });
    expect(decision.amounts.restockingFee).toEqual(eur(820));
  });

  it('a longer tenant return window keeps a return eligible that the default would refuse', () => {
    const ticket = {
      reason: 'ORDER_ERROR' as const,
      unused: true,
      originalPackaging: true,
      deliveredOn: '2026-01-15', // day 59 on TODAY
      invoicedPrice: eur(8200),
    };
    const route = (fees: FeePolicy) => decideRoute({ ticket, manufacturer: null, fees, today: TODAY }).route;
    expect(route(effectiveFeePolicy(null))).toBe('NOT_ELIGIBLE');
    expect(route(effectiveFeePolicy({ returnWindowDays: 60 }))).toBe('IN_HOUSE');
  });

  it('every valid override set gives a policy the validator accepts, each field the override or the default', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    fc.assert(
      fc.property(
        fc.record(
          {
            restockingFeePercent: maybe(fc.integer({ min: 0, max: 100 })),
            restockingFeeMinMinor: maybe(fc.integer({ min: 0, max: 100_000 })),
            returnWindowDays: maybe(fc.integer({ min: 1, max: 365 })),
            deliveryErrorWindowDays: maybe(fc.integer({ min: 1, max: 365 })),
          },
          { requiredKeys: [] },
        ),
        (overrides) => {
          const policy = effectiveFeePolicy(overrides);
          expect(validateFeePolicy(policy)).toEqual([]);
          for (const key of Object.keys(DEFAULT_FEE_POLICY) as (keyof FeePolicy)[]) {
            expect(policy[key]).toBe(overrides[key] ?? DEFAULT_FEE_POLICY[key] ?? null);
          }
        },
      ),
    );
  });
});
