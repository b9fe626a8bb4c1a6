import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/create-app.js';
import { loadConfig } from '../src/config/config.js';
import { preparePlatformDatabase, type DatabaseTarget } from '../src/database/platform-database.js';

const SERVER = process.env.DATABASE_URL;
const suite = SERVER ? describe : describe.skip;
const title = SERVER
  ? 'npm run create-admin (e2e, the built command on a fresh PostgreSQL database)'
  : 'npm run create-admin (e2e) — SKIPPED: needs a PostgreSQL server (set DATABASE_URL)';
const COMMAND = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/create-admin.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The first distributor admin of a real installation: a database with no demo data and no user, the
 * built command run as an operator runs it (the password piped in, or generated), then a sign-in
 * through the API.
 */
suite(title, () => {
  const dbName = `h3_create_admin_${process.pid}_${Date.now()}`;
  const url = new URL(SERVER ?? 'postgres://localhost/none');
  url.pathname = `/${dbName}`;
  const env = { DATABASE_URL: url.toString(), SEED_DEMO: 'false', LOG_LEVEL: 'silent' };
  let admin: pg.Client;
  let app: NestExpressApplication | undefined;
  let target: DatabaseTarget | undefined;

  const run = (args: string[], stdin: string | null): Promise<Run> =>
    new Promise((done, fail) => {
      const child = spawn(process.execPath, [COMMAND, ...args], {
        env: { PATH: process.env.PATH, ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
      if (stdin !== null) child.stdin.write(stdin);
      child.stdin.end();
    });
  const admins = async (email: string) => {
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      const { rows } = await c.query(
        `SELECT role, tenant_id AS "tenantId" FROM users WHERE lower(email) = lower($1)`,
        [email],
      );
      return rows as Array<{ role: string; tenantId: string | null }>;
    } finally {
      await c.end();
    }
  };
  const login = (email: string, password: string) =>
    request(app!.getHttpServer() as App)
      .post('/api/v1/auth/login')
      .send({ email, password });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  });
  afterAll(async () => {
    await app?.close();
    await target?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('creates a distributor admin with the piped password, who signs in; the same e-mail again is refused', async () => {
    const created = await run(['--email', 'ops@distri.example', '--name', 'Ops'], 'correct-horse-battery\n');
    expect(created.stderr).toBe('');
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('ops@distri.example');
    expect(created.stdout).not.toContain('correct-horse-battery');

    // The API on the database the command migrated and wrote.
    const config = loadConfig({ ...env, QUEUE_PREFIX: `rma-test-${process.pid}-${Date.now()}` });
    target = await preparePlatformDatabase(config);
    app = await createApp(config, target);
    await app.init();
    const res = await login('ops@distri.example', 'correct-horse-battery').expect(200);
    expect(res.body.user).toMatchObject({ name: 'Ops', role: 'DISTRIBUTOR_ADMIN', tenantId: null });
    await login('ops@distri.example', 'wrong-password').expect(401);

    // The API treats e-mails without regard to case, and so does the command.
    const again = await run(['--email', 'OPS@Distri.Example', '--name', 'Ops again'], 'another-password\n');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already registered');
    expect(await admins('ops@distri.example')).toEqual([{ role: 'DISTRIBUTOR_ADMIN', tenantId: null }]);
    await login('ops@distri.example', 'another-password').expect(401);
  });

  it('generates a password when none is piped in, prints it once, and it signs in', async () => {
    const created = await run(['--email', 'night@distri.example', '--name', 'Night shift'], '');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const printed = [...created.stdout.matchAll(/Password \(shown this once\): (\S+)/g)].map((m) => m[1]!);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.length).toBeGreaterThanOrEqual(20);
    expect(created.stdout.split(printed[0]!)).toHaveLength(2);
    const res = await login('night@distri.example', printed[0]!).expect(200);
    expect(res.body.user.role).toBe('DISTRIBUTOR_ADMIN');

    const flagged = await run(
      ['--email', 'flag@distri.example', '--name', 'Flag', '--generate-password'],
      null,
    );
    expect(flagged.code).toBe(0);
    const [, password] = /Password \(shown this once\): (\S+)/.exec(flagged.stdout)!;
    await login('flag@distri.example', password!).expect(200);
  });

  it.each([
    ['a weak password', ['--email', 'weak@distri.example', '--name', 'Weak'], 'short\n', /password.*8/],
    ['a bad e-mail', ['--email', 'not-an-address', '--name', 'Bad'], 'correct-horse-battery\n', /--email/],
    ['no --email', ['--name', 'Nobody'], 'correct-horse-battery\n', /--email required/],
    ['no --name', ['--email', 'noname@distri.example'], 'correct-horse-battery\n', /--name required/],
    ['an unknown flag', ['--email', 'x@distri.example', '--name', 'X', '--role', 'ADMIN'], '', /--role/],
  ])(
    'refuses %s with a message, a non-zero exit and nothing written',
    async (_what, args, stdin, message) => {
      const before = await countUsers();
      const res = await run(args, stdin);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(message);
      expect(await countUsers()).toBe(before);
    },
  );

  it('--help prints the usage', async () => {
    const res = await run(['--help'], null);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('npm run create-admin -- --email');
  });

  async function countUsers(): Promise<number> {
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      return (await c.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n as number;
    } catch {
      return 0; // not migrated yet: no user
    } finally {
      await c.end();
    }
  }
});
