import { RulesConfigError } from './errors.js';
import { DAPUSTOR_SSD, DEXXON_IN_HOUSE, TODAY } from './testing/fixtures.js';
import { decodeManufactureDate, lookupWarranty } from './warranty-lookup.js';

describe('warranty look-up by serial number', () => {
  it('in warranty from the serial, with usage remaining', () => {
    expect(
      lookupWarranty({
        serialNumber: 'DS2411A0001234',
        manufacturer: DAPUSTOR_SSD,
        today: TODAY,
        usage: 100,
      }),
    ).toEqual({
      serialNumber: 'DS2411A0001234',
      manufacturer: 'dapustor',
      inWarranty: true,
      status: 'IN_WARRANTY',
      basis: 'SERIAL_MANUFACTURE_DATE',
      startsOn: '2024-03-11',
      endsOn: '2027-03-10',
      usageLimit: { unit: 'TBW', limit: 600 },
      usage: 100,
      usageRemaining: 500,
      exclusions: [],
      manufactureDate: '2024-03-11',
      summary:
        'In warranty until 2027-03-10 (36 months from the manufacturing date 2024-03-11 read from the serial number, as there is no end-user receipt; 500 TBW of the 600 TBW limit remaining).',
    });
  });

  it('a receipt wins over the serial, which is still shown', () => {
    const r = lookupWarranty({
      serialNumber: 'DS2411A0001234',
      manufacturer: DAPUSTOR_SSD,
      today: TODAY,
      endUserPurchaseDate: '2025-01-10',
    });
    expect(r).toMatchObject({
      basis: 'END_USER_RECEIPT',
      endsOn: '2028-01-09',
      manufactureDate: '2024-03-11',
    });
  });

  it.each([
    ['out of warranty', { distributorSaleDate: '2023-01-01' }, 'EXPIRED', false, '2024-12-31'],
    [
      'in warranty by the distributor sale',
      { distributorSaleDate: '2025-01-01' },
      'IN_WARRANTY',
      true,
      '2026-12-31',
    ],
    ['unknown', {}, 'UNKNOWN', false, null],
    [
      'replaced',
      { replacement: { replacedOn: '2026-03-01', originalEndsOn: '2026-01-01' } },
      'IN_WARRANTY',
      true,
      '2026-05-30',
    ],
  ])('%s', (_, facts, status, inWarranty, endsOn) => {
    const r = lookupWarranty({ serialNumber: 'SN-9', manufacturer: DEXXON_IN_HOUSE, today: TODAY, ...facts });
    expect(r).toMatchObject({ status, inWarranty, endsOn, manufactureDate: null });
  });

  it('decodes through the manufacturer adapter', () => {
    expect(decodeManufactureDate(DAPUSTOR_SSD, 'DS2411A0001234')).toBe('2024-03-11');
    expect(decodeManufactureDate(DEXXON_IN_HOUSE, 'DS2411A0001234')).toBeNull();
  });

  it('an unregistered adapter is a config error', () => {
    expect(() =>
      lookupWarranty({
        serialNumber: 'x',
        manufacturer: { ...DEXXON_IN_HOUSE, adapter: 'NOPE' },
        today: TODAY,
      }),
    ).toThrow(RulesConfigError);
  });
});
