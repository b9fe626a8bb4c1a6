import { Logger } from '@nestjs/common';
import {
  fakeManufacturers,
  fakeTickets,
  manufacturer,
  MF_ID,
  ticketRow,
  TICKET_ID,
} from '../../test/support/tickets.js';
import { fakeDatabase, FixedClock, resellerUser, staffUser } from '../../test/support/unit.js';
import { AppException, ErrorCode } from '../common/errors.js';
import { ALL_TENANTS } from '../database/database.service.js';
import type { MailOutbox } from '../mail/mail-outbox.service.js';
import type { Metrics } from '../metrics/metrics.service.js';
import type { WebhookOutbox } from '../webhooks/outbox.service.js';
import type { TransitionDto } from './dto.js';
import type { IdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { TicketRouting } from './ticket-routing.js';
import { TicketTransitionsService, type ManufacturerChange } from './ticket-transitions.service.js';
import { TicketViewer } from './ticket-viewer.js';
import type { TicketRow } from './tickets.repository.js';

const NOW = new Date('2026-03-10T09:00:00.000Z');

async function refusal(p: Promise<unknown>): Promise<AppException> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppException)) throw new Error(`expected an AppException, got ${String(err)}`);
  return err;
}

/**
 * The transitions service over fakes: the tickets repository holding `rows` (RMA numbers from
 * `sequence`; the expiry sweep's pages in `pastValidity`), outboxes and metrics that record.
 */
function sut(
  rows: TicketRow[],
  o: { sequence?: number; conflict?: boolean; pastValidity?: TicketRow[][]; purged?: number } = {},
) {
  const db = fakeDatabase();
  const clock = new FixedClock(NOW);
  const { repo, writes } = fakeTickets(rows, o);
  const manufacturers = fakeManufacturers();
  const told = { webhooks: [] as unknown[][], mail: [] as unknown[][], submitted: [] as string[], purges: 0 };
  const keys = {
    purgeExpired: async () => {
      told.purges++;
      return o.purged ?? 0;
    },
  } as unknown as IdempotencyKeysRepository;
  const outbox = {
    ticketChanged: async (...args: unknown[]) => told.webhooks.push(args) > 0,
  } as unknown as WebhookOutbox;
  const mail = {
    ticketChanged: async (...args: unknown[]) => void told.mail.push(args),
  } as unknown as MailOutbox;
  const metrics = { ticketSubmitted: (route: string) => told.submitted.push(route) } as unknown as Metrics;
  const service = new TicketTransitionsService(
    db,
    repo,
    keys,
    new TicketRouting(repo, clock),
    new TicketViewer(repo, manufacturers, clock),
    clock,
    outbox,
    mail,
    metrics,
  );
  const act = (dto: TransitionDto, p = staffUser()) => service.act(p, TICKET_ID, dto);
  return { service, act, db, writes, told };
}

describe('ticket transitions', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('APPROVE issues the next RMA number, valid the manufacturer’s days, and clears the service level', async () => {
    const { act, db, writes, told } = sut([ticketRow()], { sequence: 42 });
    const view = await act({ action: 'APPROVE' });

    expect(db.scopes).toEqual([ALL_TENANTS]);
    expect(writes.updated).toHaveLength(1);
    const { version, values, events, at } = writes.updated[0]!;
    expect(version).toBe(2);
    expect(values).toEqual({
      status: 'APPROVED',
      rmaNumber: 'RMA-2026-000042',
      rmaIssuedOn: '2026-03-10',
      rmaValidUntil: '2026-03-20', // Dexxon's RMA numbers are valid 10 days
      slaDueOn: null,
    });
    expect(at).toEqual(NOW);
    expect(events).toEqual([
      {
        actorType: 'USER',
        actorId: staffUser().id,
        actorLabel: 'Theo Triage',
        action: 'APPROVE',
        fromStatus: 'IN_REVIEW',
        toStatus: 'APPROVED',
        note: null,
      },
    ]);
    expect(told.webhooks.map(([t, a]) => [(t as TicketRow).status, a])).toEqual([['APPROVED', 'APPROVE']]);
    expect(told.mail.map(([t, a]) => [(t as TicketRow).rmaNumber, a])).toEqual([
      ['RMA-2026-000042', 'APPROVE'],
    ]);
    expect(view).toMatchObject({
      status: 'APPROVED',
      rma: { number: 'RMA-2026-000042', validUntil: '2026-03-20' },
    });
    expect(told.submitted).toEqual([]);
  });

  it('RESOLVE records the outcome: a credit of the invoiced price in its currency, described in the timeline', async () => {
    const { act, writes, told } = sut([ticketRow({ status: 'INSPECTING', slaDueOn: '2026-04-01' })]);
    await act({ action: 'RESOLVE', outcome: 'CREDITED' });
    expect(writes.updated[0]!.values).toEqual({
      status: 'RESOLVED',
      outcome: 'CREDITED',
      creditMinor: 8200,
      currency: 'EUR',
      slaDueOn: null,
    });
    expect(writes.updated[0]!.events[0]).toMatchObject({ action: 'RESOLVE', note: 'Outcome: CREDITED' });
    expect(told.mail.map(([, a]) => a)).toEqual(['RESOLVE']);
  });

  it('RESOLVE with a replacement covers it until the original warranty ends; the note given is kept', async () => {
    const { act, writes } = sut([ticketRow({ status: 'INSPECTING' })]);
    await act({ action: 'RESOLVE', outcome: 'REPLACED', replacementSerial: 'DX0999', note: 'Swapped' });
    expect(writes.updated[0]!.values).toMatchObject({
      status: 'RESOLVED',
      outcome: 'REPLACED',
      replacementSerial: 'DX0999',
      creditMinor: null,
    });
    // The original warranty ends later than the replacement's own 90 days would.
    expect(writes.updated[0]!.values.replacementCoveredUntil).toBe('2027-05-31');
    expect(writes.updated[0]!.events[0]!.note).toBe('Swapped');
  });

  it('answers 4xx naming the field for what an action lacks, writing nothing', async () => {
    const cases: Array<[TicketRow, TransitionDto, string[]]> = [
      [ticketRow({ status: 'INSPECTING' }), { action: 'RESOLVE' }, ['outcome']],
      [
        ticketRow({ status: 'INSPECTING' }),
        { action: 'RESOLVE', outcome: 'REPLACED' },
        ['replacementSerial'],
      ],
    ];
    for (const [row, dto, fields] of cases) {
      const { act, writes, told } = sut([row]);
      const err = await refusal(act(dto));
      expect(err.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(err.errors?.map((e) => e.field)).toEqual(fields);
      expect(writes.updated).toEqual([]);
      expect(told.mail).toEqual([]);
    }
    const approved = ticketRow({
      status: 'APPROVED',
      rmaNumber: 'RMA-2026-000042',
      rmaValidUntil: '2026-03-20',
    });
    const { act, writes } = sut([approved]);
    const ship = await refusal(act({ action: 'SHIP' }, resellerUser()));
    expect(ship.errors).toEqual([
      { field: 'carrier', message: 'carrier is required to ship' },
      { field: 'trackingNumber', message: 'trackingNumber is required to ship' },
    ]);
    expect(writes.updated).toEqual([]);
  });

  it('SHIP records the parcel and describes it; a parcel with another RMA number is refused at receipt', async () => {
    const approved = ticketRow({
      status: 'APPROVED',
      rmaNumber: 'RMA-2026-000042',
      rmaValidUntil: '2026-03-20',
    });
    const { act, writes } = sut([approved]);
    await act({ action: 'SHIP', carrier: 'DHL', trackingNumber: 'JD0001' }, resellerUser());
    expect(writes.updated[0]!.values).toEqual({
      status: 'SHIPPED',
      carrier: 'DHL',
      trackingNumber: 'JD0001',
      shippedOn: '2026-03-10',
    });
    expect(writes.updated[0]!.events[0]).toMatchObject({
      actorType: 'USER',
      note: 'Shipped with DHL, tracking JD0001',
    });
    const refused = await refusal(act({ action: 'RECEIVE', rmaNumber: 'RMA-2026-000041' }));
    expect(refused.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    expect(refused.message).toBe(
      "Parcel refused: RMA number RMA-2026-000041 is not this ticket's (RMA-2026-000042)",
    );
    expect(writes.updated).toHaveLength(1);
  });

  it('refuses an action the role may not take, one the status does not allow, and a ticket changed meanwhile', async () => {
    const forbidden = await refusal(sut([ticketRow()]).act({ action: 'APPROVE' }, resellerUser()));
    expect(forbidden.code).toBe(ErrorCode.FORBIDDEN);
    const notNow = await refusal(sut([ticketRow({ status: 'CLOSED' })]).act({ action: 'APPROVE' }));
    expect(notNow.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    const { act, told } = sut([ticketRow()], { conflict: true });
    expect((await refusal(act({ action: 'APPROVE' }))).code).toBe(ErrorCode.CONFLICT);
    expect(told.mail).toEqual([]);
    expect((await refusal(sut([]).act({ action: 'APPROVE' }))).code).toBe(ErrorCode.NOT_FOUND);
  });

  it('expires approved tickets whose RMA number lapsed, batch after batch, and purges lapsed Idempotency-Keys', async () => {
    const lapsed = (i: number) =>
      ticketRow({
        id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        status: 'APPROVED',
        rmaNumber: `RMA-2026-${String(i).padStart(6, '0')}`,
        rmaValidUntil: '2026-03-09',
        slaDueOn: null,
      });
    const full = Array.from({ length: 200 }, (_, i) => lapsed(i + 1));
    const last = [
      lapsed(201),
      ticketRow({
        id: '0190a000-0000-7000-8000-000000000999',
        status: 'APPROVED',
        rmaValidUntil: '2026-03-10',
      }),
    ];
    const { service, db, writes, told } = sut([...full, ...last], { pastValidity: [full, last], purged: 3 });

    expect(await service.expireOverdue()).toBe(201);
    // Two batches and the purge, each its own unit of work across tenants.
    expect(db.scopes).toEqual([ALL_TENANTS, ALL_TENANTS, ALL_TENANTS]);
    // The ticket still valid today is not expired.
    expect(writes.updated).toHaveLength(201);
    expect(writes.updated[200]).toMatchObject({
      values: { status: 'EXPIRED', slaDueOn: null },
      events: [
        {
          actorType: 'SYSTEM',
          actorLabel: 'RMA platform',
          action: 'EXPIRE',
          fromStatus: 'APPROVED',
          toStatus: 'EXPIRED',
          note: 'RMA number RMA-2026-000201 was valid until 2026-03-09 and the item was not shipped.',
        },
      ],
    });
    expect(told.mail).toHaveLength(201);
    expect(told.mail.every(([, a]) => a === 'EXPIRE')).toBe(true);
    expect(told.webhooks).toEqual([]);
    expect(told.purges).toBe(1);
  });

  describe("a manufacturer's callback", () => {
    const forwarded = () =>
      ticketRow({
        status: 'FORWARDED',
        route: 'VENDOR_WEBHOOK',
        handling: 'FORWARD_TO_VENDOR',
        slaDueOn: null,
      });
    const change = (over: Partial<ManufacturerChange> = {}) => {
      const recorded: Array<[string, string]> = [];
      const c: ManufacturerChange = {
        action: 'VENDOR_ACCEPT',
        input: { vendorRmaNumber: 'V-77' },
        label: 'rma.accepted',
        seen: async () => false,
        record: async (t, to) => {
          recorded.push([t.id, to]);
          return true;
        },
        ...over,
      };
      return { c, recorded };
    };

    it('applies the change as the manufacturer, records the callback first and mails the reseller', async () => {
      const { service, writes, told } = sut([forwarded()]);
      const { c, recorded } = change();
      const r = await service.byManufacturer(manufacturer(), TICKET_ID, c);
      expect(r.applied).toBe(true);
      expect(r.ticket.status).toBe('VENDOR_ACCEPTED');
      expect(recorded).toEqual([[TICKET_ID, 'VENDOR_ACCEPTED']]);
      expect(writes.updated[0]!.values).toEqual({ status: 'VENDOR_ACCEPTED', vendorRmaNumber: 'V-77' });
      expect(writes.updated[0]!.events).toEqual([
        {
          actorType: 'MANUFACTURER',
          actorId: MF_ID,
          actorLabel: 'Dexxon Brand',
          action: 'VENDOR_ACCEPT',
          fromStatus: 'FORWARDED',
          toStatus: 'VENDOR_ACCEPTED',
          note: 'Dexxon Brand accepted the RMA under its own RMA number V-77',
        },
      ]);
      expect(told.mail.map(([, a, note]) => [a, note])).toEqual([
        ['VENDOR_ACCEPT', 'Dexxon Brand accepted the RMA under its own RMA number V-77'],
      ]);
      expect(told.webhooks).toEqual([]);
    });

    it('changes nothing for a callback seen or recorded before, and refuses what the lifecycle does not allow', async () => {
      const seen = sut([forwarded()]);
      const once = change({ seen: async () => true });
      expect((await seen.service.byManufacturer(manufacturer(), TICKET_ID, once.c)).applied).toBe(false);
      expect(once.recorded).toEqual([]);
      expect(seen.writes.updated).toEqual([]);

      const raced = sut([forwarded()]);
      const copy = change({ record: async () => false });
      expect((await raced.service.byManufacturer(manufacturer(), TICKET_ID, copy.c)).applied).toBe(false);
      expect(raced.writes.updated).toEqual([]);

      const noNumber = await refusal(
        sut([forwarded()]).service.byManufacturer(manufacturer(), TICKET_ID, change({ input: {} }).c),
      );
      expect(noNumber.errors?.map((e) => e.field)).toEqual(['data.vendorRmaNumber']);
      const closed = await refusal(
        sut([ticketRow({ status: 'CLOSED' })]).service.byManufacturer(manufacturer(), TICKET_ID, change().c),
      );
      expect(closed.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
      expect(closed.message).toMatch(/^rma\.accepted is not possible now: /);
      const other = await refusal(
        sut([ticketRow({ manufacturerId: 'another' })]).service.byManufacturer(
          manufacturer(),
          TICKET_ID,
          change().c,
        ),
      );
      expect(other.code).toBe(ErrorCode.NOT_FOUND);
    });
  });
});
