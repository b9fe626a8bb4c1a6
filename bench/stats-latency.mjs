#!/usr/bin/env node
// The dashboard's figures (GET /tickets/stats) and the status chips (GET /tickets/counts) for staff and
// a reseller, one request at a time, through the built API: p50 and p95 per round. With BEFORE set to
// another build's apps/api/dist/main.js, both builds run on the same database and are measured
// alternately, round by round, so a busy machine moves both alike.
// Usage: DATABASE_URL=postgres://root@127.0.0.1:5432/bench5m [BEFORE=/path/to/dist/main.js] node bench/stats-latency.mjs [rounds] [requests]
import { databaseUrl, login, percentile, startApi } from './lib.mjs';

const rounds = Number(process.argv[2] ?? 3);
const requests = Number(process.argv[3] ?? 40);
const env = { DATABASE_URL: databaseUrl(), SEED_DEMO: 'true', DB_POOL_SIZE: '4' };

// The build under test first: it runs the migrations the other may lack.
const builds = [['after', await startApi(env)]];
if (process.env.BEFORE) builds.unshift(['before', await startApi(env, process.env.BEFORE)]);
try {
  const tokens = [];
  for (const [label, api] of builds) {
    tokens.push([
      label,
      api,
      await login(api.base, 'agent@distri.example'),
      await login(api.base, 'agent@alpha-it.example'),
    ]);
  }
  const series = new Map();
  const measure = async (base, token, path) => {
    const ms = [];
    for (let i = 0; i < requests + 5; i++) {
      const t0 = performance.now();
      const r = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      await r.json();
      if (i >= 5) ms.push(performance.now() - t0); // the first few warm caches and the JIT
    }
    return ms.sort((a, b) => a - b);
  };
  for (let round = 1; round <= rounds; round++) {
    for (const path of ['/api/v1/tickets/stats', '/api/v1/tickets/counts']) {
      for (const [label, api, staff, reseller] of tokens) {
        for (const [who, token] of [
          ['staff', staff],
          ['reseller', reseller],
        ]) {
          const ms = await measure(api.base, token, path);
          const key = `${path} ${who} ${label}`;
          series.set(key, [...(series.get(key) ?? []), ms]);
          console.log(
            `round ${round}  ${path.padEnd(22)} ${who.padEnd(8)} ${label.padEnd(6)}  p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms`,
          );
        }
      }
    }
  }
  console.log('\nmedian over rounds:');
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const [key, runs] of series) {
    console.log(
      `  ${key.padEnd(40)} p50 ${med(runs.map((ms) => percentile(ms, 50)))
        .toFixed(1)
        .padStart(6)} ms   p95 ${med(runs.map((ms) => percentile(ms, 95)))
        .toFixed(1)
        .padStart(6)} ms`,
    );
  }
} finally {
  for (const [, api] of builds) api.stop();
}
