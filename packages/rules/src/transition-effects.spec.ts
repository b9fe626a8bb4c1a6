import fc from 'fast-check';
import { GUARDS, TICKET_ACTIONS, TICKET_STATUSES, TRANSITIONS } from './lifecycle.js';
import type { GuardName, TicketAction, TicketStatus } from './lifecycle.js';
import { MAIL_KINDS } from './mail.js';
import { DEFAULT_SLA_CONFIG } from './sla.js';
import { TODAY } from './testing/fixtures.js';
import {
  GUARD_INPUT_FIELDS,
  OUTBOUND_EVENTS,
  TRANSITION_EFFECTS,
  TRANSITION_RECORDS,
  guardInputField,
  isTicketAction,
  mailFor,
  slaChange,
  transitionEffects,
  transitionNote,
  webhookEventFor,
  type WebhookSend,
} from './transition-effects.js';
import { ROUTES } from './types.js';

const ACTIONS = [...TICKET_ACTIONS];
const targetOf = (a: TicketAction) => TRANSITIONS[a].to;
const guarded = (guard: GuardName) => ACTIONS.filter((a) => TRANSITIONS[a].guards.includes(guard));

describe('the effects table covers the lifecycle', () => {
  it('has one entry per lifecycle action, in the lifecycle order, and no other', () => {
    expect(Object.keys(TRANSITION_EFFECTS)).toEqual(ACTIONS);
    for (const action of ACTIONS) expect(transitionEffects(action)).toBe(TRANSITION_EFFECTS[action]);
  });

  it.each(ACTIONS)(
    '%s: a well-formed entry (known mail kinds, events, records; whole positive days)',
    (action) => {
      const e = TRANSITION_EFFECTS[action];
      if (e.sla.kind === 'DUE_IN' || e.sla.kind === 'DUE_IN_IF_IN_REVIEW') {
        expect(Number.isSafeInteger(e.sla.days) && e.sla.days > 0).toBe(true);
      }
      for (const r of e.records) expect(TRANSITION_RECORDS).toContain(r);
      if (e.webhook) expect(OUTBOUND_EVENTS).toContain(e.webhook.event);
      if (e.mail && 'kind' in e.mail) expect(MAIL_KINDS).toContain(e.mail.kind);
      if (e.mail && 'byStatus' in e.mail) {
        for (const [status, kind] of Object.entries(e.mail.byStatus)) {
          expect(targetOf('ROUTE')).toContain(status);
          expect(MAIL_KINDS).toContain(kind);
        }
      }
      expect(typeof e.note).toBe('function');
    },
  );
});

describe('the effects agree with the lifecycle', () => {
  it('an action into IN_REVIEW makes the first answer due; routing does when it lands there', () => {
    for (const action of ACTIONS.filter((a) => targetOf(a).includes('IN_REVIEW'))) {
      const sla = TRANSITION_EFFECTS[action].sla;
      const expected = targetOf(action).length > 1 ? 'DUE_IN_IF_IN_REVIEW' : 'DUE_IN';
      expect([action, sla]).toEqual([action, { kind: expected, days: DEFAULT_SLA_CONFIG.firstAnswerDays }]);
    }
  });

  it('receiving makes the inspection due; only IN_REVIEW and RECEIVED have a service level to meet', () => {
    expect(TRANSITION_EFFECTS.RECEIVE.sla).toEqual({
      kind: 'DUE_IN',
      days: DEFAULT_SLA_CONFIG.inspectionDays,
    });
    const due = ACTIONS.filter((a) => TRANSITION_EFFECTS[a].sla.kind === 'DUE_IN').flatMap(targetOf);
    expect(new Set(due)).toEqual(new Set(['IN_REVIEW', 'RECEIVED']));
  });

  const waitingOnOthers: readonly TicketStatus[] = [
    'APPROVED',
    'INFO_REQUESTED',
    'DESTRUCTION_AUTHORISED',
    'REJECTED',
    'RESOLVED',
    'CLOSED',
    'CANCELLED',
    'EXPIRED',
    'VENDOR_REJECTED',
  ];
  it.each(ACTIONS.filter((a) => targetOf(a).every((s) => waitingOnOthers.includes(s))))(
    '%s leads where the distributor owes nothing now: it clears the service level',
    (action) => {
      expect(TRANSITION_EFFECTS[action].sla).toEqual({ kind: 'CLEAR' });
    },
  );

  it('only actions into APPROVED issue an RMA number, and every one does', () => {
    const issuing = ACTIONS.filter((a) => TRANSITION_EFFECTS[a].rmaNumber === 'ISSUE');
    expect(issuing).toEqual(ACTIONS.filter((a) => targetOf(a).includes('APPROVED')));
    expect(issuing).toEqual(['APPROVE']);
  });

  it('re-applying after the RMA number lapsed drops it; nothing else does', () => {
    expect(ACTIONS.filter((a) => TRANSITION_EFFECTS[a].rmaNumber === 'CLEAR')).toEqual(['REAPPLY']);
    expect(TRANSITIONS.REAPPLY.from).toEqual(['EXPIRED']);
  });

  it('an outcome is recorded exactly by the actions whose guard asks for one', () => {
    const recording = ACTIONS.filter((a) =>
      TRANSITION_EFFECTS[a].records.some((r) => r === 'OUTCOME' || r === 'REPLACEMENT_SHIPPED'),
    );
    expect(recording).toEqual(guarded('OUTCOME_ALLOWED'));
  });

  it.each([
    ['VENDOR_RMA_NUMBER', 'VENDOR_RMA_NUMBER_REQUIRED'],
    ['SUPPORT_TICKET_NUMBER', 'SUPPORT_TICKET_NUMBER_REQUIRED'],
    ['DECISION', 'DECISION_REQUIRED'],
  ] as const)('%s is recorded by the actions guarded by %s (and routing)', (record, guard) => {
    const recording = ACTIONS.filter((a) => TRANSITION_EFFECTS[a].records.includes(record));
    const expected = guarded(guard);
    if (record === 'DECISION') expected.push('SUBMIT', 'PROVIDE_SUPPORT_TICKET');
    expect(new Set(recording)).toEqual(new Set(expected));
  });

  it("the manufacturer's own actions send it no webhook; its answers reach the reseller by e-mail", () => {
    for (const action of ACTIONS.filter((a) => TRANSITIONS[a].actors.every((x) => x === 'MANUFACTURER'))) {
      expect([action, TRANSITION_EFFECTS[action].webhook]).toEqual([action, null]);
      expect(TRANSITION_EFFECTS[action].mail).not.toBeNull();
    }
  });
});

describe('slaChange: the service level after an action, DEFAULT_SLA_CONFIG days from today', () => {
  it.each<[TicketAction, TicketStatus, { slaDueOn?: string | null }]>([
    ['SUBMIT', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['PROVIDE_SUPPORT_TICKET', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['SUBMIT', 'FORWARDED', { slaDueOn: null }],
    ['SUBMIT', 'AWAITING_PREREQUISITE', { slaDueOn: null }],
    ['SUBMIT', 'REJECTED', { slaDueOn: null }],
    ['SUPPLY_INFO', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['REOPEN', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['REAPPLY', 'IN_REVIEW', { slaDueOn: '2026-03-29' }],
    ['RECEIVE', 'RECEIVED', { slaDueOn: '2026-04-12' }],
    ['APPROVE', 'APPROVED', { slaDueOn: null }],
    ['REJECT', 'REJECTED', { slaDueOn: null }],
    ['REQUEST_INFO', 'INFO_REQUESTED', { slaDueOn: null }],
    ['AUTHORISE_DESTRUCTION', 'DESTRUCTION_AUTHORISED', { slaDueOn: null }],
    ['RESOLVE', 'RESOLVED', { slaDueOn: null }],
    ['CLOSE', 'CLOSED', { slaDueOn: null }],
    ['CANCEL', 'CANCELLED', { slaDueOn: null }],
    ['EXPIRE', 'EXPIRED', { slaDueOn: null }],
    ['VENDOR_REJECT', 'VENDOR_REJECTED', { slaDueOn: null }],
    ['VENDOR_SHIP_REPLACEMENT', 'RESOLVED', { slaDueOn: null }],
    ['SHIP', 'SHIPPED', {}],
    ['START_INSPECTION', 'INSPECTING', {}],
    ['VENDOR_ACCEPT', 'VENDOR_ACCEPTED', {}],
  ])('%s into %s on 2026-03-15 writes %j', (action, to, expected) => {
    expect(slaChange(action, to, TODAY)).toEqual(expected);
  });

  it('a due day counts across months and leap days (28 days from 2028-02-10 is 2028-03-09)', () => {
    expect(slaChange('RECEIVE', 'RECEIVED', '2028-02-10')).toEqual({ slaDueOn: '2028-03-09' });
  });
});

describe('webhookEventFor: the webhook a change sends its manufacturer', () => {
  const always = (event: WebhookSend['event']): WebhookSend => ({ event, condition: 'ALWAYS' });
  const ifForwarded = (event: WebhookSend['event']): WebhookSend => ({
    event,
    condition: 'IF_FORWARDED_AND_SUBSCRIBED',
  });
  it.each<[string, string, string | null, WebhookSend | null]>([
    ['SUBMIT', 'FORWARDED', 'VENDOR_WEBHOOK', always('rma.forwarded')],
    ['PROVIDE_SUPPORT_TICKET', 'FORWARDED', 'VENDOR_WEBHOOK', always('rma.forwarded')],
    ['SUBMIT', 'AWAITING_PREREQUISITE', 'VENDOR_WEBHOOK', null],
    ['SUBMIT', 'IN_REVIEW', 'IN_HOUSE', null],
    ['CREATE', 'DRAFT', null, null],
    ['CANCEL', 'CANCELLED', 'VENDOR_WEBHOOK', ifForwarded('rma.cancelled')],
    ['SUPPLY_INFO', 'IN_REVIEW', 'VENDOR_WEBHOOK', ifForwarded('rma.info_supplied')],
    ['CANCEL', 'CANCELLED', 'IN_HOUSE', null],
    ['CANCEL', 'CANCELLED', null, null],
    ['SUPPLY_INFO', 'IN_REVIEW', 'IN_HOUSE', null],
    ['APPROVE', 'APPROVED', 'VENDOR_WEBHOOK', null],
    ['ROUTE', 'FORWARDED', 'VENDOR_WEBHOOK', null],
    ['VENDOR_ACCEPT', 'VENDOR_ACCEPTED', 'VENDOR_WEBHOOK', null],
    ['CLOSE', 'CLOSED', 'VENDOR_WEBHOOK', null],
  ])('%s to %s (route %s) sends %j', (action, status, route, expected) => {
    expect(webhookEventFor(action, status, route)).toEqual(expected);
  });

  it('no other action ever sends one, whatever the status and route', () => {
    const senders = new Set<string>(['SUBMIT', 'PROVIDE_SUPPORT_TICKET', 'SUPPLY_INFO', 'CANCEL']);
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...TICKET_STATUSES),
        fc.constantFrom(null, ...ROUTES),
        (action, status, route) => {
          const sent = webhookEventFor(action, status, route);
          if (!senders.has(action)) expect(sent).toBeNull();
          if (sent?.event === 'rma.forwarded') expect(status).toBe('FORWARDED');
          if (sent?.condition === 'IF_FORWARDED_AND_SUBSCRIBED') expect(route).toBe('VENDOR_WEBHOOK');
        },
      ),
    );
  });
});

describe('mailFor: the e-mail the reseller gets', () => {
  it.each<[string, string, string | null]>([
    ['SUBMIT', 'IN_REVIEW', 'SUBMITTED'],
    ['SUBMIT', 'FORWARDED', 'SUBMITTED'],
    ['SUBMIT', 'REDIRECTED', 'SUBMITTED'],
    ['SUBMIT', 'AWAITING_PREREQUISITE', 'AWAITING_PREREQUISITE'],
    ['PROVIDE_SUPPORT_TICKET', 'IN_REVIEW', 'SUBMITTED'],
    ['PROVIDE_SUPPORT_TICKET', 'AWAITING_PREREQUISITE', 'AWAITING_PREREQUISITE'],
    ['PROVIDE_SUPPORT_TICKET', 'REJECTED', 'REJECTED'],
    ['SUBMIT', 'REJECTED', 'REJECTED'],
    ['CREATE', 'DRAFT', null],
    ['ROUTE', 'IN_REVIEW', null],
    ['APPROVE', 'APPROVED', 'APPROVED'],
    ['REQUEST_INFO', 'INFO_REQUESTED', 'INFO_REQUESTED'],
    ['REJECT', 'REJECTED', 'REJECTED'],
    ['AUTHORISE_DESTRUCTION', 'DESTRUCTION_AUTHORISED', 'DESTRUCTION_AUTHORISED'],
    ['SUPPLY_INFO', 'IN_REVIEW', null],
    ['SHIP', 'SHIPPED', null],
    ['RECEIVE', 'RECEIVED', 'RECEIVED'],
    ['START_INSPECTION', 'INSPECTING', null],
    ['RESOLVE', 'RESOLVED', 'RESOLVED'],
    ['EXPIRE', 'EXPIRED', 'EXPIRED'],
    ['REAPPLY', 'IN_REVIEW', null],
    ['REOPEN', 'IN_REVIEW', null],
    ['CLOSE', 'CLOSED', null],
    ['CANCEL', 'CANCELLED', null],
    ['VENDOR_ACCEPT', 'VENDOR_ACCEPTED', 'VENDOR_ACCEPTED'],
    ['VENDOR_REJECT', 'VENDOR_REJECTED', 'VENDOR_REJECTED'],
    ['VENDOR_SHIP_REPLACEMENT', 'RESOLVED', 'RESOLVED'],
  ])('%s reaching %s sends %s', (action, status, kind) => {
    expect(mailFor(action, status)).toBe(kind);
  });
});

describe('transitionNote: the timeline note when the actor gave none', () => {
  it.each<[TicketAction, Parameters<typeof transitionNote>[1], string | null]>([
    ['SHIP', { carrier: 'DHL', trackingNumber: 'JD0001' }, 'Shipped with DHL, tracking JD0001'],
    ['RESOLVE', { outcome: 'CREDITED' }, 'Outcome: CREDITED'],
    [
      'EXPIRE',
      { rmaNumber: 'RMA-2026-000042', rmaValidUntil: '2026-03-14' },
      'RMA number RMA-2026-000042 was valid until 2026-03-14 and the item was not shipped.',
    ],
    [
      'VENDOR_ACCEPT',
      { manufacturerName: 'Yealink', vendorRmaNumber: 'YL-77' },
      'Yealink accepted the RMA under its own RMA number YL-77',
    ],
    [
      'VENDOR_REJECT',
      { manufacturerName: 'Yealink', reason: 'Out of warranty' },
      'Yealink rejected the RMA: Out of warranty',
    ],
    [
      'VENDOR_SHIP_REPLACEMENT',
      { manufacturerName: 'Yealink', carrier: 'UPS', trackingNumber: '1Z9', replacementSerial: 'YL-S2' },
      'Yealink shipped a replacement with UPS, tracking 1Z9, serial YL-S2',
    ],
    [
      'VENDOR_SHIP_REPLACEMENT',
      { manufacturerName: 'Yealink', trackingNumber: '1Z9' },
      'Yealink shipped a replacement, tracking 1Z9',
    ],
    ['CLOSE', { manufacturerName: 'Yealink', note: 'Done' }, 'Yealink closed the RMA: Done'],
    ['CLOSE', { manufacturerName: 'Yealink' }, 'Yealink closed the RMA'],
    ['CLOSE', { note: 'Done' }, null],
    ['APPROVE', {}, null],
    ['REJECT', { note: 'Too late' }, null],
    ['CANCEL', {}, null],
  ])('%s with %j: %s', (action, facts, expected) => {
    expect(transitionNote(action, facts)).toBe(expected);
  });
});

describe('guardInputField: the field a failed INPUT guard names', () => {
  it.each<[GuardName | undefined, string | null]>([
    ['NOTE_REQUIRED', 'note'],
    ['NOTE_REQUIRED_FOR_STAFF', 'note'],
    ['SUPPORT_TICKET_NUMBER_REQUIRED', 'supportTicketNumber'],
    ['OUTCOME_ALLOWED', 'outcome'],
    ['VENDOR_RMA_NUMBER_REQUIRED', 'vendorRmaNumber'],
    ['DECISION_REQUIRED', null],
    ['RMA_VALID', null],
    ['RMA_EXPIRED', null],
    [undefined, null],
  ])('%s → %s', (guard, field) => {
    expect(guardInputField(guard)).toBe(field);
  });

  it('names fields only for INPUT guards', () => {
    for (const guard of Object.keys(GUARD_INPUT_FIELDS) as GuardName[])
      expect(GUARDS[guard].kind).toBe('INPUT');
  });
});

it('isTicketAction tells lifecycle actions from other names', () => {
  expect(ACTIONS.every(isTicketAction)).toBe(true);
  expect(['CREATE', 'submit', '', 'toString'].some(isTicketAction)).toBe(false);
});
