// Shared helpers for the API benchmarks: resolve the API's dependencies, start the built API as a
// child process, log in, and summarise latencies.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const requireApi = createRequire(join(root, 'apps/api/package.json'));

export function databaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'Set DATABASE_URL to a real PostgreSQL (e.g. postgres://root@127.0.0.1:5432/bench); the benchmarks do not run on the embedded one.',
    );
    process.exit(2);
  }
  return url;
}

/** Starts the built API (or another build's `main.js`, for a before/after run) on a free port. */
export async function startApi(env, main = join(root, 'apps/api/dist/main.js')) {
  const port = 4100 + Math.floor(Math.random() * 800);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok)
        return { base, pid: child.pid, stop: () => child.kill('SIGTERM') };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('API did not start');
}

export async function login(base, email, password = 'demo1234') {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
  return (await r.json()).accessToken;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The ticket the API benches submit: a Grandstream defect with its support ticket number, routed
 * IN_HOUSE to IN_REVIEW with its timeline and the reseller's e-mail. Its customer name marks the
 * tickets the benches remove again.
 */
export const BENCH_CUSTOMER = 'Bench customer';
export const submitBody = {
  reason: 'DEFECT',
  submit: true,
  customer: { name: BENCH_CUSTOMER, email: 'bench@example.com' },
  delivery: { address: 'Dock 1' },
  product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1001' },
  faultDescription: 'Does not boot',
  supportTicketNumber: 'GS-123456',
};
