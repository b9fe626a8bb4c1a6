import fc from 'fast-check';
import {
  ACTORS,
  FINAL_STATUSES,
  GUARDS,
  OUTCOMES,
  ROLES,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  TRANSITIONS,
  allowedActions,
  isFinalStatus,
  isReseller,
  isStaff,
  statusForDecision,
  transition,
} from './lifecycle.js';
import type { Actor, TicketAction, TicketStatus, TransitionContext } from './lifecycle.js';
import type { Decision } from './types.js';

const TODAY = '2026-03-15';
const inHouse: Pick<Decision, 'route' | 'prerequisites'> = { route: 'IN_HOUSE', prerequisites: [] };
/** A context in which every guard except RMA_EXPIRED passes. */
const OK: TransitionContext = {
  today: TODAY,
  rmaNumber: 'RMA-2026-000123',
  rmaValidUntil: '2026-03-20',
  note: 'Checked with the reseller.',
  decision: inHouse,
  vendorRmaNumber: 'V-778',
  supportTicketNumber: 'GS-123456',
};
const EXPIRED_RMA: TransitionContext = { ...OK, rmaValidUntil: '2026-03-14' };

describe('lifecycle vocabulary', () => {
  it('has the 19 statuses, of which REDIRECTED, CLOSED and CANCELLED are final', () => {
    expect(TICKET_STATUSES).toHaveLength(19);
    expect(FINAL_STATUSES).toEqual(['REDIRECTED', 'CLOSED', 'CANCELLED']);
    expect(TICKET_STATUSES.filter(isFinalStatus)).toEqual(['REDIRECTED', 'CLOSED', 'CANCELLED']);
  });

  it.each([
    ['DISTRIBUTOR_ADMIN', true, false],
    ['DISTRIBUTOR_AGENT', true, false],
    ['RESELLER_ADMIN', false, true],
    ['RESELLER_AGENT', false, true],
    ['SYSTEM', false, false],
    ['MANUFACTURER', false, false],
  ] as const)('%s: staff %s, reseller %s', (actor, staff, reseller) => {
    expect(isStaff(actor)).toBe(staff);
    expect(isReseller(actor)).toBe(reseller);
  });

  it('the table covers every action, with known statuses, actors and guards', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_ACTIONS].sort());
    for (const def of Object.values(TRANSITIONS)) {
      for (const s of [...def.from, ...def.to]) expect(TICKET_STATUSES).toContain(s);
      for (const a of def.actors) expect(ACTORS).toContain(a);
      for (const g of def.guards) expect(Object.keys(GUARDS)).toContain(g);
      for (const s of def.from) expect(isFinalStatus(s)).toBe(false);
    }
  });

  it('every non-final status can be left, and every status but DRAFT can be reached', () => {
    const defs = Object.values(TRANSITIONS);
    for (const s of TICKET_STATUSES) {
      if (!isFinalStatus(s)) expect(defs.some((d) => d.from.includes(s))).toBe(true);
      if (s !== 'DRAFT') expect(defs.some((d) => d.to.includes(s))).toBe(true);
    }
  });

  it('the table is plain data the admin can render (JSON round trip)', () => {
    expect(JSON.parse(JSON.stringify(TRANSITIONS))).toEqual(TRANSITIONS);
  });
});

describe('every allowed transition', () => {
  it.each<[TicketAction, TicketStatus, Actor, TransitionContext, TicketStatus]>([
    ['SUBMIT', 'DRAFT', 'RESELLER_AGENT', {}, 'SUBMITTED'],
    ['ROUTE', 'SUBMITTED', 'SYSTEM', OK, 'IN_REVIEW'],
    ['PROVIDE_SUPPORT_TICKET', 'AWAITING_PREREQUISITE', 'RESELLER_AGENT', OK, 'SUBMITTED'],
    ['APPROVE', 'IN_REVIEW', 'DISTRIBUTOR_AGENT', {}, 'APPROVED'],
    ['REJECT', 'IN_REVIEW', 'DISTRIBUTOR_AGENT', OK, 'REJECTED'],
    ['REQUEST_INFO', 'IN_REVIEW', 'DISTRIBUTOR_ADMIN', OK, 'INFO_REQUESTED'],
    ['SUPPLY_INFO', 'INFO_REQUESTED', 'RESELLER_ADMIN', {}, 'IN_REVIEW'],
    ['AUTHORISE_DESTRUCTION', 'IN_REVIEW', 'DISTRIBUTOR_AGENT', {}, 'DESTRUCTION_AUTHORISED'],
    ['SHIP', 'APPROVED', 'RESELLER_AGENT', OK, 'SHIPPED'],
    ['EXPIRE', 'APPROVED', 'SYSTEM', EXPIRED_RMA, 'EXPIRED'],
    ['REAPPLY', 'EXPIRED', 'RESELLER_AGENT', {}, 'IN_REVIEW'],
    ['RECEIVE', 'SHIPPED', 'DISTRIBUTOR_AGENT', OK, 'RECEIVED'],
    ['RECEIVE', 'APPROVED', 'DISTRIBUTOR_AGENT', OK, 'RECEIVED'],
    ['START_INSPECTION', 'RECEIVED', 'DISTRIBUTOR_AGENT', {}, 'INSPECTING'],
    ['RESOLVE', 'INSPECTING', 'DISTRIBUTOR_AGENT', { outcome: 'CREDITED' }, 'RESOLVED'],
    [
      'RESOLVE',
      'DESTRUCTION_AUTHORISED',
      'DISTRIBUTOR_AGENT',
      { outcome: 'DESTROYED_AND_CREDITED' },
      'RESOLVED',
    ],
    ['CLOSE', 'RESOLVED', 'DISTRIBUTOR_AGENT', {}, 'CLOSED'],
    ['CLOSE', 'RESOLVED', 'SYSTEM', {}, 'CLOSED'],
    ['CLOSE', 'VENDOR_ACCEPTED', 'MANUFACTURER', {}, 'CLOSED'],
    ['CLOSE', 'VENDOR_REJECTED', 'MANUFACTURER', {}, 'CLOSED'],
    ['CLOSE', 'VENDOR_REJECTED', 'DISTRIBUTOR_ADMIN', {}, 'CLOSED'],
    ['CANCEL', 'DRAFT', 'RESELLER_AGENT', {}, 'CANCELLED'],
    ['CANCEL', 'SUBMITTED', 'RESELLER_AGENT', {}, 'CANCELLED'],
    ['CANCEL', 'AWAITING_PREREQUISITE', 'RESELLER_AGENT', {}, 'CANCELLED'],
    ['CANCEL', 'IN_REVIEW', 'RESELLER_ADMIN', {}, 'CANCELLED'],
    ['CANCEL', 'INFO_REQUESTED', 'RESELLER_AGENT', {}, 'CANCELLED'],
    ['CANCEL', 'APPROVED', 'RESELLER_AGENT', {}, 'CANCELLED'],
    ['CANCEL', 'EXPIRED', 'RESELLER_AGENT', {}, 'CANCELLED'],
    ['CANCEL', 'IN_REVIEW', 'DISTRIBUTOR_ADMIN', OK, 'CANCELLED'],
    ['REOPEN', 'REJECTED', 'DISTRIBUTOR_AGENT', OK, 'IN_REVIEW'],
    ['VENDOR_ACCEPT', 'FORWARDED', 'MANUFACTURER', OK, 'VENDOR_ACCEPTED'],
    ['VENDOR_REJECT', 'FORWARDED', 'MANUFACTURER', {}, 'VENDOR_REJECTED'],
    ['VENDOR_SHIP_REPLACEMENT', 'VENDOR_ACCEPTED', 'MANUFACTURER', {}, 'RESOLVED'],
  ])('%s from %s by %s', (action, from, actor, ctx, to) => {
    expect(transition(from, action, actor, ctx)).toMatchObject({ ok: true, action, from, to });
  });

  it('covers every (action, from-status) pair of the table', () => {
    const pairs = new Set<string>();
    for (const action of TICKET_ACTIONS)
      for (const from of TRANSITIONS[action].from) pairs.add(`${action} ${from}`);
    // Each pair is permitted for each listed actor with a context that satisfies its guards.
    for (const pair of pairs) {
      const [action, from] = pair.split(' ') as [TicketAction, TicketStatus];
      const def = TRANSITIONS[action];
      for (const actor of def.actors) {
        if (def.actorFrom?.[actor] && !def.actorFrom[actor]?.includes(from)) continue;
        const ctx = {
          ...(action === 'EXPIRE' ? EXPIRED_RMA : OK),
          outcome: def.outcomes?.[from]?.[0] ?? (action === 'RESOLVE' ? 'CREDITED' : undefined),
        };
        expect(transition(from, action, actor, ctx).ok).toBe(true);
      }
    }
  });

  it.each([
    [
      'an unsatisfied prerequisite',
      {
        route: 'IN_HOUSE',
        prerequisites: [{ kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: 'https://h.example/' }],
      },
      'AWAITING_PREREQUISITE',
    ],
    [
      'an unsatisfied prerequisite beats a vendor portal',
      {
        route: 'VENDOR_PORTAL',
        prerequisites: [{ kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: 'https://h.example/' }],
      },
      'AWAITING_PREREQUISITE',
    ],
    ['NOT_ELIGIBLE', { route: 'NOT_ELIGIBLE', prerequisites: [] }, 'REJECTED'],
    ['VENDOR_PORTAL', { route: 'VENDOR_PORTAL', prerequisites: [] }, 'REDIRECTED'],
    [
      'VENDOR_WEBHOOK with a satisfied prerequisite',
      {
        route: 'VENDOR_WEBHOOK',
        prerequisites: [{ kind: 'SUPPORT_TICKET', satisfied: true, helpdeskUrl: 'https://h.example/' }],
      },
      'FORWARDED',
    ],
    ['IN_HOUSE', { route: 'IN_HOUSE', prerequisites: [] }, 'IN_REVIEW'],
  ] as const)('ROUTE picks the target by the decision: %s ⇒ %s', (_, decision, to) => {
    const d = decision as unknown as Pick<Decision, 'route' | 'prerequisites'>;
    expect(statusForDecision(d)).toBe(to);
    expect(transition('SUBMITTED', 'ROUTE', 'SYSTEM', { decision: d })).toMatchObject({ ok: true, to });
  });

  it('VENDOR_SHIP_REPLACEMENT records the outcome REPLACED; RESOLVE records the given outcome', () => {
    expect(transition('VENDOR_ACCEPTED', 'VENDOR_SHIP_REPLACEMENT', 'MANUFACTURER')).toMatchObject({
      outcome: 'REPLACED',
    });
    expect(
      transition('INSPECTING', 'RESOLVE', 'DISTRIBUTOR_AGENT', { outcome: 'NOT_DEFECTIVE' }),
    ).toMatchObject({
      outcome: 'NOT_DEFECTIVE',
    });
    expect(transition('IN_REVIEW', 'APPROVE', 'DISTRIBUTOR_AGENT', { outcome: 'CREDITED' })).toMatchObject({
      outcome: null,
    });
  });

  it.each(OUTCOMES.map((o) => [o]))('INSPECTING may resolve as %s', (outcome) => {
    expect(transition('INSPECTING', 'RESOLVE', 'DISTRIBUTOR_ADMIN', { outcome }).ok).toBe(true);
  });
});

describe('refused transitions', () => {
  it.each<[string, TicketStatus, TicketAction, Actor, TransitionContext, string]>([
    // wrong status
    ['approve a draft', 'DRAFT', 'APPROVE', 'DISTRIBUTOR_ADMIN', OK, 'NOT_ALLOWED_FROM_STATUS'],
    ['cancel after shipping', 'SHIPPED', 'CANCEL', 'RESELLER_AGENT', OK, 'NOT_ALLOWED_FROM_STATUS'],
    ['cancel once received', 'RECEIVED', 'CANCEL', 'RESELLER_AGENT', OK, 'NOT_ALLOWED_FROM_STATUS'],
    ['ship before approval', 'IN_REVIEW', 'SHIP', 'RESELLER_AGENT', OK, 'NOT_ALLOWED_FROM_STATUS'],
    ['reopen a closed ticket', 'CLOSED', 'REOPEN', 'DISTRIBUTOR_ADMIN', OK, 'NOT_ALLOWED_FROM_STATUS'],
    ['route twice', 'IN_REVIEW', 'ROUTE', 'SYSTEM', OK, 'NOT_ALLOWED_FROM_STATUS'],
    [
      'vendor accept of an in-house ticket',
      'IN_REVIEW',
      'VENDOR_ACCEPT',
      'MANUFACTURER',
      OK,
      'NOT_ALLOWED_FROM_STATUS',
    ],
    // wrong role
    ['a reseller approving', 'IN_REVIEW', 'APPROVE', 'RESELLER_ADMIN', OK, 'ROLE_FORBIDDEN'],
    [
      'a reseller reopening (goodwill is staff only)',
      'REJECTED',
      'REOPEN',
      'RESELLER_ADMIN',
      OK,
      'ROLE_FORBIDDEN',
    ],
    ['staff submitting for a reseller', 'DRAFT', 'SUBMIT', 'DISTRIBUTOR_AGENT', OK, 'ROLE_FORBIDDEN'],
    ['staff shipping', 'APPROVED', 'SHIP', 'DISTRIBUTOR_AGENT', OK, 'ROLE_FORBIDDEN'],
    ['a user routing', 'SUBMITTED', 'ROUTE', 'DISTRIBUTOR_ADMIN', OK, 'ROLE_FORBIDDEN'],
    ['a user expiring', 'APPROVED', 'EXPIRE', 'DISTRIBUTOR_ADMIN', EXPIRED_RMA, 'ROLE_FORBIDDEN'],
    ['a distributor agent cancelling', 'IN_REVIEW', 'CANCEL', 'DISTRIBUTOR_AGENT', OK, 'ROLE_FORBIDDEN'],
    [
      'staff accepting for the vendor',
      'FORWARDED',
      'VENDOR_ACCEPT',
      'DISTRIBUTOR_ADMIN',
      OK,
      'ROLE_FORBIDDEN',
    ],
    [
      'the manufacturer closing an in-house resolution',
      'RESOLVED',
      'CLOSE',
      'MANUFACTURER',
      OK,
      'ROLE_FORBIDDEN',
    ],
    ['the system resolving', 'INSPECTING', 'RESOLVE', 'SYSTEM', { outcome: 'CREDITED' }, 'ROLE_FORBIDDEN'],
    // failed guards
    ['route without a decision', 'SUBMITTED', 'ROUTE', 'SYSTEM', {}, 'GUARD_FAILED'],
    [
      'provide a blank support ticket number',
      'AWAITING_PREREQUISITE',
      'PROVIDE_SUPPORT_TICKET',
      'RESELLER_AGENT',
      { supportTicketNumber: ' ' },
      'GUARD_FAILED',
    ],
    ['reject without a note', 'IN_REVIEW', 'REJECT', 'DISTRIBUTOR_AGENT', {}, 'GUARD_FAILED'],
    ['reject with a blank note', 'IN_REVIEW', 'REJECT', 'DISTRIBUTOR_AGENT', { note: '   ' }, 'GUARD_FAILED'],
    ['request info without a note', 'IN_REVIEW', 'REQUEST_INFO', 'DISTRIBUTOR_AGENT', {}, 'GUARD_FAILED'],
    ['reopen without a note', 'REJECTED', 'REOPEN', 'DISTRIBUTOR_ADMIN', {}, 'GUARD_FAILED'],
    [
      'a distributor admin cancelling without a note',
      'IN_REVIEW',
      'CANCEL',
      'DISTRIBUTOR_ADMIN',
      {},
      'GUARD_FAILED',
    ],
    ['ship on validUntil + 1', 'APPROVED', 'SHIP', 'RESELLER_AGENT', EXPIRED_RMA, 'GUARD_FAILED'],
    [
      'ship without an RMA number',
      'APPROVED',
      'SHIP',
      'RESELLER_AGENT',
      { ...OK, rmaNumber: null },
      'GUARD_FAILED',
    ],
    [
      'ship without a valid-until date',
      'APPROVED',
      'SHIP',
      'RESELLER_AGENT',
      { ...OK, rmaValidUntil: null },
      'GUARD_FAILED',
    ],
    ['ship without today', 'APPROVED', 'SHIP', 'RESELLER_AGENT', { ...OK, today: null }, 'GUARD_FAILED'],
    [
      'expire while still valid (on validUntil)',
      'APPROVED',
      'EXPIRE',
      'SYSTEM',
      { ...OK, rmaValidUntil: TODAY },
      'GUARD_FAILED',
    ],
    ['expire without dates', 'APPROVED', 'EXPIRE', 'SYSTEM', {}, 'GUARD_FAILED'],
    [
      'receive an approved parcel whose RMA expired',
      'APPROVED',
      'RECEIVE',
      'DISTRIBUTOR_AGENT',
      EXPIRED_RMA,
      'GUARD_FAILED',
    ],
    [
      'receive a parcel shipped after its RMA expired',
      'SHIPPED',
      'RECEIVE',
      'DISTRIBUTOR_AGENT',
      { ...EXPIRED_RMA, shippedOn: '2026-03-15' },
      'GUARD_FAILED',
    ],
    [
      'receive without an RMA number',
      'SHIPPED',
      'RECEIVE',
      'DISTRIBUTOR_AGENT',
      { ...OK, rmaNumber: '' },
      'GUARD_FAILED',
    ],
    ['resolve without an outcome', 'INSPECTING', 'RESOLVE', 'DISTRIBUTOR_AGENT', {}, 'GUARD_FAILED'],
    [
      'resolve a destruction as anything but DESTROYED_AND_CREDITED',
      'DESTRUCTION_AUTHORISED',
      'RESOLVE',
      'DISTRIBUTOR_AGENT',
      { outcome: 'CREDITED' },
      'GUARD_FAILED',
    ],
    [
      'vendor accept without its RMA number',
      'FORWARDED',
      'VENDOR_ACCEPT',
      'MANUFACTURER',
      {},
      'GUARD_FAILED',
    ],
    [
      'vendor replacement recorded as a credit',
      'VENDOR_ACCEPTED',
      'VENDOR_SHIP_REPLACEMENT',
      'MANUFACTURER',
      { outcome: 'CREDITED' },
      'GUARD_FAILED',
    ],
  ])('refuses to %s', (_, from, action, actor, ctx, code) => {
    const result = transition(from, action, actor, ctx);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
  });

  it.each([
    ['SHIP on validUntil (inclusive)', 'APPROVED', 'SHIP', 'RESELLER_AGENT', { ...OK, rmaValidUntil: TODAY }],
    [
      'RECEIVE after validUntil a parcel shipped in time',
      'SHIPPED',
      'RECEIVE',
      'DISTRIBUTOR_AGENT',
      { ...EXPIRED_RMA, shippedOn: '2026-03-14' },
    ],
    ['EXPIRE on validUntil + 1', 'APPROVED', 'EXPIRE', 'SYSTEM', EXPIRED_RMA],
  ] as const)('RMA edge: allows %s', (_, from, action, actor, ctx) => {
    expect(transition(from, action, actor, ctx).ok).toBe(true);
  });

  it('names the failed guard', () => {
    expect(transition('IN_REVIEW', 'REJECT', 'DISTRIBUTOR_AGENT', {})).toMatchObject({
      guard: 'NOTE_REQUIRED',
    });
  });

  it('an unknown action is refused as a value', () => {
    expect(transition('IN_REVIEW', 'TELEPORT' as TicketAction, 'SYSTEM', {})).toMatchObject({
      ok: false,
      code: 'NOT_ALLOWED_FROM_STATUS',
    });
    expect(transition('IN_REVIEW', 'toString' as TicketAction, 'SYSTEM', {}).ok).toBe(false);
  });
});

describe('allowedActions', () => {
  it.each<[TicketStatus, Actor, TransitionContext | undefined, TicketAction[]]>([
    ['DRAFT', 'RESELLER_AGENT', undefined, ['SUBMIT', 'CANCEL']],
    ['DRAFT', 'DISTRIBUTOR_AGENT', undefined, []],
    ['SUBMITTED', 'SYSTEM', undefined, ['ROUTE']],
    ['AWAITING_PREREQUISITE', 'RESELLER_ADMIN', undefined, ['PROVIDE_SUPPORT_TICKET', 'CANCEL']],
    [
      'IN_REVIEW',
      'DISTRIBUTOR_AGENT',
      undefined,
      ['APPROVE', 'REJECT', 'REQUEST_INFO', 'AUTHORISE_DESTRUCTION'],
    ],
    [
      'IN_REVIEW',
      'DISTRIBUTOR_ADMIN',
      undefined,
      ['APPROVE', 'REJECT', 'REQUEST_INFO', 'AUTHORISE_DESTRUCTION', 'CANCEL'],
    ],
    ['IN_REVIEW', 'RESELLER_AGENT', undefined, ['CANCEL']],
    ['APPROVED', 'RESELLER_AGENT', OK, ['SHIP', 'CANCEL']],
    ['APPROVED', 'RESELLER_AGENT', EXPIRED_RMA, ['CANCEL']],
    ['APPROVED', 'SYSTEM', OK, []],
    ['APPROVED', 'SYSTEM', EXPIRED_RMA, ['EXPIRE']],
    ['APPROVED', 'DISTRIBUTOR_AGENT', OK, ['RECEIVE']],
    ['APPROVED', 'DISTRIBUTOR_AGENT', EXPIRED_RMA, []],
    ['SHIPPED', 'RESELLER_AGENT', OK, []],
    ['REJECTED', 'DISTRIBUTOR_AGENT', undefined, ['REOPEN']],
    ['EXPIRED', 'RESELLER_AGENT', undefined, ['REAPPLY', 'CANCEL']],
    ['FORWARDED', 'MANUFACTURER', undefined, ['VENDOR_ACCEPT', 'VENDOR_REJECT']],
    ['FORWARDED', 'RESELLER_AGENT', undefined, ['CANCEL']],
    ['VENDOR_ACCEPTED', 'RESELLER_AGENT', undefined, []],
    ['VENDOR_ACCEPTED', 'MANUFACTURER', undefined, ['CLOSE', 'VENDOR_SHIP_REPLACEMENT']],
    ['RESOLVED', 'MANUFACTURER', undefined, []],
    ['RESOLVED', 'SYSTEM', undefined, ['CLOSE']],
  ])('in %s, %s may (ctx %j)', (status, actor, ctx, actions) => {
    expect(allowedActions(status, actor, ctx)).toEqual(actions);
  });

  it('checks state guards only: input guards (notes) are the form’s job', () => {
    expect(allowedActions('IN_REVIEW', 'DISTRIBUTOR_AGENT', { today: TODAY })).toContain('REJECT');
  });

  it.each(FINAL_STATUSES.flatMap((s) => ACTORS.map((a) => [s, a] as const)))(
    'nothing is allowed from %s for %s',
    (s, a) => {
      expect(allowedActions(s, a, OK)).toEqual([]);
    },
  );
});

describe('properties', () => {
  const ctx: fc.Arbitrary<TransitionContext> = fc.record(
    {
      today: fc.option(fc.constantFrom(TODAY, '2026-03-14', '2026-03-21', 'bad'), { nil: null }),
      rmaNumber: fc.option(fc.string(), { nil: null }),
      rmaValidUntil: fc.option(fc.constantFrom('2026-03-14', TODAY, '2026-03-20', '2026-02-30'), {
        nil: null,
      }),
      shippedOn: fc.option(fc.constantFrom('2026-03-10', '2026-03-16'), { nil: null }),
      outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
      note: fc.option(fc.string(), { nil: null }),
      decision: fc.option(
        fc.record({
          route: fc.constantFrom(
            'IN_HOUSE' as const,
            'VENDOR_PORTAL' as const,
            'VENDOR_WEBHOOK' as const,
            'NOT_ELIGIBLE' as const,
          ),
          prerequisites: fc.array(
            fc.record({
              kind: fc.constant('SUPPORT_TICKET' as const),
              satisfied: fc.boolean(),
              helpdeskUrl: fc.constant('https://h.example/'),
            }),
            { maxLength: 2 },
          ),
        }),
        { nil: null },
      ),
      vendorRmaNumber: fc.option(fc.string(), { nil: null }),
      supportTicketNumber: fc.option(fc.string(), { nil: null }),
    },
    { requiredKeys: [] },
  );
  const status = fc.constantFrom(...TICKET_STATUSES);
  const action = fc.constantFrom(...TICKET_ACTIONS);
  const actor = fc.constantFrom(...ACTORS);

  it('no transition leaves a final status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_STATUSES), action, actor, ctx, (s, a, who, c) => {
        expect(transition(s, a, who, c).ok).toBe(false);
      }),
    );
  });

  it('a successful transition follows the table: from a listed status, by a listed actor, to a listed target', () => {
    fc.assert(
      fc.property(status, action, actor, ctx, (s, a, who, c) => {
        const r = transition(s, a, who, c);
        if (r.ok) {
          const def = TRANSITIONS[a];
          expect(def.from).toContain(s);
          expect(def.actors).toContain(who);
          expect(def.to).toContain(r.to);
          expect(allowedActions(s, who, c)).toContain(a);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('transition never throws and only the SYSTEM routes or expires, only the manufacturer answers for the vendor', () => {
    fc.assert(
      fc.property(status, action, actor, ctx, (s, a, who, c) => {
        const r = transition(s, a, who, c);
        if (r.ok && (a === 'ROUTE' || a === 'EXPIRE')) expect(who).toBe('SYSTEM');
        if (r.ok && a.startsWith('VENDOR_')) expect(who).toBe('MANUFACTURER');
        if (r.ok && isReseller(who)) expect(ROLES).toContain(who);
      }),
    );
  });
});
