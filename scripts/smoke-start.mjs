#!/usr/bin/env node
// CI: runs the README's start command with neither DATABASE_URL nor REDIS_URL, waits for health,
// logs in as a demo reseller, submits a ticket, and stops it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'rma-smoke-'));
const port = 3900 + Math.floor(Math.random() * 90);
const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.REDIS_URL;
const child = spawn('npm', ['start'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
let output = '';
child.stdout.on('data', (d) => {
  output += d;
  process.stdout.write(d);
});
const base = `http://127.0.0.1:${port}/api/v1`;
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
};

async function main() {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('the platform did not become healthy within 300 s');
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!output.includes('agent@alpha-it.example'))
    throw new Error('the start command did not print the demo logins');
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@alpha-it.example', password: 'demo1234' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { accessToken } = await login.json();
  const res = await fetch(`${base}/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      reason: 'DEFECT',
      submit: true,
      customer: { name: 'Smoke test customer' },
      product: { manufacturer: 'innovaphone', sku: 'IP-IP112', serialNumber: 'SMOKE-1' },
      faultDescription: 'smoke test',
    }),
  });
  const ticket = await res.json();
  if (res.status !== 201 || ticket.status !== 'REDIRECTED')
    throw new Error(`submit failed: ${res.status} ${JSON.stringify(ticket)}`);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  console.log(`\nsmoke: healthy, logged in, ticket ${ticket.id} ${ticket.status}; GET / → ${page.status}`);
}

main()
  .then(() => {
    stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })
  .catch((err) => {
    console.error(`smoke: ${err.message}`);
    stop();
    process.exit(1);
  });
