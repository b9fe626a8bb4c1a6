/**
 * Browser test of the first-run page: the built API on a fresh database with no admin (embedded in a
 * temporary DATA_DIR without the demo, or a new database on the server at DATABASE_URL), its setup
 * token read from its log, and the first administrator created through the page in headless Chromium:
 * a wrong token refused, then signed in, out, and in again with the new password. Any console error
 * or Content-Security-Policy violation fails it. Screenshots go to test/e2e/screenshots/first-run-*.
 *
 *   pnpm --filter @rma/admin build && node test/e2e/first-run.mjs
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, repoRoot, requireBuilt, startApi } from './support.mjs';

const shotsDir = join(import.meta.dirname, 'screenshots');
requireBuilt();
mkdirSync(shotsDir, { recursive: true });

const ADMIN = { name: 'Olga Ops', email: 'olga@distri.example', password: 'first-run-password' };
const dataDir = mkdtempSync(join(tmpdir(), 'rma-first-run-'));
const server = process.env.DATABASE_URL ? await freshServerDatabase(process.env.DATABASE_URL) : null;
let api;
let browser;
const problems = [];
let failed = false;

/** A new, empty database on the PostgreSQL server (pg from the API's dependencies). */
async function freshServerDatabase(url) {
  const pg = createRequire(join(repoRoot, 'apps/api/package.json'))('pg');
  const name = `rma_first_run_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const shot = async (page, name) => {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(shotsDir, `first-run-${name}.png`), fullPage: true });
};

try {
  api = await startApi({
    DATA_DIR: dataDir,
    DATABASE_URL: server?.url,
    SEED_DEMO: 'false',
    // The token must be in the log at the default level.
    LOG_LEVEL: undefined,
    QUEUE_PREFIX: `rma-first-run-${process.pid}`,
  });
  const token = /setup token ([A-Za-z0-9_-]{43})/.exec(api.log())?.[1];
  assert.ok(token, `the API logs a setup token at start:\n${api.log()}`);
  console.log(`first-run e2e against ${api.base} (${server ? 'PostgreSQL at DATABASE_URL' : 'embedded'})`);

  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    baseURL: api.base,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The browser reports the refused wrong token (403) as a failed resource: expected, once.
    if (/status of 403/.test(m.text()) && !problems.includes('403 seen')) return problems.push('403 seen');
    problems.push(`console error: ${m.text()}`);
  });

  // The sign-in page leads to the first-run page while no administrator exists.
  await page.goto('/login');
  await page.waitForURL((u) => u.pathname === '/setup');
  await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
  await shot(page, '1-page');

  // A stranger without the token is refused, and nothing is created.
  await page.getByLabel('Setup token').fill('not-the-token-printed-at-start');
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password, again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'setup token is not right' }).waitFor();
  await shot(page, '2-wrong-token');
  assert.equal((await (await fetch(`${api.base}/api/v1/setup`)).json()).needed, true);

  // The token from the log: the administrator is created and signed in, on the staff home.
  await page.getByLabel('Setup token').fill(token);
  await page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/triage');
  await page.getByText(ADMIN.name).first().waitFor();
  await shot(page, '3-signed-in');
  assert.equal((await (await fetch(`${api.base}/api/v1/setup`)).json()).needed, false);

  // Signed out, then in again with the new password.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/triage');
  await shot(page, '4-signed-in-again');

  // Setup is closed: the page says so, and the spent token no longer works.
  await page.goto('/setup');
  await page.getByText('This installation has an administrator already').waitFor();
  const again = await fetch(`${api.base}/api/v1/setup/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...ADMIN, email: 'second@distri.example', token }),
  });
  assert.equal(again.status, 409);
  await shot(page, '5-closed');

  const errors = problems.filter((p) => p !== '403 seen');
  assert.deepEqual(errors, [], 'no console error, page error or CSP violation');
  console.log('  ✓ the first administrator is created through the page, signs out and in again');
} catch (err) {
  failed = true;
  console.log(
    `  ✗ first-run page\n    ${String(err?.stack ?? err)
      .split('\n')
      .join('\n    ')}`,
  );
  if (api) console.log(`--- API log ---\n${api.log().slice(-4000)}`);
} finally {
  await browser?.close().catch(() => undefined);
  await api?.stop();
  await server?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
