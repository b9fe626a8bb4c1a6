import type { CreateTicketDto, TransitionDto } from '../tickets/dto.js';
import type { InboundEvent } from '../webhooks/webhooks.constants.js';

export const DAY = 86_400_000;

/** Who acts in the desk's stories: the demo users (demo-data.ts). */
export const PEOPLE = {
  alex: 'agent@alpha-it.example',
  ada: 'admin@alpha-it.example',
  bea: 'admin@beta-net.example',
  ben: 'agent@beta-net.example',
  theo: 'agent@distri.example',
  dana: 'admin@distri.example',
} as const;
export type Person = keyof typeof PEOPLE;

/** A step of a ticket's story, `day` days before now (fractions of a day are hours). */
export type Step =
  | { day: number; by: Person; act: TransitionDto }
  /** The receiving desk scans the RMA number on the box (and the serial on the item). */
  | { day: number; by: Person; receive: true }
  /** DapuStor calls back, signed with its inbound secret. */
  | { day: number; vendor: InboundEvent; data?: Record<string, string> };

export interface Story {
  day: number;
  by: Person;
  ticket: CreateTicketDto;
  steps?: Step[];
}

/** Days before now at which the RMA expiry sweep runs, as the hourly job would have. */
export const SWEEP_DAYS = [30, 25, 3];

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

/**
 * What the desk's stories are written with, for stories told `now`: tickets as resellers submit them,
 * and the steps of their histories, each `day` days before now.
 */
export function storyBuilders(now: Date) {
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
  return {
    grandstream,
    portal,
    dapustor,
    dexxon,
    orderError,
    deliveryError,
    act,
    approve,
    ship,
    receive,
    inspect,
    resolve,
    returned,
  };
}

/** Each story's end customer: the next of its reseller's own, in turn. */
export function withCustomers(told: Story[]): Story[] {
  const next = { alpha: 0, beta: 0 };
  return told.map((story) => {
    const tenant = TENANT_OF[story.by]!;
    const list = CUSTOMERS[tenant];
    return { ...story, ticket: { ...story.ticket, customer: list[next[tenant]++ % list.length] } };
  });
}
