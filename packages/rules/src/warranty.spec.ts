import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from './dates.js';
import type { Exclusion, TicketFacts, WarrantyPolicy } from './types.js';
import { EXCLUSIONS } from './types.js';
import {
  EXCLUSION_LABELS,
  describeWarranty,
  evaluateWarranty,
  needsManufactureDate,
  replacementCoveredUntil,
  warrantyPolicyFor,
} from './warranty.js';

const defect = (facts: Partial<TicketFacts> = {}): TicketFacts => ({ reason: 'DEFECT', ...facts });
const p24: WarrantyPolicy = { months: 24, fallback: 'DISTRIBUTOR_SALE' };
const ssd: WarrantyPolicy = {
  months: 36,
  usageLimit: { unit: 'TBW', limit: 600 },
  fallback: 'SERIAL_MANUFACTURE_DATE',
};

describe('warranty start basis', () => {
  it.each([
    [
      'the end user receipt comes first',
      defect({ endUserPurchaseDate: '2025-03-01', distributorSaleDate: '2025-01-01' }),
      p24,
      null,
      'END_USER_RECEIPT',
      '2025-03-01',
      '2027-02-28',
    ],
    [
      'no receipt: the distributor sale date when the policy falls back to it',
      defect({ distributorSaleDate: '2025-01-01' }),
      p24,
      null,
      'DISTRIBUTOR_SALE',
      '2025-01-01',
      '2026-12-31',
    ],
    [
      'no receipt: the manufacturing date decoded from the serial when the policy falls back to it',
      defect({ distributorSaleDate: '2025-01-01' }),
      ssd,
      '2024-03-11',
      'SERIAL_MANUFACTURE_DATE',
      '2024-03-11',
      '2027-03-10',
    ],
    [
      'an invalid receipt date counts as no receipt',
      defect({ endUserPurchaseDate: '2025-02-30', distributorSaleDate: '2025-01-01' }),
      p24,
      null,
      'DISTRIBUTOR_SALE',
      '2025-01-01',
      '2026-12-31',
    ],
  ])('%s', (_, facts, policy, decoded, basis, startsOn, endsOn) => {
    const v = evaluateWarranty(facts, policy, '2026-01-15', decoded);
    expect(v).toMatchObject({ status: 'IN_WARRANTY', basis, startsOn, endsOn, exclusions: [] });
  });

  it.each([
    [
      'no receipt and the policy has no fallback',
      defect({ distributorSaleDate: '2025-01-01' }),
      { ...p24, fallback: 'NONE' },
      null,
    ],
    ['no receipt and no distributor sale date', defect(), p24, null],
    [
      'no receipt and the serial could not be decoded',
      defect({ distributorSaleDate: '2025-01-01' }),
      ssd,
      null,
    ],
  ] as const)('UNKNOWN when there is %s', (_, facts, policy, decoded) => {
    const v = evaluateWarranty(facts, policy as WarrantyPolicy, '2026-01-15', decoded);
    expect(v).toMatchObject({ status: 'UNKNOWN', basis: null, startsOn: null, endsOn: null });
  });

  it('only asks for the serial decoding when it would be used', () => {
    expect(needsManufactureDate(defect(), ssd)).toBe(true);
    expect(needsManufactureDate(defect({ endUserPurchaseDate: '2025-01-01' }), ssd)).toBe(false);
    expect(needsManufactureDate(defect(), p24)).toBe(false);
    expect(
      needsManufactureDate(
        defect({ replacement: { replacedOn: '2025-01-01', originalEndsOn: '2026-01-01' } }),
        ssd,
      ),
    ).toBe(false);
  });
});

describe('warranty end (N months from S cover up to the day before S + N months)', () => {
  it.each([
    [
      'the day before S + N months is IN_WARRANTY',
      '2024-04-01',
      24,
      '2026-03-31',
      'IN_WARRANTY',
      '2026-03-31',
    ],
    ['a claim on S + N months is EXPIRED', '2024-04-01', 24, '2026-04-01', 'EXPIRED', '2026-03-31'],
    ['a claim on the start day is IN_WARRANTY', '2024-04-01', 24, '2024-04-01', 'IN_WARRANTY', '2026-03-31'],
    [
      'a start on 31 Jan with 1 month ends on 27 Feb (S + 1 month clamps to 28 Feb)',
      '2026-01-31',
      1,
      '2026-02-27',
      'IN_WARRANTY',
      '2026-02-27',
    ],
    ['... and 28 Feb is EXPIRED', '2026-01-31', 1, '2026-02-28', 'EXPIRED', '2026-02-27'],
    [
      'a start on 29 Feb with 12 months ends on 27 Feb',
      '2024-02-29',
      12,
      '2025-02-27',
      'IN_WARRANTY',
      '2025-02-27',
    ],
    ['... and 28 Feb is EXPIRED', '2024-02-29', 12, '2025-02-28', 'EXPIRED', '2025-02-27'],
    ['a 0-month policy covers nothing', '2026-01-01', 0, '2026-01-01', 'EXPIRED', null],
  ])('%s', (_, start, months, today, status, endsOn) => {
    const v = evaluateWarranty(defect({ endUserPurchaseDate: start }), { months, fallback: 'NONE' }, today);
    expect(v.status).toBe(status);
    expect(v.endsOn).toBe(endsOn);
  });

  it('throws for an invalid today (the clock is a programming input)', () => {
    expect(() => evaluateWarranty(defect(), p24, '2026-13-01')).toThrow(RangeError);
  });
});

describe('replacement: covered for the longer of the original warranty and 90 days', () => {
  it.each([
    [
      'the original end when it is later',
      { replacedOn: '2025-01-10', originalEndsOn: '2026-06-30' },
      '2026-06-30',
      '2026-06-30',
      'IN_WARRANTY',
    ],
    [
      '... expired the day after the original end',
      { replacedOn: '2025-01-10', originalEndsOn: '2026-06-30' },
      '2026-07-01',
      '2026-06-30',
      'EXPIRED',
    ],
    [
      'replacedOn + 90 days when the original ends sooner',
      { replacedOn: '2026-01-10', originalEndsOn: '2026-02-01' },
      '2026-04-10',
      '2026-04-10',
      'IN_WARRANTY',
    ],
    [
      '... expired on replacedOn + 91 days',
      { replacedOn: '2026-01-10', originalEndsOn: '2026-02-01' },
      '2026-04-11',
      '2026-04-10',
      'EXPIRED',
    ],
  ])('%s', (_, replacement, today, endsOn, status) => {
    const v = evaluateWarranty(defect({ replacement, endUserPurchaseDate: '2020-01-01' }), p24, today);
    expect(v).toMatchObject({ basis: 'REPLACEMENT', startsOn: replacement.replacedOn, endsOn, status });
  });
});

describe('usage limit and exclusions', () => {
  const receipt = { endUserPurchaseDate: '2025-01-01' };

  it.each([
    ['usage below the limit is covered, with the rest remaining', 400, 'IN_WARRANTY', 200, []],
    ['usage equal to the limit is still covered, nothing remaining', 600, 'IN_WARRANTY', 0, []],
    ['usage above the limit voids the warranty', 600.5, 'VOID', 0, ['USAGE_LIMIT_EXCEEDED']],
    ['unknown usage leaves the remaining usage unknown', null, 'IN_WARRANTY', null, []],
    ['a negative usage counts as unknown', -1, 'IN_WARRANTY', null, []],
  ])('%s', (_, usage, status, usageRemaining, exclusions) => {
    const v = evaluateWarranty(defect({ ...receipt, usage }), ssd, '2026-01-15');
    expect(v).toMatchObject({ status, usageRemaining, exclusions, usageLimit: { unit: 'TBW', limit: 600 } });
  });

  it('usage without a limit in the policy is reported, not judged', () => {
    const v = evaluateWarranty(defect({ ...receipt, usage: 9999 }), p24, '2026-01-15');
    expect(v).toMatchObject({ status: 'IN_WARRANTY', usage: 9999, usageLimit: null, usageRemaining: null });
  });

  it.each(EXCLUSIONS.map((e) => [e]))('the exclusion %s voids the warranty', (exclusion: Exclusion) => {
    const v = evaluateWarranty(defect({ ...receipt, exclusions: [exclusion] }), p24, '2026-01-15');
    expect(v.status).toBe('VOID');
    expect(v.exclusions).toEqual([exclusion]);
    expect(describeWarranty(v)).toContain(EXCLUSION_LABELS[exclusion]);
  });

  it('an exclusion voids even a warranty that cannot be established, and duplicates are dropped', () => {
    const v = evaluateWarranty(defect({ exclusions: ['LIQUID', 'LIQUID', 'FIRE'] }), p24, '2026-01-15');
    expect(v).toMatchObject({ status: 'VOID', basis: null, exclusions: ['LIQUID', 'FIRE'] });
  });

  it('an exclusion voids an expired warranty too (VOID wins)', () => {
    const v = evaluateWarranty(
      defect({ endUserPurchaseDate: '2020-01-01', exclusions: ['MISUSE'] }),
      p24,
      '2026-01-15',
    );
    expect(v.status).toBe('VOID');
  });
});

describe('plain-language warranty sentences', () => {
  it.each([
    [
      defect({ endUserPurchaseDate: '2024-04-01' }),
      p24,
      "In warranty until 2026-03-31 (24 months from the end user's purchase on 2024-04-01).",
    ],
    [
      defect({ distributorSaleDate: '2023-01-01' }),
      p24,
      "Out of warranty: the warranty ended on 2024-12-31 (24 months from the distributor's sale on 2023-01-01, as there is no end-user receipt).",
    ],
    [
      defect(),
      p24,
      'The warranty could not be established: there is no end-user receipt and no distributor sale date; staff will check it.',
    ],
    [
      defect({ endUserPurchaseDate: '2025-01-01', usage: 700 }),
      ssd,
      'The warranty is void: usage limit exceeded (700 TBW used, limit 600 TBW).',
    ],
  ])('%#: %s', (facts, policy, sentence) => {
    expect(describeWarranty(evaluateWarranty(facts, policy, '2026-01-15'), policy, facts)).toBe(sentence);
  });
});

describe('product-line policies', () => {
  const config = {
    slug: 'dx',
    name: 'DX',
    adapter: 'IN_HOUSE',
    warranty: p24,
    productLines: [{ skuPrefix: 'SSD-', warranty: ssd }],
    rmaValidityDays: 14,
  };
  it.each([
    ['SSD-1TB', ssd],
    ['ssd-2tb', ssd],
    ['CARD-64', p24],
    [null, p24],
  ])('SKU %s takes the matching line, else the manufacturer policy', (sku, policy) => {
    expect(warrantyPolicyFor(config, sku)).toBe(policy);
  });
});

describe('properties', () => {
  const day = fc
    .integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') })
    .map(fromDayNumber);
  const maybeDay = fc.option(day, { nil: null });
  const facts = fc.record({
    reason: fc.constant('DEFECT' as const),
    endUserPurchaseDate: maybeDay,
    distributorSaleDate: maybeDay,
    replacement: fc.option(fc.record({ replacedOn: day, originalEndsOn: day }), { nil: null }),
    usage: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: null }),
    exclusions: fc.option(fc.subarray([...EXCLUSIONS]), { nil: null }),
  });
  const policy = fc.record({
    months: fc.integer({ min: 1, max: 120 }),
    usageLimit: fc.option(fc.record({ unit: fc.constant('TBW'), limit: fc.integer({ min: 1, max: 1000 }) }), {
      nil: null,
    }),
    fallback: fc.constantFrom(
      'DISTRIBUTOR_SALE' as const,
      'SERIAL_MANUFACTURE_DATE' as const,
      'NONE' as const,
    ),
  });

  it('a warranty never ends before it starts', () => {
    fc.assert(
      fc.property(facts, policy, day, maybeDay, (f, p, today, decoded) => {
        const v = evaluateWarranty(f, p, today, decoded);
        if (v.startsOn !== null && v.endsOn !== null) expect(v.endsOn >= v.startsOn).toBe(true);
        if (v.basis !== null) expect(v.startsOn).not.toBeNull();
      }),
    );
  });

  it('IN_WARRANTY means today is on or before the last covered day, and nothing voids it', () => {
    fc.assert(
      fc.property(facts, policy, day, maybeDay, (f, p, today, decoded) => {
        const v = evaluateWarranty(f, p, today, decoded);
        if (v.status === 'IN_WARRANTY') {
          expect(v.endsOn).not.toBeNull();
          expect(today <= (v.endsOn as string)).toBe(true);
          expect(v.exclusions).toEqual([]);
        }
        if (v.status === 'EXPIRED' && v.endsOn !== null) expect(today > v.endsOn).toBe(true);
        expect(v.status === 'VOID').toBe(v.exclusions.length > 0);
      }),
    );
  });

  it('a replacement is always covered for at least 90 days', () => {
    fc.assert(
      fc.property(day, day, (replacedOn, originalEndsOn) => {
        const v = evaluateWarranty(defect({ replacement: { replacedOn, originalEndsOn } }), p24, replacedOn);
        expect(v.endsOn! >= addDays(replacedOn, 90)).toBe(true);
        expect(v.status).toBe('IN_WARRANTY');
      }),
    );
  });
});

describe('replacementCoveredUntil', () => {
  it.each([
    ['the original end when it is later', '2026-01-01', '2027-06-30', '2027-06-30'],
    ['90 days from the replacement when the original ends sooner', '2026-01-01', '2026-02-01', '2026-04-01'],
    ['90 days when the original end is unknown', '2026-01-01', null, '2026-04-01'],
  ])('covers to %s', (_rule, replacedOn, originalEndsOn, expected) => {
    expect(replacementCoveredUntil(replacedOn, originalEndsOn)).toBe(expected);
  });
});
