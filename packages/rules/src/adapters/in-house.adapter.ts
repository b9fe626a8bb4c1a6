import { formatMoney, isMoney } from '../money.js';
import type { FieldError } from '../types.js';
import type { AdapterContext, AdapterRoute, RoutingAdapter } from './adapter.js';

/**
 * IN_HOUSE: the distributor handles the RMA itself (seed 003). With `destroyBelowMinor` set, an item
 * whose last invoiced price is below it is destroyed and credited in full instead of shipped back
 * (seed 003, outcome 1); otherwise, and whenever the price is unknown, it is returned for inspection.
 */
export class InHouseAdapter implements RoutingAdapter {
  readonly kind: string = 'IN_HOUSE';
  readonly description: string =
    'The distributor handles the RMA: return for inspection, or destroy and credit below a price.';

  route({ ticket, manufacturer }: AdapterContext): AdapterRoute {
    const threshold = manufacturer.destroyBelowMinor;
    const price = ticket.invoicedPrice;
    const priceKnown = isMoney(price) && price.amountMinor >= 0;
    if (threshold != null && priceKnown && price.amountMinor < threshold) {
      const shown = formatMoney(price);
      return {
        route: 'IN_HOUSE',
        handling: 'DESTROY_AND_CREDIT',
        portalUrl: null,
        reasons: [
          `The invoiced price of ${shown} is below ${manufacturer.name}'s destruction threshold of ${formatMoney({ amountMinor: threshold, currency: price.currency })}: destruction is authorised and ${shown} will be credited; do not ship the item.`,
        ],
        amounts: {
          invoicedPrice: { amountMinor: price.amountMinor, currency: price.currency },
          restockingFee: { amountMinor: 0, currency: price.currency },
          credit: { amountMinor: price.amountMinor, currency: price.currency },
        },
      };
    }
    const reasons = [
      `${manufacturer.name} returns are handled by the distributor: once approved, ship the item with the RMA number on the outer box for inspection.`,
    ];
    if (threshold != null && !priceKnown) {
      reasons.push('The invoiced price is unknown, so the item must be returned rather than destroyed.');
    }
    return { route: 'IN_HOUSE', handling: 'RETURN_FOR_INSPECTION', portalUrl: null, reasons };
  }

  validateConfig(config: Readonly<Record<string, unknown>>): FieldError[] {
    const t = config['destroyBelowMinor'];
    if (t == null) return [];
    return Number.isSafeInteger(t) && (t as number) >= 0
      ? []
      : [
          {
            field: 'destroyBelowMinor',
            message: 'must be a non-negative whole number of minor units, or empty',
          },
        ];
  }
}
