#!/usr/bin/env node
// What authenticating costs a request: GET /auth/me (no other work) with a user's JWT, with an API key,
// and a submit with each, at 32 connections, alternated over rounds. Both credentials are cached per
// process (auth/notified-cache.ts), so neither should cost a query per request.
// Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench node bench/auth-throughput.mjs [seconds]
import { databaseUrl, login, requireApi, startApi, submitBody, BENCH_CUSTOMER } from './lib.mjs';

const autocannon = requireApi('autocannon');
const pg = requireApi('pg');
const seconds = Number(process.argv[2] ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const url = databaseUrl();
const api = await startApi({
  DATABASE_URL: url,
  SEED_DEMO: 'true',
  DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '16',
});
const admin = await login(api.base, 'admin@alpha-it.example');
const created = await fetch(`${api.base}/api/v1/api-keys`, {
  method: 'POST',
  headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'auth bench', role: 'RESELLER_AGENT' }),
});
const { id: keyId, key } = await created.json();
const jwt = { authorization: `Bearer ${await login(api.base, 'agent@alpha-it.example')}` };
const apiKey = { 'x-api-key': key };

const run = (path, headers, body) =>
  new Promise((resolve, reject) =>
    autocannon(
      {
        url: api.base + path,
        connections: 32,
        duration: seconds,
        method: body ? 'POST' : 'GET',
        headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        body: body ? JSON.stringify(body) : undefined,
      },
      (err, r) =>
        err
          ? reject(err)
          : r.non2xx
            ? reject(new Error(`${path}: ${r.non2xx} non-2xx`))
            : resolve(r.requests.average),
    ),
  );

console.log(`\nauthentication: 32 connections, ${seconds} s each, ${ROUNDS} rounds\n`);
await run('/api/v1/auth/me', jwt); // warm-up
const cases = [
  ['GET /auth/me, JWT', '/api/v1/auth/me', jwt],
  ['GET /auth/me, API key', '/api/v1/auth/me', apiKey],
  ['POST /tickets, JWT', '/api/v1/tickets', jwt, submitBody],
  ['POST /tickets, API key', '/api/v1/tickets', apiKey, submitBody],
];
const rates = cases.map(() => []);
for (let round = 1; round <= ROUNDS; round++) {
  for (const [i, [title, path, headers, body]] of cases.entries()) {
    rates[i].push(await run(path, headers, body));
    console.log(`  round ${round}  ${title.padEnd(24)} ${rates[i].at(-1).toFixed(0).padStart(6)} req/s`);
  }
}
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('\n  medians:');
for (const [i, [title]] of cases.entries())
  console.log(`    ${title.padEnd(24)} ${mid(rates[i]).toFixed(0).padStart(6)} req/s`);
const ratio = (a, b) => mid(rates[a].map((r, k) => r / rates[b][k])).toFixed(2);
console.log(`  API key / JWT: GET /auth/me ${ratio(1, 0)}×, submit ${ratio(3, 2)}×`);

api.stop();
const owner = new pg.Client({ connectionString: url });
await owner.connect();
await owner.query(`DELETE FROM tickets WHERE customer_name = $1`, [BENCH_CUSTOMER]);
await owner.query(`DELETE FROM api_keys WHERE id = $1`, [keyId]);
await owner.end();
