import { describe, expect, it } from 'vitest';
import type { ManufacturerConfig } from '@rma/rules';
import { toManufacturerInput } from './manufacturers';

const config: ManufacturerConfig = {
  slug: 'dapustor',
  name: 'DapuStor',
  adapter: 'SERIAL_DATE_SSD',
  webhookUrl: 'https://rma.dapustor.example/hooks',
  warranty: { months: 36, fallback: 'SERIAL_MANUFACTURE_DATE', usageLimit: { unit: 'TBW', limit: 7000 } },
  productLines: [
    { skuPrefix: 'DS-R5', warranty: { months: 60, fallback: 'DISTRIBUTOR_SALE', usageLimit: null } },
  ],
  rmaValidityDays: 30,
};

describe('toManufacturerInput', () => {
  it('keeps the per-product-line policies, which the editor has no fields for', () => {
    expect(toManufacturerInput(config).productLines).toEqual([
      { skuPrefix: 'DS-R5', warranty: { months: 60, fallback: 'DISTRIBUTOR_SALE', usageLimit: null } },
    ]);
  });

  it('sends none when the configuration has none', () => {
    expect(toManufacturerInput({ ...config, productLines: undefined }).productLines).toBeNull();
  });
});
