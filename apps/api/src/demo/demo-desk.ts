import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { InvoiceImportService } from '../invoice-import/invoice-import.service.js';
import { ReceivingService } from '../receiving/receiving.service.js';
import type { CreateTicketDto, TransitionDto } from '../tickets/dto.js';
import type { TicketView } from '../tickets/ticket.views.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { CallbacksService } from '../webhooks/callbacks.service.js';
import { sign } from '../webhooks/signature.js';
import type { InboundEvent } from '../webhooks/webhooks.constants.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { DEMO_PRODUCTS } from './demo-data.js';

const DAY = 86_400_000;

/** Who acts in the desk's stories: the demo users (demo-data.ts). */
const PEOPLE = {
  alex: 'agent@alpha-it.example',
  ada: 'admin@alpha-it.example',
  bea: 'admin@beta-net.example',
  ben: 'agent@beta-net.example',
  theo: 'agent@distri.example',
  dana: 'admin@distri.example',
} as const;
type Person = keyof typeof PEOPLE;

/** A step of a ticket's story, `day` days before now (fractions of a day are hours). */
type Step =
  | { day: number; by: Person; act: TransitionDto }
  /** The receiving desk scans the RMA number on the box (and the serial on the item). */
  | { day: number; by: Person; receive: true }
  /** DapuStor calls back, signed with its inbound secret. */
  | { day: number; vendor: InboundEvent; data?: Record<string, string> };

interface Story {
  day: number;
  by: Person;
  ticket: CreateTicketDto;
  steps?: Step[];
}

/** Days before now at which the RMA expiry sweep runs, as the hourly job would have. */
const SWEEP_DAYS = [30, 25, 3];

/** Each reseller's own end customers: a reseller never sees another's, so neither do they share names. */
const CUSTOMERS: Record<'alpha' | 'beta', Array<Record<string, string>>> = {
  alpha: [
    { name: 'Brasserie De Kroon', email: 'beheer@dekroon.example', phone: '+32 2 555 01 10' },
    { name: 'Hotel Zonnehof', email: 'receptie@zonnehof.example', phone: '+31 71 555 2020' },
    { name: 'Gemeente Alphen ICT', email: 'ict@alphen.example' },
    { name: 'Data Centre One', email: 'noc@dc-one.example', phone: '+31 20 555 0199' },
    { name: 'Lycée Jean Moulin', email: 'informatique@lycee-jm.example' },
    { name: 'Notariskantoor Bos', email: 'kantoor@notarisbos.example' },
  ],
  beta: [
    { name: 'Tandartspraktijk Smit', email: 'praktijk@smit-tandarts.example' },
    { name: 'Bakkerij Van Dijk', email: 'info@bakkerijvandijk.example' },
    { name: 'Studio Nord', email: 'hello@studionord.example' },
    { name: 'Apotheek Centraal', email: 'apotheek@centraal.example', phone: '+31 10 555 3030' },
    { name: 'Kinderopvang Het Anker', email: 'leiding@hetanker.example' },
    { name: 'Sporthal De Meent', email: 'beheer@demeent.example' },
  ],
};
const TENANT_OF: Record<Person, keyof typeof CUSTOMERS | null> = {
  alex: 'alpha',
  ada: 'alpha',
  bea: 'beta',
  ben: 'beta',
  theo: null,
  dana: null,
};
const ADDRESSES = [
  'Grote Markt 1, 1000 Brussels, BE',
  'Stationsplein 4, 2312 AJ Leiden, NL',
  'Rue de la Loi 42, 1040 Brussels, BE',
  'Hoofdstraat 118, 2406 GL Alphen aan den Rijn, NL',
];

/** The desk's tickets: every status, reason, route, manufacturer and both resellers, with their histories. */
function stories(now: Date): Story[] {
  const date = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
  let n = 0;
  const delivery = (deliveredDaysAgo?: number) => ({
    address: ADDRESSES[n++ % ADDRESSES.length]!,
    ...(deliveredDaysAgo === undefined ? {} : { deliveredOn: date(deliveredDaysAgo) }),
  });
  /**
   * A submitted defect. Its warranty starts on the sale date of the serial on the reseller's invoices,
   * or, for a serial they do not list, on the end user's receipt (`purchaseDaysAgo`).
   */
  const defect = (
    manufacturer: string,
    sku: string,
    serialNumber: string,
    fault: string,
    opts: {
      supportTicketNumber?: string;
      purchaseDaysAgo?: number;
      usage?: number;
      resellerReference?: string;
    } = {},
  ) => ({
    reason: 'DEFECT' as const,
    delivery: delivery(),
    product: {
      manufacturer,
      sku,
      serialNumber,
      ...(opts.usage === undefined ? {} : { usage: opts.usage }),
      ...(opts.purchaseDaysAgo === undefined ? {} : { purchaseDate: date(opts.purchaseDaysAgo) }),
    },
    faultDescription: fault,
    ...(opts.supportTicketNumber ? { supportTicketNumber: opts.supportTicketNumber } : {}),
    ...(opts.resellerReference ? { resellerReference: opts.resellerReference } : {}),
    submit: true,
  });
  const grandstream = (
    serialNumber: string,
    fault: string,
    supportTicketNumber?: string,
    opts: { sku?: string; purchaseDaysAgo?: number } = {},
  ) =>
    defect('grandstream', opts.sku ?? 'GS-GRP2612', serialNumber, fault, {
      supportTicketNumber,
      purchaseDaysAgo: opts.purchaseDaysAgo,
    });
  const portal = (
    manufacturer: 'ubiquiti' | 'innovaphone',
    serialNumber: string,
    fault: string,
    purchaseDaysAgo?: number,
  ) =>
    defect(manufacturer, manufacturer === 'ubiquiti' ? 'UI-U6-LITE' : 'IP-IP112', serialNumber, fault, {
      purchaseDaysAgo,
    });
  const dapustor = (serialNumber: string, usage: number, fault: string, resellerReference?: string) =>
    defect('dapustor', 'DS-H5100-3T8', serialNumber, fault, { usage, resellerReference });
  const dexxon = (
    sku: 'DX-SD64' | 'DX-SSD1T',
    serialNumber: string,
    fault: string,
    purchaseDaysAgo?: number,
  ) => defect('dexxon', sku, serialNumber, fault, { purchaseDaysAgo });
  const orderError = (
    manufacturer: string,
    sku: string,
    deliveredDaysAgo: number,
    opts: { unused?: boolean; resellerReference?: string } = {},
  ) => ({
    reason: 'ORDER_ERROR' as const,
    delivery: delivery(deliveredDaysAgo),
    product: { manufacturer, sku },
    unused: opts.unused ?? true,
    originalPackaging: true,
    ...(opts.resellerReference ? { resellerReference: opts.resellerReference } : {}),
    submit: true,
  });
  const deliveryError = (manufacturer: string, sku: string, deliveredDaysAgo: number, fault: string) => ({
    reason: 'DELIVERY_ERROR' as const,
    delivery: delivery(deliveredDaysAgo),
    product: { manufacturer, sku },
    faultDescription: fault,
    submit: true,
  });

  const act = (day: number, by: Person, dto: TransitionDto): Step => ({ day, by, act: dto });
  const approve = (day: number, by: Person = 'theo') => act(day, by, { action: 'APPROVE' });
  const ship = (day: number, by: Person, carrier: string, trackingNumber: string) =>
    act(day, by, { action: 'SHIP', carrier, trackingNumber });
  const receive = (day: number, by: Person = 'theo'): Step => ({ day, by, receive: true });
  const inspect = (day: number, by: Person = 'theo') => act(day, by, { action: 'START_INSPECTION' });
  const resolve = (
    day: number,
    outcome: NonNullable<TransitionDto['outcome']>,
    extra: Partial<TransitionDto> = {},
  ) => act(day, 'theo', { action: 'RESOLVE', outcome, ...extra });
  /** Approved, shipped, received and inspected: a return on its way through the desk. */
  const returned = (from: number, by: Person, carrier: string, tracking: string): Step[] => [
    approve(from),
    ship(from - 1, by, carrier, tracking),
    receive(from - 3),
    inspect(from - 3.8),
  ];

  const told: Story[] = [
    // ---- drafts -------------------------------------------------------------------------------
    {
      day: 0.05,
      by: 'alex',
      ticket: {
        reason: 'DEFECT',
        product: { manufacturer: 'grandstream', sku: 'GS-GRP2612' },
      },
    },
    {
      day: 1.3,
      by: 'ben',
      ticket: {
        reason: 'ORDER_ERROR',
        product: { manufacturer: 'dexxon', sku: 'DX-SSD1T' },
      },
    },

    // ---- Grandstream: the support ticket first -------------------------------------------------
    {
      day: 3.2,
      by: 'alex',
      ticket: grandstream('GSA1002', 'No audio on the handset after a firmware update'),
    },
    {
      day: 0.9,
      by: 'ben',
      ticket: grandstream('GSB1026', 'Access point reboots every few minutes', undefined, {
        sku: 'GS-GWN7660',
      }),
    },
    {
      day: 2.1,
      by: 'ada',
      ticket: grandstream('GSA1005', 'Mesh link drops at night', 'GS-481516', { sku: 'GS-GWN7660' }),
    },
    {
      day: 45.3,
      by: 'alex',
      ticket: grandstream('GSA7001', 'Display stays dark after power-on', undefined, {
        purchaseDaysAgo: 300,
      }),
      steps: [
        act(44.9, 'alex', { action: 'PROVIDE_SUPPORT_TICKET', supportTicketNumber: 'GS-230117' }),
        ...returned(43.8, 'alex', 'DHL', 'JD014600006281234561'),
        resolve(38.7, 'REPAIRED', { note: 'Display connector reseated and tested for 24 hours' }),
        act(30.2, 'theo', { action: 'CLOSE' }),
      ],
    },
    {
      day: 17.4,
      by: 'bea',
      ticket: grandstream('GSB1023', 'Keypad buttons stick', 'GS-554201'),
    },
    {
      day: 50.1,
      by: 'ben',
      ticket: grandstream('GSB7002', 'Phone loses its registration', 'GS-300451', { purchaseDaysAgo: 250 }),
      steps: [...returned(48.9, 'ben', 'PostNL', '3SPOST0051234'), resolve(20.3, 'REPAIRED')],
    },

    // ---- vendor portals: redirected ------------------------------------------------------------
    { day: 6.2, by: 'alex', ticket: portal('ubiquiti', 'UIA1011', 'PoE port dead, no link light') },
    { day: 12.5, by: 'bea', ticket: portal('innovaphone', 'IPB1029', 'Speakerphone crackles') },
    { day: 20.7, by: 'ben', ticket: portal('ubiquiti', 'UIB1032', 'Adopts, then drops off the controller') },
    { day: 1.9, by: 'ada', ticket: portal('innovaphone', 'IPA1008', 'Boot loop after provisioning') },
    { day: 31.4, by: 'alex', ticket: portal('ubiquiti', 'UIA7024', 'Radio does not transmit on 5 GHz', 400) },

    // ---- DapuStor: forwarded by webhook ----------------------------------------------------------
    {
      day: 2.3,
      by: 'alex',
      ticket: dapustor('DS2541A0001014', 310, 'Drive drops off the bus under load', 'PO-7781'),
    },
    { day: 0.2, by: 'ada', ticket: dapustor('DS2541A0007002', 95, 'SMART reports media errors') },
    { day: 16.6, by: 'bea', ticket: dapustor('DS2541B0001035', 540, 'Link trains at PCIe Gen2 only') },
    {
      day: 20.1,
      by: 'alex',
      ticket: dapustor('DS2541A0007003', 120, 'Firmware update bricked the drive', 'PO-7795'),
      steps: [{ day: 18.4, vendor: 'rma.accepted', data: { vendorRmaNumber: 'DPS-RMA-251108' } }],
    },
    {
      day: 25.2,
      by: 'ben',
      ticket: dapustor('DS2541B0007004', 880, 'Write latency spikes'),
      steps: [
        {
          day: 22.6,
          vendor: 'rma.rejected',
          data: { reason: 'No fault found: the drive passed our diagnostics; check the host adapter' },
        },
      ],
    },
    {
      day: 40.3,
      by: 'alex',
      ticket: dapustor('DS2541A0007005', 260, 'Drive not detected by the BIOS'),
      steps: [
        { day: 37.6, vendor: 'rma.accepted', data: { vendorRmaNumber: 'DPS-RMA-251012' } },
        {
          day: 30.5,
          vendor: 'rma.replacement_shipped',
          data: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', replacementSerial: 'DS2542A0099001' },
        },
      ],
    },
    {
      day: 60.2,
      by: 'bea',
      ticket: dapustor('DS2541B0007006', 150, 'Controller overheats and throttles'),
      steps: [
        { day: 57.1, vendor: 'rma.accepted', data: { vendorRmaNumber: 'DPS-RMA-250930' } },
        { day: 50.4, vendor: 'rma.closed', data: { note: 'Credit note CN-88120 issued to the distributor' } },
      ],
    },
    {
      day: 9.3,
      by: 'alex',
      ticket: dapustor('DS2541A0007007', 40, 'Drive reports the wrong capacity'),
      steps: [act(8.1, 'alex', { action: 'CANCEL', note: 'The customer found a misconfigured RAID set' })],
    },
    {
      day: 80.2,
      by: 'ada',
      ticket: dapustor('DS2541A0007008', 700, 'Drive read-only after a power loss'),
      steps: [
        { day: 76.3, vendor: 'rma.rejected', data: { reason: 'Physical damage to the connector' } },
        act(70.5, 'dana', { action: 'CLOSE', note: 'Explained to Alpha IT; nothing more to do' }),
      ],
    },

    // ---- in-house: Dexxon, the house brand --------------------------------------------------------
    { day: 1.1, by: 'ben', ticket: dexxon('DX-SSD1T', 'DXB1040', 'Drive clicks and is not recognised') },
    { day: 20.4, by: 'alex', ticket: dexxon('DX-SSD1T', 'DXA1020', 'Bad sectors after three months') },
    {
      day: 8.4,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7009', 'Drive disappears after sleep', 150),
      steps: [
        act(7.2, 'theo', {
          action: 'REQUEST_INFO',
          note: 'Please attach a photo of the label with the serial',
        }),
      ],
    },
    {
      day: 4.3,
      by: 'bea',
      ticket: dexxon('DX-SD64', 'DXB1038', 'Card is read-only'),
      steps: [act(3.1, 'theo', { action: 'AUTHORISE_DESTRUCTION' })],
    },
    {
      day: 2.2,
      by: 'alex',
      ticket: dexxon('DX-SD64', 'DXA1017', 'Card not detected in the camera'),
      steps: [act(1.4, 'dana', { action: 'AUTHORISE_DESTRUCTION' }), resolve(0.04, 'DESTROYED_AND_CREDITED')],
    },
    {
      day: 14.3,
      by: 'ada',
      ticket: dexxon('DX-SD64', 'DXA7010', 'Files corrupted on every write', 120),
      steps: [
        act(13.6, 'theo', { action: 'AUTHORISE_DESTRUCTION' }),
        resolve(10.2, 'DESTROYED_AND_CREDITED', { note: 'Destroyed on site, photo on file' }),
      ],
    },
    {
      day: 30.4,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7011', 'Slow writes', 100),
      steps: [
        ...returned(29.2, 'alex', 'DHL', 'JD014600006281234588'),
        resolve(15.3, 'NOT_DEFECTIVE', { note: 'Passed a full surface scan and a 12-hour write test' }),
      ],
    },
    {
      day: 10.2,
      by: 'bea',
      ticket: dexxon('DX-SSD1T', 'DXB1041', 'Dropped during installation, casing cracked'),
      steps: [
        act(8.3, 'theo', { action: 'REJECT', note: 'Physical damage visible on the photos: not covered' }),
      ],
    },
    {
      day: 40.1,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7012', 'Drive freezes the system', 90),
      steps: [approve(39.5)],
    },

    // ---- approved, shipped, received, inspecting ----------------------------------------------------
    {
      day: 15.2,
      by: 'alex',
      ticket: grandstream('GSA7023', 'Wi-Fi radio stops after an hour', 'GS-602214', {
        sku: 'GS-GWN7660',
        purchaseDaysAgo: 180,
      }),
      steps: [
        act(14.6, 'theo', {
          action: 'REQUEST_INFO',
          note: 'Which firmware version does the access point run?',
        }),
        act(13.1, 'alex', { action: 'SUPPLY_INFO', note: 'Firmware 1.0.27.4, factory reset did not help' }),
        approve(11.2),
      ],
    },
    { day: 3.5, by: 'bea', ticket: orderError('innovaphone', 'IP-IP112', 6), steps: [approve(2.8)] },
    {
      day: 1.6,
      by: 'alex',
      ticket: grandstream('GSA7013', 'Handset cord socket broken', 'GS-612345', { purchaseDaysAgo: 90 }),
      steps: [approve(1.2, 'dana')],
    },
    {
      day: 6.4,
      by: 'alex',
      ticket: orderError('ubiquiti', 'UI-U6-LITE', 9, { resellerReference: 'PO-7802' }),
      steps: [approve(6.1), ship(4.2, 'alex', 'DHL', 'JD014600006281234601')],
    },
    {
      day: 9.5,
      by: 'ben',
      ticket: dexxon('DX-SSD1T', 'DXB7014', 'Checksum errors in the log', 60),
      steps: [approve(9.1), ship(7.3, 'ben', 'UPS', '1Z999AA10123456799')],
    },
    {
      day: 6.2,
      by: 'ada',
      ticket: grandstream('GSA7015', 'Speaker distorts at any volume', 'GS-623456', { purchaseDaysAgo: 120 }),
      steps: [approve(5.9), ship(4.6, 'ada', 'PostNL', '3SPOST0051299'), receive(2.1)],
    },
    {
      day: 4.1,
      by: 'bea',
      ticket: orderError('dexxon', 'DX-SSD1T', 7),
      steps: [approve(3.9), ship(3.2, 'bea', 'DPD', '05212345678901'), receive(1.2)],
    },
    {
      day: 12.2,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA7016', 'SMART warning: reallocated sectors', 80),
      steps: [approve(11.8), ship(11.1, 'alex', 'DHL', 'JD014600006281234622'), receive(10.3), inspect(9.2)],
    },
    {
      day: 40.3,
      by: 'ben',
      ticket: grandstream('GSB7017', 'Phone does not power over PoE', 'GS-634567', { purchaseDaysAgo: 200 }),
      steps: [approve(39.6), ship(38.2, 'ben', 'PostNL', '3SPOST0051311'), receive(35.1), inspect(34.8)],
    },

    // ---- resolved, closed ----------------------------------------------------------------------------
    {
      day: 25.3,
      by: 'bea',
      ticket: orderError('grandstream', 'GS-GWN7660', 33, { resellerReference: 'BN-2231' }),
      steps: [...returned(24.6, 'bea', 'DPD', '05212345678933'), resolve(16.2, 'CREDITED')],
    },
    {
      day: 21.2,
      by: 'alex',
      ticket: deliveryError('dexxon', 'DX-SSD1T', 3 + 21, 'Received the 512 GB model instead of 1 TB'),
      steps: [
        ...returned(20.8, 'alex', 'DHL', 'JD014600006281234640'),
        resolve(12.4, 'REPLACED', { replacementSerial: 'DXA9001', note: 'Sent the 1 TB model' }),
      ],
    },
    {
      day: 70.3,
      by: 'ada',
      ticket: orderError('grandstream', 'GS-GRP2612', 75, { resellerReference: 'PO-7705' }),
      steps: [
        ...returned(69.5, 'ada', 'DHL', 'JD014600006281234677'),
        resolve(60.1, 'CREDITED'),
        act(55.2, 'theo', { action: 'CLOSE' }),
      ],
    },
    {
      day: 90.2,
      by: 'bea',
      ticket: dexxon('DX-SSD1T', 'DXB7018', 'Drive dead on arrival at the customer', 100),
      steps: [
        ...returned(89.4, 'bea', 'UPS', '1Z999AA10123456811'),
        resolve(70.4, 'REPLACED', { replacementSerial: 'DXB9002' }),
        act(60.3, 'dana', { action: 'CLOSE' }),
      ],
    },

    // ---- rejected, expired, cancelled -------------------------------------------------------------
    { day: 5.2, by: 'alex', ticket: orderError('dexxon', 'DX-SSD1T', 10, { unused: false }) },
    {
      day: 11.3,
      by: 'ben',
      ticket: deliveryError(
        'ubiquiti',
        'UI-U6-LITE',
        40,
        'Two of the five access points in the box were U6 Pro',
      ),
    },
    {
      day: 26.2,
      by: 'alex',
      ticket: orderError('grandstream', 'GS-GRP2612', 29, { unused: false, resellerReference: 'PO-7760' }),
      steps: [
        act(19.3, 'dana', {
          action: 'REOPEN',
          note: 'Goodwill: Alpha IT’s long-standing customer, unused after all',
        }),
        approve(18.2),
      ],
    },
    {
      day: 45.4,
      by: 'ben',
      ticket: grandstream('GSB7019', 'Line keys do not light', 'GS-645678', { purchaseDaysAgo: 330 }),
      steps: [
        approve(45.1),
        act(28.3, 'ben', { action: 'REAPPLY', note: 'The parcel was held by the customer; shipping now' }),
      ],
    },
    {
      day: 6.3,
      by: 'bea',
      ticket: dexxon('DX-SSD1T', 'DXB7020', 'Intermittent disconnects', 30),
      steps: [act(5.1, 'bea', { action: 'CANCEL', note: 'The customer found a loose SATA cable' })],
    },
    {
      day: 12.3,
      by: 'alex',
      ticket: grandstream('GSA7021', 'Phone reboots on incoming calls', 'GS-656789', { purchaseDaysAgo: 60 }),
      steps: [
        approve(11.9),
        act(10.2, 'dana', { action: 'CANCEL', note: 'Replaced on site by the reseller from its own stock' }),
      ],
    },

    // ---- out of warranty: a repair quote instead of the vendor -----------------------------------------
    { day: 3.1, by: 'alex', ticket: grandstream('GSA1003', 'Cracked display') },
    {
      day: 4.2,
      by: 'bea',
      ticket: dapustor('DS2541B0007022', 1600, 'Drive at end of life: wear indicator 100%'),
    },
    {
      day: 7.3,
      by: 'alex',
      ticket: dapustor('DS2310A0001015', 900, 'Drive reports uncorrectable errors'),
      steps: [approve(6.8)],
    },

    // ---- today's arrivals ------------------------------------------------------------------------
    { day: 0.5, by: 'ben', ticket: deliveryError('dexxon', 'DX-SD64', 2, 'Ordered 20 cards, received 10') },
    {
      day: 0.3,
      by: 'bea',
      ticket: orderError('innovaphone', 'IP-IP112', 4, { resellerReference: 'BN-2240' }),
    },
    {
      day: 0.15,
      by: 'alex',
      ticket: dexxon('DX-SSD1T', 'DXA1019', 'Drive not detected after a BIOS update'),
    },
    { day: 13.2, by: 'ada', ticket: orderError('dexxon', 'DX-SSD1T', 20) },
    {
      day: 5.6,
      by: 'ben',
      ticket: deliveryError('dexxon', 'DX-SD64', 8, 'Cards arrived without their adapters'),
      steps: [act(4.4, 'theo', { action: 'REQUEST_INFO', note: 'How many cards are affected?' })],
    },
  ];
  const next = { alpha: 0, beta: 0 };
  return told.map((story) => {
    const tenant = TENANT_OF[story.by]!;
    const list = CUSTOMERS[tenant];
    return { ...story, ticket: { ...story.ticket, customer: list[next[tenant]++ % list.length] } };
  });
}

/**
 * Fills an empty desk with the demo's tickets through the services the API uses, each step at its
 * moment on the Clock (put back afterwards), so timelines, SLAs, e-mails and webhooks are real. Returns
 * false, adding nothing, when the database has any ticket: one in use is never added to.
 */
export async function seedDemoDesk(app: INestApplication, now = new Date()): Promise<boolean> {
  const tickets = app.get(TicketsService);
  const clock = app.get(Clock);
  const people = await principals(app.get(AuthRepository));
  if (Object.keys(await tickets.counts(people.dana)).length > 0) return false;

  await importSales(app.get(InvoiceImportService), now);
  const callbacks = app.get(CallbacksService);
  const receiving = app.get(ReceivingService);
  // DapuStor's callbacks are signed with an inbound secret that only the desk has seen; staff rotate it to use their own.
  const { secret } = await app.get(WebhooksService).rotateInboundSecret('dapustor');

  const all = stories(now);
  const views: Array<TicketView | null> = all.map(() => null);
  type Job = { day: number; run: () => Promise<unknown> };
  const jobs: Job[] = [];
  all.forEach((story, i) => {
    jobs.push({
      day: story.day,
      run: async () => (views[i] = await tickets.create(people[story.by], story.ticket)),
    });
    let last = story.day;
    for (const [k, step] of (story.steps ?? []).entries()) {
      if (step.day >= last)
        throw new Error(`demo desk: story ${i} step ${k} is not later than the one before`);
      last = step.day;
      jobs.push({
        day: step.day,
        run: async () => {
          const view = views[i]!;
          if ('act' in step) views[i] = await tickets.act(people[step.by], view.id, step.act);
          else if ('receive' in step)
            views[i] = await receiving.receive(people[step.by], {
              rmaNumber: view.rma!.number,
              serialNumber: view.product.serialNumber ?? undefined,
            });
          else
            await callback(callbacks, clock, secret, `msg_demo_${i}_${k}`, step.vendor, view.id, step.data);
        },
      });
    }
  });
  for (const day of SWEEP_DAYS) jobs.push({ day, run: () => tickets.expireOverdue() });
  // Oldest first, so RMA numbers, e-mails and webhooks come in the order they would have.
  jobs.sort((a, b) => b.day - a.day);
  for (const job of jobs) await clock.at(new Date(now.getTime() - job.day * DAY), job.run);
  return true;
}

async function principals(auth: AuthRepository): Promise<Record<Person, Principal>> {
  const out = {} as Record<Person, Principal>;
  for (const [who, email] of Object.entries(PEOPLE) as Array<[Person, string]>) {
    const user = await auth.findLoginCandidate(email);
    if (!user) throw new Error(`demo desk: the demo user ${email} is missing`);
    out[who] = { kind: 'user', id: user.id, role: user.role, tenantId: user.tenantId, label: user.name };
  }
  return out;
}

/** A manufacturer's callback as it arrives over HTTP: signed now (by the Clock), then checked and applied. */
async function callback(
  callbacks: CallbacksService,
  clock: Clock,
  secret: string,
  id: string,
  type: InboundEvent,
  ticketId: string,
  data: Record<string, string> = {},
): Promise<void> {
  const body = { type, data: { ticketId, ...data } };
  const raw = Buffer.from(JSON.stringify(body));
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  await callbacks.receive(
    'dapustor',
    { id, timestamp: String(timestamp), signature: sign(secret, id, timestamp, raw) },
    raw,
    body,
  );
}

/**
 * The year's other sales, without serials, imported as staff import the distributor's invoice export:
 * the dashboard's defect rates count the desk's defects against what was sold, not against the few
 * serial-numbered lines of the demo data.
 */
async function importSales(invoices: InvoiceImportService, now: Date): Promise<void> {
  const rows = ['reseller;invoice;date;sku;unit price;currency'];
  for (const [reseller, prefix] of [
    ['alpha-it', 'A'],
    ['beta-net', 'B'],
  ] as const) {
    for (let k = 0; k < 30; k++) {
      const day = new Date(now.getTime() - (15 + 12 * k) * DAY).toISOString().slice(0, 10);
      for (const p of DEMO_PRODUCTS) {
        rows.push(`${reseller};INV-${prefix}-${2000 + k};${day};${p.sku};${(p.price / 100).toFixed(2)};EUR`);
      }
    }
  }
  const bytes = Buffer.from(`${rows.join('\n')}\n`);
  const dir = await mkdtemp(join(tmpdir(), 'rma-demo-desk-'));
  const path = join(dir, 'sales.csv');
  try {
    await writeFile(path, bytes);
    const result = await invoices.import({
      field: 'file',
      originalName: 'sales.csv',
      claimedType: 'text/csv',
      path,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      head: bytes.subarray(0, 4100),
      text: true,
    });
    if (result.errors.length) throw new Error(`demo desk: sales refused: ${JSON.stringify(result.errors)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
