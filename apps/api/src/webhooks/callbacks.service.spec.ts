import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { fakeDatabase, FixedClock } from '../../test/support/unit.js';
import { endpointRow, ROWS_AT as NOW } from '../../test/support/webhooks.js';
import { AppException, ErrorCode } from '../common/errors.js';
import { SecretBox } from '../common/secret-box.js';
import type { AppConfig } from '../config/config.js';
import type { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import type { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import type { TicketRow } from '../tickets/tickets.repository.js';
import { CallbacksService, inboundSecrets, parseEvent } from './callbacks.service.js';
import { generateSecret, signatureHeader, type SignedHeaders } from './signature.js';
import type { WebhookCallbacksRepository } from './webhook-callbacks.repository.js';
import type { EndpointRow, WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookSecrets } from './webhook-secrets.js';

const SECONDS = NOW.getTime() / 1000;
const TICKET_ID = '0190a000-0000-7000-8000-0000000000c1';
const INBOUND = generateSecret();
const PREVIOUS = generateSecret();

/** The endpoint with its inbound secret. */
const endpoint = (over: Partial<EndpointRow> = {}): EndpointRow =>
  endpointRow({ inboundSecret: INBOUND, inboundSecretCreatedAt: NOW, ...over });

const accepted = { type: 'rma.accepted', data: { ticketId: TICKET_ID, vendorRmaNumber: 'V-1' } };

/** A callback as the manufacturer sends it: its raw body and the headers signed with `secret`. */
function signed(secret: string, body: unknown = accepted, over: Partial<SignedHeaders> = {}) {
  const raw = Buffer.from(JSON.stringify(body));
  const id = over.id ?? 'msg_vendor_1';
  const timestamp = over.timestamp ?? String(SECONDS);
  return {
    raw,
    body,
    headers: { id, timestamp, signature: signatureHeader([secret], id, Number(timestamp), raw), ...over },
  };
}

/**
 * The callbacks service over fakes: the manufacturer `dapustor` (mf-1) and its endpoint `stored`;
 * the transitions service stands in for the ticket's change, asking the callback whether it was
 * `seen` before and recording it as the real one does.
 */
function sut(o: { stored?: EndpointRow | null; seen?: boolean; key?: Buffer } = {}) {
  const calls = {
    changes: [] as Array<{ manufacturer: string; ticketId: string; action: string }>,
    recorded: [] as unknown[],
  };
  const endpoints = {
    byManufacturer: async () => (o.stored === undefined ? endpoint() : o.stored),
  } as unknown as WebhookEndpointsRepository;
  const callbacks = {
    find: async () => (o.seen ? { ticketId: TICKET_ID, toStatus: 'ACCEPTED_BY_VENDOR' } : null),
    insert: async (c: unknown) => {
      calls.recorded.push(c);
      return true;
    },
  } as unknown as WebhookCallbacksRepository;
  const transitions = {
    byManufacturer: async (
      mf: ManufacturerEntity,
      ticketId: string,
      change: {
        action: string;
        seen: () => Promise<boolean>;
        record: (before: TicketRow, to: string) => Promise<boolean>;
      },
    ) => {
      calls.changes.push({ manufacturer: mf.slug, ticketId, action: change.action });
      const before = {
        id: ticketId,
        tenantId: 'tenant-1',
        manufacturerId: mf.id,
        status: 'FORWARDED',
      } as TicketRow;
      if (await change.seen()) return { applied: false, ticket: before };
      if (!(await change.record(before, 'ACCEPTED_BY_VENDOR'))) return { applied: false, ticket: before };
      return { applied: true, ticket: { ...before, status: 'ACCEPTED_BY_VENDOR' } };
    },
  } as unknown as TicketTransitionsService;
  const manufacturers = {
    bySlug: async (slug: string) => (slug === 'dapustor' ? { id: 'mf-1', slug, name: 'DapuStor' } : null),
  } as unknown as ManufacturersService;
  const config = { secretsKeys: o.key ? { current: o.key, previous: [] } : null } as AppConfig;
  const db = fakeDatabase();
  const secrets = new WebhookSecrets(db, endpoints, config);
  const service = new CallbacksService(
    db,
    endpoints,
    callbacks,
    transitions,
    manufacturers,
    new FixedClock(NOW),
    secrets,
  );
  const receive = (
    c: Omit<ReturnType<typeof signed>, 'raw'> & { raw: Buffer | undefined },
    slug = 'dapustor',
  ) => service.receive(slug, c.headers, c.raw, c.body);
  return { receive, calls };
}

/** The error a promise was rejected with, as the API answers it. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppException)) throw new Error(`expected an AppException, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('manufacturer callbacks: verification', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('applies a callback signed with the inbound secret to its ticket, and records it', async () => {
    const { receive, calls } = sut();
    const callback = signed(INBOUND);
    expect(await receive(callback)).toEqual({
      result: 'APPLIED',
      ticketId: TICKET_ID,
      status: 'ACCEPTED_BY_VENDOR',
    });
    expect(calls.changes).toEqual([
      { manufacturer: 'dapustor', ticketId: TICKET_ID, action: 'VENDOR_ACCEPT' },
    ]);
    expect(calls.recorded).toEqual([
      {
        tenantId: 'tenant-1',
        manufacturerId: 'mf-1',
        webhookId: 'msg_vendor_1',
        ticketId: TICKET_ID,
        eventType: 'rma.accepted',
        rawBody: callback.raw.toString('utf8'),
        action: 'VENDOR_ACCEPT',
        fromStatus: 'FORWARDED',
        toStatus: 'ACCEPTED_BY_VENDOR',
      },
    ]);
  });

  it('answers a webhook-id applied before as a duplicate, recording nothing', async () => {
    const { receive, calls } = sut({ seen: true });
    expect(await receive(signed(INBOUND))).toEqual({
      result: 'DUPLICATE',
      ticketId: TICKET_ID,
      status: 'FORWARDED',
    });
    expect(calls.recorded).toEqual([]);
  });

  it.each<[string, () => ReturnType<typeof signed>, string]>([
    ['a wrong secret', () => signed(generateSecret()), 'No signature matches the inbound secret'],
    [
      'missing headers',
      () => signed(INBOUND, accepted, { signature: undefined }),
      'webhook-id, webhook-timestamp and webhook-signature headers are required',
    ],
    [
      'a timestamp that is not Unix seconds',
      () => signed(INBOUND, accepted, { timestamp: '2026-03-10' }),
      'webhook-timestamp must be Unix seconds',
    ],
    [
      'a timestamp over 300 seconds old',
      () => signed(INBOUND, accepted, { timestamp: String(SECONDS - 301) }),
      'webhook-timestamp is more than 300 seconds away from our clock',
    ],
  ])('refuses %s as unauthenticated, before reading the ticket', async (_, make, message) => {
    const { receive, calls } = sut();
    expect(await refusal(receive(make()))).toEqual({ code: ErrorCode.UNAUTHENTICATED, message });
    expect(calls.changes).toEqual([]);
  });

  it('refuses every callback of a manufacturer without an inbound secret', async () => {
    const { receive } = sut({ stored: endpoint({ inboundSecret: null }) });
    expect(await refusal(receive(signed(INBOUND)))).toEqual({
      code: ErrorCode.UNAUTHENTICATED,
      message: 'No inbound secret is configured for DapuStor',
    });
    expect(await refusal(sut({ stored: null }).receive(signed(INBOUND)))).toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
  });

  it('accepts the rotated-out inbound secret during its grace, and not after', async () => {
    const rotated = (expiresAt: Date) =>
      endpoint({ inboundPreviousSecret: PREVIOUS, inboundPreviousSecretExpiresAt: expiresAt });
    const live = sut({ stored: rotated(new Date(NOW.getTime() + 1000)), seen: true });
    expect(await live.receive(signed(PREVIOUS))).toMatchObject({ result: 'DUPLICATE' });
    const over = sut({ stored: rotated(NOW), seen: true });
    expect(await refusal(over.receive(signed(PREVIOUS)))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('answers a secret it cannot decrypt as its own failure, to be sent again, never as a bad signature', async () => {
    const lost = new SecretBox(randomBytes(32)).seal(INBOUND, 'webhook_endpoints/mf-1/inbound');
    const { receive, calls } = sut({ stored: endpoint({ inboundSecret: lost }), key: randomBytes(32) });
    const answer = await refusal(receive(signed(INBOUND)));
    expect(answer.code).toBe(ErrorCode.SECRET_UNAVAILABLE);
    expect(answer.message).toMatch(/cannot be verified right now .*send it again later$/);
    expect(calls.changes).toEqual([]);
  });

  it('verifies with the secret it can decrypt when another one cannot be', async () => {
    const key = randomBytes(32);
    const sealed = new SecretBox(key).seal(INBOUND, 'webhook_endpoints/mf-1/inbound');
    const lost = new SecretBox(randomBytes(32)).seal(PREVIOUS, 'webhook_endpoints/mf-1/inbound');
    const stored = endpoint({
      inboundSecret: sealed,
      inboundPreviousSecret: lost,
      inboundPreviousSecretExpiresAt: new Date(NOW.getTime() + 60_000),
    });
    const { receive } = sut({ stored, key, seen: true });
    expect(await receive(signed(INBOUND))).toMatchObject({ result: 'DUPLICATE' });
  });

  it('refuses a webhook-id over 255 characters, a body that is not JSON and an unknown manufacturer', async () => {
    const { receive } = sut();
    const long = signed(INBOUND, accepted, { id: 'x'.repeat(256) });
    expect(await refusal(receive(long))).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      message: 'webhook-id: webhook-id must be at most 255 characters',
    });
    expect(await refusal(receive({ ...signed(INBOUND), raw: undefined }))).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
    expect(await refusal(receive(signed(INBOUND), 'nobody'))).toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});

describe('manufacturer callbacks: the body', () => {
  it.each<[string, unknown, string[]]>([
    ['an unknown type', { type: 'rma.lost', data: { ticketId: TICKET_ID } }, ['type']],
    ['no data', { type: 'rma.closed' }, ['data']],
    ['a ticket id that is not a UUID', { type: 'rma.closed', data: { ticketId: 'T-1' } }, ['data.ticketId']],
    [
      'an acceptance without the vendor number',
      { type: 'rma.accepted', data: { ticketId: TICKET_ID } },
      ['data.vendorRmaNumber'],
    ],
    [
      'a rejection without a reason',
      { type: 'rma.rejected', data: { ticketId: TICKET_ID, reason: ' ' } },
      ['data.reason'],
    ],
    [
      'a shipment without tracking',
      { type: 'rma.replacement_shipped', data: { ticketId: TICKET_ID, carrier: 'DHL' } },
      ['data.trackingNumber'],
    ],
    ['not an object', [], ['type', 'data']],
  ])('names every problem of %s', (_, body, fields) => {
    let problems: string[] = [];
    try {
      parseEvent(body);
    } catch (err) {
      problems = ((err as AppException).errors ?? []).map((p) => p.field);
    }
    expect(problems).toEqual(fields);
  });

  it('reads a callback: trimmed texts, the ticket id in lower case', () => {
    expect(
      parseEvent({
        type: 'rma.replacement_shipped',
        data: { ticketId: TICKET_ID.toUpperCase(), trackingNumber: ' 1Z99 ', replacementSerial: 'SN-2' },
      }),
    ).toEqual({
      type: 'rma.replacement_shipped',
      ticketId: TICKET_ID,
      trackingNumber: '1Z99',
      carrier: undefined,
      replacementSerial: 'SN-2',
    });
  });

  it('checks callbacks against the inbound secret, and the previous one only during its grace', () => {
    const e = endpoint({
      inboundPreviousSecret: PREVIOUS,
      inboundPreviousSecretExpiresAt: new Date(NOW.getTime() + 1),
    });
    expect(inboundSecrets(e, NOW)).toEqual([INBOUND, PREVIOUS]);
    expect(inboundSecrets(e, new Date(NOW.getTime() + 1))).toEqual([INBOUND]);
    expect(inboundSecrets(endpoint({ inboundSecret: null }), NOW)).toEqual([]);
    expect(inboundSecrets(null, NOW)).toEqual([]);
  });
});
