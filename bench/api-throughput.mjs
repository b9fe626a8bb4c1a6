#!/usr/bin/env node
// Ticket submit and the triage list against their baselines, measured in the same run, through the
// built API on a real PostgreSQL. Seed first with bench/seed-million.mjs for the list at a million tickets.
// Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench node bench/api-throughput.mjs [seconds]
import { databaseUrl, login, percentile, requireApi, startApi, submitBody, BENCH_CUSTOMER } from './lib.mjs';

const autocannon = requireApi('autocannon');
const pg = requireApi('pg');
const url = databaseUrl();
const seconds = Number(process.argv[2] ?? 10);
const CONNECTIONS = 32;

const owner = new pg.Client({ connectionString: url });
await owner.connect();
await owner.query(
  `CREATE TABLE IF NOT EXISTS bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id uuid, note text, created_at timestamptz NOT NULL DEFAULT now())`,
);
await owner.query(`GRANT SELECT, INSERT ON bench_baseline TO rma_app`);
// Tickets earlier runs of this bench submitted would crowd the newest end of every list: remove them.
await owner.query(`DELETE FROM tickets WHERE customer_name = $1`, [BENCH_CUSTOMER]);
await owner.query(`VACUUM (ANALYZE) tickets`); // their dead index entries would slow the newest-first lists
const [{ n: tickets }] = (await owner.query(`SELECT count(*)::int AS n FROM tickets`)).rows;
const { rows: tenants } = await owner.query(`SELECT id FROM tenants ORDER BY slug LIMIT 5`);
const { rows: sample } = await owner.query(
  `SELECT serial_number, rma_number FROM tickets WHERE rma_number IS NOT NULL ORDER BY created_at DESC LIMIT 1 OFFSET 5000`,
);

const api = await startApi({
  DATABASE_URL: url,
  BENCH_BASELINE: 'true',
  SEED_DEMO: 'true',
  DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '16',
});
const reseller = await login(api.base, 'agent@alpha-it.example');
const staff = await login(api.base, 'agent@distri.example');

function cannon(title, { path, ...opts }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: api.base + (path ?? ''), connections: CONNECTIONS, duration: seconds, ...opts },
      (err, r) => {
        if (err) return reject(err);
        const bad = r.non2xx + r.errors + r.timeouts;
        if (bad && r.requests.average === 0) console.error(r);
        console.log(
          `  ${title.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms${bad ? `   (${bad} non-2xx/errors!)` : ''}`,
        );
        resolve(r);
      },
    );
  });
}

const json = (token, body) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});
const get = (token, path) => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
const listPaths = [
  '/api/v1/tickets?limit=50',
  '/api/v1/tickets?limit=50&status=IN_REVIEW',
  `/api/v1/tickets?limit=50&tenantId=${tenants[2].id}`,
  '/api/v1/tickets?limit=50&manufacturer=grandstream',
  '/api/v1/tickets?limit=50&slaBreached=true',
  '/api/v1/tickets?limit=50&sort=slaDueOn',
  '/api/v1/tickets?limit=50&reason=ORDER_ERROR&route=IN_HOUSE',
  `/api/v1/tickets?limit=50&q=${sample[0]?.serial_number ?? 'SN1'}`,
  `/api/v1/tickets?limit=50&q=${sample[0]?.rma_number ?? 'RMA-2025-0000001'}`,
  '/api/v1/tickets?limit=50&q=Customer%201234',
];

console.log(
  `\nAPI throughput: ${CONNECTIONS} connections, ${seconds} s each, ${tickets.toLocaleString('en')} tickets in the database\n`,
);
// List latency as staff see it: one request at a time, every filter of the mix and its page 2.
const latencies = [];
const perPath = new Map();
const timed = async (path) => {
  const t0 = performance.now();
  const r = await fetch(api.base + path, { headers: { authorization: `Bearer ${staff}` } });
  const body = await r.json();
  if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(body)}`);
  const ms = performance.now() - t0;
  latencies.push(ms);
  return { ms, body };
};
for (let round = 0; round < 30; round++) {
  for (const path of listPaths) {
    const { ms, body } = await timed(path);
    perPath.set(path, [...(perPath.get(path) ?? []), ms]);
    if (body.nextCursor) await timed(`${path}&cursor=${body.nextCursor}`);
  }
}
latencies.sort((a, b) => a - b);
console.log(
  `\n  triage list at ${tickets.toLocaleString('en')} tickets, ${latencies.length} requests one at a time (10 filters and their page 2):`,
);
console.log(
  `  p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   (goal p95 ≤ 25 ms)`,
);
for (const [path, ms] of perPath) {
  ms.sort((a, b) => a - b);
  console.log(
    `    p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms  ${path.replace('/api/v1/tickets?limit=50', '') || '(no filter)'}`,
  );
}

// The triage page's status chips and the dashboard, for staff (every tenant) and a reseller: read from
// the kept ticket counts, not counted over the tickets.
console.log(
  `\n  status chips and dashboard at ${tickets.toLocaleString('en')} tickets, 20 requests each, one at a time:`,
);
for (const path of ['/api/v1/tickets/counts', '/api/v1/tickets/stats']) {
  for (const [who, token] of [
    ['staff', staff],
    ['reseller', reseller],
  ]) {
    const ms = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await fetch(api.base + path, { headers: { authorization: `Bearer ${token}` } });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      await r.json();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(
      `    ${path.padEnd(24)} ${who.padEnd(8)}  p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms`,
    );
  }
}

// Warm-up: JIT, pools, caches.
await cannon('warm-up (submit)', { duration: 2, ...json(reseller, submitBody), path: '/api/v1/tickets' });

// Alternate each endpoint with its baselines over several rounds and take the medians, so a noisy
// neighbour on the machine moves both sides of a ratio alike. Four INSERT baselines: the platform's
// own unit of work (a transaction with the tenant set for row-level security: how every tenant write
// goes) inserting a two-column row, then the same unit of work inserting the ticket as sent into the
// tickets table (storing it without deciding, recording or telling anything), then a bare TypeORM
// Repository.insert and a raw statement, both autocommit.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const runs = { unit: [], ticket: [], orm: [], raw: [], submit: [], baseSelect: [], list: [] };
for (let round = 1; round <= ROUNDS; round++) {
  console.log(`  round ${round}`);
  const insert = (path) => ({ ...json(reseller, { note: 'x' }), path });
  runs.unit.push(await cannon('baseline: INSERT in a unit of work', insert('/api/v1/bench/insert')));
  runs.ticket.push(
    await cannon('baseline: INSERT the ticket as sent', {
      ...json(reseller, submitBody),
      path: '/api/v1/bench/insert-ticket',
    }),
  );
  runs.orm.push(await cannon('baseline: TypeORM Repository.insert', insert('/api/v1/bench/insert-orm')));
  runs.raw.push(await cannon('baseline: raw INSERT, autocommit', insert('/api/v1/bench/insert-raw')));
  runs.submit.push(
    await cannon('POST /tickets (submit, routed)', {
      ...json(reseller, submitBody),
      path: '/api/v1/tickets',
    }),
  );
  runs.baseSelect.push(
    await cannon('baseline: one indexed SELECT', get(staff, '/api/v1/bench/select?sku=GS-GRP2612')),
  );
  runs.list.push(
    await cannon('GET /tickets (triage list mix)', { requests: listPaths.map((p) => get(staff, p)) }),
  );
}
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (r) => r.requests.average;
const m = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, mid(rs.map(rate))]));
console.log(
  `\n  medians (req/s): ${Object.entries(m)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ')}`,
);
// Each ratio is taken within a round (an endpoint and its baseline measured a minute apart at most),
// then the median over the rounds; the range shows how much the machine moved meanwhile.
const ratio = (a, b, title, goal = '') => {
  const rs = runs[a].map((r, i) => rate(r) / rate(runs[b][i]));
  const range = `${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)}`;
  console.log(`  ${title.padEnd(34)} ${mid(rs).toFixed(2)}×  (rounds ${range})${goal}`);
};
console.log('  ratios, median of the rounds:');
ratio('submit', 'unit', 'submit / INSERT in a unit of work', '  goal ≥ 0.60×');
ratio('submit', 'ticket', 'submit / INSERT the ticket as sent');
ratio('submit', 'orm', 'submit / TypeORM Repository.insert');
ratio('submit', 'raw', 'submit / raw INSERT');
ratio('list', 'baseSelect', 'list / indexed SELECT');

api.stop();
await owner.query(`DELETE FROM bench_baseline`);
await owner.query(`DELETE FROM tickets WHERE customer_name = $1`, [BENCH_CUSTOMER]);
await owner.end();
