#!/usr/bin/env node
// Seeds a real PostgreSQL with 1,000,000 tickets over 200 tenants (plus the demo data), for the triage
// list benchmark. Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench node bench/seed-million.mjs [count]
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { databaseUrl, root } from './lib.mjs';

const url = databaseUrl();
const count = Number(process.argv[2] ?? 1_000_000);
const { preparePlatformDatabase } = await import(
  pathToFileURL(join(root, 'apps/api/dist/database/platform-database.js')).href
);
const { seedDemo } = await import(pathToFileURL(join(root, 'apps/api/dist/demo/demo-data.js')).href);

const t0 = Date.now();
const target = await preparePlatformDatabase(
  { databaseUrl: url, databaseAppUrl: null, dataDir: '.data', embeddedDbPort: 0, dbPoolSize: 4 },
  { seed: async (owner) => void (await seedDemo(owner)) },
);
await target.asOwner(async (owner) => {
  const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM tickets`);
  if (n >= count) {
    console.log(`already ${n} tickets; nothing to do`);
    return;
  }
  await owner.query(`
    INSERT INTO tenants (slug, name)
    SELECT 'bench-' || g, 'Bench reseller ' || g FROM generate_series(1, 198) g
    ON CONFLICT (slug) DO NOTHING`);
  const statuses = [
    'DRAFT',
    'AWAITING_PREREQUISITE',
    'REDIRECTED',
    'FORWARDED',
    'VENDOR_ACCEPTED',
    'IN_REVIEW',
    'INFO_REQUESTED',
    'APPROVED',
    'SHIPPED',
    'RECEIVED',
    'INSPECTING',
    'RESOLVED',
    'CLOSED',
    'REJECTED',
    'EXPIRED',
    'CANCELLED',
  ];
  const batch = 100_000;
  for (let done = n; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    // Each ticket its own one-item return (position 1): the rows are generated once, with their
    // return's id, then the returns and the tickets are inserted from them in the same statement.
    await owner.query(
      `WITH t AS (SELECT array_agg(id ORDER BY slug) AS ids FROM tenants),
            m AS (SELECT array_agg(id ORDER BY slug) AS ids FROM manufacturers),
            s AS (SELECT $2::text[] AS st),
            rows AS MATERIALIZED (
              SELECT gen_random_uuid() AS return_id,
                     t.ids[1 + (g % array_length(t.ids, 1))] AS tenant_id,
                     s.st[1 + (g * 7 % array_length(s.st, 1))] AS status,
                     (ARRAY['DEFECT','DEFECT','DEFECT','ORDER_ERROR','DELIVERY_ERROR'])[1 + g % 5] AS reason,
                     m.ids[1 + (g % array_length(m.ids, 1))] AS manufacturer_id,
                     'SKU-' || (g % 500) AS sku,
                     'SN' || lpad(g::text, 9, '0') AS serial_number,
                     jsonb_build_object('name', 'Customer ' || (g % 50000)) AS customer,
                     'Customer ' || (g % 50000) AS customer_name,
                     (ARRAY['IN_HOUSE','VENDOR_PORTAL','VENDOR_WEBHOOK','NOT_ELIGIBLE'])[1 + g % 4] AS route,
                     CASE WHEN g % 3 = 0 THEN 'RMA-2025-' || lpad(g::text, 7, '0') END AS rma_number,
                     CASE WHEN g % 20 = 0 THEN current_date + ((g % 60) - 30) END AS sla_due_on,
                     now() - make_interval(secs => (g::float8 * 63.0)) AS created_at
                FROM generate_series($1::int + 1, $1::int + $3::int) g, t, m, s),
            r AS (INSERT INTO returns (id, tenant_id, customer, customer_name, created_at, updated_at)
                  SELECT return_id, tenant_id, customer, customer_name, created_at, created_at FROM rows)
       INSERT INTO tickets (tenant_id, return_id, position, status, reason, manufacturer_id, sku, serial_number,
                            customer, customer_name, route, handling, rma_number, sla_due_on, created_at, updated_at)
       SELECT tenant_id, return_id, 1, status, reason, manufacturer_id, sku, serial_number, customer, customer_name,
              route, NULL, rma_number, sla_due_on, created_at, created_at
         FROM rows`,
      [done, statuses, size],
    );
    process.stdout.write(`  ${done + size} tickets\n`);
  }
  await owner.query('ANALYZE');
});
await target.stop();
console.log(`seeded ${count} tickets over 200 tenants in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
