/**
 * The values a transition writes on the ticket besides its status, from the effects table and the
 * action's input: values, or the problems with the input (a 400 naming the field), or a refusal.
 */
import type { Outcome, RoutedStatus, TicketAction, TicketStatus } from './lifecycle.js';
import { statusForDecision, TRANSITIONS } from './lifecycle.js';
import { formatRmaNumber, rmaValidUntil } from './rma-number.js';
import { slaChange, transitionEffects } from './transition-effects.js';
import type {
  Decision,
  DecisionAmounts,
  FieldError,
  Handling,
  IsoDate,
  Route,
  WarrantyStatus,
} from './types.js';
import { replacementCoveredUntil } from './warranty.js';

/** Days an RMA number stays valid when the manufacturer's configuration does not say. */
export const DEFAULT_RMA_VALIDITY_DAYS = 14;

/** The currency of a credit when neither the decision nor the ticket knows one. */
export const FALLBACK_CURRENCY = 'EUR';

/** What the actor gives with an action (the API's TransitionDto, a manufacturer's callback). */
export interface TransitionInput {
  carrier?: string | null;
  trackingNumber?: string | null;
  /** RECEIVE: the RMA number on the parcel, if read. */
  rmaNumber?: string | null;
  outcome?: Outcome | null;
  /** CREDITED / DESTROYED_AND_CREDITED: the credit, when not the decision's. */
  creditMinor?: number | null;
  replacementSerial?: string | null;
  vendorRmaNumber?: string | null;
}

/** What the values depend on of the ticket as it was before the action. */
export interface TicketBeforeAction {
  rmaNumber: string | null;
  currency: string | null;
  decision: { amounts: DecisionAmounts; warranty: { endsOn: IsoDate | null } } | null;
}

/** The columns a transition may write besides the status. */
export interface TransitionValues {
  slaDueOn?: IsoDate | null;
  rmaNumber?: string | null;
  rmaIssuedOn?: IsoDate | null;
  rmaValidUntil?: IsoDate | null;
  carrier?: string;
  trackingNumber?: string;
  shippedOn?: IsoDate;
  receivedAt?: Date;
  outcome?: Outcome;
  creditMinor?: number | null;
  currency?: string;
  replacementSerial?: string;
  replacementCoveredUntil?: IsoDate;
  vendorRmaNumber?: string;
}

export interface TransitionChange {
  today: IsoDate;
  /** The moment, for what is recorded as a time (the parcel's receipt). */
  now: Date;
  /** The status the action leads to (SUBMIT, PROVIDE_SUPPORT_TICKET: the routed one). */
  to: TicketStatus;
  ticket: TicketBeforeAction;
  input?: TransitionInput;
  /** Actions that issue an RMA number (APPROVE): the next number in sequence and the manufacturer's validity days. */
  rma?: { sequence: number; validityDays: number | null | undefined };
}

export type TransitionValuesResult =
  | { ok: true; values: TransitionValues }
  /** The input lacks what the action needs; each problem names its field. */
  | { ok: false; code: 'INVALID_INPUT'; problems: FieldError[] }
  /** The action cannot be taken with this input (a parcel with another ticket's RMA number). */
  | { ok: false; code: 'REFUSED'; message: string };

const invalid = (problems: FieldError[]): TransitionValuesResult => ({
  ok: false,
  code: 'INVALID_INPUT',
  problems,
});

/** The RMA number issued on `today`: `RMA-<year>-<sequence>`, valid `validityDays` (default 14) days. */
export function issuedRma(
  today: IsoDate,
  sequence: number,
  validityDays: number | null | undefined,
): Required<Pick<TransitionValues, 'rmaNumber' | 'rmaIssuedOn' | 'rmaValidUntil'>> {
  return {
    rmaNumber: formatRmaNumber(Number(today.slice(0, 4)), sequence),
    rmaIssuedOn: today,
    rmaValidUntil: rmaValidUntil(today, validityDays ?? DEFAULT_RMA_VALIDITY_DAYS),
  };
}

/**
 * What recording `outcome` writes: a credit (the amount given, else the decision's credit, else the
 * invoiced price) in the decision's currency (else the ticket's, else EUR); a replacement's serial and
 * how long it is covered (replacementCoveredUntil); no credit for a repair or a unit not defective.
 */
export function outcomeValues(
  outcome: Outcome,
  input: Pick<TransitionInput, 'creditMinor' | 'replacementSerial'>,
  ticket: Pick<TicketBeforeAction, 'currency' | 'decision'>,
  today: IsoDate,
): { ok: true; values: TransitionValues } | { ok: false; problems: FieldError[] } {
  const amounts = ticket.decision?.amounts;
  switch (outcome) {
    case 'CREDITED':
    case 'DESTROYED_AND_CREDITED': {
      const credit = input.creditMinor ?? amounts?.credit?.amountMinor ?? amounts?.invoicedPrice?.amountMinor;
      if (credit === undefined)
        return {
          ok: false,
          problems: [{ field: 'creditMinor', message: 'no invoiced price is known: give the credit amount' }],
        };
      const currency = amounts?.invoicedPrice?.currency ?? ticket.currency ?? FALLBACK_CURRENCY;
      return { ok: true, values: { outcome, creditMinor: credit, currency } };
    }
    case 'REPLACED':
      if (!input.replacementSerial)
        return {
          ok: false,
          problems: [{ field: 'replacementSerial', message: 'the replacement serial number is required' }],
        };
      return {
        ok: true,
        values: {
          outcome,
          replacementSerial: input.replacementSerial,
          replacementCoveredUntil: replacementCoveredUntil(today, ticket.decision?.warranty.endsOn ?? null),
          creditMinor: null,
        },
      };
    case 'REPAIRED':
    case 'NOT_DEFECTIVE':
      return { ok: true, values: { outcome, creditMinor: null } };
  }
}

/** The carrier and the tracking number are both needed to ship. */
export function shipmentValues(
  input: Pick<TransitionInput, 'carrier' | 'trackingNumber'>,
  today: IsoDate,
): { ok: true; values: TransitionValues } | { ok: false; problems: FieldError[] } {
  const problems: FieldError[] = [];
  if (!input.carrier) problems.push({ field: 'carrier', message: 'carrier is required to ship' });
  if (!input.trackingNumber)
    problems.push({ field: 'trackingNumber', message: 'trackingNumber is required to ship' });
  if (!input.carrier || !input.trackingNumber) return { ok: false, problems };
  return {
    ok: true,
    values: { carrier: input.carrier, trackingNumber: input.trackingNumber, shippedOn: today },
  };
}

/** Why a parcel is refused at receipt (null: accepted): the RMA number read on it is not the ticket's. */
export function parcelRefusal(
  parcelRmaNumber: string | null | undefined,
  ticketRmaNumber: string | null,
): string | null {
  if (parcelRmaNumber == null || parcelRmaNumber.toUpperCase() === ticketRmaNumber) return null;
  return `Parcel refused: RMA number ${parcelRmaNumber} is not this ticket's (${ticketRmaNumber ?? 'none'})`;
}

/**
 * What `action` writes besides the status, by the effects table: the service level, the RMA number,
 * and what it records from `change.input`. SUBMIT and PROVIDE_SUPPORT_TICKET give only their
 * service level here; the routing's own values come from routingValues.
 */
export function transitionValues(action: TicketAction, change: TransitionChange): TransitionValuesResult {
  const effects = transitionEffects(action);
  const input = change.input ?? {};
  const values: TransitionValues = {};
  switch (effects.rmaNumber) {
    case 'KEEP':
      break;
    case 'ISSUE':
      if (!change.rma) throw new RangeError(`${action} issues an RMA number: give its sequence`);
      Object.assign(values, issuedRma(change.today, change.rma.sequence, change.rma.validityDays));
      break;
    case 'CLEAR':
      Object.assign(values, { rmaNumber: null, rmaIssuedOn: null, rmaValidUntil: null });
      break;
  }
  for (const record of effects.records) {
    switch (record) {
      case 'DECISION':
      case 'SUPPORT_TICKET_NUMBER':
        break; // routingValues
      case 'SHIPMENT': {
        const shipped = shipmentValues(input, change.today);
        if (!shipped.ok) return invalid(shipped.problems);
        Object.assign(values, shipped.values);
        break;
      }
      case 'RECEIPT': {
        const refused = parcelRefusal(input.rmaNumber, change.ticket.rmaNumber);
        if (refused !== null) return { ok: false, code: 'REFUSED', message: refused };
        values.receivedAt = change.now;
        break;
      }
      case 'OUTCOME': {
        const outcome = input.outcome ?? TRANSITIONS[action].impliedOutcome;
        if (!outcome) return invalid([{ field: 'outcome', message: 'outcome is required' }]);
        const recorded = outcomeValues(outcome, input, change.ticket, change.today);
        if (!recorded.ok) return invalid(recorded.problems);
        Object.assign(values, recorded.values);
        break;
      }
      case 'VENDOR_RMA_NUMBER':
        if (!input.vendorRmaNumber)
          return invalid([
            { field: 'vendorRmaNumber', message: "The manufacturer's RMA number is required." },
          ]);
        values.vendorRmaNumber = input.vendorRmaNumber;
        break;
      case 'REPLACEMENT_SHIPPED':
        // The manufacturer need not say the replacement's serial; when it does, its cover is recorded.
        Object.assign(values, { outcome: 'REPLACED', creditMinor: null });
        if (input.replacementSerial) {
          values.replacementSerial = input.replacementSerial;
          values.replacementCoveredUntil = replacementCoveredUntil(
            change.today,
            change.ticket.decision?.warranty.endsOn ?? null,
          );
        }
        break;
    }
  }
  return { ok: true, values: { ...values, ...slaChange(action, change.to, change.today) } };
}

/** What routing a submitted ticket writes: where the decision sends it and what it found. */
export interface RoutingValues {
  status: RoutedStatus;
  decision: Decision;
  rulesVersion: string;
  route: Route;
  handling: Handling | null;
  warrantyStatus: WarrantyStatus;
  /** The invoiced price's currency, else the tenant's. */
  currency: string | null;
  creditMinor: null;
  slaDueOn: IsoDate | null;
}

/** The values of a routed ticket (SUBMIT, PROVIDE_SUPPORT_TICKET): the decision and its status. */
export function routingValues(
  decision: Decision,
  today: IsoDate,
  tenantCurrency: string | null | undefined,
): RoutingValues {
  const status = statusForDecision(decision);
  return {
    status,
    decision,
    rulesVersion: decision.rulesVersion,
    route: decision.route,
    handling: decision.handling,
    warrantyStatus: decision.warranty.status,
    currency: decision.amounts.invoicedPrice?.currency ?? tenantCurrency ?? null,
    creditMinor: null,
    slaDueOn: slaChange('ROUTE', status, today).slaDueOn ?? null,
  };
}
