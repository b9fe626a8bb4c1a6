/**
 * The ticket lifecycle as data (DOMAIN.md, Lifecycle): statuses, actors, and one table of actions
 * (from-statuses, target, who, guards) that the API enforces and the admin renders. `transition`
 * answers with a value, never an exception.
 */
import { toDayNumber } from './dates.js';
import type { Decision, IsoDate } from './types.js';

export const TICKET_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'AWAITING_PREREQUISITE',
  'REDIRECTED',
  'FORWARDED',
  'VENDOR_ACCEPTED',
  'VENDOR_REJECTED',
  'IN_REVIEW',
  'INFO_REQUESTED',
  'APPROVED',
  'SHIPPED',
  'RECEIVED',
  'INSPECTING',
  'DESTRUCTION_AUTHORISED',
  'RESOLVED',
  'CLOSED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses no action leaves. */
export const FINAL_STATUSES = [
  'REDIRECTED',
  'CLOSED',
  'CANCELLED',
] as const satisfies readonly TicketStatus[];
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export function isFinalStatus(status: TicketStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly TicketStatus[]).includes(status);
}

export const ROLES = ['DISTRIBUTOR_ADMIN', 'DISTRIBUTOR_AGENT', 'RESELLER_ADMIN', 'RESELLER_AGENT'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: a user's role, the platform itself, or a manufacturer calling back (webhook). */
export type Actor = Role | 'SYSTEM' | 'MANUFACTURER';
export const ACTORS = [...ROLES, 'SYSTEM', 'MANUFACTURER'] as const satisfies readonly Actor[];

export const STAFF_ROLES = ['DISTRIBUTOR_ADMIN', 'DISTRIBUTOR_AGENT'] as const satisfies readonly Role[];
export const RESELLER_ROLES = ['RESELLER_ADMIN', 'RESELLER_AGENT'] as const satisfies readonly Role[];

/** Distributor staff (admin or agent). */
export function isStaff(actor: Actor): actor is (typeof STAFF_ROLES)[number] {
  return actor === 'DISTRIBUTOR_ADMIN' || actor === 'DISTRIBUTOR_AGENT';
}

/** A reseller user (admin or agent). */
export function isReseller(actor: Actor): actor is (typeof RESELLER_ROLES)[number] {
  return actor === 'RESELLER_ADMIN' || actor === 'RESELLER_AGENT';
}

/** Outcomes recorded at RESOLVED. */
export const OUTCOMES = [
  'CREDITED',
  'REPLACED',
  'REPAIRED',
  'NOT_DEFECTIVE',
  'DESTROYED_AND_CREDITED',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TICKET_ACTIONS = [
  'SUBMIT',
  'ROUTE',
  'PROVIDE_SUPPORT_TICKET',
  'APPROVE',
  'REJECT',
  'REQUEST_INFO',
  'SUPPLY_INFO',
  'AUTHORISE_DESTRUCTION',
  'SHIP',
  'EXPIRE',
  'REAPPLY',
  'RECEIVE',
  'START_INSPECTION',
  'RESOLVE',
  'CLOSE',
  'CANCEL',
  'REOPEN',
  'VENDOR_ACCEPT',
  'VENDOR_REJECT',
  'VENDOR_SHIP_REPLACEMENT',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * Guards. INPUT guards are what the actor must supply with the action (a form's fields); STATE guards
 * depend on the ticket and the clock. allowedActions with a context checks STATE guards only.
 */
export const GUARDS = {
  DECISION_REQUIRED: { kind: 'INPUT', description: 'the routing decision (decideRoute) is required' },
  NOTE_REQUIRED: { kind: 'INPUT', description: 'a note explaining why is required' },
  NOTE_REQUIRED_FOR_STAFF: { kind: 'INPUT', description: 'staff must give a note explaining why' },
  SUPPORT_TICKET_NUMBER_REQUIRED: { kind: 'INPUT', description: 'the support ticket number is required' },
  OUTCOME_ALLOWED: { kind: 'INPUT', description: 'an outcome allowed from this status is required' },
  VENDOR_RMA_NUMBER_REQUIRED: { kind: 'INPUT', description: "the manufacturer's own RMA number is required" },
  RMA_VALID: { kind: 'STATE', description: 'an RMA number that is still valid today' },
  RMA_VALID_ON_RECEIPT: {
    kind: 'STATE',
    description:
      'an RMA number that was still valid when the parcel was shipped (or today, if not marked shipped)',
  },
  RMA_EXPIRED: { kind: 'STATE', description: "the RMA number's validity has passed" },
} as const satisfies Record<string, { kind: 'INPUT' | 'STATE'; description: string }>;
export type GuardName = keyof typeof GUARDS;

export interface TransitionDefinition {
  /** Statuses the action may be taken from. */
  from: readonly TicketStatus[];
  /** Possible targets: one, except ROUTE, whose target statusForDecision chooses. */
  to: readonly TicketStatus[];
  /** Actors that may take it. */
  actors: readonly Actor[];
  /** Actors limited to some of `from` (the manufacturer closes only its own vendor outcomes). */
  actorFrom?: Partial<Record<Actor, readonly TicketStatus[]>>;
  guards: readonly GuardName[];
  /** Outcomes allowed, by from-status (RESOLVE, VENDOR_SHIP_REPLACEMENT). */
  outcomes?: Partial<Record<TicketStatus, readonly Outcome[]>>;
  /** The outcome recorded when none is given (VENDOR_SHIP_REPLACEMENT: REPLACED). */
  impliedOutcome?: Outcome;
  description: string;
}

const RESELLERS = RESELLER_ROLES;
const STAFF = STAFF_ROLES;

/** The lifecycle table. Every action, its from-statuses, its target(s), who may take it and its guards. */
export const TRANSITIONS: Readonly<Record<TicketAction, TransitionDefinition>> = {
  SUBMIT: {
    from: ['DRAFT'],
    to: ['SUBMITTED'],
    actors: RESELLERS,
    guards: [],
    description: 'The reseller submits a draft.',
  },
  ROUTE: {
    from: ['SUBMITTED'],
    to: ['AWAITING_PREREQUISITE', 'REDIRECTED', 'FORWARDED', 'IN_REVIEW', 'REJECTED'],
    actors: ['SYSTEM'],
    guards: ['DECISION_REQUIRED'],
    description: 'The platform applies the routing decision; statusForDecision picks the target.',
  },
  PROVIDE_SUPPORT_TICKET: {
    from: ['AWAITING_PREREQUISITE'],
    to: ['SUBMITTED'],
    actors: RESELLERS,
    guards: ['SUPPORT_TICKET_NUMBER_REQUIRED'],
    description: 'The reseller gives the support ticket number; the ticket is routed again.',
  },
  APPROVE: {
    from: ['IN_REVIEW'],
    to: ['APPROVED'],
    actors: STAFF,
    guards: [],
    description: 'Staff approve the return; an RMA number is issued.',
  },
  REJECT: {
    from: ['IN_REVIEW'],
    to: ['REJECTED'],
    actors: STAFF,
    guards: ['NOTE_REQUIRED'],
    description: 'Staff reject the return, saying why.',
  },
  REQUEST_INFO: {
    from: ['IN_REVIEW'],
    to: ['INFO_REQUESTED'],
    actors: STAFF,
    guards: ['NOTE_REQUIRED'],
    description: 'Staff ask the reseller for more information.',
  },
  SUPPLY_INFO: {
    from: ['INFO_REQUESTED'],
    to: ['IN_REVIEW'],
    actors: RESELLERS,
    guards: [],
    description: 'The reseller supplies the information asked for.',
  },
  AUTHORISE_DESTRUCTION: {
    from: ['IN_REVIEW'],
    to: ['DESTRUCTION_AUTHORISED'],
    actors: STAFF,
    guards: [],
    description: 'Staff authorise destruction and credit instead of a return.',
  },
  SHIP: {
    from: ['APPROVED'],
    to: ['SHIPPED'],
    actors: RESELLERS,
    guards: ['RMA_VALID'],
    description: 'The reseller ships the item with its still-valid RMA number.',
  },
  EXPIRE: {
    from: ['APPROVED'],
    to: ['EXPIRED'],
    actors: ['SYSTEM'],
    guards: ['RMA_EXPIRED'],
    description: 'The RMA number lapsed before the item was shipped.',
  },
  REAPPLY: {
    from: ['EXPIRED'],
    to: ['IN_REVIEW'],
    actors: RESELLERS,
    guards: [],
    description: 'The reseller re-applies after the RMA number lapsed.',
  },
  RECEIVE: {
    from: ['SHIPPED', 'APPROVED'],
    to: ['RECEIVED'],
    actors: STAFF,
    guards: ['RMA_VALID_ON_RECEIPT'],
    description: 'Staff receive the parcel; one without a valid RMA number is refused.',
  },
  START_INSPECTION: {
    from: ['RECEIVED'],
    to: ['INSPECTING'],
    actors: STAFF,
    guards: [],
    description: 'Staff start inspecting the item.',
  },
  RESOLVE: {
    from: ['INSPECTING', 'DESTRUCTION_AUTHORISED'],
    to: ['RESOLVED'],
    actors: STAFF,
    guards: ['OUTCOME_ALLOWED'],
    outcomes: { INSPECTING: OUTCOMES, DESTRUCTION_AUTHORISED: ['DESTROYED_AND_CREDITED'] },
    description: 'Staff record the outcome.',
  },
  CLOSE: {
    from: ['RESOLVED', 'VENDOR_ACCEPTED', 'VENDOR_REJECTED'],
    to: ['CLOSED'],
    actors: [...STAFF, 'SYSTEM', 'MANUFACTURER'],
    actorFrom: { MANUFACTURER: ['VENDOR_ACCEPTED', 'VENDOR_REJECTED'] },
    guards: [],
    description: 'The ticket is closed.',
  },
  CANCEL: {
    from: [
      'DRAFT',
      'SUBMITTED',
      'AWAITING_PREREQUISITE',
      'FORWARDED',
      'IN_REVIEW',
      'INFO_REQUESTED',
      'APPROVED',
      'EXPIRED',
    ],
    to: ['CANCELLED'],
    actors: [...RESELLERS, 'DISTRIBUTOR_ADMIN'],
    guards: ['NOTE_REQUIRED_FOR_STAFF'],
    description:
      'The reseller cancels before shipping, also while the manufacturer has not answered a forwarded RMA (a distributor admin may, with a note).',
  },
  REOPEN: {
    from: ['REJECTED'],
    to: ['IN_REVIEW'],
    actors: STAFF,
    guards: ['NOTE_REQUIRED'],
    description: 'Staff reopen a rejected ticket as a goodwill exception.',
  },
  VENDOR_ACCEPT: {
    from: ['FORWARDED'],
    to: ['VENDOR_ACCEPTED'],
    actors: ['MANUFACTURER'],
    guards: ['VENDOR_RMA_NUMBER_REQUIRED'],
    description: 'The manufacturer accepts the forwarded RMA with its own RMA number.',
  },
  VENDOR_REJECT: {
    from: ['FORWARDED'],
    to: ['VENDOR_REJECTED'],
    actors: ['MANUFACTURER'],
    guards: [],
    description: 'The manufacturer rejects the forwarded RMA.',
  },
  VENDOR_SHIP_REPLACEMENT: {
    from: ['VENDOR_ACCEPTED'],
    to: ['RESOLVED'],
    actors: ['MANUFACTURER'],
    guards: ['OUTCOME_ALLOWED'],
    outcomes: { VENDOR_ACCEPTED: ['REPLACED'] },
    impliedOutcome: 'REPLACED',
    description: 'The manufacturer ships a replacement.',
  },
};

/** What a guard may need. Only what the action's guards use is read. */
export interface TransitionContext {
  /** The clock, for the RMA guards. */
  today?: IsoDate | null;
  rmaNumber?: string | null;
  /** Last day the RMA number may be used (rmaValidUntil). */
  rmaValidUntil?: IsoDate | null;
  /** RECEIVE: the day the ticket was marked SHIPPED, if it was. */
  shippedOn?: IsoDate | null;
  outcome?: Outcome | null;
  note?: string | null;
  /** ROUTE: the decision whose route picks the target. */
  decision?: Pick<Decision, 'route' | 'prerequisites'> | null;
  vendorRmaNumber?: string | null;
  supportTicketNumber?: string | null;
}

export const TRANSITION_ERROR_CODES = ['NOT_ALLOWED_FROM_STATUS', 'ROLE_FORBIDDEN', 'GUARD_FAILED'] as const;
export type TransitionErrorCode = (typeof TRANSITION_ERROR_CODES)[number];

export type TransitionResult =
  | { ok: true; action: TicketAction; from: TicketStatus; to: TicketStatus; outcome: Outcome | null }
  | { ok: false; code: TransitionErrorCode; message: string; guard?: GuardName };

/** The statuses ROUTE may lead to. */
export type RoutedStatus = 'AWAITING_PREREQUISITE' | 'REDIRECTED' | 'FORWARDED' | 'IN_REVIEW' | 'REJECTED';

/**
 * Where a submitted ticket goes: any unsatisfied prerequisite ⇒ AWAITING_PREREQUISITE; else
 * NOT_ELIGIBLE ⇒ REJECTED; VENDOR_PORTAL ⇒ REDIRECTED; VENDOR_WEBHOOK ⇒ FORWARDED; IN_HOUSE ⇒ IN_REVIEW.
 */
export function statusForDecision(decision: Pick<Decision, 'route' | 'prerequisites'>): RoutedStatus {
  for (const p of decision.prerequisites) if (!p.satisfied) return 'AWAITING_PREREQUISITE';
  switch (decision.route) {
    case 'NOT_ELIGIBLE':
      return 'REJECTED';
    case 'VENDOR_PORTAL':
      return 'REDIRECTED';
    case 'VENDOR_WEBHOOK':
      return 'FORWARDED';
    case 'IN_HOUSE':
      return 'IN_REVIEW';
  }
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** null when the guard passes, else why not. */
function checkGuard(
  guard: GuardName,
  def: TransitionDefinition,
  from: TicketStatus,
  actor: Actor,
  ctx: TransitionContext,
): string | null {
  switch (guard) {
    case 'DECISION_REQUIRED':
      return ctx.decision ? null : 'The routing decision is required.';
    case 'NOTE_REQUIRED':
      return blank(ctx.note) ? 'A note explaining why is required.' : null;
    case 'NOTE_REQUIRED_FOR_STAFF':
      return isStaff(actor) && blank(ctx.note) ? 'Staff must give a note explaining why.' : null;
    case 'SUPPORT_TICKET_NUMBER_REQUIRED':
      return blank(ctx.supportTicketNumber) ? 'The support ticket number is required.' : null;
    case 'VENDOR_RMA_NUMBER_REQUIRED':
      return blank(ctx.vendorRmaNumber) ? "The manufacturer's RMA number is required." : null;
    case 'OUTCOME_ALLOWED': {
      const allowed = def.outcomes?.[from] ?? OUTCOMES;
      const outcome = ctx.outcome ?? def.impliedOutcome ?? null;
      if (outcome === null) return `An outcome is required: one of ${allowed.join(', ')}.`;
      return allowed.includes(outcome)
        ? null
        : `Outcome ${outcome} is not allowed from ${from}: one of ${allowed.join(', ')}.`;
    }
    case 'RMA_VALID':
    case 'RMA_VALID_ON_RECEIPT': {
      if (blank(ctx.rmaNumber)) return 'There is no RMA number.';
      const until = toDayNumber(ctx.rmaValidUntil);
      if (Number.isNaN(until)) return 'The RMA number has no valid-until date.';
      const shipped =
        guard === 'RMA_VALID_ON_RECEIPT' && from === 'SHIPPED' ? toDayNumber(ctx.shippedOn) : NaN;
      const day = Number.isNaN(shipped) ? toDayNumber(ctx.today) : shipped;
      if (Number.isNaN(day)) return "Today's date is required.";
      return day <= until ? null : `The RMA number expired: it was valid until ${ctx.rmaValidUntil}.`;
    }
    case 'RMA_EXPIRED': {
      const until = toDayNumber(ctx.rmaValidUntil);
      const today = toDayNumber(ctx.today);
      if (Number.isNaN(until) || Number.isNaN(today))
        return "The RMA number's valid-until date and today are required.";
      return today > until ? null : `The RMA number is still valid until ${ctx.rmaValidUntil}.`;
    }
  }
}

function actorMay(def: TransitionDefinition, from: TicketStatus, actor: Actor): boolean {
  if (!def.actors.includes(actor)) return false;
  const only = def.actorFrom?.[actor];
  return only === undefined || only.includes(from);
}

/**
 * The actions `actor` may take on a ticket in `status`, in TICKET_ACTIONS order. With a context, the
 * STATE guards (RMA validity) are checked too; INPUT guards (a note, an outcome...) are the form's job
 * and left to `transition`.
 */
export function allowedActions(status: TicketStatus, actor: Actor, ctx?: TransitionContext): TicketAction[] {
  const actions: TicketAction[] = [];
  for (const action of TICKET_ACTIONS) {
    const def = TRANSITIONS[action];
    if (!def.from.includes(status) || !actorMay(def, status, actor)) continue;
    if (
      ctx &&
      def.guards.some((g) => GUARDS[g].kind === 'STATE' && checkGuard(g, def, status, actor, ctx) !== null)
    ) {
      continue;
    }
    actions.push(action);
  }
  return actions;
}

/**
 * Takes `action` on a ticket in `status`. Checks, in order: the status (NOT_ALLOWED_FROM_STATUS),
 * the actor (ROLE_FORBIDDEN), the guards (GUARD_FAILED). A value either way, never an exception.
 */
export function transition(
  status: TicketStatus,
  action: TicketAction,
  actor: Actor,
  ctx: TransitionContext = {},
): TransitionResult {
  const def = Object.hasOwn(TRANSITIONS, action) ? TRANSITIONS[action] : undefined;
  if (def === undefined) {
    return { ok: false, code: 'NOT_ALLOWED_FROM_STATUS', message: `Unknown action ${String(action)}.` };
  }
  if (!def.from.includes(status)) {
    return {
      ok: false,
      code: 'NOT_ALLOWED_FROM_STATUS',
      message: `${action} is not possible from ${status}; only from ${def.from.join(', ')}.`,
    };
  }
  if (!actorMay(def, status, actor)) {
    return {
      ok: false,
      code: 'ROLE_FORBIDDEN',
      message: `${actor} may not ${action} a ticket in ${status}.`,
    };
  }
  for (const guard of def.guards) {
    const failed = checkGuard(guard, def, status, actor, ctx);
    if (failed !== null) return { ok: false, code: 'GUARD_FAILED', message: failed, guard };
  }
  const to =
    action === 'ROUTE' && ctx.decision ? statusForDecision(ctx.decision) : (def.to[0] as TicketStatus);
  const outcome = def.guards.includes('OUTCOME_ALLOWED') ? (ctx.outcome ?? def.impliedOutcome ?? null) : null;
  return { ok: true, action, from: status, to, outcome };
}
