import type { FieldError } from '../types.js';
import { isHttpUrl } from '../url.js';
import type { AdapterContext, AdapterRoute, RoutingAdapter } from './adapter.js';

/**
 * VENDOR_PORTAL: "RMAs for this manufacturer are handled directly" (seed 001). The ticket ends as
 * REDIRECTED; the reseller gets the vendor's portal URL and what to bring.
 */
export class VendorPortalAdapter implements RoutingAdapter {
  readonly kind: string = 'VENDOR_PORTAL';
  readonly description: string =
    'The manufacturer handles RMAs on its own portal: the reseller is redirected there.';

  route({ manufacturer }: AdapterContext): AdapterRoute {
    const portalUrl = manufacturer.portalUrl ?? null;
    const reasons = [
      `RMAs for ${manufacturer.name} are handled directly by the manufacturer: open the RMA on ${portalUrl ?? "the manufacturer's portal"}.`,
    ];
    const instructions = manufacturer.portalInstructions?.trim();
    if (instructions) reasons.push(`Instructions from ${manufacturer.name}: ${instructions}`);
    return { route: 'VENDOR_PORTAL', handling: null, portalUrl, reasons };
  }

  validateConfig(config: Readonly<Record<string, unknown>>): FieldError[] {
    const errors: FieldError[] = [];
    if (!isHttpUrl(config['portalUrl'])) {
      errors.push({ field: 'portalUrl', message: 'a vendor portal needs an absolute http(s) URL' });
    }
    const instructions = config['portalInstructions'];
    if (instructions != null && typeof instructions !== 'string') {
      errors.push({ field: 'portalInstructions', message: 'must be text, or empty' });
    }
    return errors;
  }
}
