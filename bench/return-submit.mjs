#!/usr/bin/env node
// A return's submit: one item against twenty, alternated in one run (so both see the same machine),
// one request at a time through the built API on a real PostgreSQL; prints each one's latency and the
// ratio (issue 15: a 20-item return in at most 4x the time of a one-item one). A one-product
// POST /tickets is timed alongside, for reference.
// Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench node bench/return-submit.mjs [rounds]
import { BENCH_CUSTOMER, databaseUrl, login, percentile, requireApi, startApi, submitBody } from './lib.mjs';

const pg = requireApi('pg');
const url = databaseUrl();
const rounds = Number(process.argv[2] ?? 150);
const WARMUP = 20;

const owner = new pg.Client({ connectionString: url });
await owner.connect();
const clean = async () => {
  await owner.query(`DELETE FROM tickets WHERE customer_name = $1`, [BENCH_CUSTOMER]);
  await owner.query(`DELETE FROM returns WHERE customer_name = $1`, [BENCH_CUSTOMER]).catch(() => undefined);
};
// The API migrates and seeds an empty database as it starts; what earlier runs left is removed after.
const api = await startApi({
  DATABASE_URL: url,
  SEED_DEMO: 'true',
  DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '8',
});
await clean();
const token = await login(api.base, 'agent@alpha-it.example');

const { customer, delivery, submit, ...first } = submitBody;
/** A return of `n` in-house Grandstream defects, serials distinct within it. */
const returnOf = (n, round) => ({
  customer,
  delivery,
  submit,
  items: Array.from({ length: n }, (_, i) => ({
    ...first,
    product: { ...first.product, serialNumber: `BENCH-${round}-${i}` },
  })),
});

async function post(path, body) {
  const t0 = performance.now();
  const res = await fetch(`${api.base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const ms = performance.now() - t0;
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return ms;
}

const kinds = [
  ['POST /tickets (one product)', () => post('/tickets', submitBody)],
  ['POST /returns, 1 item', (r) => post('/returns', returnOf(1, r))],
  ['POST /returns, 20 items', (r) => post('/returns', returnOf(20, r))],
];
const times = kinds.map(() => []);
try {
  for (let r = 0; r < WARMUP + rounds; r++) {
    // Alternated, the order turning each round, so neither is always first after the other.
    for (let k = 0; k < kinds.length; k++) {
      const i = (k + r) % kinds.length;
      const ms = await kinds[i][1](r);
      if (r >= WARMUP) times[i].push(ms);
    }
  }
} finally {
  api.stop();
  await clean();
  await owner.end();
}

console.log(`\nReturn submit, one request at a time, ${rounds} rounds (after ${WARMUP} of warm-up)\n`);
const summary = times.map((t) => {
  const sorted = [...t].sort((a, b) => a - b);
  return {
    mean: t.reduce((a, b) => a + b, 0) / t.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
  };
});
kinds.forEach(([title], i) =>
  console.log(
    `  ${title.padEnd(30)} mean ${summary[i].mean.toFixed(2).padStart(7)} ms   p50 ${summary[i].p50.toFixed(2).padStart(7)} ms   p95 ${summary[i].p95.toFixed(2).padStart(7)} ms`,
  ),
);
const ratio = summary[2].p50 / summary[1].p50;
console.log(
  `\n  20 items / 1 item (p50): ${ratio.toFixed(2)}x   (goal: at most 4x)   1-item return / ticket (p50): ${(summary[1].p50 / summary[0].p50).toFixed(2)}x\n`,
);
