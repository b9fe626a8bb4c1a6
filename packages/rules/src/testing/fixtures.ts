/** Test fixtures modelled on the seeds (not built into dist). */
import { DEFAULT_FEE_POLICY } from '../fees.js';
import type { FeePolicy, ManufacturerConfig, Money, TicketFacts } from '../types.js';

export const TODAY = '2026-03-15';
export const FEES: FeePolicy = { ...DEFAULT_FEE_POLICY };

export const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

/** Seed 003: the distributor handles it, destroys and credits below EUR 20.00, 24 months, else its own sale date. */
export const DEXXON_IN_HOUSE: ManufacturerConfig = {
  slug: 'dexxon-brand',
  name: 'Dexxon Brand',
  adapter: 'IN_HOUSE',
  destroyBelowMinor: 2000,
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 14,
};

/** Seed 001: Grandstream's helpdesk must confirm the fault first; the distributor handles the RMA. */
export const GRANDSTREAM: ManufacturerConfig = {
  slug: 'grandstream',
  name: 'Grandstream',
  adapter: 'IN_HOUSE',
  supportTicket: { helpdeskUrl: 'https://helpdesk.grandstream.com/', numberPattern: 'GS-\\d{6}' },
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 14,
};

/** Seed 001: "RMAs for this manufacturer are handled directly". */
export const INNOVAPHONE: ManufacturerConfig = {
  slug: 'innovaphone',
  name: 'innovaphone',
  adapter: 'VENDOR_PORTAL',
  portalUrl: 'https://rma.innovaphone.com/',
  portalInstructions: 'Bring the serial number and a copy of the invoice.',
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 30,
};

/** Seed 001: support first, then the vendor's own portal. */
export const UBIQUITI: ManufacturerConfig = {
  slug: 'ubiquiti',
  name: 'Ubiquiti',
  adapter: 'VENDOR_PORTAL',
  portalUrl: 'https://rma.ui.com/',
  supportTicket: { helpdeskUrl: 'https://help.ui.com/', numberPattern: '\\d{7}' },
  warranty: { months: 12, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 30,
};

/** A vendor that takes RMAs by signed webhook. */
export const YEALINK_WEBHOOK: ManufacturerConfig = {
  slug: 'yealink',
  name: 'Yealink',
  adapter: 'VENDOR_WEBHOOK',
  webhookUrl: 'https://rma.yealink.example/hooks/rma',
  warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
  rmaValidityDays: 30,
};

/** A webhook vendor that also wants a support ticket first. */
export const FANVIL_WEBHOOK_TICKET: ManufacturerConfig = {
  ...YEALINK_WEBHOOK,
  slug: 'fanvil',
  name: 'Fanvil',
  supportTicket: { helpdeskUrl: 'https://support.fanvil.example/', numberPattern: 'FV[0-9]{5}' },
};

/** Seed 002: 36 months or 600 TBW; no receipt ⇒ manufacturing date from the serial; custom adapter. */
export const DAPUSTOR_SSD: ManufacturerConfig = {
  slug: 'dapustor',
  name: 'DapuStor',
  adapter: 'SERIAL_DATE_SSD',
  webhookUrl: 'https://rma.dapustor.example/hooks/rma',
  warranty: { months: 36, usageLimit: { unit: 'TBW', limit: 600 }, fallback: 'SERIAL_MANUFACTURE_DATE' },
  rmaValidityDays: 30,
};

export const ALL_MANUFACTURERS = [
  DEXXON_IN_HOUSE,
  GRANDSTREAM,
  INNOVAPHONE,
  UBIQUITI,
  YEALINK_WEBHOOK,
  FANVIL_WEBHOOK_TICKET,
  DAPUSTOR_SSD,
];

/** A defect in warranty by receipt (bought 2025-06-01, checked on TODAY). */
export const inWarrantyDefect = (facts: Partial<TicketFacts> = {}): TicketFacts => ({
  reason: 'DEFECT',
  serialNumber: 'SN-1',
  endUserPurchaseDate: '2025-06-01',
  invoicedPrice: eur(8200),
  ...facts,
});
