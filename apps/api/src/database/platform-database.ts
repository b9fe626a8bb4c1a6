import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { ENTITIES, MIGRATIONS } from './entities.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { APP_ROLE } from './database.constants.js';

export interface DatabaseTarget {
  /** The owner connection: migrations, test resets. */
  ownerUrl: string;
  /** The runtime connection: a role that is neither superuser nor table owner. */
  runtimeUrl: string;
  /**
   * libpq startup options for the runtime pool: every connection starts as `rma_app`. The login (the
   * owner, or DATABASE_APP_URL's user: a NOINHERIT member of rma_app and rma_staff) has no rights of its own in use.
   */
  runtimeOptions: string | null;
  embedded: EmbeddedPostgres | null;
  /**
   * Runs `work` while holding the migration lock, so start-up work meant to happen once per database
   * (filling the demo desk through the app's services) is done by one process while the others wait.
   */
  underStartLock<T>(work: () => Promise<T>): Promise<T>;
  /** Runs work as the owner (TRUNCATE and seeding in tests), even when the embedded session runs as the app role. */
  asOwner<T>(work: (owner: DataSource) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** The session-level advisory lock ('RMAM') under which one process at a time migrates and seeds a database. */
export const MIGRATION_LOCK_KEY = 0x524d414d;

export function ownerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    logging: false,
    poolSize: 2,
  });
}

/**
 * Resolves the database (a server at DATABASE_URL, or embedded PostgreSQL in the data folder),
 * migrates it as the owner, and tells how the runtime connects as the restricted role.
 */
export async function preparePlatformDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'databaseAppUrl' | 'dataDir' | 'embeddedDbPort' | 'dbPoolSize'>,
  opts: { inMemory?: boolean; seed?: (owner: DataSource) => Promise<void> } = {},
): Promise<DatabaseTarget> {
  const embedded =
    config.databaseUrl === null
      ? await startEmbeddedPostgres({
          dataDir: opts.inMemory ? null : config.dataDir,
          port: config.embeddedDbPort,
          maxConnections: config.dbPoolSize + 4,
        })
      : null;
  const ownerUrl = config.databaseUrl ?? embedded!.url;
  const owner = ownerDataSource(ownerUrl);
  await owner.initialize();
  try {
    if (embedded) await owner.query('RESET ROLE');
    await migrateOnce(owner, opts.seed);
    // PGlite is one session and ignores startup options: the whole session takes the app role.
    if (embedded) await owner.query(`SET ROLE ${APP_ROLE}`);
  } finally {
    await owner.destroy();
  }
  const runtimeUrl = config.databaseAppUrl ?? ownerUrl;
  return {
    ownerUrl,
    runtimeUrl,
    runtimeOptions: embedded ? null : `-c role=${APP_ROLE}`,
    embedded,
    async underStartLock<T>(work: () => Promise<T>): Promise<T> {
      const ds = ownerDataSource(ownerUrl);
      await ds.initialize();
      try {
        return await holdingStartLock(ds, () => work());
      } finally {
        await ds.destroy();
      }
    },
    async asOwner<T>(work: (owner: DataSource) => Promise<T>): Promise<T> {
      const ds = ownerDataSource(ownerUrl);
      await ds.initialize();
      try {
        if (embedded) await ds.query('RESET ROLE');
        return await work(ds);
      } finally {
        if (embedded) await ds.query(`SET ROLE ${APP_ROLE}`);
        await ds.destroy();
      }
    },
    async stop() {
      await embedded?.stop();
    },
  };
}

/**
 * Runs the pending migrations, then `seed`, while holding the migration lock, so processes started
 * together on one database take turns: the first migrates, the others wait and find nothing left to do.
 * Each migration still commits on its own.
 */
async function migrateOnce(owner: DataSource, seed?: (owner: DataSource) => Promise<void>): Promise<void> {
  await holdingStartLock(owner, async (runner) => {
    const migrations = new MigrationExecutor(owner, runner);
    migrations.transaction = 'each';
    await migrations.executePendingMigrations();
    if (seed) await seed(owner);
  });
}

/**
 * Runs `work` while one connection of `owner` holds the session-level migration lock; `work` may use
 * that connection. Lock and unlock go over the same one: the pool could hand the unlock to another.
 */
async function holdingStartLock<T>(owner: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = owner.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
    try {
      return await work(runner);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
