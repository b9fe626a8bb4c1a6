/**
 * What the admin's browser scripts share: a free port, the API started as a child process (its output
 * kept), and headless Chromium as CI runs it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const adminDir = resolve(here, '../..');
export const repoRoot = resolve(adminDir, '../..');
export const distDir = join(adminDir, 'dist');
export const apiMain = join(repoRoot, 'apps/api/dist/main.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Stops the script (exit 2) unless the built admin, the built API and Chromium are there. */
export function requireBuilt() {
  for (const [what, path] of [
    ['the built admin (run `pnpm --filter @rma/admin build`)', join(distDir, 'index.html')],
    ['the built API (run `pnpm --filter @rma/api build`)', apiMain],
    ['Chromium (apt-get install -y chromium)', CHROMIUM],
  ]) {
    if (!existsSync(path)) {
      console.error(`Missing ${what}: ${path}`);
      process.exit(2);
    }
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * The built API serving the built admin on a free port, with `env` over this process's environment
 * (`undefined` removes a variable); resolves once /api/v1/health answers.
 */
export async function startApi(env) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_DIST_DIR: distDir,
    PUBLIC_URL: base,
    ...env,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, [apiMain], {
    cwd: join(repoRoot, 'apps/api'),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const api = {
    base,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return api;
    } catch {
      // not up yet
    }
    await sleep(300);
  }
  await api.stop();
  throw new Error(`The API did not become healthy in time:\n${log}`);
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
