import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createApp } from '../src/create-app.js';
import { Clock } from '../src/common/clock.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { preparePlatformDatabase, type DatabaseTarget } from '../src/database/platform-database.js';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo-data.js';
import { ManufacturersService } from '../src/manufacturers/manufacturers.service.js';
import { UserSessions } from '../src/auth/user-sessions.js';
import { ActiveApiKeys } from '../src/auth/active-api-keys.js';

export const TABLES = [
  'login_attempts',
  'setup_tokens',
  'ticket_count_deltas',
  'ticket_counts',
  'idempotency_keys',
  'ticket_events',
  'tickets',
  'invoice_lines',
  'products',
  'manufacturers',
  'api_keys',
  'users',
  'tenants',
];

/** supertest requests to `/api/v1` with a user's bearer token. */
export interface Client {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
  /** A POST left without a body, for `.field()` and `.attach()` (multipart). */
  upload(path: string): request.Test;
}

export interface Harness {
  app: INestApplication;
  http: App;
  target: DatabaseTarget;
  config: AppConfig;
  clock: Clock;
  /** Empties every table and loads the demo data again. */
  reset(): Promise<void>;
  login(email: string): Promise<string>;
  /** Requests to `/api/v1` as a demo user (logged in once per reset). */
  as(email: string): Promise<Client>;
  /** Counts rows as the owner, bypassing row-level security. */
  count(table: string): Promise<number>;
  /**
   * Stops the app and starts a new one on the same database, its data kept, with the configuration
   * the harness started with changed by `env` (`''` unsets a value): what a restart with a new
   * configuration does at boot. `app`, `http`, `config` and `clock` are the new app's afterwards.
   */
  restart(env: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API on a real PostgreSQL: the server at DATABASE_URL when set (CI), else embedded PGlite in
 * memory. Redis (Bull) when REDIS_URL is set, in-process scheduling otherwise.
 */
export async function startHarness(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<Harness> {
  // Attachments go to a folder of this run's own, removed on close.
  const attachmentsDir = env.ATTACHMENTS_DIR ?? mkdtempSync(join(tmpdir(), 'rma-attachments-'));
  const baseEnv: Record<string, string | undefined> = {
    ATTACHMENTS_DIR: attachmentsDir,
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `rma-test-${process.pid}-${Date.now()}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    DB_POOL_SIZE: '10',
    LOGIN_RATE_LIMIT: '1000',
    ...env,
  };
  const config = loadConfig(baseEnv);
  const target = await preparePlatformDatabase(config, { inMemory: true });
  // Login attempts are counted in the database: an earlier suite's logins must not count against this one's.
  await target.asOwner((owner) => owner.query(`DELETE FROM login_attempts`));
  const app = await createApp(config, target, options);
  await app.init();
  const tokens = new Map<string, string>();
  const harness: Harness = {
    app,
    http: app.getHttpServer() as App,
    target,
    config,
    clock: app.get(Clock),
    async reset() {
      await target.asOwner(async (owner) => {
        // The app's dispatchers keep working between tests; a TRUNCATE meeting one of their transactions
        // can be chosen as a deadlock's victim. It is then simply run again.
        for (let attempt = 1; ; attempt++) {
          try {
            await owner.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`);
            break;
          } catch (err) {
            if ((err as { driverError?: { code?: string } }).driverError?.code !== '40P01' || attempt >= 5)
              throw err;
            await new Promise((r) => setTimeout(r, 50 * attempt));
          }
        }
        await owner.query(`ALTER SEQUENCE rma_number_seq RESTART`);
        await seedDemo(owner);
      });
      harness.app.get(ManufacturersService).invalidate();
      harness.app.get(UserSessions).forget();
      harness.app.get(ActiveApiKeys).forget();
      tokens.clear();
    },
    async login(email: string) {
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await request(harness.http)
        .post('/api/v1/auth/login')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200);
      tokens.set(email, res.body.accessToken);
      return res.body.accessToken as string;
    },
    async as(email: string) {
      const token = await harness.login(email);
      const to = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
      const url = (path: string) => `/api/v1${path}`;
      return {
        get: (path) => to(request(harness.http).get(url(path))),
        post: (path, body) => to(request(harness.http).post(url(path))).send(body),
        put: (path, body) => to(request(harness.http).put(url(path))).send(body),
        patch: (path, body) => to(request(harness.http).patch(url(path))).send(body),
        delete: (path) => to(request(harness.http).delete(url(path))),
        upload: (path) => to(request(harness.http).post(url(path))),
      };
    },
    async count(table: string) {
      return target.asOwner(async (owner) => {
        const [row] = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
        return row.n as number;
      });
    },
    async restart(changes: Record<string, string>) {
      await harness.app.close();
      harness.config = loadConfig({ ...baseEnv, ...changes });
      harness.app = await createApp(harness.config, target, options);
      await harness.app.init();
      harness.http = harness.app.getHttpServer() as App;
      harness.clock = harness.app.get(Clock);
    },
    async close() {
      await harness.app.close();
      await target.stop();
      if (!env.ATTACHMENTS_DIR) rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
  await harness.reset();
  return harness;
}

export const RESELLER_A = 'agent@alpha-it.example';
export const RESELLER_A_ADMIN = 'admin@alpha-it.example';
export const RESELLER_B = 'agent@beta-net.example';
export const RESELLER_B_ADMIN = 'admin@beta-net.example';
export const STAFF = 'agent@distri.example';
export const STAFF_ADMIN = 'admin@distri.example';

/** A complete Grandstream defect for tenant A's first Grandstream serial. */
export function grandstreamDefect(overrides: Record<string, unknown> = {}) {
  return {
    reason: 'DEFECT',
    customer: { name: 'Café Lumière', email: 'it@cafe.example' },
    delivery: { address: 'Rue 1, Brussels' },
    product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1001' },
    faultDescription: 'Does not boot after a firmware update',
    ...overrides,
  };
}
