/**
 * Warranty (DOMAIN.md, Warranty; seeds 002, 003): when it starts, when it ends, whether usage or an
 * exclusion voids it, and the plain-language sentence that says so.
 */
import { addMonthsToDayNumber, fromDayNumber, requireDayNumber, toDayNumber } from './dates.js';
import type {
  Exclusion,
  IsoDate,
  ManufacturerConfig,
  TicketFacts,
  UsageLimit,
  WarrantyPolicy,
  WarrantyVerdict,
} from './types.js';

/** A repaired or replaced item is covered for at least this many days from the replacement. */
export const REPLACEMENT_COVER_DAYS = 90;

/** Plain-language name of each exclusion, for reasons. */
export const EXCLUSION_LABELS: Readonly<Record<Exclusion, string>> = {
  USAGE_LIMIT_EXCEEDED: 'usage limit exceeded',
  PHYSICAL_DAMAGE: 'physical or accidental damage',
  LIQUID: 'liquid damage',
  FIRE: 'fire damage',
  LIGHTNING_OR_VOLTAGE: 'lightning or abnormal voltage',
  UNAUTHORISED_REPAIR: 'unauthorised repair or modification',
  SERIAL_OR_LABEL_ALTERED: 'serial number or labels altered or removed',
  UNSAFE_ENVIRONMENT: 'use in an unsafe environment',
  UNOFFICIAL_ACCESSORIES: 'unofficial accessories or peripherals',
  MISUSE: 'misuse',
  ANIMALS: 'damage by animals',
  RECEIPT_ALTERED: 'purchase receipt altered',
};

/** The verdict of order and delivery errors, where warranty does not matter. */
export function notApplicableWarranty(): WarrantyVerdict {
  return {
    status: 'NOT_APPLICABLE',
    basis: null,
    startsOn: null,
    endsOn: null,
    usageLimit: null,
    usage: null,
    usageRemaining: null,
    exclusions: [],
  };
}

/**
 * The policy for a ticket: the first product line whose `skuPrefix` starts the SKU (case-insensitive),
 * else the manufacturer's policy.
 */
export function warrantyPolicyFor(config: ManufacturerConfig, sku?: string | null): WarrantyPolicy {
  const lines = config.productLines;
  if (lines && lines.length > 0 && typeof sku === 'string' && sku !== '') {
    const upper = sku.toUpperCase();
    for (const line of lines) {
      if (upper.startsWith(line.skuPrefix.toUpperCase())) return line.warranty;
    }
  }
  return config.warranty;
}

/**
 * Whether the start date must come from the serial number: no valid replacement, no valid end-user
 * receipt, and the policy falls back to the manufacturing date. Lets callers skip decoding otherwise.
 */
export function needsManufactureDate(facts: TicketFacts, policy: WarrantyPolicy): boolean {
  return (
    policy.fallback === 'SERIAL_MANUFACTURE_DATE' &&
    validReplacement(facts) === null &&
    Number.isNaN(toDayNumber(facts.endUserPurchaseDate))
  );
}

function replacementEndDay(replacedOn: number, originalEndsOn: number): number {
  const minimum = replacedOn + REPLACEMENT_COVER_DAYS;
  return Number.isNaN(originalEndsOn) || originalEndsOn < minimum ? minimum : originalEndsOn;
}

/**
 * The last covered day of a repaired or replaced item: the later of the original warranty's end and
 * REPLACEMENT_COVER_DAYS after the replacement. An unknown original end leaves the 90 days.
 */
export function replacementCoveredUntil(replacedOn: IsoDate, originalEndsOn: IsoDate | null): IsoDate {
  return fromDayNumber(
    replacementEndDay(requireDayNumber(replacedOn, 'replacedOn'), toDayNumber(originalEndsOn)),
  );
}

function validReplacement(facts: TicketFacts): { replacedOn: number; originalEndsOn: number } | null {
  const r = facts.replacement;
  if (!r) return null;
  const replacedOn = toDayNumber(r.replacedOn);
  const originalEndsOn = toDayNumber(r.originalEndsOn);
  return Number.isNaN(replacedOn) || Number.isNaN(originalEndsOn) ? null : { replacedOn, originalEndsOn };
}

/**
 * The warranty verdict on `today`.
 *
 * - Start, in order: a replacement (basis REPLACEMENT: covered to the later of the original end and
 *   replacedOn + 90 days, inclusive); the end user's receipt; the policy's fallback (distributor sale
 *   date, or `decodedManufactureDate` decoded from the serial by the manufacturer's adapter).
 *   A date that is missing or not a real calendar date counts as absent.
 * - N months from start day S cover up to and including the day before S + N months (clamped).
 *   A policy of 0 months covers nothing: `endsOn` is null and a known start is EXPIRED.
 * - Usage above the policy's limit adds the exclusion USAGE_LIMIT_EXCEEDED (usage equal to the limit
 *   is still covered). Any exclusion makes the warranty VOID, whether or not a start is known.
 * - No start and no exclusion: UNKNOWN.
 *
 * Throws a RangeError only for an invalid `today` (a programming error: the clock is passed in).
 */
export function evaluateWarranty(
  facts: TicketFacts,
  policy: WarrantyPolicy,
  today: IsoDate,
  decodedManufactureDate?: IsoDate | null,
): WarrantyVerdict {
  return evaluateWarrantyOn(facts, policy, requireDayNumber(today, 'today'), decodedManufactureDate ?? null);
}

/** evaluateWarranty with `today` as a day number (the hot path of decideRoute). */
export function evaluateWarrantyOn(
  facts: TicketFacts,
  policy: WarrantyPolicy,
  todayDays: number,
  decodedManufactureDate: IsoDate | null,
): WarrantyVerdict {
  let basis: WarrantyVerdict['basis'] = null;
  let start: number;
  let end = NaN;
  const replacement = validReplacement(facts);
  if (replacement !== null) {
    basis = 'REPLACEMENT';
    start = replacement.replacedOn;
    end = replacementEndDay(start, replacement.originalEndsOn);
  } else {
    start = toDayNumber(facts.endUserPurchaseDate);
    if (!Number.isNaN(start)) {
      basis = 'END_USER_RECEIPT';
    } else if (policy.fallback === 'DISTRIBUTOR_SALE') {
      start = toDayNumber(facts.distributorSaleDate);
      if (!Number.isNaN(start)) basis = 'DISTRIBUTOR_SALE';
    } else if (policy.fallback === 'SERIAL_MANUFACTURE_DATE') {
      start = toDayNumber(decodedManufactureDate);
      if (!Number.isNaN(start)) basis = 'SERIAL_MANUFACTURE_DATE';
    }
    if (basis !== null && policy.months > 0) end = addMonthsToDayNumber(start, policy.months) - 1;
  }

  const limit = policy.usageLimit ?? null;
  const usageLimit: UsageLimit | null = limit ? { unit: limit.unit, limit: limit.limit } : null;
  const rawUsage = facts.usage;
  const usage = typeof rawUsage === 'number' && rawUsage >= 0 && Number.isFinite(rawUsage) ? rawUsage : null;
  let usageRemaining: number | null = null;

  const exclusions: Exclusion[] = [];
  const given = facts.exclusions;
  if (given) {
    for (const e of given) if (!exclusions.includes(e)) exclusions.push(e);
  }
  if (usageLimit !== null && usage !== null) {
    usageRemaining = usage >= usageLimit.limit ? 0 : usageLimit.limit - usage;
    if (usage > usageLimit.limit && !exclusions.includes('USAGE_LIMIT_EXCEEDED')) {
      exclusions.push('USAGE_LIMIT_EXCEEDED');
    }
  }

  const known = basis !== null;
  const status: WarrantyVerdict['status'] =
    exclusions.length > 0
      ? 'VOID'
      : !known
        ? 'UNKNOWN'
        : Number.isNaN(end) || todayDays > end
          ? 'EXPIRED'
          : 'IN_WARRANTY';

  return {
    status,
    basis,
    startsOn: known ? fromDayNumber(start) : null,
    endsOn: known && !Number.isNaN(end) ? fromDayNumber(end) : null,
    usageLimit,
    usage,
    usageRemaining,
    exclusions,
  };
}

function basisPhrase(v: WarrantyVerdict, policy: WarrantyPolicy | null, facts?: TicketFacts): string {
  const span = policy === null ? 'the warranty period' : `${policy.months} months`;
  switch (v.basis) {
    case 'END_USER_RECEIPT':
      return `${span} from the end user's purchase on ${v.startsOn}`;
    case 'DISTRIBUTOR_SALE':
      return `${span} from the distributor's sale on ${v.startsOn}, as there is no end-user receipt`;
    case 'SERIAL_MANUFACTURE_DATE':
      return `${span} from the manufacturing date ${v.startsOn} read from the serial number, as there is no end-user receipt`;
    case 'REPLACEMENT': {
      const original = facts?.replacement?.originalEndsOn;
      return `replaced on ${v.startsOn}: the longer of the original warranty${original ? ` (to ${original})` : ''} and ${REPLACEMENT_COVER_DAYS} days from the replacement`;
    }
    case null:
      return 'no start date';
  }
}

function usagePhrase(v: WarrantyVerdict): string {
  const l = v.usageLimit;
  if (l === null || v.usage === null) return '';
  return `; ${v.usageRemaining} ${l.unit} of the ${l.limit} ${l.unit} limit remaining`;
}

function unknownPhrase(policy: WarrantyPolicy | null): string {
  switch (policy?.fallback) {
    case 'DISTRIBUTOR_SALE':
      return 'there is no end-user receipt and no distributor sale date';
    case 'SERIAL_MANUFACTURE_DATE':
      return 'there is no end-user receipt and the manufacturing date could not be read from the serial number';
    case 'NONE':
      return "there is no end-user receipt and the manufacturer's policy has no other start date";
    case undefined:
      return 'there is no start date';
  }
}

/** Plain-language list of a verdict's exclusions, e.g. `liquid damage, misuse`. */
export function describeExclusions(v: WarrantyVerdict): string {
  const parts: string[] = [];
  for (const e of v.exclusions) {
    const label = EXCLUSION_LABELS[e] ?? String(e).toLowerCase().replaceAll('_', ' ');
    parts.push(
      e === 'USAGE_LIMIT_EXCEEDED' && v.usageLimit !== null && v.usage !== null
        ? `${label} (${v.usage} ${v.usageLimit.unit} used, limit ${v.usageLimit.limit} ${v.usageLimit.unit})`
        : label,
    );
  }
  return parts.join(', ');
}

/**
 * One plain-language sentence about a verdict, e.g. `In warranty until 2026-03-31 (24 months from the
 * end user's purchase on 2024-04-01).` The policy and facts, when given, make it more precise.
 */
export function describeWarranty(
  v: WarrantyVerdict,
  policy: WarrantyPolicy | null = null,
  facts?: TicketFacts,
): string {
  switch (v.status) {
    case 'IN_WARRANTY':
      return `In warranty until ${v.endsOn} (${basisPhrase(v, policy, facts)}${usagePhrase(v)}).`;
    case 'EXPIRED':
      return v.endsOn === null
        ? `Out of warranty: the manufacturer gives no warranty (${basisPhrase(v, policy, facts)}).`
        : `Out of warranty: the warranty ended on ${v.endsOn} (${basisPhrase(v, policy, facts)}).`;
    case 'VOID':
      return `The warranty is void: ${describeExclusions(v)}.`;
    case 'UNKNOWN':
      return `The warranty could not be established: ${unknownPhrase(policy)}; staff will check it.`;
    case 'NOT_APPLICABLE':
      return 'Warranty does not apply to this return reason.';
  }
}
