/**
 * The warranty look-up by serial number (DOMAIN.md; seed 002): in warranty or not, until when, on what
 * basis, usage remaining where known. The API gathers the facts it holds for the serial (receipt date,
 * its own sale date from the invoice lines, a replacement, usage) and passes them in.
 */
import type { AdapterRegistry } from './adapters/registry.js';
import { defaultAdapterRegistry } from './adapters/registry.js';
import { requireDayNumber } from './dates.js';
import type { Exclusion, IsoDate, ManufacturerConfig, TicketFacts, WarrantyVerdict } from './types.js';
import { describeWarranty, evaluateWarrantyOn, needsManufactureDate, warrantyPolicyFor } from './warranty.js';

export interface WarrantyLookupInput {
  serialNumber: string;
  manufacturer: ManufacturerConfig;
  today: IsoDate;
  sku?: string | null;
  endUserPurchaseDate?: IsoDate | null;
  distributorSaleDate?: IsoDate | null;
  replacement?: { replacedOn: IsoDate; originalEndsOn: IsoDate } | null;
  usage?: number | null;
  exclusions?: Exclusion[] | null;
}

export interface WarrantyLookup extends WarrantyVerdict {
  serialNumber: string;
  /** The manufacturer's slug. */
  manufacturer: string;
  /** status === 'IN_WARRANTY'. */
  inWarranty: boolean;
  /** The manufacturing date decoded from the serial by the manufacturer's adapter, when it can. */
  manufactureDate: IsoDate | null;
  /** One plain-language sentence, e.g. `In warranty until 2027-03-10 (36 months from ...).` */
  summary: string;
}

/**
 * Looks up a serial's warranty. The manufacturing date is decoded whenever the adapter can (shown in
 * the answer), and used as the start only as the policy's fallback. Throws only for an invalid `today`
 * or an unregistered adapter (programming / config errors, as decideRoute).
 */
export function lookupWarranty(
  input: WarrantyLookupInput,
  registry: AdapterRegistry = defaultAdapterRegistry,
): WarrantyLookup {
  const todayDays = requireDayNumber(input.today, 'today');
  const { manufacturer, serialNumber } = input;
  const adapter = registry.require(manufacturer.adapter);
  const facts: TicketFacts = {
    reason: 'DEFECT',
    serialNumber,
    sku: input.sku ?? null,
    endUserPurchaseDate: input.endUserPurchaseDate ?? null,
    distributorSaleDate: input.distributorSaleDate ?? null,
    replacement: input.replacement ?? null,
    usage: input.usage ?? null,
    exclusions: input.exclusions ?? null,
  };
  const policy = warrantyPolicyFor(manufacturer, input.sku);
  const manufactureDate = adapter.decodeManufactureDate?.(serialNumber) ?? null;
  const verdict = evaluateWarrantyOn(
    facts,
    policy,
    todayDays,
    needsManufactureDate(facts, policy) ? manufactureDate : null,
  );
  return {
    ...verdict,
    serialNumber,
    manufacturer: manufacturer.slug,
    inWarranty: verdict.status === 'IN_WARRANTY',
    manufactureDate,
    summary: describeWarranty(verdict, policy, facts),
  };
}

/** The manufacturing date a manufacturer's adapter reads from a serial, or null. */
export function decodeManufactureDate(
  manufacturer: Pick<ManufacturerConfig, 'adapter'>,
  serialNumber: string,
  registry: AdapterRegistry = defaultAdapterRegistry,
): IsoDate | null {
  return registry.require(manufacturer.adapter).decodeManufactureDate?.(serialNumber) ?? null;
}
