import { fromDayNumber, isoWeekMonday, isoWeeksInYear } from '../dates.js';
import type { FieldError, IsoDate } from '../types.js';
import type { AdapterContext, AdapterRoute, RoutingAdapter } from './adapter.js';
import { VendorWebhookAdapter } from './vendor-webhook.adapter.js';

/**
 * `DS` + 2-digit year (20YY) + 2-digit ISO week (01-53) + production-line letter + 7-digit unit number.
 * Case-insensitive, surrounding spaces ignored.
 */
const SERIAL_FORMAT = /^DS(\d{2})(\d{2})[A-Z]\d{7}$/i;

/**
 * Custom adapter, key `SERIAL_DATE_SSD`: an SSD and memory-card maker (seed 002) whose warranty falls
 * back to the manufacturing date encoded in the serial number when there is no end-user receipt.
 *
 * Serial format: `DSYYWWLNNNNNNN`, e.g. `DS2411A0001234` = made in ISO week 11 of 2024, line A, unit
 * 0001234. The manufacturing date is the Monday of that ISO week (2024-03-11): the earliest day the
 * unit can have been made, so the fallback warranty is never shorter than the real one. A week the
 * year does not have (e.g. 53 in 2024) or any other shape decodes to null (warranty UNKNOWN).
 *
 * Routing: like VENDOR_WEBHOOK (forwarded to the maker, which needs `webhookUrl`). Only the serial
 * decoding is special, so the routing is delegated, not copied.
 */
export class SerialDateSsdAdapter implements RoutingAdapter {
  readonly kind: string = 'SERIAL_DATE_SSD';
  readonly description: string =
    'Forwarded by webhook like VENDOR_WEBHOOK; decodes the manufacturing date from serials like DS2411A0001234 (2024, ISO week 11).';
  private readonly forward = new VendorWebhookAdapter();

  decodeManufactureDate(serialNumber: string): IsoDate | null {
    if (typeof serialNumber !== 'string') return null;
    const m = SERIAL_FORMAT.exec(serialNumber.trim());
    if (!m) return null;
    const year = 2000 + Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return null;
    return fromDayNumber(isoWeekMonday(year, week));
  }

  route(ctx: AdapterContext): AdapterRoute {
    return this.forward.route(ctx);
  }

  validateConfig(config: Readonly<Record<string, unknown>>): FieldError[] {
    return this.forward.validateConfig(config);
  }
}
