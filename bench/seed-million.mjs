#!/usr/bin/env node
// Seeds a real PostgreSQL with 1,000,000 tickets over 200 tenants (plus the demo data), for the triage
// list benchmark: the items of 300,000 returns (4, 3 and 3 items in turn, so 10 items per 3 returns). Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench node bench/seed-million.mjs [count]
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
  // Returns are numbered r = 0, 1, 2, ...: return r has 4 items when r % 3 = 0, else 3, so the items
  // of returns 3k..3k+2 are items 10k+1..10k+10 and item g's own values are derived from g as before;
  // a return's tenant, customer and creation time are its own, shared by its items.
  const first = (r) => `((${r}) / 3) * 10 + (ARRAY[0, 4, 7])[1 + (${r}) % 3]`;
  const returns = Math.ceil((count * 3) / 10);
  const batch = 30_000; // returns: 100,000 items
  for (let done = Math.floor(n / 10) * 3; done < returns; done += batch) {
    const size = Math.min(batch, returns - done);
    await owner.query(
      `WITH t AS (SELECT array_agg(id ORDER BY slug) AS ids FROM tenants),
            m AS (SELECT array_agg(id ORDER BY slug) AS ids FROM manufacturers),
            s AS (SELECT $2::text[] AS st),
            rets AS MATERIALIZED (
              SELECT gen_random_uuid() AS id, ${first('r')} AS g0, CASE WHEN r % 3 = 0 THEN 4 ELSE 3 END AS items,
                     t.ids[1 + (r % array_length(t.ids, 1))] AS tenant_id,
                     'Customer ' || (r % 50000) AS customer_name,
                     now() - make_interval(secs => ((${first('r')} + 1)::float8 * 63.0)) AS created_at
                FROM generate_series($1::int, $1::int + $3::int - 1) r, t),
            r AS (INSERT INTO returns (id, tenant_id, customer, customer_name, created_at, updated_at)
                  SELECT id, tenant_id, jsonb_build_object('name', customer_name), customer_name, created_at, created_at
                    FROM rets)
       INSERT INTO tickets (tenant_id, return_id, position, status, reason, manufacturer_id, sku, serial_number,
                            customer, customer_name, route, handling, rma_number, sla_due_on, created_at, updated_at)
       SELECT rets.tenant_id, rets.id, p.pos,
              s.st[1 + (g * 7 % array_length(s.st, 1))],
              (ARRAY['DEFECT','DEFECT','DEFECT','ORDER_ERROR','DELIVERY_ERROR'])[1 + g % 5],
              m.ids[1 + (g % array_length(m.ids, 1))],
              'SKU-' || (g % 500),
              'SN' || lpad(g::text, 9, '0'),
              jsonb_build_object('name', rets.customer_name),
              rets.customer_name,
              (ARRAY['IN_HOUSE','VENDOR_PORTAL','VENDOR_WEBHOOK','NOT_ELIGIBLE'])[1 + g % 4],
              NULL,
              CASE WHEN g % 3 = 0 THEN 'RMA-2025-' || lpad(g::text, 7, '0') END,
              CASE WHEN g % 20 = 0 THEN current_date + ((g % 60) - 30) END,
              rets.created_at, rets.created_at
         FROM rets CROSS JOIN LATERAL generate_series(1, rets.items) p(pos)
              CROSS JOIN LATERAL (SELECT rets.g0 + p.pos AS g) i, m, s`,
      [done, statuses, size],
    );
    process.stdout.write(`  ${done + size} returns\n`);
  }
  await owner.query('ANALYZE');
});
await target.stop();
console.log(
  `seeded ${count} tickets in ${Math.ceil((count * 3) / 10)} returns over 200 tenants in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
