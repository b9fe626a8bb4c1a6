/**
 * The fee policy in force for a reseller: its own overrides over the distributor's defaults
 * (DOMAIN.md, Money). An override of null or absent means "the default".
 */
import { DEFAULT_FEE_POLICY } from './fees.js';
import type { FeePolicy } from './types.js';

/** A tenant's overrides as stored: a number replaces the default, null keeps it. */
export type FeePolicyOverrides = { [K in keyof FeePolicy]?: number | null };

/** The policy in force: each override that is set, else `defaults` (the global DEFAULT_FEE_POLICY). */
export function effectiveFeePolicy(
  overrides: FeePolicyOverrides | null | undefined,
  defaults: Readonly<FeePolicy> = DEFAULT_FEE_POLICY,
): FeePolicy {
  const o = overrides ?? {};
  return {
    restockingFeePercent: o.restockingFeePercent ?? defaults.restockingFeePercent,
    restockingFeeMinMinor: o.restockingFeeMinMinor ?? defaults.restockingFeeMinMinor ?? null,
    returnWindowDays: o.returnWindowDays ?? defaults.returnWindowDays,
    deliveryErrorWindowDays: o.deliveryErrorWindowDays ?? defaults.deliveryErrorWindowDays,
  };
}
