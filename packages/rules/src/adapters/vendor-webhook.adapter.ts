import type { FieldError } from '../types.js';
import { isHttpUrl } from '../url.js';
import type { AdapterContext, AdapterRoute, RoutingAdapter } from './adapter.js';

/**
 * VENDOR_WEBHOOK: the ticket is forwarded to the manufacturer's endpoint as a signed webhook; the
 * manufacturer calls back (accepted with its own RMA number, rejected, or replacement shipped).
 */
export class VendorWebhookAdapter implements RoutingAdapter {
  readonly kind: string = 'VENDOR_WEBHOOK';
  readonly description: string =
    'The RMA is forwarded to the manufacturer by signed webhook; it calls back with its decision.';

  route({ manufacturer }: AdapterContext): AdapterRoute {
    return {
      route: 'VENDOR_WEBHOOK',
      handling: null,
      portalUrl: null,
      reasons: [
        `RMAs for ${manufacturer.name} are forwarded to the manufacturer, who accepts them with its own RMA number or rejects them.`,
      ],
    };
  }

  validateConfig(config: Readonly<Record<string, unknown>>): FieldError[] {
    return isHttpUrl(config['webhookUrl'])
      ? []
      : [{ field: 'webhookUrl', message: 'a vendor webhook needs an absolute http(s) URL' }];
  }
}
