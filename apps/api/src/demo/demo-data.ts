import argon2 from 'argon2';
import type { ManufacturerConfig } from '@rma/rules';
import type { DataSource } from 'typeorm';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_LOGINS = [
  { email: 'admin@distri.example', role: 'DISTRIBUTOR_ADMIN', who: 'Distributor admin' },
  { email: 'agent@distri.example', role: 'DISTRIBUTOR_AGENT', who: 'Distributor triage agent' },
  { email: 'admin@alpha-it.example', role: 'RESELLER_ADMIN', who: 'Alpha IT (reseller) admin' },
  { email: 'agent@alpha-it.example', role: 'RESELLER_AGENT', who: 'Alpha IT (reseller) agent' },
  { email: 'admin@beta-net.example', role: 'RESELLER_ADMIN', who: 'Beta Networks (reseller) admin' },
] as const;

const DISTRIBUTOR_ADDRESS = 'Distri RMA desk, Curieweg 15, 2408 BZ Alphen aan den Rijn, NL';

/** The manufacturers of the seeds (../shared/seeds), as configuration. */
export const DEMO_MANUFACTURERS: ManufacturerConfig[] = [
  {
    slug: 'grandstream',
    name: 'Grandstream',
    adapter: 'IN_HOUSE',
    supportTicket: { helpdeskUrl: 'https://helpdesk.grandstream.com/', numberPattern: '^GS-\\d{6}$' },
    warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
    rmaValidityDays: 14,
  },
  {
    slug: 'innovaphone',
    name: 'innovaphone',
    adapter: 'VENDOR_PORTAL',
    portalUrl: 'https://rma.innovaphone.com/',
    portalInstructions: 'Bring the serial number, the invoice reference and a fault description.',
    warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
    rmaValidityDays: 14,
  },
  {
    slug: 'ubiquiti',
    name: 'Ubiquiti',
    adapter: 'VENDOR_PORTAL',
    portalUrl: 'https://rma.ui.com/',
    portalInstructions: 'Create a Ubiquiti account and open the RMA with the serial (MAC) number.',
    warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
    rmaValidityDays: 14,
  },
  {
    slug: 'dapustor',
    name: 'DapuStor',
    adapter: 'SERIAL_DATE_SSD',
    webhookUrl: 'http://127.0.0.1:4010/rma',
    warranty: { months: 36, usageLimit: { unit: 'TBW', limit: 1400 }, fallback: 'SERIAL_MANUFACTURE_DATE' },
    rmaValidityDays: 30,
  },
  {
    slug: 'dexxon',
    name: 'Dexxon (house brand)',
    adapter: 'IN_HOUSE',
    destroyBelowMinor: 5000,
    warranty: { months: 24, fallback: 'DISTRIBUTOR_SALE' },
    rmaValidityDays: 14,
  },
];

export const DEMO_PRODUCTS = [
  { sku: 'GS-GRP2612', name: 'Grandstream GRP2612 IP phone', manufacturer: 'grandstream', price: 6490 },
  { sku: 'GS-GWN7660', name: 'Grandstream GWN7660 Wi-Fi 6 AP', manufacturer: 'grandstream', price: 8200 },
  { sku: 'IP-IP112', name: 'innovaphone IP112 desk phone', manufacturer: 'innovaphone', price: 21900 },
  { sku: 'UI-U6-LITE', name: 'Ubiquiti UniFi U6 Lite', manufacturer: 'ubiquiti', price: 9900 },
  { sku: 'DS-H5100-3T8', name: 'DapuStor H5100 3.84 TB NVMe SSD', manufacturer: 'dapustor', price: 48900 },
  { sku: 'DX-SD64', name: 'Dexxon 64 GB microSD card', manufacturer: 'dexxon', price: 1290 },
  { sku: 'DX-SSD1T', name: 'Dexxon 1 TB SATA SSD', manufacturer: 'dexxon', price: 7450 },
];

/** Fills a fresh database with the demo: staff, two resellers, the seeds' manufacturers, products and invoices. */
export async function seedDemo(ds: DataSource, today = new Date()): Promise<boolean> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tenants`);
  if (n > 0) return false;
  const hash = await argon2.hash(DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    // Row-level security is forced even for the owner: seed as the all-tenants role.
    await m.query(`SET LOCAL ROLE rma_staff`);
    const [alpha] = await m.query(
      `INSERT INTO tenants (slug, name) VALUES ('alpha-it', 'Alpha IT') RETURNING id`,
    );
    const [beta] = await m.query(
      `INSERT INTO tenants (slug, name, restocking_fee_percent, restocking_fee_min_minor) VALUES ('beta-net', 'Beta Networks', 10, 500) RETURNING id`,
    );
    const users: Array<[string | null, string, string, string]> = [
      [null, 'admin@distri.example', 'Dana Distri', 'DISTRIBUTOR_ADMIN'],
      [null, 'agent@distri.example', 'Theo Triage', 'DISTRIBUTOR_AGENT'],
      [alpha.id, 'admin@alpha-it.example', 'Ada Alpha', 'RESELLER_ADMIN'],
      [alpha.id, 'agent@alpha-it.example', 'Alex Alpha', 'RESELLER_AGENT'],
      [beta.id, 'admin@beta-net.example', 'Bea Beta', 'RESELLER_ADMIN'],
      [beta.id, 'agent@beta-net.example', 'Ben Beta', 'RESELLER_AGENT'],
    ];
    for (const [tenantId, email, name, role] of users) {
      await m.query(
        `INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`,
        [tenantId, email, name, role, hash],
      );
    }
    const ids = new Map<string, string>();
    for (const mf of DEMO_MANUFACTURERS) {
      const [row] = await m.query(
        `INSERT INTO manufacturers (slug, name, config, return_address) VALUES ($1, $2, $3, $4) RETURNING id`,
        [mf.slug, mf.name, JSON.stringify(mf), mf.adapter === 'IN_HOUSE' ? DISTRIBUTOR_ADDRESS : null],
      );
      ids.set(mf.slug, row.id);
    }
    for (const p of DEMO_PRODUCTS) {
      await m.query(`INSERT INTO products (manufacturer_id, sku, name) VALUES ($1, $2, $3)`, [
        ids.get(p.manufacturer),
        p.sku,
        p.name,
      ]);
    }
    // Invoice lines: what each reseller bought, with serials; the credit basis and the distributor-sale fallback.
    const day = (daysAgo: number) =>
      new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    let serial = 1000;
    for (const [tenantId, prefix] of [
      [alpha.id, 'A'],
      [beta.id, 'B'],
    ] as const) {
      for (const [i, p] of DEMO_PRODUCTS.entries()) {
        for (const daysAgo of [10, 200, 900]) {
          serial += 1;
          const sn =
            p.manufacturer === 'dapustor'
              ? `DS${daysAgo > 365 ? '2310' : '2541'}${prefix}${String(serial).padStart(7, '0')}`
              : `${p.sku.split('-')[0]}${prefix}${serial}`;
          await m.query(
            `INSERT INTO invoice_lines (tenant_id, invoice_number, invoiced_on, sku, serial_number, unit_price_minor, currency)
             VALUES ($1, $2, $3, $4, $5, $6, 'EUR')`,
            [tenantId, `INV-${prefix}-${1000 + i * 10 + daysAgo}`, day(daysAgo), p.sku, sn, p.price],
          );
        }
      }
    }
  });
  return true;
}
