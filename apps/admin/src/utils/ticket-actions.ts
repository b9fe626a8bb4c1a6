/**
 * What the ticket's action buttons say and send: which actions are buttons, which go at once and
 * which open a form, the form's wording, the transition a filled-in form sends (or what is missing),
 * and the message once the API has taken it.
 */
import { formatMoney, type Outcome, type TicketAction } from '@rma/rules';
import type { TicketDetail, TransitionInput, UserTicketAction } from '../api/tickets';
import { parseMoneyInput } from './format';

/** Actions a user sends through the API (the system's and manufacturers' are not buttons). */
export const USER_ACTIONS = new Set<TicketAction>([
  'SUBMIT',
  'PROVIDE_SUPPORT_TICKET',
  'APPROVE',
  'REJECT',
  'REQUEST_INFO',
  'SUPPLY_INFO',
  'AUTHORISE_DESTRUCTION',
  'SHIP',
  'REAPPLY',
  'RECEIVE',
  'START_INSPECTION',
  'RESOLVE',
  'CLOSE',
  'CANCEL',
  'REOPEN',
]);

/** Sent at once, no input. */
export const DIRECT = new Set<TicketAction>(['APPROVE', 'START_INSPECTION', 'CLOSE', 'SUBMIT', 'REAPPLY']);
export const DANGER = new Set<TicketAction>(['REJECT', 'CANCEL']);
const POSITIVE = new Set<TicketAction>([
  'APPROVE',
  'SUBMIT',
  'PROVIDE_SUPPORT_TICKET',
  'SHIP',
  'RESOLVE',
  'RECEIVE',
]);

export function buttonClass(action: UserTicketAction): string {
  if (action === 'APPROVE') return 'btn-success';
  if (DANGER.has(action)) return 'btn-danger';
  if (POSITIVE.has(action)) return 'btn-primary';
  return '';
}

/** The form of each action that has one: its title, the note's label where it takes a note, its button. */
export const FORM_COPY: Partial<
  Record<UserTicketAction, { title: string; noteLabel?: string; submit: string }>
> = {
  REJECT: { title: 'Reject the return', noteLabel: 'Reason (the reseller sees this)', submit: 'Reject' },
  REQUEST_INFO: {
    title: 'Ask the reseller for information',
    noteLabel: 'What do you need?',
    submit: 'Send request',
  },
  REOPEN: { title: 'Reopen as a goodwill exception', noteLabel: 'Why reopen?', submit: 'Reopen' },
  CANCEL: { title: 'Cancel this ticket', noteLabel: 'Why cancel?', submit: 'Cancel ticket' },
  SUPPLY_INFO: { title: 'Answer the distributor', noteLabel: 'Your answer', submit: 'Send' },
  AUTHORISE_DESTRUCTION: {
    title: 'Authorise destruction instead of a return',
    noteLabel: 'Note',
    submit: 'Authorise destruction',
  },
  PROVIDE_SUPPORT_TICKET: { title: 'Add the support ticket number', submit: 'Add number' },
  SHIP: { title: 'Enter the shipment', submit: 'Save tracking' },
  RECEIVE: { title: 'Receive the parcel', submit: 'Mark received' },
  RESOLVE: { title: 'Record the outcome', noteLabel: 'Note', submit: 'Resolve' },
};

/** The fields the action forms show; an API error on another field is told in a toast. */
export const ACTION_FORM_FIELDS = new Set([
  'note',
  'supportTicketNumber',
  'carrier',
  'trackingNumber',
  'rmaNumber',
  'outcome',
  'creditMinor',
  'replacementSerial',
]);

/** What the action forms hold, as typed. */
export interface ActionForm {
  note: string;
  supportTicketNumber: string;
  carrier: string;
  trackingNumber: string;
  rmaNumber: string;
  outcome: Outcome | '';
  credit: string;
  replacementSerial: string;
  replacementCondition: 'NEW' | 'REFURBISHED';
}

/** Rejecting, asking, reopening, and a cancel by staff, must say why. */
export function noteRequired(action: UserTicketAction | null, isStaff: boolean): boolean {
  return (
    action === 'REJECT' ||
    action === 'REQUEST_INFO' ||
    action === 'REOPEN' ||
    (action === 'CANCEL' && isStaff)
  );
}

/** A credit is recorded with these outcomes. */
export function needsCredit(outcome: Outcome | ''): boolean {
  return outcome === 'CREDITED' || outcome === 'DESTROYED_AND_CREDITED';
}

/**
 * The transition a filled-in form sends, texts trimmed and the credit in minor units; or, by field,
 * what is missing or malformed (`input` is null then).
 */
export function actionInput(
  action: UserTicketAction,
  form: ActionForm,
  ctx: { isStaff: boolean; currency: string; supportNumberBad: boolean },
): { input: TransitionInput | null; errors: Record<string, string> } {
  const e: Record<string, string> = {};
  const input: TransitionInput = { action };
  const note = form.note.trim();
  if (note) input.note = note;
  else if (noteRequired(action, ctx.isStaff)) e['note'] = 'Please say why.';
  switch (action) {
    case 'PROVIDE_SUPPORT_TICKET':
      if (!form.supportTicketNumber.trim()) e['supportTicketNumber'] = 'Enter the number from the helpdesk.';
      else if (ctx.supportNumberBad) e['supportTicketNumber'] = 'This does not look like a valid number.';
      input.supportTicketNumber = form.supportTicketNumber.trim();
      break;
    case 'SHIP':
      if (!form.carrier.trim()) e['carrier'] = 'Enter the carrier.';
      if (!form.trackingNumber.trim()) e['trackingNumber'] = 'Enter the tracking number.';
      input.carrier = form.carrier.trim();
      input.trackingNumber = form.trackingNumber.trim();
      break;
    case 'RECEIVE':
      if (!form.rmaNumber.trim()) e['rmaNumber'] = 'Enter the RMA number written on the parcel.';
      input.rmaNumber = form.rmaNumber.trim().toUpperCase();
      break;
    case 'RESOLVE': {
      if (!form.outcome) {
        e['outcome'] = 'Choose the outcome.';
        break;
      }
      input.outcome = form.outcome;
      if (needsCredit(form.outcome)) {
        const minor = parseMoneyInput(form.credit, ctx.currency);
        if (minor === null) e['creditMinor'] = `Enter an amount such as 69.70 (${ctx.currency}).`;
        else input.creditMinor = minor;
      }
      if (form.outcome === 'REPLACED') {
        if (!form.replacementSerial.trim())
          e['replacementSerial'] = 'Enter the serial number of the replacement.';
        input.replacementSerial = form.replacementSerial.trim();
        input.replacementCondition = form.replacementCondition;
      }
      break;
    }
    default:
      break;
  }
  return { input: Object.keys(e).length ? null : input, errors: e };
}

/** What the user is told once the API has taken the action, from the ticket it answers. */
export function successMessage(action: UserTicketAction, t: TicketDetail): string {
  switch (action) {
    case 'APPROVE':
      return t.rma ? `Approved: RMA number ${t.rma.number} issued.` : 'Approved.';
    case 'PROVIDE_SUPPORT_TICKET':
      return t.status === 'AWAITING_PREREQUISITE'
        ? 'Number saved, but it does not match the vendor format yet.'
        : 'Support ticket number accepted; the ticket is routed.';
    case 'SUBMIT':
      return 'Ticket submitted.';
    case 'RESOLVE':
      return t.credit ? `Resolved with a credit of ${formatMoney(t.credit)}.` : 'Resolved.';
    case 'RECEIVE':
      return 'Parcel received.';
    case 'START_INSPECTION':
      return 'Inspection started.';
    case 'SHIP':
      return 'Tracking saved: the distributor expects the parcel.';
    case 'CANCEL':
      return 'Ticket cancelled.';
    case 'REJECT':
      return 'Return rejected; the reseller sees your reason.';
    case 'REQUEST_INFO':
      return 'Question sent to the reseller.';
    case 'SUPPLY_INFO':
      return 'Answer sent to the distributor.';
    case 'REOPEN':
      return 'Ticket reopened for review.';
    case 'AUTHORISE_DESTRUCTION':
      return 'Destruction authorised.';
    case 'REAPPLY':
      return 'Re-applied: the ticket is back in review.';
    case 'CLOSE':
      return 'Ticket closed.';
  }
}
