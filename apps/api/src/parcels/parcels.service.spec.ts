import {
  DEXXON,
  fakeManufacturers,
  fakeTickets,
  manufacturer,
  MF_ID,
  ticketRow,
} from '../../test/support/tickets.js';
import { fakeDatabase, FixedClock, staffUser } from '../../test/support/unit.js';
import { AppException, ErrorCode, NotFoundException, ValidationException } from '../common/errors.js';
import type { MailOutbox } from '../mail/mail-outbox.service.js';
import type { ReturnsRepository } from '../returns/returns.repository.js';
import type { TransitionDto } from '../tickets/dto.js';
import type { ParcelRma, TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { TicketViewer } from '../tickets/ticket-viewer.js';
import type { TicketRow } from '../tickets/ticket-row.js';
import type { TicketView } from '../tickets/ticket.views.js';
import type { ParcelRow, ParcelsRepository } from './parcels.repository.js';
import { ParcelsService } from './parcels.service.js';

const RETURN_ID = '0190a000-0000-7000-8000-0000000000e1';
const PARCEL_ID = '0190a000-0000-7000-8000-0000000000b1';
const OTHER_MF = '0190a000-0000-7000-8000-0000000000d2';
const item = (n: number, over: Partial<TicketRow> = {}) =>
  ticketRow({
    id: `0190a000-0000-7000-8000-00000000000${n}`,
    returnId: RETURN_ID,
    position: n,
    serialNumber: `DX000${n}`,
    ...over,
  });

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
}

/**
 * The parcels service over fakes: a return holding `items`, a transitions service that records each
 * action asked (the first APPROVE's update makes the parcel), a parcels repository over `parcel`.
 */
function sut(items: TicketRow[], parcelItems: TicketRow[] = []) {
  const db = fakeDatabase();
  const clock = new FixedClock();
  const { repo } = fakeTickets(items, { sequence: 77 });
  const manufacturers = fakeManufacturers([
    manufacturer(),
    manufacturer({
      id: OTHER_MF,
      slug: 'quick',
      name: 'Quick',
      config: { ...DEXXON, slug: 'quick', name: 'Quick', rmaValidityDays: 7 },
    }),
  ]);
  const viewer = new TicketViewer(repo, manufacturers, clock);
  const asked: Array<{ id: string; dto: TransitionDto; rma?: ParcelRma }> = [];
  const transitions = {
    acted: async (_p: unknown, id: string, dto: TransitionDto, rma?: ParcelRma) => {
      asked.push({ id, dto, rma: rma && { ...rma } });
      const row = {
        ...items.find((i) => i.id === id)!,
        status: 'APPROVED',
        parcelId: rma?.parcelId ?? PARCEL_ID,
      };
      return { row, view: { id, status: 'APPROVED' } as TicketView };
    },
    act: async (_p: unknown, id: string, dto: TransitionDto) => {
      asked.push({ id, dto });
      return { id } as TicketView;
    },
  } as unknown as TicketTransitionsService;
  const returns = {
    findById: async (id: string) => (id === RETURN_ID ? { id } : null),
    items: async () => items,
  } as unknown as ReturnsRepository;
  const parcel = { id: PARCEL_ID, returnId: RETURN_ID, rmaNumber: 'RMA-2026-000077' } as ParcelRow;
  const parcels = {
    findById: async (id: string) => (id === PARCEL_ID ? parcel : null),
    items: async () => parcelItems,
  } as unknown as ParcelsRepository;
  // The reseller's mail about items approved together may be grouped (MailOutbox.together); here it
  // just runs the work. Given last, so the service is built the same with or without that grouping.
  const mail = { together: async (work: () => Promise<unknown>) => work() } as unknown as MailOutbox;
  const service: ParcelsService = Reflect.construct(ParcelsService, [
    db,
    parcels,
    returns,
    repo,
    transitions,
    viewer,
    clock,
    mail,
  ]);
  return { service, asked };
}

describe('parcels', () => {
  it('approves the selected items with one RMA number: one sequence, the shortest validity, the parcel the first made', async () => {
    const items = [item(1), item(2, { manufacturerId: OTHER_MF }), item(3)];
    const { service, asked } = sut(items);
    const answer = await service.approve(staffUser(), RETURN_ID, {
      items: [items[0]!.id, items[1]!.id],
      note: 'ok',
    });

    expect(asked).toEqual([
      { id: items[0]!.id, dto: { action: 'APPROVE', note: 'ok' }, rma: { sequence: 77, validityDays: 7 } },
      {
        id: items[1]!.id,
        dto: { action: 'APPROVE', note: 'ok' },
        rma: { sequence: 77, validityDays: 7, parcelId: PARCEL_ID },
      },
    ]);
    expect(answer.parcel).toMatchObject({ id: PARCEL_ID, rmaNumber: 'RMA-2026-000077' });
    expect(answer.items.map((i) => [i.id, i.approved, i.refusal])).toEqual([
      [items[0]!.id, true, null],
      [items[1]!.id, true, null],
    ]);
  });

  it('refuses an item the lifecycle does not let staff approve, with its reason, and approves the others', async () => {
    const items = [item(1, { status: 'APPROVED' }), item(2)];
    const { service, asked } = sut(items);
    const answer = await service.approve(staffUser(), RETURN_ID, { items: [items[0]!.id, items[1]!.id] });

    expect(asked.map((a) => a.id)).toEqual([items[1]!.id]);
    expect(answer.items[0]).toMatchObject({
      approved: false,
      refusal: expect.stringMatching(/^item 1: .*APPROVED/),
    });
    expect(answer.items[1]).toMatchObject({ approved: true, refusal: null });
  });

  it('approves nothing, and makes no parcel, when every item is refused', async () => {
    const { service, asked } = sut([item(1, { status: 'SHIPPED' })]);
    const answer = await service.approve(staffUser(), RETURN_ID, { items: [item(1).id] });
    expect(asked).toEqual([]);
    expect(answer).toMatchObject({ parcel: null, items: [{ approved: false }] });
  });

  it.each([
    ['an item of another return', ['0190a000-0000-7000-8000-000000000099'], 'is not an item of return'],
    ['an item given twice', [item(1).id, item(1).id], 'is already items[0]'],
  ])('refuses %s naming it, and asks for nothing', async (_what, ids, message) => {
    const { service, asked } = sut([item(1)]);
    const err = await failure(service.approve(staffUser(), RETURN_ID, { items: ids }));
    expect(err).toBeInstanceOf(ValidationException);
    const problems = (err as ValidationException).errors ?? [];
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(`items[${ids.length - 1}]`);
    expect(problems[0]!.message).toContain(message);
    expect(asked).toEqual([]);
  });

  it('answers 404 for a return the caller may not see', async () => {
    const { service } = sut([item(1)]);
    expect(await failure(service.approve(staffUser(), MF_ID, { items: [item(1).id] }))).toBeInstanceOf(
      NotFoundException,
    );
  });

  it('ships every approved item of the parcel with the one carrier and tracking number, and only those', async () => {
    const parcelItems = [
      item(1, { status: 'APPROVED' }),
      item(2, { status: 'CANCELLED' }),
      item(3, { status: 'APPROVED' }),
    ];
    const { service, asked } = sut(parcelItems, parcelItems);
    await service.ship(staffUser(), PARCEL_ID, { carrier: 'DHL', trackingNumber: 'JD1' });
    expect(asked).toEqual([
      { id: parcelItems[0]!.id, dto: { action: 'SHIP', carrier: 'DHL', trackingNumber: 'JD1' } },
      { id: parcelItems[2]!.id, dto: { action: 'SHIP', carrier: 'DHL', trackingNumber: 'JD1' } },
    ]);
  });

  it('refuses to ship a parcel with no approved item left, saying what its items are', async () => {
    const parcelItems = [item(1, { status: 'SHIPPED' })];
    const { service, asked } = sut(parcelItems, parcelItems);
    const err = await failure(
      service.ship(staffUser(), PARCEL_ID, { carrier: 'DHL', trackingNumber: 'JD1' }),
    );
    expect(err).toBeInstanceOf(AppException);
    expect((err as AppException).code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    expect((err as AppException).message).toBe(
      'Parcel RMA-2026-000077 has no approved item to ship (its items are SHIPPED)',
    );
    expect(asked).toEqual([]);
  });
});
