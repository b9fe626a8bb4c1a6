import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ADMIN_CSP } from '../src/create-app.js';
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
  };

  it.each(['/', '/index.html', '/tickets/0190d6a0-0000-7000-8000-000000000000'])(
    'the admin page %s allows its own scripts only and no framing',
    async (path) => {
      const res = await request(h.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toBe(ADMIN_CSP);
      expect(ADMIN_CSP).toContain("script-src 'self'");
      expect(ADMIN_CSP).toContain("style-src 'self';"); // no inline style elements or attributes
      expect(ADMIN_CSP).not.toContain('unsafe-inline');
      expect(ADMIN_CSP).toContain("frame-ancestors 'none'");
      everywhere(res);
    },
  );

  it('assets are cached for good; API answers are stored nowhere', async () => {
    const asset = await request(h.http).get('/assets/app.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    everywhere(asset);
    const health = await request(h.http).get('/api/v1/health').expect(200);
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers['content-security-policy']).toBeUndefined();
    everywhere(health);
    const missing = await request(h.http).get('/api/v1/nothing-here').expect(404);
    everywhere(missing);
  });
});
