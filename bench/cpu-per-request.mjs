#!/usr/bin/env node
// CPU time per request of the API process and of PostgreSQL's backends, read from /proc (Linux) while
// autocannon drives one endpoint at 32 connections: where a request's cost goes, which throughput alone
// does not say on a machine whose speed wanders. Run it alternately on an endpoint and its baseline.
// Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench node bench/cpu-per-request.mjs [path] [seconds]
//   path: /api/v1/tickets (default: submit, routed) or a baseline, e.g. /api/v1/bench/insert; with
//   `GET ` before it, a read as the reseller, e.g. 'GET /api/v1/tickets?limit=50' (their list of 50)
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BENCH_CUSTOMER, databaseUrl, login, requireApi, startApi, submitBody } from './lib.mjs';

const autocannon = requireApi('autocannon');
const [method, path] = (process.argv[2] ?? '/api/v1/tickets').startsWith('GET ')
  ? ['GET', process.argv[2].slice(4)]
  : ['POST', process.argv[2] ?? '/api/v1/tickets'];
const seconds = Number(process.argv[3] ?? 10);
const api = await startApi({
  DATABASE_URL: databaseUrl(),
  BENCH_BASELINE: 'true',
  SEED_DEMO: 'true',
  DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '16',
});
const token = await login(api.base, 'agent@alpha-it.example');
const twoColumns = path.startsWith('/api/v1/bench/') && !path.endsWith('insert-ticket');
const run = (duration) =>
  new Promise((resolve, reject) =>
    autocannon(
      {
        url: api.base + path,
        connections: 32,
        duration,
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: method === 'GET' ? undefined : JSON.stringify(twoColumns ? { note: 'x' } : submitBody),
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    ),
  );

/** [user, system] CPU seconds of a process so far. */
const cpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [Number(f[11]) / 100, Number(f[12]) / 100];
};
// The backends of this database only (and the WAL writer, which commits need): other databases on the
// server are other people's work.
const database = new URL(databaseUrl()).pathname.slice(1);
const postgres = () => {
  let sum = [0, 0];
  const pids = execSync(`pgrep -f 'postgres: .*(walwriter|root ${database} )' || true`).toString();
  for (const pid of pids.trim().split('\n').filter(Boolean)) {
    try {
      const [u, s] = cpu(Number(pid));
      sum = [sum[0] + u, sum[1] + s];
    } catch {
      // the backend ended meanwhile
    }
  }
  return sum;
};

await run(2); // warm-up
const a0 = cpu(api.pid);
const p0 = postgres();
const r = await run(seconds);
const a1 = cpu(api.pid);
const p1 = postgres();
api.stop();
const per = (x1, x0) => (((x1 - x0) * 1000) / r.requests.total).toFixed(2);
console.log(
  `${path}: ${r.requests.average.toFixed(0)} req/s${r.non2xx ? ` (${r.non2xx} non-2xx!)` : ''}; CPU per request: ` +
    `API user ${per(a1[0], a0[0])} + system ${per(a1[1], a0[1])} ms, ` +
    `PostgreSQL user ${per(p1[0], p0[0])} + system ${per(p1[1], p0[1])} ms`,
);

// What it submitted and inserted would pile up over runs (and crowd the newest end of the lists): removed.
const pg = requireApi('pg');
const owner = new pg.Client({ connectionString: databaseUrl() });
await owner.connect();
await owner.query(`DELETE FROM tickets WHERE customer_name = $1`, [BENCH_CUSTOMER]);
await owner.query(`DELETE FROM bench_baseline`).catch(() => undefined); // absent until api-throughput made it
await owner.end();
