import type { AttachmentLinks } from '../attachments/attachment-links.js';
import type { AppConfig } from '../config/config.js';
import type { ManufacturerEntity } from '../manufacturers/entities/manufacturer.entity.js';
import type { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { TicketRow } from '../tickets/tickets.repository.js';
import { eventFor, WebhookOutbox } from './outbox.service.js';
import { WebhookSignals } from './webhook-signals.js';
import type { NewDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import type { EndpointRow, WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

describe('webhook outbox', () => {
  it.each([
    ['SUBMIT', 'FORWARDED', 'VENDOR_WEBHOOK', 'rma.forwarded'],
    ['PROVIDE_SUPPORT_TICKET', 'FORWARDED', 'VENDOR_WEBHOOK', 'rma.forwarded'],
    ['SUBMIT', 'AWAITING_PREREQUISITE', 'VENDOR_WEBHOOK', null],
    ['SUBMIT', 'IN_REVIEW', 'IN_HOUSE', null],
    ['CREATE', 'DRAFT', null, null],
    ['CANCEL', 'CANCELLED', 'VENDOR_WEBHOOK', 'LATER'],
    ['SUPPLY_INFO', 'IN_REVIEW', 'VENDOR_WEBHOOK', 'LATER'],
    ['CANCEL', 'CANCELLED', 'IN_HOUSE', null],
    ['APPROVE', 'APPROVED', 'VENDOR_WEBHOOK', null],
  ])('%s to %s (route %s) sends %s', (action, status, route, expected) => {
    expect(eventFor(action, status, route)).toBe(expected);
  });

  const ticket = (over: Partial<TicketRow> = {}) =>
    ({
      id: 't-1',
      tenantId: 'tenant-1',
      status: 'FORWARDED',
      reason: 'DEFECT',
      route: 'VENDOR_WEBHOOK',
      manufacturerId: 'mf-1',
      sku: 'DS-1',
      serialNumber: 'DS2541A1',
      invoiceRef: null,
      facts: { usage: 5 },
      faultDescription: 'dead',
      supportTicketNumber: null,
      resellerReference: 'PO-1',
      decision: null,
      submittedAt: new Date('2026-03-01T10:00:00Z'),
      ...over,
    }) as TicketRow;

  function sut(endpoint: Partial<EndpointRow> | null, forwardedBefore = true) {
    const inserted: NewDelivery[] = [];
    const deliveries = {
      // The queued delivery, as if the unit of work committed it (its row written).
      enqueue: (d: NewDelivery, done?: () => void) => {
        inserted.push(d);
        done?.();
      },
      hasDelivery: async () => forwardedBefore,
    } as unknown as WebhookDeliveriesRepository;
    const endpoints = {
      byManufacturer: async () => endpoint,
    } as unknown as WebhookEndpointsRepository;
    const manufacturers = {
      byId: async () => ({ id: 'mf-1', slug: 'dapustor' }) as ManufacturerEntity,
    } as unknown as ManufacturersService;
    const config = {
      publicUrl: 'https://rma.example/',
      webhooks: { retryScheduleMs: [0, 5000] },
    } as AppConfig;
    const signals = new WebhookSignals();
    const nudged = { count: 0 };
    signals.listen(() => nudged.count++);
    const attachments = { forTicket: async () => [] } as unknown as AttachmentLinks;
    return {
      outbox: new WebhookOutbox(deliveries, endpoints, manufacturers, signals, config, attachments),
      inserted,
      nudged,
    };
  }
  /** A ticket change, told to the outbox. */
  const change = (outbox: WebhookOutbox, t: TicketRow, action: string) => outbox.ticketChanged(t, action);

  it('writes rma.forwarded with a msg_ id and the v1 payload, and nudges the dispatcher', async () => {
    const { outbox, inserted, nudged } = sut(null);
    await change(outbox, ticket(), 'SUBMIT');
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({
      tenantId: 'tenant-1',
      manufacturerId: 'mf-1',
      ticketId: 't-1',
      eventType: 'rma.forwarded',
      delayMs: 0,
    });
    expect(inserted[0]!.id).toMatch(/^msg_/);
    expect(inserted[0]!.payload).toMatchObject({
      type: 'rma.forwarded',
      version: 1,
      data: {
        ticket: { id: 't-1', resellerReference: 'PO-1', submittedAt: '2026-03-01T10:00:00.000Z' },
        product: { manufacturer: 'dapustor', serialNumber: 'DS2541A1', usage: 5 },
        attachments: [],
        callbackUrl: 'https://rma.example/api/v1/manufacturers/dapustor/callbacks',
      },
    });
    expect(nudged.count).toBe(1);
  });

  it('sends a later event only to an endpoint that subscribes, for a ticket forwarded before', async () => {
    const cancelled = ticket({ status: 'CANCELLED' });
    const subscribed = sut({ events: ['rma.forwarded', 'rma.cancelled'] });
    await change(subscribed.outbox, cancelled, 'CANCEL');
    expect(subscribed.inserted.map((d) => d.eventType)).toEqual(['rma.cancelled']);

    const notSubscribed = sut({ events: ['rma.forwarded'] });
    await change(notSubscribed.outbox, cancelled, 'CANCEL');
    expect(notSubscribed.inserted).toEqual([]);

    const neverForwarded = sut({ events: ['rma.forwarded', 'rma.cancelled'] }, false);
    await change(neverForwarded.outbox, cancelled, 'CANCEL');
    expect(neverForwarded.inserted).toEqual([]);
  });

  describe('payload version 2', () => {
    const item = (id: string, position: number, manufacturerId = 'mf-1', over: Partial<TicketRow> = {}) =>
      ticket({
        id,
        position,
        manufacturerId,
        returnId: 'r-1',
        decision: { route: 'VENDOR_WEBHOOK', reasons: ['Forwarded to DapuStor'], rulesVersion: '7' } as never,
        ...over,
      });

    it("lists a manufacturer's items of a return in one message, in their order, each with its ticket id", async () => {
      const { outbox, inserted } = sut({ events: ['rma.forwarded'], payloadVersion: 2 });
      const queued = await outbox.itemsChanged(
        [item('t-4', 4), item('t-2', 2), item('t-3', 3, 'mf-1', { status: 'IN_REVIEW', route: 'IN_HOUSE' })],
        'SUBMIT',
        true,
      );
      expect(queued).toBe(1);
      expect(inserted).toHaveLength(1);
      expect(inserted[0]).toMatchObject({ ticketId: 't-2', ticketIds: ['t-2', 't-4'], returnId: 'r-1' });
      expect(inserted[0]!.payload).toMatchObject({
        type: 'rma.forwarded',
        version: 2,
        data: {
          return: { id: 'r-1', resellerReference: 'PO-1' },
          items: [
            {
              ticket: { id: 't-2', position: 2, status: 'FORWARDED' },
              decision: { route: 'VENDOR_WEBHOOK', reasons: ['Forwarded to DapuStor'] },
              attachments: [],
            },
            { ticket: { id: 't-4', position: 4 } },
          ],
          callbackUrl: 'https://rma.example/api/v1/manufacturers/dapustor/callbacks',
        },
      });
    });

    it('writes one v1 message per item for an endpoint on version 1, or with no endpoint yet', async () => {
      for (const endpoint of [{ events: ['rma.forwarded'], payloadVersion: 1 as const }, null]) {
        const { outbox, inserted } = sut(endpoint);
        expect(await outbox.itemsChanged([item('t-1', 1), item('t-2', 2)], 'SUBMIT', true)).toBe(2);
        expect(
          inserted.map((d) => [d.ticketId, d.ticketIds ?? null, (d.payload as { version: number }).version]),
        ).toEqual([
          ['t-1', null, 1],
          ['t-2', null, 1],
        ]);
      }
    });

    it('sends a later event per item, as a list of that one item on version 2', async () => {
      const { outbox, inserted } = sut({ events: ['rma.forwarded', 'rma.cancelled'], payloadVersion: 2 });
      await outbox.itemsChanged([item('t-2', 2, 'mf-1', { status: 'CANCELLED' })], 'CANCEL');
      expect(inserted).toHaveLength(1);
      expect(inserted[0]).toMatchObject({ eventType: 'rma.cancelled', ticketIds: ['t-2'] });
      expect(inserted[0]!.payload).toMatchObject({
        type: 'rma.cancelled',
        version: 2,
        data: { items: [{ ticket: { id: 't-2', status: 'CANCELLED' } }] },
      });
    });
  });
});
