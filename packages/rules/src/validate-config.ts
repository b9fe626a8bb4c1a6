/**
 * Validation of the configuration staff edit in the admin, and of ticket facts. Total functions: any
 * input (null, arrays, strings, objects with odd fields) gives a list of field errors, [] when valid,
 * and never throws. A config that passes never makes decideRoute throw.
 */
import type { AdapterRegistry } from './adapters/registry.js';
import { defaultAdapterRegistry } from './adapters/registry.js';
import { isIsoDate } from './dates.js';
import { isCurrency } from './money.js';
import { isHttpUrl } from './url.js';
import type { FieldError } from './types.js';
import { EXCLUSIONS, REASONS, WARRANTY_FALLBACKS } from './types.js';

type Obj = Readonly<Record<string, unknown>>;

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function field(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** Guards against getters or proxies that throw: a validator answers, whatever it is given. */
function total(validate: () => FieldError[]): FieldError[] {
  try {
    return validate();
  } catch {
    return [{ field: '', message: 'could not be read' }];
  }
}

/** Errors of a regular expression source used as an anchored full match. */
export function validatePattern(pattern: unknown, name: string): FieldError[] {
  if (typeof pattern !== 'string' || pattern === '') {
    return [{ field: name, message: 'must be a non-empty regular expression' }];
  }
  try {
    new RegExp(pattern);
    new RegExp(`^(?:${pattern})$`);
    return [];
  } catch {
    return [{ field: name, message: 'is not a valid regular expression' }];
  }
}

/** Errors of a warranty policy at `prefix` (e.g. `warranty`, `productLines.0.warranty`). */
function validateWarrantyPolicy(input: unknown, prefix: string): FieldError[] {
  if (!isObject(input)) return [{ field: prefix, message: 'must be an object' }];
  const errors: FieldError[] = [];
  if (!isNonNegativeInteger(input['months'])) {
    errors.push({ field: field(prefix, 'months'), message: 'must be a whole number of months, 0 or more' });
  }
  const usage = input['usageLimit'];
  if (usage != null) {
    if (!isObject(usage)) {
      errors.push({
        field: field(prefix, 'usageLimit'),
        message: 'must be an object with unit and limit, or empty',
      });
    } else {
      if (!isNonBlankString(usage['unit'])) {
        errors.push({ field: field(prefix, 'usageLimit.unit'), message: 'must be a unit such as TBW' });
      }
      const limit = usage['limit'];
      if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) {
        errors.push({ field: field(prefix, 'usageLimit.limit'), message: 'must be a positive number' });
      }
    }
  }
  if (!(WARRANTY_FALLBACKS as readonly unknown[]).includes(input['fallback'])) {
    errors.push({
      field: field(prefix, 'fallback'),
      message: `must be one of ${WARRANTY_FALLBACKS.join(', ')}`,
    });
  }
  return errors;
}

/**
 * Errors of a manufacturer config: slug, name, a registered adapter with the fields its kind needs
 * (VENDOR_PORTAL: portalUrl; VENDOR_WEBHOOK: webhookUrl; IN_HOUSE: destroyBelowMinor ≥ 0), the
 * support-ticket prerequisite (http(s) helpdeskUrl, a non-empty pattern that compiles), the warranty
 * policy (and product lines), rmaValidityDays. A SERIAL_MANUFACTURE_DATE fallback needs an adapter
 * that decodes serial numbers. [] when valid.
 */
export function validateManufacturerConfig(
  input: unknown,
  registry: AdapterRegistry = defaultAdapterRegistry,
): FieldError[] {
  return total(() => {
    if (!isObject(input)) return [{ field: '', message: 'must be an object' }];
    const errors: FieldError[] = [];
    const slug = input['slug'];
    if (typeof slug !== 'string' || !SLUG.test(slug)) {
      errors.push({
        field: 'slug',
        message: 'must be lower-case letters, digits and dashes, starting with a letter or digit',
      });
    }
    if (!isNonBlankString(input['name'])) errors.push({ field: 'name', message: 'must not be empty' });

    const kind = input['adapter'];
    const adapter = typeof kind === 'string' ? registry.get(kind) : undefined;
    if (adapter === undefined) {
      errors.push({ field: 'adapter', message: `must be one of ${registry.kinds().join(', ')}` });
    } else {
      errors.push(...adapter.validateConfig(input));
    }
    for (const url of ['portalUrl', 'webhookUrl'] as const) {
      const value = input[url];
      if (value != null && !isHttpUrl(value) && !errors.some((e) => e.field === url)) {
        errors.push({ field: url, message: 'must be an absolute http(s) URL, or empty' });
      }
    }
    const destroy = input['destroyBelowMinor'];
    if (
      destroy != null &&
      !isNonNegativeInteger(destroy) &&
      !errors.some((e) => e.field === 'destroyBelowMinor')
    ) {
      errors.push({
        field: 'destroyBelowMinor',
        message: 'must be a non-negative whole number of minor units, or empty',
      });
    }

    const st = input['supportTicket'];
    if (st != null) {
      if (!isObject(st)) {
        errors.push({
          field: 'supportTicket',
          message: 'must be an object with helpdeskUrl and numberPattern, or empty',
        });
      } else {
        if (!isHttpUrl(st['helpdeskUrl'])) {
          errors.push({ field: 'supportTicket.helpdeskUrl', message: 'must be an absolute http(s) URL' });
        }
        errors.push(...validatePattern(st['numberPattern'], 'supportTicket.numberPattern'));
      }
    }

    const policies: unknown[] = [input['warranty']];
    errors.push(...validateWarrantyPolicy(input['warranty'], 'warranty'));
    const lines = input['productLines'];
    if (lines != null) {
      if (!Array.isArray(lines)) {
        errors.push({ field: 'productLines', message: 'must be a list, or empty' });
      } else {
        lines.forEach((line: unknown, i) => {
          const prefix = `productLines.${i}`;
          if (!isObject(line)) {
            errors.push({ field: prefix, message: 'must be an object with skuPrefix and warranty' });
            return;
          }
          if (!isNonBlankString(line['skuPrefix'])) {
            errors.push({ field: `${prefix}.skuPrefix`, message: 'must not be empty' });
          }
          policies.push(line['warranty']);
          errors.push(...validateWarrantyPolicy(line['warranty'], `${prefix}.warranty`));
        });
      }
    }
    const usesSerial = policies.some((p) => isObject(p) && p['fallback'] === 'SERIAL_MANUFACTURE_DATE');
    if (usesSerial && adapter !== undefined && adapter.decodeManufactureDate === undefined) {
      errors.push({
        field: 'warranty.fallback',
        message: `SERIAL_MANUFACTURE_DATE needs an adapter that reads serial numbers; ${adapter.kind} does not`,
      });
    }

    if (!isPositiveInteger(input['rmaValidityDays'])) {
      errors.push({ field: 'rmaValidityDays', message: 'must be a whole number of days, 1 or more' });
    }
    return errors;
  });
}

/**
 * Errors of a fee policy: a percentage from 0 to 100 in whole basis points (at most 2 decimals), an
 * optional non-negative whole minimum, and both windows whole numbers of days, 1 or more.
 */
export function validateFeePolicy(input: unknown): FieldError[] {
  return total(() => {
    if (!isObject(input)) return [{ field: '', message: 'must be an object' }];
    const errors: FieldError[] = [];
    const pct = input['restockingFeePercent'];
    if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
      errors.push({ field: 'restockingFeePercent', message: 'must be a percentage from 0 to 100' });
    } else if (Math.round(pct * 100) / 100 !== pct) {
      errors.push({ field: 'restockingFeePercent', message: 'must have at most 2 decimals' });
    }
    const min = input['restockingFeeMinMinor'];
    if (min != null && !isNonNegativeInteger(min)) {
      errors.push({
        field: 'restockingFeeMinMinor',
        message: 'must be a non-negative whole number of minor units, or empty',
      });
    }
    for (const name of ['returnWindowDays', 'deliveryErrorWindowDays'] as const) {
      if (!isPositiveInteger(input[name])) {
        errors.push({ field: name, message: 'must be a whole number of days, 1 or more' });
      }
    }
    return errors;
  });
}

/**
 * Errors of ticket facts as received from a form or the API: the reason, real calendar dates, money
 * as a non-negative whole amount with a three-letter currency, known exclusions, usage ≥ 0.
 * decideRoute tolerates bad facts (they count as not given); this tells the user what to fix.
 */
export function validateTicketFacts(input: unknown): FieldError[] {
  return total(() => {
    if (!isObject(input)) return [{ field: '', message: 'must be an object' }];
    const errors: FieldError[] = [];
    if (!(REASONS as readonly unknown[]).includes(input['reason'])) {
      errors.push({ field: 'reason', message: `must be one of ${REASONS.join(', ')}` });
    }
    for (const name of ['deliveredOn', 'endUserPurchaseDate', 'distributorSaleDate'] as const) {
      const value = input[name];
      if (value != null && !isIsoDate(value)) {
        errors.push({ field: name, message: 'must be a calendar date YYYY-MM-DD, or empty' });
      }
    }
    for (const name of ['unused', 'originalPackaging'] as const) {
      const value = input[name];
      if (value != null && typeof value !== 'boolean')
        errors.push({ field: name, message: 'must be true or false' });
    }
    for (const name of ['serialNumber', 'sku', 'supportTicketNumber'] as const) {
      const value = input[name];
      if (value != null && typeof value !== 'string')
        errors.push({ field: name, message: 'must be text, or empty' });
    }
    const price = input['invoicedPrice'];
    if (price != null) {
      if (!isObject(price)) {
        errors.push({ field: 'invoicedPrice', message: 'must be an amount in minor units with a currency' });
      } else {
        if (!isNonNegativeInteger(price['amountMinor'])) {
          errors.push({
            field: 'invoicedPrice.amountMinor',
            message: 'must be a non-negative whole number of minor units',
          });
        }
        if (!isCurrency(price['currency'])) {
          errors.push({
            field: 'invoicedPrice.currency',
            message: 'must be a three-letter currency code such as EUR',
          });
        }
      }
    }
    const replacement = input['replacement'];
    if (replacement != null) {
      if (!isObject(replacement)) {
        errors.push({
          field: 'replacement',
          message: 'must have replacedOn and originalEndsOn, or be empty',
        });
      } else {
        for (const name of ['replacedOn', 'originalEndsOn'] as const) {
          if (!isIsoDate(replacement[name])) {
            errors.push({ field: `replacement.${name}`, message: 'must be a calendar date YYYY-MM-DD' });
          }
        }
      }
    }
    const usage = input['usage'];
    if (usage != null && (typeof usage !== 'number' || !Number.isFinite(usage) || usage < 0)) {
      errors.push({ field: 'usage', message: 'must be a number, 0 or more, or empty' });
    }
    const exclusions = input['exclusions'];
    if (exclusions != null) {
      if (!Array.isArray(exclusions)) {
        errors.push({ field: 'exclusions', message: 'must be a list, or empty' });
      } else {
        exclusions.forEach((e: unknown, i) => {
          if (!(EXCLUSIONS as readonly unknown[]).includes(e)) {
            errors.push({ field: `exclusions.${i}`, message: `must be one of ${EXCLUSIONS.join(', ')}` });
          }
        });
      }
    }
    return errors;
  });
}
