import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { startHarness, type Harness } from './harness.js';

const api = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = 'redocly.yaml';
const IGNORE = '.redocly.lint-ignore.yaml';

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{
    ruleId: string;
    severity: string;
    message: string;
    ignored?: boolean;
    location: Array<{ pointer?: string }>;
  }>;
}

describe("the served OpenAPI document, by redocly's recommended rules (e2e)", () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness();
    dir = mkdtempSync(join(tmpdir(), 'rma-openapi-lint-'));
  });
  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has no error and no warning; each exception recorded in the ignore file still applies', async () => {
    const doc = (await request(h.http).get('/api/docs-json').expect(200)).body as object;
    // The ignore file names the document relative to itself: all three side by side.
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    for (const file of [CONFIG, IGNORE]) copyFileSync(join(api, file), join(dir, file));
    // Lint exits 1 on errors but not on warnings: the JSON report is what is judged.
    const run = await promisify(execFile)(
      join(api, 'node_modules/.bin/redocly'),
      ['lint', 'openapi.json', `--config=${CONFIG}`, '--format=json'],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 64 << 20,
      },
    ).catch((e: { stdout?: string; stderr?: string }) => e);
    const report = JSON.parse(run.stdout || '{}') as LintReport;
    expect(report.problems).toBeDefined();
    const problems = report.problems
      .filter((p) => !p.ignored)
      .map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    // An exception whose problem is gone is stale: remove it from the ignore file.
    const recorded = readFileSync(join(api, IGNORE), 'utf8').match(/^\s+- '#\//gm) ?? [];
    expect(report.totals.ignored).toBe(recorded.length);
  });
});
