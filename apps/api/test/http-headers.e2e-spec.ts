import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ADMIN_CSP_DIRECTIVES, API_CSP_DIRECTIVES } from '../src/create-app.js';
import { startHarness, type Harness } from './harness.js';

/** The headers every answer carries, and the admin's Content-Security-Policy (a built admin of its own). */
describe('HTTP headers (e2e)', () => {
  let h: Harness;
  const admin = mkdtempSync(join(tmpdir(), 'rma-admin-'));

  beforeAll(async () => {
    mkdirSync(join(admin, 'assets'));
    writeFileSync(
      join(admin, 'index.html'),
      '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(admin, 'assets', 'app.js'), 'console.log("admin")');
    h = await startHarness({ ADMIN_DIST_DIR: admin });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(admin, { recursive: true, force: true });
  });

  const everywhere = (res: request.Response) => {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    // Nothing that would refuse the admin's images or pin HTTPS on a plain-HTTP installation.
    expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  };
  /** A Content-Security-Policy header as its directives, each with its sources. */
  const csp = (res: request.Response): Record<string, string[]> =>
    Object.fromEntries(
      String(res.headers['content-security-policy'] ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...sources]) => [name!, sources]),
    );

  it.each(['/', '/index.html', '/tickets/0190d6a0-0000-7000-8000-000000000000'])(
    'the admin page %s allows its own scripts only and no framing',
    async (path) => {
      const res = await request(h.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(csp(res)).toEqual(ADMIN_CSP_DIRECTIVES);
      expect(csp(res)['script-src']).toEqual(["'self'"]);
      expect(csp(res)['style-src']).toEqual(["'self'"]); // no inline style elements or attributes
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(csp(res)['frame-ancestors']).toEqual(["'none'"]);
      everywhere(res);
    },
  );

  it('assets are cached for good; API answers are stored nowhere', async () => {
    const asset = await request(h.http).get('/assets/app.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    everywhere(asset);
    const health = await request(h.http).get('/api/v1/health').expect(200);
    expect(health.headers['cache-control']).toBe('no-store');
    // JSON is data: it may load nothing and be framed by nobody, even if opened as a page.
    expect(csp(health)).toEqual(API_CSP_DIRECTIVES);
    everywhere(health);
    const missing = await request(h.http).get('/api/v1/nothing-here').expect(404);
    expect(csp(missing)).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
    everywhere(missing);
  });

  it('HSTS only when the platform is served over TLS (an https PUBLIC_URL)', async () => {
    await h.restart({ PUBLIC_URL: 'https://rma.example' });
    try {
      const res = await request(h.http).get('/api/v1/health').expect(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
    } finally {
      await h.restart({});
    }
  });
});
