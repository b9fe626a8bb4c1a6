/**
 * The restocking fee of an order-error return (DOMAIN.md, Money): a percentage of the last invoiced
 * price, rounded half-up to the minor unit, with an optional minimum, never above the price and never
 * negative. Exact integer arithmetic: the percentage is scaled to an integer fraction first.
 */
import type { FeePolicy, Money } from './types.js';

/** The defaults of DOMAIN.md: 15% restocking fee, no minimum, 30-day return window, 14-day delivery-error window. */
export const DEFAULT_FEE_POLICY: Readonly<FeePolicy> = Object.freeze({
  restockingFeePercent: 15,
  restockingFeeMinMinor: null,
  returnWindowDays: 30,
  deliveryErrorWindowDays: 14,
});

export interface RestockingFeeBreakdown {
  /** The fee charged. */
  fee: Money;
  /** The price minus the fee. */
  credit: Money;
  /** The percentage alone, rounded half-up, before the minimum and the cap. */
  percentFee: Money;
  /** The minimum raised the fee above the percentage. */
  minimumApplied: boolean;
  /** The fee was capped at the price (a minimum above the price). */
  cappedAtPrice: boolean;
}

interface Fraction {
  num: number;
  den: number;
}

/** Fractions by percent: a policy has one percent, so this stays tiny. */
const fractionCache = new Map<number, Fraction>();
const MAX_CACHED_FRACTIONS = 256;

/**
 * `percent / 100` as an exact integer fraction `num / den`: 15 → 15/100, 12.5 → 125/1000,
 * 0.07 → 7/10000. Percentages with more than 6 decimals are taken to 6 decimals.
 */
function percentFraction(percent: number): Fraction {
  const cached = fractionCache.get(percent);
  if (cached) return cached;
  let scale = 1;
  let num = percent;
  for (let k = 0; k <= 6; k++) {
    num = Math.round(percent * scale);
    if (num / scale === percent || k === 6) break;
    scale *= 10;
  }
  const fraction = { num, den: 100 * scale };
  if (fractionCache.size < MAX_CACHED_FRACTIONS) fractionCache.set(percent, fraction);
  return fraction;
}

/** `price * num / den` rounded half-up (all non-negative integers). */
function mulDivHalfUp(price: number, num: number, den: number): number {
  const n = 2 * price * num + den;
  const d = 2 * den;
  if (n <= Number.MAX_SAFE_INTEGER) return (n - (n % d)) / d;
  const big = (2n * BigInt(price) * BigInt(num) + BigInt(den)) / BigInt(d);
  return Number(big);
}

function checkPolicy(
  price: Money,
  policy: Pick<FeePolicy, 'restockingFeePercent' | 'restockingFeeMinMinor'>,
) {
  if (!Number.isSafeInteger(price.amountMinor) || price.amountMinor < 0) {
    throw new RangeError(
      `The price must be a non-negative whole number of minor units, got ${price.amountMinor}`,
    );
  }
  const pct = policy.restockingFeePercent;
  if (typeof pct !== 'number' || !(pct >= 0 && pct <= 100)) {
    throw new RangeError(`restockingFeePercent must be between 0 and 100, got ${pct}`);
  }
  const min = policy.restockingFeeMinMinor;
  if (min != null && !(Number.isSafeInteger(min) && min >= 0)) {
    throw new RangeError(`restockingFeeMinMinor must be a non-negative whole number, got ${min}`);
  }
}

/**
 * The fee, the credit and how they were reached. Throws a RangeError (a programming error) for a
 * negative or fractional price or a policy that `validateFeePolicy` rejects.
 */
export function restockingFeeBreakdown(
  price: Money,
  policy: Pick<FeePolicy, 'restockingFeePercent' | 'restockingFeeMinMinor'>,
): RestockingFeeBreakdown {
  checkPolicy(price, policy);
  const amount = price.amountMinor;
  const { num, den } = percentFraction(policy.restockingFeePercent);
  const percentFee = mulDivHalfUp(amount, num, den);
  const min = policy.restockingFeeMinMinor ?? 0;
  let fee = percentFee;
  let minimumApplied = false;
  let cappedAtPrice = false;
  if (min > fee) {
    fee = min;
    minimumApplied = true;
  }
  if (fee > amount) {
    fee = amount;
    cappedAtPrice = true;
  }
  const currency = price.currency;
  return {
    fee: { amountMinor: fee, currency },
    credit: { amountMinor: amount - fee, currency },
    percentFee: { amountMinor: percentFee, currency },
    minimumApplied,
    cappedAtPrice,
  };
}

/** The restocking fee on `price` under `policy` (see restockingFeeBreakdown). */
export function restockingFee(
  price: Money,
  policy: Pick<FeePolicy, 'restockingFeePercent' | 'restockingFeeMinMinor'>,
): Money {
  return restockingFeeBreakdown(price, policy).fee;
}

/** The credit note amount: `price` minus the restocking fee. */
export function creditAfterFee(
  price: Money,
  policy: Pick<FeePolicy, 'restockingFeePercent' | 'restockingFeeMinMinor'>,
): Money {
  return restockingFeeBreakdown(price, policy).credit;
}
