/* global document */
/**
 * Browser tests: the built admin (apps/admin/dist) served by the API, driven in headless Debian
 * Chromium by playwright-core. Starts the API on a free port with a fresh embedded database and its
 * demo desk (support.mjs), runs the reseller's and the staff's scenarios, saves screenshots to
 * test/e2e/screenshots/ (and the README's two to docs/screenshots/), and stops the API.
 *
 *   pnpm --filter @rma/admin build && pnpm --filter @rma/admin test:e2e
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir, launchChromium, repoRoot, requireBuilt, startApi } from './support.mjs';

const shotsDir = join(import.meta.dirname, 'screenshots');
const docsShots = join(repoRoot, 'docs/screenshots');
const PASSWORD = 'demo1234';
/** Rows on a page of the triage queue and My tickets (PAGE_SIZE in src/stores/tickets.ts). */
const LIST_PAGE = 25;
requireBuilt();
mkdirSync(shotsDir, { recursive: true });
mkdirSync(docsShots, { recursive: true });

// ---- the API ---------------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'rma-admin-e2e-'));
const api = await startApi({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }).catch((err) => {
  rmSync(dataDir, { recursive: true, force: true });
  throw err;
});
const base = api.base;

let browser;
async function shutdown(code) {
  await browser?.close().catch(() => undefined);
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

async function apiLogin(email) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `API login of ${email}`);
  return (await r.json()).accessToken;
}

/** How many tickets the token's user sees (staff: every reseller's), from the API's status counts. */
async function ticketTotal(token) {
  const { body } = await apiGet(token, '/tickets/counts');
  return Object.values(body).reduce((n, c) => n + c, 0);
}

async function apiGet(token, path) {
  const r = await fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: await r.json() };
}

// ---- the browser -----------------------------------------------------------------------------------
const results = [];
const cspViolations = [];
async function scenario(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push({ name, ok: false, err });
    console.log(
      `  ✗ ${name}\n    ${String(err?.stack ?? err)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

async function newPage(width = 1280, height = 860) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: base, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
  // The API serves the admin with a Content-Security-Policy: anything it blocks fails the run.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}

async function login(page, email) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Records the admin's JS files a page loads; `kb()` is their gzipped size, from dist. */
function jsLoads(page) {
  const files = new Set();
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) files.add(path);
  });
  return {
    files,
    kb: () => [...files].reduce((n, f) => n + gzipSync(readFileSync(join(distDir, f))).length, 0) / 1024,
  };
}

async function shot(page, name, { docs, fullPage = true } = {}) {
  await page.waitForTimeout(150); // let transitions settle
  const file = join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (docs) copyFileSync(file, join(docsShots, docs));
}

const state = { ticketId: null, serial: null };

try {
  browser = await launchChromium();
  console.log(`admin e2e against ${base}`);

  await scenario(
    'reseller files a Grandstream defect, sees the prerequisite, adds the ticket number',
    async () => {
      // A serial Alpha IT bought: the most recent GRP2612 invoice line with a GSA serial.
      const token = await apiLogin('agent@alpha-it.example');
      const { body: lines } = await apiGet(token, '/invoice-lines?sku=GS-GRP2612&limit=100');
      const line = lines
        .filter((l) => l.serialNumber?.startsWith('GSA'))
        .sort((a, b) => b.invoicedOn.localeCompare(a.invoicedOn))[0];
      assert.ok(line, 'a GSA serial is on Alpha IT invoices');
      state.serial = line.serialNumber;

      const page = await newPage();
      const loaded = jsLoads(page);
      await page.goto('/login');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.waitForLoadState('networkidle');
      console.log(`    login page JS: ${loaded.kb().toFixed(1)} KB gzipped in ${loaded.files.size} files`);
      await login(page, 'agent@alpha-it.example');
      await page.waitForURL('**/my-tickets');
      await page.getByRole('heading', { name: 'My tickets' }).waitFor();
      // The demo desk: Alpha IT's own tickets, in their statuses, with their end customers.
      const own = await ticketTotal(token);
      assert.ok(own >= 20, `Alpha IT has the demo desk's tickets (${own})`);
      await page.getByTestId('my-tickets-table').getByText('Hotel Zonnehof').first().waitFor();
      assert.equal(
        await page.locator('[data-testid="my-tickets-table"] tbody tr').count(),
        Math.min(own, LIST_PAGE),
      );
      assert.match(await page.getByTestId('status-counts').innerText(), new RegExp(`All\\s*${own}`));
      assert.doesNotMatch(await page.locator('main').innerText(), /Tandartspraktijk Smit|Beta Networks/);
      await shot(page, '01-reseller-my-tickets');

      await page.getByRole('link', { name: 'New ticket' }).first().click();
      await page.waitForURL('**/new-ticket');
      await page.getByRole('heading', { name: 'Basic information' }).waitFor();
      await page.locator('[name="customer.name"]').fill('Café Lumière');
      await page.locator('[name="customer.contactName"]').fill('Marie Dupont');
      await page.locator('[name="customer.email"]').fill('marie@cafe-lumiere.example');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: 'Delivery' }).waitFor();
      await page.locator('[name="delivery.address"]').fill('Café Lumière\nRue de la Paix 12\n1000 Brussels');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: 'Product & fault' }).waitFor();

      await page.getByLabel('Manufacturer', { exact: true }).selectOption('grandstream');
      await page.getByLabel('Reference (SKU)', { exact: true }).selectOption('GS-GRP2612');
      await page.getByLabel('Serial number', { exact: true }).fill(state.serial);
      await page
        .getByLabel('Fault description', { exact: true })
        .fill('Display stays dark after a firmware update; factory reset did not help.');
      // No support ticket number: the live preview (decideRoute in the browser) asks for it first.
      const headline = page.getByTestId('decision-headline');
      await headline.getByText('Needs a Grandstream helpdesk ticket number first').waitFor();
      await page.getByTestId('invoice-line').waitFor();
      const reasons = await page.getByTestId('decision-reasons').innerText();
      assert.match(reasons, /Grandstream requires its support desk to confirm the fault first/);
      await shot(page, '02-reseller-form-prerequisite', { docs: 'reseller-form.png', fullPage: false });

      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: 'Review & submit' }).waitFor();
      // A log file goes with the ticket: the draft is saved first, then the file is attached to it.
      await page.getByTestId('attach-save-draft').click();
      await page.waitForURL(/\/new-ticket\?draft=[0-9a-f-]{36}$/);
      await page.getByTestId('attachment-kind').selectOption('LOG');
      await page.getByTestId('attachment-files').setInputFiles({
        name: 'display-boot.log',
        mimeType: 'text/plain',
        buffer: Buffer.from('boot: panel init timeout after firmware 1.0.3.12\n'),
      });
      await page.getByTestId('attachment-submit').click();
      await page.getByTestId('attachment').getByText('display-boot.log').waitFor();
      await shot(page, '03-reseller-form-review');
      await page.getByTestId('submit-ticket').click();
      await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
      state.ticketId = page.url().split('/').pop();
      await page.getByTestId('attachment').getByText('display-boot.log').waitFor();
      await page.locator('[data-testid="ticket-status"][data-status="AWAITING_PREREQUISITE"]').waitFor();
      await page.getByTestId('next-step').getByText('Add the vendor support ticket number').waitFor();
      await shot(page, '04-reseller-ticket-awaiting-prerequisite');

      await page.locator('[data-action="PROVIDE_SUPPORT_TICKET"]').click();
      await page.getByLabel('Support ticket number').fill('GS-123456');
      await page.getByText('valid format').waitFor();
      await page.getByRole('button', { name: 'Add number' }).click();
      await page.locator('[data-testid="ticket-status"][data-status="IN_REVIEW"]').waitFor();
      await page.getByTestId('timeline').getByText('Add support ticket number').first().waitFor();
      await shot(page, '05-reseller-ticket-in-review');

      // Tablet width, for the layout check.
      await page.setViewportSize({ width: 820, height: 1100 });
      await page.goto('/new-ticket');
      await page.getByRole('heading', { name: 'Basic information' }).waitFor();
      await shot(page, '06-reseller-form-tablet', { fullPage: false });
      await page.context().close();
    },
  );

  await scenario(
    'staff find the ticket by serial number in triage, approve it, see the RMA number',
    async () => {
      assert.ok(state.ticketId, 'scenario 1 created a ticket');
      const total = await ticketTotal(await apiLogin('agent@distri.example'));
      assert.ok(total >= 50, `the demo desk and scenario 1's ticket are in the queue (${total})`);
      const page = await newPage();
      const loaded = jsLoads(page);
      await login(page, 'agent@distri.example');
      await page.waitForURL('**/triage');
      await page.getByTestId('queue-table').waitFor();
      await page.waitForLoadState('networkidle');
      console.log(
        `    login + triage queue JS: ${loaded.kb().toFixed(1)} KB gzipped in ${loaded.files.size} files`,
      );
      // The newest first: scenario 1's ticket heads the first page of the queue.
      assert.equal(
        await page.locator('[data-testid="queue-table"] tbody tr').count(),
        Math.min(total, LIST_PAGE),
      );
      assert.equal(
        await page.locator('[data-testid="queue-table"] tbody tr').first().getAttribute('data-ticket-id'),
        state.ticketId,
      );
      const chips = await page.getByTestId('status-counts').innerText();
      assert.match(chips, new RegExp(`All\\s*${total}`));
      for (const status of ['Awaiting support ticket', 'Forwarded to vendor', 'Inspecting', 'RMA expired'])
        assert.match(chips, new RegExp(status, 'i'), `the desk has tickets ${status}`);
      await shot(page, '07a-staff-triage-queue', { docs: 'triage.png', fullPage: false });
      // The short id the list shows for a ticket without an RMA number finds that ticket.
      const short = `#${state.ticketId.replace(/-/g, '').slice(-8)}`;
      await page.getByRole('searchbox', { name: 'Search' }).fill(short);
      await page.waitForURL((u) => u.searchParams.get('q') === short);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="queue-table"] tbody tr').length === 1,
      );
      assert.match(
        await page.locator(`tr[data-ticket-id="${state.ticketId}"]`).innerText(),
        new RegExp(short),
      );
      await page.getByRole('searchbox', { name: 'Search' }).fill(state.serial);
      await page.waitForURL((u) => u.searchParams.get('q') === state.serial);
      const row = page.locator(`tr[data-ticket-id="${state.ticketId}"]`);
      // The list is replaced by the search's answer: wait for it to settle on one row.
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="queue-table"] tbody tr').length === 1,
      );
      await row.waitFor();
      assert.equal(
        await page.locator('[data-testid="queue-table"] tbody tr').count(),
        1,
        'the serial finds one ticket',
      );
      assert.match(await row.innerText(), /In review/);
      await shot(page, '07b-staff-triage-search', { fullPage: false });
      // The list as it is filtered, as a spreadsheet: the one ticket the serial finds.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^tickets-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
      assert.match(csv[0], /^\uFEFFTicket,Id,Created,/);
      assert.equal(csv.length, 3, 'a header, one row and the last line end');
      assert.ok(csv[1].includes(state.ticketId) && csv[1].includes(state.serial));

      await row.click();
      await page.waitForURL(`**/tickets/${state.ticketId}`);
      await page.getByTestId('staff-actions').waitFor();
      await page.getByText('Grandstream configuration revision 1').waitFor();
      const actions = await page
        .locator('[data-testid="ticket-actions"] [data-action]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      assert.deepEqual(
        actions,
        ['APPROVE', 'REJECT', 'REQUEST_INFO', 'AUTHORISE_DESTRUCTION'],
        'exactly the allowed actions',
      );
      await shot(page, '08-staff-ticket-in-review');
      await page.locator('[data-action="APPROVE"]').click();
      const rma = page.getByTestId('rma-number');
      await rma.waitFor();
      const number = (await rma.innerText()).trim();
      assert.match(number, /^RMA-\d{4}-\d{6}$/);
      await page.locator('[data-testid="ticket-status"][data-status="APPROVED"]').waitFor();
      assert.equal((await page.getByTestId('ticket-title').innerText()).trim(), number);
      await shot(page, '09-staff-ticket-approved');
      state.rmaNumber = number;

      // The RMA form as the API's PDF, fetched with the session's token.
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rma-pdf').click()]);
      assert.match(pdf.suggestedFilename(), /\.pdf$/);

      // Attachments: a file that is not an image is refused as a photo (415); a PNG is listed.
      const attachments = page.getByTestId('attachments');
      await attachments.getByTestId('attachment-files').setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('not a photo\n'),
      });
      await attachments.getByTestId('attachment-submit').click();
      await attachments.locator('.field-error').getByText('must be an image').waitFor();
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      await attachments.getByTestId('attachment-files').setInputFiles({
        name: 'front.png',
        mimeType: 'image/png',
        buffer: png,
      });
      await attachments.getByTestId('attachment-submit').click();
      await attachments.getByTestId('attachment').getByText('front.png').waitFor();

      // The e-mail outbox holds the "submitted" mail of this ticket.
      await page.getByTestId('ticket-mails').click();
      await page.waitForURL(
        (u) => u.pathname === '/outbox' && u.searchParams.get('ticketId') === state.ticketId,
      );
      const submitted = page.locator('[data-testid="outbox-row"][data-kind="SUBMITTED"]').first();
      await submitted.waitFor();
      await submitted.getByTestId('outbox-toggle').click();
      await page.getByTestId('outbox-body').first().waitFor();
      await shot(page, '13c-staff-outbox');
      await page.goto('/outbox');
      await page.locator('[data-testid="outbox-row"][data-kind="APPROVED"]').first().waitFor();
      assert.ok((await page.getByTestId('outbox-row').count()) >= 20, 'the desk filled the outbox');
      await shot(page, '13d-staff-outbox-all', { fullPage: false });

      // The other staff pages, for the visual check.
      await page.goto('/dashboard');
      await page.getByRole('heading', { name: 'By status' }).waitFor();
      await page.waitForLoadState('networkidle');
      // The desk's overdue first answers and inspection.
      const breaches = Number(
        await page.locator('.kpi', { hasText: 'SLA breaches' }).locator('.kpi-value').innerText(),
      );
      assert.ok(breaches >= 3, `the dashboard counts the desk's SLA breaches (${breaches})`);
      await shot(page, '10-staff-dashboard', { docs: 'dashboard.png' });
      await page.goto('/manufacturers');
      await page.getByTestId('manufacturers-table').waitFor();
      await shot(page, '11-staff-manufacturers');
      await page.goto('/manufacturers/grandstream');
      await page
        .getByTestId('try-it')
        .getByText('Needs a Grandstream helpdesk ticket number first')
        .waitFor();
      // Its history: the seeded first version (tickets record the revision that routed them).
      await page.locator('[data-testid="manufacturer-history"] li[data-revision="1"]').waitFor();
      await shot(page, '12-staff-manufacturer-grandstream');
      await page.goto('/webhooks');
      // The desk's DapuStor tickets were forwarded by webhook to its demo address, where nothing
      // listens: their deliveries failed and wait for their next attempt.
      await page.getByTestId('deliveries-table').getByText('rma.forwarded').first().waitFor();
      const retrying = page.getByTestId('delivery-row').filter({ hasText: /next / });
      await retrying.first().waitFor();
      await retrying.first().getByRole('button', { name: 'Attempts' }).click();
      await shot(page, '13a-staff-webhook-deliveries');
      await page.goto('/resellers');
      await page.getByTestId('resellers-table').waitFor();
      await shot(page, '13b-staff-resellers');
      await page.setViewportSize({ width: 820, height: 1100 });
      await page.goto('/triage');
      await page.getByTestId('queue-table').waitFor();
      await shot(page, '14-staff-triage-tablet', { fullPage: false });
      await page.context().close();
    },
  );

  await scenario('another reseller sees the ticket neither in lists nor by its URL', async () => {
    assert.ok(state.ticketId, 'scenario 1 created a ticket');
    const page = await newPage();
    await login(page, 'admin@beta-net.example');
    await page.waitForURL('**/my-tickets');
    // Beta's own desk tickets are listed; Alpha IT's are not, and neither are their counts.
    const own = await ticketTotal(await apiLogin('admin@beta-net.example'));
    assert.ok(own >= 20, `Beta Networks has the demo desk's tickets (${own})`);
    await page.getByTestId('my-tickets-table').getByText('Tandartspraktijk Smit').first().waitFor();
    assert.equal(
      await page.locator('[data-testid="my-tickets-table"] tbody tr').count(),
      Math.min(own, LIST_PAGE),
    );
    assert.equal(await page.locator(`[data-ticket-id="${state.ticketId}"]`).count(), 0);
    assert.match(await page.getByTestId('status-counts').innerText(), new RegExp(`All\\s*${own}`));
    assert.doesNotMatch(
      await page.locator('main').innerText(),
      /Café Lumière|Hotel Zonnehof|Brasserie De Kroon|Data Centre One|Alpha IT/,
    );
    await shot(page, '15a-other-reseller-list');
    await page.getByRole('searchbox', { name: 'Search' }).fill(state.serial);
    await page.waitForURL((u) => u.searchParams.get('q') === state.serial);
    await page.getByText('No tickets match').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill(state.rmaNumber ?? 'RMA-');
    await page.waitForURL((u) => u.searchParams.get('q') === (state.rmaNumber ?? 'RMA-'));
    await page.getByText('No tickets match').waitFor();
    await page.goto(`/tickets/${state.ticketId}`);
    await page.getByTestId('not-found').waitFor();
    assert.equal(await page.getByTestId('ticket-title').count(), 0);
    assert.doesNotMatch(await page.locator('main').innerText(), /Café Lumière|GSA|RMA-\d/);
    await shot(page, '15b-other-reseller-not-found');
    // The staff-only pages are not there for a reseller either.
    await page.goto('/triage');
    await page.getByText('Page not found').waitFor();
    await page.context().close();
  });

  await scenario('a new password ends the user’s other sessions and keeps this one', async () => {
    const here = await newPage();
    const elsewhere = await newPage();
    await login(here, 'agent@beta-net.example');
    await login(elsewhere, 'agent@beta-net.example');
    await here.getByRole('link', { name: /^Your account/ }).click();
    await here.getByRole('heading', { name: 'Your account' }).waitFor();
    await here.getByLabel('Current password').fill('not-the-password');
    await here.getByLabel('New password', { exact: true }).fill('a-longer-secret');
    await here.getByLabel('New password, again').fill('a-longer-secret');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByText('Is not your current password').waitFor();
    await here.getByLabel('Current password').fill(PASSWORD);
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByText('Password changed. Your other sessions are signed out.').waitFor();
    await shot(here, '16-account-password-changed');
    // The other browser's session has ended: its next request is refused and it lands on sign-in.
    await elsewhere.reload();
    await elsewhere.waitForURL('**/login**');
    await elsewhere.getByText('Your session is no longer valid').waitFor();
    // This one goes on with the token the change answered.
    await here.getByRole('link', { name: 'My tickets' }).click();
    await here.getByTestId('my-tickets-table').waitFor();
    await here.context().close();
    await elsewhere.context().close();
  });

  await scenario('a distributor admin adds a triage agent, who signs in to the triage queue', async () => {
    const page = await newPage();
    await login(page, 'admin@distri.example');
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff' }).waitFor();
    await page.getByText('agent@distri.example').waitFor(); // the list has loaded
    assert.equal(await page.locator('tbody tr').count(), 2, 'the two demo staff');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Name').fill('Nora New');
    await page.getByLabel('E-mail').fill('nora@distri.example');
    await page.getByLabel('Role').selectOption('DISTRIBUTOR_AGENT');
    await page.getByLabel('Initial password').fill('welcome-nora');
    await page.locator('form.add-form').getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Nora New can now sign in.').waitFor();
    assert.equal(await page.locator('tbody tr').count(), 3);
    await shot(page, '17-staff-team', { fullPage: false });
    const nora = await newPage();
    await nora.goto('/login');
    await nora.getByLabel('E-mail').fill('nora@distri.example');
    await nora.getByLabel('Password').fill('welcome-nora');
    await nora.getByRole('button', { name: 'Sign in' }).click();
    await nora.waitForURL('**/triage');
    await nora.getByTestId('queue-table').waitFor();
    // An agent manages no staff: the page is not in the menu, and not there by its address either.
    assert.equal(await nora.getByRole('link', { name: 'Staff' }).count(), 0);
    await nora.goto('/staff');
    await nora.getByText('Page not found').waitFor();
    await page.context().close();
    await nora.context().close();
  });

  // Last: its items are the newest tickets, and the scenarios above expect scenario 1's at the top.
  await scenario(
    'reseller pastes three serials, sees three previews, submits one return of three items',
    async () => {
      // Three serials Alpha IT bought, of three manufacturers: the latest invoice line of each SKU.
      const token = await apiLogin('agent@alpha-it.example');
      const serials = [];
      for (const sku of ['GS-GWN7660', 'IP-IP112', 'DX-SSD1T']) {
        const { body: lines } = await apiGet(token, `/invoice-lines?sku=${sku}&limit=100`);
        const line = lines
          .filter((l) => l.serialNumber)
          .sort((a, b) => b.invoicedOn.localeCompare(a.invoicedOn))[0];
        assert.ok(line, `Alpha IT bought a ${sku} with a serial`);
        serials.push({ sku, serial: line.serialNumber });
      }
      const before = await ticketTotal(token);

      const page = await newPage();
      await login(page, 'agent@alpha-it.example');
      await page.goto('/new-ticket');
      await page.getByTestId('several-items').click();
      await page.waitForURL('**/new-return');
      await page.getByRole('heading', { name: 'End customer & delivery' }).waitFor();
      await page.locator('[name="customer.name"]').fill('Bistro Le Marais');
      await page.locator('[name="resellerReference"]').fill('PO-2026-118');
      await page.getByTestId('paste-serials').fill(serials.map((s) => s.serial).join('\n'));
      await page.getByTestId('paste-add').click();
      await page.getByTestId('paste-note').getByText('3 items added.').waitFor();
      assert.equal(await page.getByTestId('return-item').count(), 3);
      // Each serial found on Alpha IT's invoices fills in its reference and manufacturer.
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="item-invoice-line"]').length === 3,
      );
      for (const [i, s] of serials.entries())
        assert.equal(await page.locator(`[name="items[${i}].product.sku"]`).inputValue(), s.sku);
      for (const i of [0, 1, 2])
        await page
          .locator(`[name="items[${i}].faultDescription"]`)
          .fill('Stopped working after a power cut; a reset did not help.');
      // Three previews, decided in the browser, each with the status its item gets on submit.
      const previews = page.getByTestId('item-preview');
      assert.equal(await previews.count(), 3);
      await previews.nth(0).getByText('Needs a Grandstream helpdesk ticket number first').waitFor();
      await previews.nth(1).getByText('Goes to the innovaphone portal').waitFor();
      assert.equal(await page.getByTestId('item-missing').count(), 0, 'nothing left to fill in');
      const expected = await previews
        .getByTestId('item-on-submit')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      assert.equal(expected.length, 3, 'every item has its decision');
      await shot(page, '18-reseller-return-form', { docs: 'return-form.png' });

      await page.getByTestId('submit-return').click();
      await page.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
      const returnId = page.url().split('/').pop();
      const rows = page.getByTestId('return-item-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 3);
      assert.match(await page.getByTestId('return-title').innerText(), /Bistro Le Marais · 3 items/);
      // The API decided each item as the preview did.
      const statuses = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      assert.deepEqual(statuses, expected);
      assert.equal(await rows.nth(1).getAttribute('data-stage'), 'PORTAL');
      assert.ok(
        (await rows.nth(1).getByTestId('item-portal-link').getAttribute('href')).startsWith('https://'),
      );
      await shot(page, '19-reseller-return-page', { docs: 'return-page.png' });

      // The Grandstream item waits for its helpdesk number: giving it re-decides that item only.
      const gs = rows.nth(0);
      assert.equal(await gs.getAttribute('data-stage'), 'SUPPORT_TICKET');
      await gs.getByTestId('item-support-number').fill('GS-123456');
      await gs.getByText('valid format').waitFor();
      await gs.getByTestId('item-support-submit').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="return-item-row"]')?.getAttribute('data-stage') !==
          'SUPPORT_TICKET',
      );
      assert.deepEqual(
        (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).slice(1),
        expected.slice(1),
      );
      const { status, body } = await apiGet(token, `/returns/${returnId}`);
      assert.equal(status, 200);
      assert.equal(body.itemCount, 3);
      assert.deepEqual(
        body.items.map((t) => t.product.serialNumber),
        serials.map((s) => s.serial),
      );
      assert.equal(await ticketTotal(token), before + 3, 'three tickets, one for each item');
      // Each item links to its ticket.
      await gs.getByTestId('item-ticket-link').click();
      await page.waitForURL(`**/tickets/${body.items[0].id}`);
      await page.getByTestId('ticket-title').waitFor();
      await page.context().close();
    },
  );

  await scenario(
    'staff open a return of several items from the queue and approve two in-house items at once',
    async () => {
      // A return of three items from Alpha IT: two Grandstream phones in warranty with their helpdesk
      // numbers (in review, in house) and an innovaphone phone (its vendor's portal).
      const token = await apiLogin('agent@alpha-it.example');
      const { body: gsLines } = await apiGet(token, '/invoice-lines?sku=GS-GRP2612&limit=100');
      const gs = [...new Set(gsLines.map((l) => l.serialNumber).filter((s) => s?.startsWith('GSA')))].slice(
        -2,
      );
      assert.equal(gs.length, 2, 'Alpha IT bought two GRP2612 with GSA serials');
      const { body: ipLines } = await apiGet(token, '/invoice-lines?sku=IP-IP112&limit=100');
      const ip = ipLines.find((l) => l.serialNumber)?.serialNumber;
      assert.ok(ip, 'Alpha IT bought an IP112 with a serial');
      const defect = (manufacturer, sku, serialNumber, supportTicketNumber) => ({
        reason: 'DEFECT',
        product: { manufacturer, sku, serialNumber },
        faultDescription: 'No audio on the handset since Monday.',
        ...(supportTicketNumber ? { supportTicketNumber } : {}),
      });
      const created = await fetch(`${base}/api/v1/returns`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          customer: { name: 'Hotel De Kroon', email: 'it@dekroon.example' },
          delivery: { address: 'Markt 3, Utrecht' },
          items: [
            defect('grandstream', 'GS-GRP2612', gs[0], 'GS-100001'),
            defect('innovaphone', 'IP-IP112', ip),
            defect('grandstream', 'GS-GRP2612', gs[1], 'GS-100002'),
          ],
          submit: true,
        }),
      });
      assert.equal(created.status, 201, 'the return is accepted');
      const ret = await created.json();
      assert.deepEqual(
        ret.items.map((t) => [t.status, t.decision?.route]),
        [
          ['IN_REVIEW', 'IN_HOUSE'],
          ['REDIRECTED', 'VENDOR_PORTAL'],
          ['IN_REVIEW', 'IN_HOUSE'],
        ],
      );

      const page = await newPage();
      await login(page, 'agent@distri.example');
      await page.waitForURL('**/triage');
      // Searching the third item's serial finds it; its row names its return.
      await page.locator('#q').fill(gs[1]);
      const row = page.locator(`tr[data-ticket-id="${ret.items[2].id}"]`);
      await row.waitFor();
      assert.match(
        await row.getByTestId('row-return').innerText(),
        /Item 3 of 3 · 2 In review, 1 Redirected/,
      );
      await row.click();
      await page.waitForURL(`**/triage/returns/${ret.id}?item=${ret.items[2].id}`);
      const items = page.locator('tr[data-item-id]');
      await items.first().waitFor();
      assert.equal(await items.count(), 3);
      assert.match(await page.getByTestId('return-title').innerText(), /Hotel De Kroon · 3 items/);
      assert.equal(await items.nth(2).getAttribute('class'), 'highlighted');
      await page.getByTestId('timeline-item').first().waitFor();

      await page.getByTestId('select-in-house').click();
      await page.getByRole('button', { name: 'Approve selected (2)' }).click();
      const results = page.getByTestId('approval-results').locator('li');
      await results.first().waitFor();
      const lines = await results.allInnerTexts();
      assert.equal(lines.length, 2);
      const rma = /approved with (RMA-\d{4}-\d+)/.exec(lines[0])?.[1];
      assert.ok(rma, `an RMA number in "${lines[0]}"`);
      assert.deepEqual(lines, [`Item 1: approved with ${rma}`, `Item 3: approved with ${rma}`]);
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('tr[data-item-id]')]
            .map((r) => r.getAttribute('data-status'))
            .join() === 'APPROVED,REDIRECTED,APPROVED',
      );
      assert.deepEqual(await items.getByTestId('item-rma').allInnerTexts(), [rma, rma]);
      await shot(page, '20-staff-return-approved', { docs: 'staff-return.png' });

      // The API agrees: one RMA number for the two, the portal item untouched.
      const { body } = await apiGet(token, `/returns/${ret.id}`);
      assert.deepEqual(
        body.items.map((t) => [t.status, t.rma?.number ?? null]),
        [
          ['APPROVED', rma],
          ['REDIRECTED', null],
          ['APPROVED', rma],
        ],
      );
      // The ticket page links back to its return.
      await items.nth(0).getByRole('link', { name: 'Ticket' }).click();
      await page.waitForURL(`**/tickets/${ret.items[0].id}`);
      assert.match(await page.getByTestId('ticket-return-link').innerText(), /Item 1 of 3 of its return/);
      await page.context().close();
    },
  );
} catch (err) {
  console.error(err);
  results.push({ name: 'setup', ok: false, err });
}

if (cspViolations.length)
  results.push({ name: 'Content-Security-Policy', ok: false, err: cspViolations.join('\n') });
const failed = results.filter((r) => !r.ok);
for (const r of failed.filter((f) => f.name === 'Content-Security-Policy'))
  console.log(`  ✗ CSP blocked:\n${r.err}`);
console.log(
  `\n${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${shotsDir}`,
);
await shutdown(failed.length ? 1 : 0);
