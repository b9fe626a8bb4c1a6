#!/usr/bin/env node
// 1,000 routed tickets delivered by signed webhook to a local receiver, through the built API on a
// real PostgreSQL and Redis (Bull). Prints deliveries per second and the time from submitting a ticket
// to its webhook's receipt. Goals: all 1,000 within 10 s; p95 <= 1 s when the receiver answers at once.
// Works on a database of its own (created beside DATABASE_URL's, dropped at the end).
// Usage: pnpm --filter @rma/api build &&
//   DATABASE_URL=postgres://root@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379 node bench/webhooks-deliver.mjs [tickets] [submitters]
import { Buffer } from 'node:buffer';
import console from 'node:console';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { databaseUrl, login, percentile, requireApi, startApi, BENCH_CUSTOMER } from './lib.mjs';

const pg = requireApi('pg');
const { Webhook } = requireApi('standardwebhooks');
const TICKETS = Number(process.argv[2] ?? 1000);
const SUBMITTERS = Number(process.argv[3] ?? 16);
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.error('Set REDIS_URL (e.g. redis://127.0.0.1:6379): this bench measures the Bull path.');
  process.exit(2);
}

// A database of our own, so the bench never touches anyone's data.
const serverUrl = new URL(databaseUrl());
const dbName = `rma_bench_webhooks_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl.href });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const benchUrl = new URL(serverUrl.href);
benchUrl.pathname = `/${dbName}`;

// The receiver: verifies every signature and notes when each ticket's webhook arrived.
let verifier = null;
const receivedAt = new Map();
const ids = new Set();
let bad = 0;
const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now();
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const payload = verifier.verify(body, req.headers);
      ids.add(req.headers['webhook-id']);
      if (!receivedAt.has(payload.data.ticket.id)) receivedAt.set(payload.data.ticket.id, at);
      res.writeHead(204).end();
    } catch {
      bad++;
      res.writeHead(400).end();
    }
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/rma`;

const queuePrefix = `rma-bench-${process.pid}`;
const api = await startApi({
  DATABASE_URL: benchUrl.href,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: queuePrefix,
  SEED_DEMO: 'true',
  DB_POOL_SIZE: '20',
  WEBHOOK_ALLOW_LOOPBACK: 'true',
  WEBHOOK_CONCURRENCY: '32',
});

let exitCode = 0;
try {
  const staff = await login(api.base, 'admin@distri.example');
  const put = await globalThis.fetch(`${api.base}/api/v1/manufacturers/dapustor/webhook-endpoint`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
    body: JSON.stringify({ url: receiverUrl }),
  });
  if (!put.ok) throw new Error(`endpoint: ${put.status} ${await put.text()}`);
  verifier = new Webhook((await put.json()).secret);

  const reseller = await login(api.base, 'agent@alpha-it.example');
  const lines = await (
    await globalThis.fetch(`${api.base}/api/v1/invoice-lines?sku=DS-H5100-3T8`, {
      headers: { authorization: `Bearer ${reseller}` },
    })
  ).json();
  const serial = lines.map((l) => l.serialNumber).find((s) => s.startsWith('DS2541A'));
  const body = JSON.stringify({
    reason: 'DEFECT',
    submit: true,
    customer: { name: BENCH_CUSTOMER },
    product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial },
    faultDescription: 'Drive drops off the bus under load',
  });

  // Warm-up: one ticket through the whole path.
  await submit();
  const warm = Date.now() + 10_000;
  while (receivedAt.size < 1 && Date.now() < warm) await new Promise((r) => setTimeout(r, 20));
  receivedAt.clear();
  ids.clear();

  const submittedAt = new Map();
  const answeredAt = new Map();
  async function submit() {
    const t0 = performance.now();
    const r = await globalThis.fetch(`${api.base}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reseller}` },
      body,
    });
    if (r.status !== 201) throw new Error(`submit: ${r.status} ${await r.text()}`);
    const t = await r.json();
    if (t.status !== 'FORWARDED') throw new Error(`ticket ${t.id} is ${t.status}`);
    return { id: t.id, t0, t1: performance.now() };
  }

  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: SUBMITTERS }, async () => {
      while (next < TICKETS) {
        next++;
        const { id, t0, t1 } = await submit();
        submittedAt.set(id, t0);
        answeredAt.set(id, t1);
      }
    }),
  );
  const submitted = performance.now();
  const deadline = Date.now() + 120_000;
  while (receivedAt.size < TICKETS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const done = performance.now();

  const latencies = [...submittedAt]
    .filter(([id]) => receivedAt.has(id))
    .map(([id, t0]) => receivedAt.get(id) - t0);
  latencies.sort((a, b) => a - b);
  const total = (done - start) / 1000;
  const p95 = percentile(latencies, 95);
  console.log(
    `webhooks-deliver: ${TICKETS} tickets submitted by ${SUBMITTERS} clients, routed FORWARDED, delivered to a local receiver`,
  );
  console.log(
    `  submitted in               ${((submitted - start) / 1000).toFixed(2)} s (${(TICKETS / ((submitted - start) / 1000)).toFixed(0)} tickets/s)`,
  );
  console.log(
    `  delivered                  ${receivedAt.size} of ${TICKETS}, ${ids.size} distinct webhook-ids, ${bad} bad signatures`,
  );
  console.log(
    `  first submit -> last receipt ${total.toFixed(2)} s  (goal: <= 10 s)  ${total <= 10 ? 'OK' : 'MISSED'}`,
  );
  console.log(`  deliveries per second      ${(receivedAt.size / total).toFixed(0)}`);
  console.log(
    `  submit -> receipt          p50 ${percentile(latencies, 50).toFixed(0)} ms   p95 ${p95.toFixed(0)} ms   p99 ${percentile(latencies, 99).toFixed(0)} ms   max ${latencies.at(-1).toFixed(0)} ms  (goal: p95 <= 1000 ms)  ${p95 <= 1000 ? 'OK' : 'MISSED'}`,
  );
  const afterCommit = [...answeredAt]
    .filter(([id]) => receivedAt.has(id))
    .map(([id, t1]) => receivedAt.get(id) - t1);
  afterCommit.sort((a, b) => a - b);
  const submitLatency = [...answeredAt].map(([id, t1]) => t1 - submittedAt.get(id)).sort((a, b) => a - b);
  console.log(
    `  of which: submit answered  p50 ${percentile(submitLatency, 50).toFixed(0)} ms   p95 ${percentile(submitLatency, 95).toFixed(0)} ms;  answer -> receipt  p50 ${percentile(afterCommit, 50).toFixed(0)} ms   p95 ${percentile(afterCommit, 95).toFixed(0)} ms`,
  );
  if (receivedAt.size < TICKETS || bad > 0) exitCode = 1;
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  api.stop();
  receiver.close();
  await new Promise((r) => setTimeout(r, 1500));
  await admin
    .query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    .catch((e) => console.error(`drop ${dbName}: ${e.message}`));
  await admin.end();
  // Bull's keys of this run (ioredis comes with bull).
  const Redis = createRequire(requireApi.resolve('bull'))('ioredis');
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
process.exit(exitCode);
