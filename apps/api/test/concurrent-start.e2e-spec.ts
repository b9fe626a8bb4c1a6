import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../src/database/entities.js';
import { DistApi, DistWorker, type ChildApp } from './support/child-worker.js';
import { createFreshDatabase, queryOn } from './support/fresh-database.js';

const REAL = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const suite = REAL ? describe : describe.skip;
const title = REAL
  ? 'concurrent start (e2e, PostgreSQL + Redis, built dist)'
  : 'concurrent start (e2e) — SKIPPED: needs a real PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)';

/** Replicas started together on a new database: one of them migrates, under an advisory lock; the others wait, find nothing to run, and start. */
suite(title, () => {
  let db: { url: string; drop(): Promise<void> };
  let dataDir: string;
  const processes: ChildApp[] = [];

  beforeAll(async () => {
    db = await createFreshDatabase(process.env.DATABASE_URL!, 'start');
    dataDir = mkdtempSync(join(tmpdir(), 'rma-start-'));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('four API processes and a worker started at once on an empty database all come up, and each migration ran once', async () => {
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: `rma-start-${process.pid}-${Date.now()}`,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DB_POOL_SIZE: '3',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      WEBHOOK_WORKER: 'false',
      MAIL_WORKER: 'false',
    };
    const apis = Array.from({ length: 4 }, () => new DistApi(env));
    const worker = new DistWorker({ ...env, WEBHOOK_WORKER: 'true', MAIL_WORKER: 'true' });
    processes.push(...apis, worker);

    const started = await Promise.allSettled(processes.map((p) => p.start(120_000)));
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failures).toEqual([]);

    for (const api of apis) {
      const res = await fetch(`${api.url}/health`);
      expect(res.status).toBe(200);
    }
    const runs = await queryOn<{ name: string; n: number }>(
      db.url,
      `SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name`,
    );
    expect(runs).toHaveLength(MIGRATIONS.length);
    expect(runs.every((r) => r.n === 1)).toBe(true);
    // Nobody gave up on the way: every process is still running.
    expect(processes.map((p) => p.exited)).toEqual(processes.map(() => null));
    expect(processes.every((p) => p.running)).toBe(true);
  }, 180_000);
});
