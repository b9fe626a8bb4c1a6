/**
 * The one entry function of a routing decision (DOMAIN.md, "The decision, precisely").
 * Pure: the clock (`today`), the fee policy and the manufacturer's config come in; a plain,
 * JSON-serialisable Decision comes out, with its reasons in plain language, in order.
 */
import type { AdapterRegistry } from './adapters/registry.js';
import { defaultAdapterRegistry } from './adapters/registry.js';
import { fromDayNumber, requireDayNumber, toDayNumber } from './dates.js';
import { restockingFeeBreakdown } from './fees.js';
import { formatMoney, isMoney } from './money.js';
import { isSupportTicketSatisfied, normaliseSupportTicketNumber } from './support-ticket.js';
import type {
  Decision,
  DecisionAmounts,
  DecisionInput,
  FeePolicy,
  ManufacturerConfig,
  Money,
  Prerequisite,
  TicketFacts,
  WarrantyVerdict,
} from './types.js';
import {
  describeWarranty,
  evaluateWarrantyOn,
  needsManufactureDate,
  notApplicableWarranty,
  warrantyPolicyFor,
} from './warranty.js';

/** Version of these rules, stored with every decision. Bump it when an outcome or a reason changes. */
export const RULES_VERSION = '1.0.0';

/** The invoiced price as a fresh value, or null when missing or not a non-negative whole amount. */
function knownPrice(ticket: TicketFacts): Money | null {
  const p = ticket.invoicedPrice;
  return isMoney(p) && p.amountMinor >= 0 ? { amountMinor: p.amountMinor, currency: p.currency } : null;
}

function priceOnly(price: Money | null): DecisionAmounts {
  return { invoicedPrice: price, restockingFee: null, credit: null };
}

function decision(
  ticket: TicketFacts,
  fields: Pick<Decision, 'route' | 'handling' | 'warranty' | 'amounts' | 'reasons'> &
    Partial<Pick<Decision, 'prerequisites' | 'portalUrl' | 'adapter'>>,
): Decision {
  return {
    reason: ticket.reason,
    route: fields.route,
    handling: fields.handling,
    warranty: fields.warranty,
    prerequisites: fields.prerequisites ?? [],
    amounts: fields.amounts,
    portalUrl: fields.portalUrl ?? null,
    adapter: fields.adapter ?? null,
    reasons: fields.reasons,
    rulesVersion: RULES_VERSION,
  };
}

function percentText(percent: number): string {
  return `${percent}%`;
}

function decideOrderError(ticket: TicketFacts, fees: FeePolicy, today: number): Decision {
  const reasons: string[] = [];
  if (ticket.unused !== true) {
    reasons.push(
      ticket.unused === false
        ? 'Order error: the product has been used.'
        : 'Order error: the product must be unused, and this is not confirmed.',
    );
  }
  if (ticket.originalPackaging !== true) {
    reasons.push(
      ticket.originalPackaging === false
        ? 'Order error: the product is not in its original packaging.'
        : 'Order error: the product must be in its original packaging, and this is not confirmed.',
    );
  }
  const window = fees.returnWindowDays;
  const delivered = toDayNumber(ticket.deliveredOn);
  const lastDay = delivered + window;
  if (Number.isNaN(delivered)) {
    reasons.push(
      `Order error: the delivery date is missing, so the ${window}-day return window cannot be checked.`,
    );
  } else if (today > lastDay) {
    reasons.push(
      `Order error: the ${window}-day return window from delivery on ${ticket.deliveredOn} ended on ${fromDayNumber(lastDay)}.`,
    );
  }
  const price = knownPrice(ticket);
  if (price === null) {
    reasons.push('Order error: the last invoiced price is unknown, so no credit can be calculated.');
  }
  if (price === null || reasons.length > 0) {
    reasons.push('The product cannot be returned as an order error.');
    return decision(ticket, {
      route: 'NOT_ELIGIBLE',
      handling: null,
      warranty: notApplicableWarranty(),
      amounts: priceOnly(price),
      reasons,
    });
  }

  const fee = restockingFeeBreakdown(price, fees);
  const feeText = formatMoney(fee.fee);
  const feePhrase = fee.minimumApplied
    ? `restocking fee of ${feeText} (the minimum fee${fee.cappedAtPrice ? ', capped at the price' : `; ${percentText(fees.restockingFeePercent)} would be ${formatMoney(fee.percentFee)}`})`
    : `${percentText(fees.restockingFeePercent)} restocking fee of ${feeText}`;
  reasons.push(
    `Order error: unused and in original packaging; ${feePhrase} deducted from ${formatMoney(price)}.`,
    `Returned within the ${window}-day return window (delivered on ${ticket.deliveredOn}, last day ${fromDayNumber(lastDay)}): a credit note of ${formatMoney(fee.credit)} will be issued.`,
  );
  return decision(ticket, {
    route: 'IN_HOUSE',
    handling: 'CREDIT_LESS_RESTOCKING_FEE',
    warranty: notApplicableWarranty(),
    amounts: { invoicedPrice: price, restockingFee: fee.fee, credit: fee.credit },
    reasons,
  });
}

function decideDeliveryError(ticket: TicketFacts, fees: FeePolicy, today: number): Decision {
  const window = fees.deliveryErrorWindowDays;
  const delivered = toDayNumber(ticket.deliveredOn);
  const lastDay = delivered + window;
  const price = knownPrice(ticket);
  if (Number.isNaN(delivered) || today > lastDay) {
    return decision(ticket, {
      route: 'NOT_ELIGIBLE',
      handling: null,
      warranty: notApplicableWarranty(),
      amounts: priceOnly(price),
      reasons: [
        Number.isNaN(delivered)
          ? `Delivery error: the delivery date is missing, so the ${window}-day report window cannot be checked.`
          : `Delivery error: the ${window}-day report window from delivery on ${ticket.deliveredOn} ended on ${fromDayNumber(lastDay)}.`,
        'The product cannot be returned as a delivery error.',
      ],
    });
  }
  return decision(ticket, {
    route: 'IN_HOUSE',
    handling: 'REPLACE_OR_CREDIT',
    warranty: notApplicableWarranty(),
    amounts:
      price === null
        ? priceOnly(null)
        : {
            invoicedPrice: price,
            restockingFee: { amountMinor: 0, currency: price.currency },
            credit: { amountMinor: price.amountMinor, currency: price.currency },
          },
    reasons: [
      `Delivery error: reported within the ${window}-day window from delivery on ${ticket.deliveredOn} (last day ${fromDayNumber(lastDay)}): the distributor will replace the product or credit it in full, with no restocking fee.`,
    ],
  });
}

function unknownWarranty(): WarrantyVerdict {
  return { ...notApplicableWarranty(), status: 'UNKNOWN' };
}

function decideDefect(
  ticket: TicketFacts,
  manufacturer: ManufacturerConfig | null,
  todayDays: number,
  today: string,
  registry: AdapterRegistry,
): Decision {
  if (manufacturer === null || manufacturer === undefined) {
    return decision(ticket, {
      route: 'NOT_ELIGIBLE',
      handling: null,
      warranty: unknownWarranty(),
      amounts: priceOnly(knownPrice(ticket)),
      reasons: [
        'Defect: the manufacturer is not given, so the defect cannot be routed; choose the manufacturer.',
      ],
    });
  }
  const adapter = registry.require(manufacturer.adapter);
  const policy = warrantyPolicyFor(manufacturer, ticket.sku);
  const serial = ticket.serialNumber;
  const decoded =
    adapter.decodeManufactureDate !== undefined &&
    typeof serial === 'string' &&
    needsManufactureDate(ticket, policy)
      ? adapter.decodeManufactureDate(serial)
      : null;
  const warranty = evaluateWarrantyOn(ticket, policy, todayDays, decoded);
  const reasons = [describeWarranty(warranty, policy, ticket)];

  // 1. Warranty: expired or void goes to a repair quote, whatever the adapter; no vendor is bothered.
  if (warranty.status === 'EXPIRED' || warranty.status === 'VOID') {
    reasons.push(
      `${manufacturer.name} is not contacted: the distributor will send a repair quote for the out-of-warranty repair.`,
    );
    return decision(ticket, {
      route: 'IN_HOUSE',
      handling: 'REPAIR_QUOTE',
      warranty,
      amounts: priceOnly(knownPrice(ticket)),
      adapter: manufacturer.adapter,
      reasons,
    });
  }

  // 2. Prerequisites: an unsatisfied one keeps the ticket in AWAITING_PREREQUISITE.
  const prerequisites: Prerequisite[] = [];
  const st = manufacturer.supportTicket;
  if (st) {
    const satisfied = isSupportTicketSatisfied(ticket.supportTicketNumber, st);
    prerequisites.push({ kind: 'SUPPORT_TICKET', satisfied, helpdeskUrl: st.helpdeskUrl });
    const given = normaliseSupportTicketNumber(ticket.supportTicketNumber);
    reasons.push(
      satisfied
        ? `Support ticket ${given} from ${manufacturer.name}'s support desk confirms the fault.`
        : given === null
          ? `${manufacturer.name} requires its support desk to confirm the fault first: get a support ticket at ${st.helpdeskUrl} and add its number to this RMA; the RMA waits until then.`
          : `The support ticket number "${given}" does not match ${manufacturer.name}'s format: check it at ${st.helpdeskUrl}; the RMA waits until a valid number is given.`,
    );
  }

  // 3. The adapter's route.
  const routed = adapter.route({ ticket, manufacturer, warranty, today });
  for (const r of routed.reasons) reasons.push(r);
  return decision(ticket, {
    route: routed.route,
    handling: routed.handling,
    warranty,
    prerequisites,
    amounts: routed.amounts ?? priceOnly(knownPrice(ticket)),
    portalUrl: routed.portalUrl,
    adapter: manufacturer.adapter,
    reasons,
  });
}

/**
 * Decides where a ticket goes and why. Expected outcomes are values: NOT_ELIGIBLE, an unsatisfied
 * prerequisite, an unknown warranty. Facts that are missing or malformed (a date that is not a real
 * date, a negative or fractional price) count as not given.
 *
 * Throws only for programming errors: an invalid `today`, a reason outside REASONS, a fee policy
 * validateFeePolicy rejects, or a manufacturer config validateManufacturerConfig rejects (its adapter
 * is not registered: RulesConfigError UNKNOWN_ADAPTER; its numberPattern does not compile:
 * RulesConfigError INVALID_PATTERN). Validate configs when they are saved, and this never throws.
 */
export function decideRoute(
  input: DecisionInput,
  registry: AdapterRegistry = defaultAdapterRegistry,
): Decision {
  const todayDays = requireDayNumber(input.today, 'today');
  const ticket = input.ticket;
  switch (ticket.reason) {
    case 'ORDER_ERROR':
      return decideOrderError(ticket, input.fees, todayDays);
    case 'DELIVERY_ERROR':
      return decideDeliveryError(ticket, input.fees, todayDays);
    case 'DEFECT':
      return decideDefect(ticket, input.manufacturer, todayDays, input.today, registry);
  }
  throw new RangeError(`Unknown return reason ${JSON.stringify(ticket.reason)}`);
}
