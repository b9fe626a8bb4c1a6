/**
 * What each lifecycle action causes besides its status, as a table beside TRANSITIONS: the service
 * level it sets or clears, what happens to the RMA number, what it records, the webhook it sends the
 * manufacturer, the e-mail it sends the reseller, and the timeline note that describes it.
 */
import { addDays } from './dates.js';
import type { GuardName, Outcome, TicketAction, TicketStatus } from './lifecycle.js';
import { TICKET_ACTIONS } from './lifecycle.js';
import type { MailKind } from './mail.js';
import { DEFAULT_SLA_CONFIG } from './sla.js';
import type { IsoDate } from './types.js';

/** Events sent to manufacturers. `rma.forwarded` is always sent; the others when the endpoint subscribes. */
export const OUTBOUND_EVENTS = ['rma.forwarded', 'rma.info_supplied', 'rma.cancelled'] as const;
export type OutboundEvent = (typeof OUTBOUND_EVENTS)[number];

/** The service level's due day after the action. */
export type SlaEffect =
  | { kind: 'KEEP' }
  | { kind: 'CLEAR' }
  /** Due `days` after today (inclusive, like every window). */
  | { kind: 'DUE_IN'; days: number }
  /** Routing: due `days` after today when the ticket lands IN_REVIEW (staff owe the answer), else none. */
  | { kind: 'DUE_IN_IF_IN_REVIEW'; days: number };

/** ISSUE: a new RMA number, valid the manufacturer's days; CLEAR: the lapsed one is dropped. */
export type RmaNumberEffect = 'KEEP' | 'ISSUE' | 'CLEAR';

/** What an action records on the ticket from its input. */
export const TRANSITION_RECORDS = [
  /** The routing decision, its route and handling (decideRoute). */
  'DECISION',
  'SUPPORT_TICKET_NUMBER',
  /** The carrier, the tracking number and the day shipped. */
  'SHIPMENT',
  /** When the parcel arrived; one with another ticket's RMA number is refused. */
  'RECEIPT',
  /** The outcome staff record, with its credit or replacement. */
  'OUTCOME',
  'VENDOR_RMA_NUMBER',
  /** The manufacturer's replacement: outcome REPLACED, with the serial when given. */
  'REPLACEMENT_SHIPPED',
] as const;
export type TransitionRecord = (typeof TRANSITION_RECORDS)[number];

export type WebhookRule =
  /** Sent when the action leaves the ticket FORWARDED, i.e. routed to the manufacturer's webhook. */
  | { event: 'rma.forwarded'; when: 'ROUTED_FORWARDED' }
  /** Sent for a VENDOR_WEBHOOK ticket already forwarded, if the manufacturer's endpoint subscribes. */
  | { event: Exclude<OutboundEvent, 'rma.forwarded'>; when: 'FORWARDED_BEFORE' };

export type MailRule =
  | { kind: MailKind }
  /** The kind by the status the action left the ticket in (routing), `otherwise` for the rest. */
  | { byStatus: Partial<Record<TicketStatus, MailKind>>; otherwise: MailKind };

/** What a timeline note may tell, from the action's input, the ticket, or the manufacturer calling back. */
export interface NoteFacts {
  carrier?: string | null;
  trackingNumber?: string | null;
  outcome?: Outcome | null;
  /** The ticket's RMA number and its last valid day (EXPIRE). */
  rmaNumber?: string | null;
  rmaValidUntil?: IsoDate | null;
  /** Set when the manufacturer acts by callback. */
  manufacturerName?: string | null;
  vendorRmaNumber?: string | null;
  /** The manufacturer's reason for rejecting. */
  reason?: string | null;
  replacementSerial?: string | null;
  /** The note given with the action. */
  note?: string | null;
}

export interface TransitionEffects {
  sla: SlaEffect;
  rmaNumber: RmaNumberEffect;
  records: readonly TransitionRecord[];
  webhook: WebhookRule | null;
  mail: MailRule | null;
  /**
   * The timeline note describing the action, when the actor gave none (null: none). A manufacturer's
   * callback is always described this way.
   */
  note: (facts: NoteFacts) => string | null;
}

const KEEP: SlaEffect = { kind: 'KEEP' };
const CLEAR: SlaEffect = { kind: 'CLEAR' };
const FIRST_ANSWER: SlaEffect = { kind: 'DUE_IN', days: DEFAULT_SLA_CONFIG.firstAnswerDays };
const INSPECTION: SlaEffect = { kind: 'DUE_IN', days: DEFAULT_SLA_CONFIG.inspectionDays };
const ROUTED: SlaEffect = { kind: 'DUE_IN_IF_IN_REVIEW', days: DEFAULT_SLA_CONFIG.firstAnswerDays };

const FORWARDED: WebhookRule = { event: 'rma.forwarded', when: 'ROUTED_FORWARDED' };
const SUBMITTED_MAIL: MailRule = {
  byStatus: { AWAITING_PREREQUISITE: 'AWAITING_PREREQUISITE', REJECTED: 'REJECTED' },
  otherwise: 'SUBMITTED',
};
const mail = (kind: MailKind): MailRule => ({ kind });
const noNote = (): null => null;

const NOTHING = {
  sla: KEEP,
  rmaNumber: 'KEEP',
  records: [],
  webhook: null,
  mail: null,
  note: noNote,
} as const;

/** The effects table: one entry per lifecycle action (TRANSITIONS), in its order. */
export const TRANSITION_EFFECTS: Readonly<Record<TicketAction, TransitionEffects>> = {
  SUBMIT: { ...NOTHING, sla: ROUTED, records: ['DECISION'], webhook: FORWARDED, mail: SUBMITTED_MAIL },
  // A timeline entry written with SUBMIT and PROVIDE_SUPPORT_TICKET, which send the messages.
  ROUTE: { ...NOTHING, sla: ROUTED, records: ['DECISION'] },
  PROVIDE_SUPPORT_TICKET: {
    ...NOTHING,
    sla: ROUTED,
    records: ['SUPPORT_TICKET_NUMBER', 'DECISION'],
    webhook: FORWARDED,
    mail: SUBMITTED_MAIL,
  },
  APPROVE: { ...NOTHING, sla: CLEAR, rmaNumber: 'ISSUE', mail: mail('APPROVED') },
  REJECT: { ...NOTHING, sla: CLEAR, mail: mail('REJECTED') },
  REQUEST_INFO: { ...NOTHING, sla: CLEAR, mail: mail('INFO_REQUESTED') },
  SUPPLY_INFO: {
    ...NOTHING,
    sla: FIRST_ANSWER,
    webhook: { event: 'rma.info_supplied', when: 'FORWARDED_BEFORE' },
  },
  AUTHORISE_DESTRUCTION: { ...NOTHING, sla: CLEAR, mail: mail('DESTRUCTION_AUTHORISED') },
  SHIP: {
    ...NOTHING,
    records: ['SHIPMENT'],
    note: (f) => `Shipped with ${f.carrier}, tracking ${f.trackingNumber}`,
  },
  EXPIRE: {
    ...NOTHING,
    sla: CLEAR,
    mail: mail('EXPIRED'),
    note: (f) => `RMA number ${f.rmaNumber} was valid until ${f.rmaValidUntil} and the item was not shipped.`,
  },
  REAPPLY: { ...NOTHING, sla: FIRST_ANSWER, rmaNumber: 'CLEAR' },
  RECEIVE: { ...NOTHING, sla: INSPECTION, records: ['RECEIPT'], mail: mail('RECEIVED') },
  START_INSPECTION: NOTHING,
  RESOLVE: {
    ...NOTHING,
    sla: CLEAR,
    records: ['OUTCOME'],
    mail: mail('RESOLVED'),
    note: (f) => `Outcome: ${f.outcome}`,
  },
  CLOSE: {
    ...NOTHING,
    sla: CLEAR,
    note: (f) => {
      if (!f.manufacturerName) return null;
      return f.note
        ? `${f.manufacturerName} closed the RMA: ${f.note}`
        : `${f.manufacturerName} closed the RMA`;
    },
  },
  CANCEL: { ...NOTHING, sla: CLEAR, webhook: { event: 'rma.cancelled', when: 'FORWARDED_BEFORE' } },
  REOPEN: { ...NOTHING, sla: FIRST_ANSWER },
  // A forwarded ticket's manufacturer answers by callback: the reseller hears what it decided.
  VENDOR_ACCEPT: {
    ...NOTHING,
    records: ['VENDOR_RMA_NUMBER'],
    mail: mail('VENDOR_ACCEPTED'),
    note: (f) => `${f.manufacturerName} accepted the RMA under its own RMA number ${f.vendorRmaNumber}`,
  },
  VENDOR_REJECT: {
    ...NOTHING,
    sla: CLEAR,
    mail: mail('VENDOR_REJECTED'),
    note: (f) => `${f.manufacturerName} rejected the RMA: ${f.reason}`,
  },
  VENDOR_SHIP_REPLACEMENT: {
    ...NOTHING,
    sla: CLEAR,
    records: ['REPLACEMENT_SHIPPED'],
    mail: mail('RESOLVED'),
    note: (f) =>
      [
        `${f.manufacturerName} shipped a replacement`,
        f.carrier ? ` with ${f.carrier}` : '',
        `, tracking ${f.trackingNumber}`,
        f.replacementSerial ? `, serial ${f.replacementSerial}` : '',
      ].join(''),
  },
};

/** Whether `action` is a lifecycle action (the API also names CREATE, which is none). */
export function isTicketAction(action: string): action is TicketAction {
  return (TICKET_ACTIONS as readonly string[]).includes(action);
}

/** The effects of `action` (see TRANSITION_EFFECTS). */
export function transitionEffects(action: TicketAction): TransitionEffects {
  return TRANSITION_EFFECTS[action];
}

/**
 * The service-level change `action` makes when it leaves the ticket in `to` (for SUBMIT and
 * PROVIDE_SUPPORT_TICKET: the routed status): `{ slaDueOn }` to write, or `{}` when it stays.
 */
export function slaChange(
  action: TicketAction,
  to: TicketStatus,
  today: IsoDate,
): { slaDueOn?: IsoDate | null } {
  const sla = TRANSITION_EFFECTS[action].sla;
  switch (sla.kind) {
    case 'KEEP':
      return {};
    case 'CLEAR':
      return { slaDueOn: null };
    case 'DUE_IN':
      return { slaDueOn: addDays(today, sla.days) };
    case 'DUE_IN_IF_IN_REVIEW':
      return { slaDueOn: to === 'IN_REVIEW' ? addDays(today, sla.days) : null };
  }
}

/** A webhook a change sends: ALWAYS (to the ticket's manufacturer), or only if it was forwarded and subscribes. */
export interface WebhookSend {
  event: OutboundEvent;
  condition: 'ALWAYS' | 'IF_FORWARDED_AND_SUBSCRIBED';
}

/**
 * The webhook a ticket change sends its manufacturer, if any: `rma.forwarded` when the ticket has just
 * been routed FORWARDED; the later events only for a ticket routed VENDOR_WEBHOOK, and then only if it
 * was forwarded before and the endpoint subscribes to the event. A ticket without a manufacturer
 * sends none (the caller knows).
 */
export function webhookEventFor(action: string, status: string, route: string | null): WebhookSend | null {
  if (!isTicketAction(action)) return null;
  const rule = TRANSITION_EFFECTS[action].webhook;
  if (rule === null) return null;
  switch (rule.when) {
    case 'ROUTED_FORWARDED':
      return status === 'FORWARDED' ? { event: rule.event, condition: 'ALWAYS' } : null;
    case 'FORWARDED_BEFORE':
      return route === 'VENDOR_WEBHOOK'
        ? { event: rule.event, condition: 'IF_FORWARDED_AND_SUBSCRIBED' }
        : null;
  }
}

/** The e-mail the reseller gets when `action` leaves the ticket in `status`, if any. */
export function mailFor(action: string, status: string): MailKind | null {
  if (!isTicketAction(action)) return null;
  const rule = TRANSITION_EFFECTS[action].mail;
  if (rule === null) return null;
  if ('kind' in rule) return rule.kind;
  return rule.byStatus[status as TicketStatus] ?? rule.otherwise;
}

/** The note describing `action` when its actor gave none (for a manufacturer's callback: always). */
export function transitionNote(action: TicketAction, facts: NoteFacts): string | null {
  return TRANSITION_EFFECTS[action].note(facts);
}

/** The input field a failed INPUT guard names in a 400 (a guard not listed is not the caller's input). */
export const GUARD_INPUT_FIELDS: Readonly<Partial<Record<GuardName, string>>> = {
  NOTE_REQUIRED: 'note',
  NOTE_REQUIRED_FOR_STAFF: 'note',
  SUPPORT_TICKET_NUMBER_REQUIRED: 'supportTicketNumber',
  OUTCOME_ALLOWED: 'outcome',
  VENDOR_RMA_NUMBER_REQUIRED: 'vendorRmaNumber',
};

/** The field a failed guard names, or null when the failure is not about the caller's input. */
export function guardInputField(guard: GuardName | undefined): string | null {
  return guard === undefined ? null : (GUARD_INPUT_FIELDS[guard] ?? null);
}
