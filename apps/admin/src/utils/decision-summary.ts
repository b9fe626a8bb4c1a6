/**
 * One line that says where a decision sends the ticket, for the live preview and the ticket page:
 * "Goes to the innovaphone portal", "Needs a Grandstream helpdesk ticket number first",
 * "Order error: EUR 12.30 restocking fee, credit EUR 69.70". Wording only: the decision itself comes
 * from decideRoute (@rma/rules).
 */
import { formatMoney, type Decision } from '@rma/rules';
import type { Tone } from './labels';

export interface DecisionHeadline {
  tone: Tone;
  text: string;
}

export function unsatisfiedPrerequisite(decision: Decision) {
  return decision.prerequisites.find((p) => !p.satisfied) ?? null;
}

export function decisionHeadline(decision: Decision, manufacturerName: string | null): DecisionHeadline {
  const vendor = manufacturerName ?? 'the manufacturer';
  if (unsatisfiedPrerequisite(decision)) {
    return { tone: 'warn', text: `Needs a ${vendor} helpdesk ticket number first` };
  }
  const a = decision.amounts;
  switch (decision.route) {
    case 'NOT_ELIGIBLE':
      return { tone: 'danger', text: 'Not eligible for return' };
    case 'VENDOR_PORTAL':
      return { tone: 'accent', text: `Goes to the ${vendor} portal` };
    case 'VENDOR_WEBHOOK':
      return { tone: 'accent', text: `Forwarded to ${vendor} for its decision` };
    case 'IN_HOUSE':
      switch (decision.handling) {
        case 'CREDIT_LESS_RESTOCKING_FEE':
          return {
            tone: 'success',
            text:
              a.restockingFee && a.credit
                ? `Order error: ${formatMoney(a.restockingFee)} restocking fee, credit ${formatMoney(a.credit)}`
                : 'Order error: credit less the restocking fee',
          };
        case 'REPLACE_OR_CREDIT':
          return {
            tone: 'success',
            text: a.credit
              ? `Delivery error: replacement or full credit of ${formatMoney(a.credit)}`
              : 'Delivery error: replacement or full credit, no fee',
          };
        case 'DESTROY_AND_CREDIT':
          return {
            tone: 'success',
            text: a.credit
              ? `No return needed: destroy it, credit ${formatMoney(a.credit)}`
              : 'No return needed: destroy it and get a credit',
          };
        case 'REPAIR_QUOTE':
          return { tone: 'warn', text: 'Out of warranty: the distributor sends a repair quote' };
        case 'RETURN_FOR_INSPECTION':
        case null:
          return { tone: 'info', text: 'Returns to the distributor for inspection' };
      }
  }
}
