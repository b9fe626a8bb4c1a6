/** Money in integer minor units with an ISO 4217 currency. Never floats. */
import type { Currency, Money } from './types.js';

/** Currencies whose minor unit is not the cent (ISO 4217 exponent other than 2). */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Digits after the decimal point for `currency` (2 unless ISO 4217 says otherwise). */
export function currencyMinorDigits(currency: Currency): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Whether `value` is a currency code of three capital letters. */
export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && CURRENCY_PATTERN.test(value);
}

/** Whether `value` is a well-formed Money: a safe integer amount and a three-letter currency. */
export function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Money>;
  return typeof m.amountMinor === 'number' && Number.isSafeInteger(m.amountMinor) && isCurrency(m.currency);
}

/** A Money value; throws (a programming error) when the amount is not a safe integer. */
export function money(amountMinor: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`Money must be a whole number of minor units, got ${amountMinor}`);
  }
  return { amountMinor, currency };
}

const POW10 = [1, 10, 100, 1000] as const;

/** Plain-language amount, e.g. `EUR 12.30`, `EUR -0.05`, `JPY 1200`. No thousands separators. */
export function formatMoney(m: Money): string {
  const digits = currencyMinorDigits(m.currency);
  const sign = m.amountMinor < 0 ? '-' : '';
  const abs = Math.abs(m.amountMinor);
  if (digits === 0) return `${m.currency} ${sign}${abs}`;
  const unit = POW10[digits] ?? 100;
  const minor = abs % unit;
  const major = (abs - minor) / unit;
  return `${m.currency} ${sign}${major}.${String(minor).padStart(digits, '0')}`;
}
