import {
  DEXXON,
  fakeManufacturers,
  fakeTickets,
  MF_ID,
  ticketRow,
  TICKET_ID,
} from '../../test/support/tickets.js';
import { apiKey, fakeDatabase, FixedClock, resellerUser, TENANT_ID } from '../../test/support/unit.js';
import { AppException, ErrorCode } from '../common/errors.js';
import type { AppConfig } from '../config/config.js';
import { tenantScope } from '../database/database.service.js';
import type { MailOutbox } from '../mail/mail-outbox.service.js';
import type { Metrics } from '../metrics/metrics.service.js';
import type { WebhookOutbox } from '../webhooks/outbox.service.js';
import type { ReturnsRepository } from '../returns/returns.repository.js';
import type { CreateTicketDto } from './dto.js';
import type { IdempotencyKeysRepository, StoredAnswer } from './idempotency-keys.repository.js';
import { TicketRouting } from './ticket-routing.js';
import { fingerprint } from './idempotency.js';
import { TicketSubmissionService } from './ticket-submission.service.js';
import { TicketViewer } from './ticket-viewer.js';
import type { TicketRow } from './tickets.repository.js';

/** A complete defect of a Dexxon unit, as a reseller sends it. */
const defect = (over: Partial<CreateTicketDto> = {}): CreateTicketDto => ({
  reason: 'DEFECT',
  customer: { name: 'Café Lumière' },
  product: { manufacturer: DEXXON.slug, sku: 'DX-1', serialNumber: 'DX0001', purchaseDate: '2025-06-01' },
  faultDescription: 'does not boot',
  ...over,
});

/** The error a promise was rejected with. */
async function refusal(p: Promise<unknown>): Promise<AppException> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppException)) throw new Error(`expected an AppException, got ${String(err)}`);
  return err;
}

/**
 * The submission service over fakes: the tickets repository (`rows` stored), the Idempotency-Key
 * store answering `claim`, outboxes and metrics that record what they are told.
 */
function sut(
  o: {
    rows?: TicketRow[];
    claim?: { locked: boolean; stored: StoredAnswer | null };
    conflict?: boolean;
  } = {},
) {
  const db = fakeDatabase();
  const clock = new FixedClock('2026-03-10T09:00:00.000Z');
  const { repo, writes } = fakeTickets(o.rows ?? [], { conflict: o.conflict });
  const kept: unknown[][] = [];
  const claims: string[][] = [];
  const keys = {
    claim: async (tenantId: string, key: string) => {
      claims.push([tenantId, key]);
      return o.claim ?? { locked: true, stored: null };
    },
    keepAnswer: (...args: unknown[]) => kept.push(args),
  } as unknown as IdempotencyKeysRepository;
  const manufacturers = fakeManufacturers();
  const told = { webhooks: [] as unknown[][], mail: [] as unknown[][], submitted: [] as string[] };
  const outbox = {
    ticketChanged: async (...args: unknown[]) => told.webhooks.push(args) > 0,
  } as unknown as WebhookOutbox;
  const mail = {
    ticketChanged: async (...args: unknown[]) => void told.mail.push(args),
  } as unknown as MailOutbox;
  const metrics = { ticketSubmitted: (route: string) => told.submitted.push(route) } as unknown as Metrics;
  const returns = { insert: () => undefined } as unknown as ReturnsRepository;
  const service = new TicketSubmissionService(
    db,
    repo,
    returns,
    keys,
    new TicketRouting(repo, clock),
    new TicketViewer(repo, manufacturers, clock),
    manufacturers,
    clock,
    { idempotencyTtlHours: 24 } as AppConfig,
    outbox,
    mail,
    metrics,
  );
  return { service, db, writes, kept, claims, told };
}

describe('ticket submission', () => {
  it('submits a complete ticket: decided, routed and written once with its timeline, its messages and its metric', async () => {
    const { service, db, writes, told } = sut();
    const view = await service.create(resellerUser(), { ...defect(), submit: true });

    expect(db.scopes).toEqual([tenantScope(TENANT_ID)]);
    expect(writes.inserted).toHaveLength(1);
    const { row, events } = writes.inserted[0]!;
    expect(row).toMatchObject({
      tenantId: TENANT_ID,
      status: 'IN_REVIEW',
      reason: 'DEFECT',
      manufacturerId: MF_ID,
      manufacturerRevision: 3,
      sku: 'DX-1',
      serialNumber: 'DX0001',
      customer: { name: 'Café Lumière' },
      customerName: 'Café Lumière',
      facts: { purchaseDate: '2025-06-01' },
      faultDescription: 'does not boot',
      route: 'IN_HOUSE',
      handling: 'RETURN_FOR_INSPECTION',
      warrantyStatus: 'IN_WARRANTY',
      currency: 'EUR',
      creditMinor: null,
      rmaNumber: null,
      // Staff owe the first answer within 14 days, today counted.
      slaDueOn: '2026-03-24',
      submittedAt: new Date('2026-03-10T09:00:00.000Z'),
      createdBy: resellerUser().id,
      createdAt: new Date('2026-03-10T09:00:00.000Z'),
      version: 1,
    });
    expect(row.decision?.amounts.invoicedPrice).toEqual({ amountMinor: 8200, currency: 'EUR' });
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorType])).toEqual([
      ['CREATE', null, 'DRAFT', 'USER'],
      ['SUBMIT', 'DRAFT', 'SUBMITTED', 'USER'],
      ['ROUTE', 'SUBMITTED', 'IN_REVIEW', 'SYSTEM'],
    ]);
    expect(events[2]!.note).toContain('In warranty until 2027-05-31');
    expect(told.webhooks).toEqual([[row, 'SUBMIT', true]]);
    expect(told.mail).toEqual([[row, 'SUBMIT']]);
    expect(told.submitted).toEqual(['IN_HOUSE']);
    expect(view).toMatchObject({ id: row.id, status: 'IN_REVIEW', manufacturer: DEXXON.slug });
    expect(view.sla).toEqual({ dueOn: '2026-03-24', state: expect.any(String) });
  });

  it('saves a draft undecided, and counts no submit', async () => {
    const { service, writes, told } = sut();
    const view = await service.create(apiKey(), { reason: 'DEFECT', customer: { name: 'Café Lumière' } });
    const { row, events } = writes.inserted[0]!;
    expect(row).toMatchObject({
      status: 'DRAFT',
      decision: null,
      route: null,
      slaDueOn: null,
      createdBy: null,
    });
    expect(events).toEqual([
      {
        actorType: 'API_KEY',
        actorId: apiKey().id,
        actorLabel: 'ERP integration',
        action: 'CREATE',
        fromStatus: null,
        toStatus: 'DRAFT',
        note: null,
      },
    ]);
    expect(told.mail).toEqual([[row, 'CREATE']]);
    expect(told.submitted).toEqual([]);
    expect(view.allowedActions).toContain('SUBMIT');
  });

  it('refuses a ticket without a reason, and a submit that lacks fields, naming each field and writing nothing', async () => {
    const { service, writes, told } = sut();
    const noReason = await refusal(service.create(resellerUser(), { customer: { name: 'X' } }));
    expect(noReason.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(noReason.errors).toEqual([{ field: 'reason', message: 'reason is required' }]);

    const incomplete = await refusal(
      service.create(resellerUser(), { reason: 'DEFECT', product: { sku: 'DX-1' }, submit: true }),
    );
    expect(incomplete.errors).toEqual([
      { field: 'customer.name', message: 'customer.name is required to submit' },
      { field: 'product.manufacturer', message: 'product.manufacturer is required to submit' },
      { field: 'product.serialNumber', message: 'product.serialNumber is required to submit' },
      { field: 'faultDescription', message: 'faultDescription is required to submit' },
    ]);
    const returned = await refusal(
      service.create(resellerUser(), {
        reason: 'ORDER_ERROR',
        customer: { name: 'X' },
        product: { sku: 'DX-1' },
        submit: true,
      }),
    );
    expect(returned.errors?.map((e) => e.field)).toEqual([
      'delivery.deliveredOn',
      'unused',
      'originalPackaging',
    ]);
    expect(writes.inserted).toEqual([]);
    expect(told.mail).toEqual([]);
  });

  it('keeps the answer of a new Idempotency-Key, with the fingerprint of the body, for the configured hours', async () => {
    const { service, kept, claims } = sut();
    const body = { ...defect(), submit: true };
    const view = await service.create(resellerUser(), body, 'order-4711');
    expect(claims).toEqual([[TENANT_ID, 'order-4711']]);
    expect(kept).toEqual([[TENANT_ID, 'order-4711', fingerprint(body), 201, view, 24]]);
  });

  it('replays the answer an Idempotency-Key kept for the same body: nothing written, nothing counted', async () => {
    const body = { ...defect(), submit: true };
    const answer = { id: TICKET_ID, status: 'IN_REVIEW' };
    const { service, writes, kept, told } = sut({
      claim: { locked: true, stored: { requestHash: fingerprint(body), statusCode: 201, response: answer } },
    });
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as CreateTicketDto;
    expect(await service.create(resellerUser(), reordered, 'order-4711')).toEqual(answer);
    expect(writes.inserted).toEqual([]);
    expect(kept).toEqual([]);
    expect(told).toEqual({ webhooks: [], mail: [], submitted: [] });
  });

  it('refuses an Idempotency-Key used with another body, and one still held by another request', async () => {
    const other = sut({
      claim: {
        locked: true,
        stored: { requestHash: fingerprint({ reason: 'DOA' }), statusCode: 201, response: {} },
      },
    });
    const reused = await refusal(other.service.create(resellerUser(), defect(), 'order-4711'));
    expect(reused.code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    expect(other.writes.inserted).toEqual([]);

    const held = sut({ claim: { locked: false, stored: null } });
    const busy = await refusal(held.service.create(resellerUser(), defect(), 'order-4711'));
    expect(busy.code).toBe(ErrorCode.IDEMPOTENCY_IN_PROGRESS);
    expect(held.writes.inserted).toEqual([]);
  });

  it('edits a draft field by field (null clears) at its version, and refuses to edit a submitted ticket', async () => {
    const draft = ticketRow({
      status: 'DRAFT',
      decision: null,
      route: null,
      customer: { name: 'Café Lumière', email: 'cafe@example.com' },
      resellerReference: 'PO-1',
    });
    const { service, writes } = sut({ rows: [draft] });
    const view = await service.updateDraft(resellerUser(), draft.id, {
      customer: { email: null as unknown as string, phone: '+49 30 1234' },
      resellerReference: null as unknown as string,
    });
    expect(writes.updated).toHaveLength(1);
    expect(writes.updated[0]).toMatchObject({ id: draft.id, version: 2, events: [] });
    expect(writes.updated[0]!.values).toMatchObject({
      customer: { name: 'Café Lumière', phone: '+49 30 1234' },
      customerName: 'Café Lumière',
      resellerReference: null,
      manufacturerId: MF_ID,
      sku: 'DX-1',
    });
    expect(view.customer).toEqual({ name: 'Café Lumière', phone: '+49 30 1234' });

    const submitted = sut({ rows: [ticketRow()] });
    const refused = await refusal(
      submitted.service.updateDraft(resellerUser(), TICKET_ID, { faultDescription: 'x' }),
    );
    expect(refused.code).toBe(ErrorCode.TRANSITION_NOT_ALLOWED);
    expect(refused.message).toBe('Only a draft can be edited; this ticket is IN_REVIEW');
    expect(submitted.writes.updated).toEqual([]);
  });

  it('answers a conflict when the draft changed meanwhile', async () => {
    const { service } = sut({ rows: [ticketRow({ status: 'DRAFT' })], conflict: true });
    expect(
      (await refusal(service.updateDraft(resellerUser(), TICKET_ID, { faultDescription: 'x' }))).code,
    ).toBe(ErrorCode.CONFLICT);
  });

  it('previews the decision of a content without writing anything', async () => {
    const { service, writes, told } = sut();
    const decision = await service.preview(resellerUser(), defect());
    expect(decision).toMatchObject({ route: 'IN_HOUSE', handling: 'RETURN_FOR_INSPECTION' });
    expect(decision.warranty).toMatchObject({ status: 'IN_WARRANTY', endsOn: '2027-05-31' });
    expect(writes).toEqual({ inserted: [], updated: [] });
    expect(told.mail).toEqual([]);
  });
});
