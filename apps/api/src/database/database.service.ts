import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../common/params.js';
import type { DatabaseTarget } from './platform-database.js';
import { STAFF_ROLE } from './database.constants.js';

/** Whose rows a unit of work may touch: one reseller's, or every tenant's (staff and system jobs). */
export type Scope = { kind: 'tenant'; tenantId: string } | { kind: 'all' };

export const ALL_TENANTS: Scope = { kind: 'all' };
export const tenantScope = (tenantId: string): Scope => ({ kind: 'tenant', tenantId });

export const DATABASE_TARGET = 'DATABASE_TARGET';

/**
 * Every unit of work runs in one transaction with the tenant set for row-level security
 * (`set_config(..., true)`: transaction-local), or as the all-tenants role (`SET LOCAL ROLE rma_staff`).
 * The transaction is ambient: {@link Database.run} binds it to the code the work runs (an
 * AsyncLocalStorage), and repositories run their statements on it through {@link tx}; services pass
 * domain values, never a transaction handle. Using nothing else is also what keeps the one-session
 * embedded PostgreSQL from deadlocking.
 *
 * On a PostgreSQL server the transaction's connection is pipelined (node-postgres pipeline mode):
 * BEGIN and the scope travel with the work's first statement in one write to the socket, and the
 * writes repositories deferred ({@link tx.defer}) leave, as one statement, with COMMIT; so a
 * read-then-write unit of work costs two round trips and two writes.
 */
@Injectable()
export class Database {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_TARGET) target: Pick<DatabaseTarget, 'embedded'>,
  ) {
    serverFeatures.enabled = target.embedded === null;
  }

  /**
   * Runs `work` in a unit of work of `scope` and commits it, with the writes deferred in it. Inside an
   * open unit of work of the same scope, `work` joins it; of another scope, it is refused (a tenant's
   * work must not widen to every tenant's rows, nor staff work narrow without saying so).
   */
  async run<T>(scope: Scope, work: Work<T>): Promise<T> {
    const open = ambient.getStore();
    if (open) {
      if (!sameScope(open.scope, scope))
        throw new Error('a unit of work of another scope is open; finish it first');
      open.joined++;
      try {
        return await work(open.manager, open);
      } finally {
        open.joined--;
      }
    }
    return this.begin(scope, work);
  }

  /**
   * Runs `work` in the open unit of work whatever its scope, else in a new one of `scope`: for reads of
   * tables that belong to no tenant (manufacturers, products), which any unit of work may read.
   */
  reading<T>(scope: Scope, work: Work<T>): Promise<T> {
    const open = ambient.getStore();
    return open ? work(open.manager, open) : this.begin(scope, work);
  }

  private async begin<T>(scope: Scope, work: Work<T>): Promise<T> {
    // The id is checked to be a UUID, so inlining it is safe. Staff and system work takes the
    // all-tenants role for this transaction only.
    if (scope.kind === 'tenant' && !isUuid(scope.tenantId))
      throw new Error(`invalid tenant id ${scope.tenantId}`);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = clientOf(runner.manager);
    const unit = new UnitOfWork(client, serverFeatures.enabled, runner.manager, scope);
    try {
      // BEGIN and the scope in one statement, not awaited when pipelined: the work's first statement
      // follows at once, in the same write to the socket.
      unit.hold();
      const begin = unit.send(
        scope.kind === 'tenant'
          ? `BEGIN; SELECT set_config('app.tenant_id', '${scope.tenantId}', true)`
          : `BEGIN; SET LOCAL ROLE ${STAFF_ROLE}`,
      );
      if (!unit.pipelined) await begin;
      let result: T;
      try {
        result = await ambient.run(unit, () => work(runner.manager, unit));
      } finally {
        await begin; // a failed BEGIN is the error to report, whatever the work saw after it
      }
      if (!unit.ended) await unit.commit();
      return result;
    } catch (err) {
      if (!unit.ended) await unit.end('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      unit.close();
      await runner.release();
    }
  }
}

/**
 * The work of a unit of work. Its arguments are the transaction's handle for code not yet moved onto
 * {@link tx}; new code takes none.
 */
type Work<T> = (manager: EntityManager, unit: UnitOfWork) => Promise<T>;

const ambient = new AsyncLocalStorage<UnitOfWork>();

const sameScope = (a: Scope, b: Scope): boolean =>
  a.kind === b.kind && (a.kind === 'all' || a.tenantId === (b as { tenantId: string }).tenantId);

/** The open unit of work; outside one, a programming error. */
function openUnit(): UnitOfWork {
  const unit = ambient.getStore();
  if (!unit || unit.ended) throw new Error('a unit of work (Database.run) is required');
  return unit;
}

/**
 * What repositories run their statements on: the open unit of work's transaction (see
 * {@link Database.run}). Only repositories use it; a service that needs a statement asks a repository.
 */
export const tx = {
  /** The transaction's entity manager, for TypeORM's repositories and query builder. */
  get manager(): EntityManager {
    return openUnit().manager;
  },
  /** Whose rows the transaction may touch. */
  get scope(): Scope {
    return openUnit().scope;
  },
  async query<T>(text: string, values?: unknown[]): Promise<T[]> {
    return (await openUnit().manager.query(text, values)) as T[];
  },
  /** A hot statement with a fixed text, as a named prepared statement (see {@link preparedQuery}). */
  prepared<T>(text: string, values: unknown[]): Promise<T[]> {
    return preparedQuery<T>(openUnit().manager, text, values);
  },
  /**
   * A read that is the last statement of its unit of work, with a fixed text: sent as a named prepared
   * statement with COMMIT right behind it, so BEGIN, the scope, the read and COMMIT leave in one write
   * and the unit of work ends in one round trip (COMMIT's own write and wait were 6% of the API's CPU
   * on a list). Nothing may be sent in the unit of work afterwards. Inside a unit of work some outer
   * work joined, or with writes deferred, it is an ordinary read and the unit commits as usual.
   */
  async lastRead<T>(text: string, values: unknown[]): Promise<T[]> {
    const unit = openUnit();
    if (unit.joined > 0 || unit.deferred.length > 0) return preparedQuery<T>(unit.manager, text, values);
    const [rows] = await unit.commitWith(() => preparedQuery<T>(unit.manager, text, values));
    return rows;
  },
  /** The rows a data-modifying statement returned (see {@link modifiedRows}). */
  async modified<T>(text: string, values: unknown[]): Promise<T[]> {
    return modifiedRows<T>(openUnit().manager, text, values);
  },
  /** Runs writes now, as one statement; their row counts. */
  async write(writes: Write[]): Promise<number[]> {
    return runWrites(openUnit().manager, writes);
  },
  /**
   * Writes that leave with COMMIT: they run, as one statement with every other deferred write, in the
   * same round trip as COMMIT, after everything else the unit of work sent (so nothing read later in
   * the unit of work may depend on them). A write that fails rolls the unit of work back.
   */
  defer(...writes: Write[]): void {
    openUnit().deferred.push(...writes);
  },
};

/**
 * A write built ahead of its transaction's end: one data-modifying statement with RETURNING, without a
 * top-level WITH, whose `$n` are its own parameters (a `$` appears nowhere else in the text).
 * {@link tx.defer} sends several as one statement with COMMIT; {@link runWrites}
 * runs them as one statement in an open transaction.
 */
export interface Write {
  text: string;
  values: unknown[];
  /** NOTIFY this channel (empty payload) when the statement returned rows; delivered on commit. */
  notify?: string;
  /** Called with the number of rows the statement returned, once the statement has run. */
  done?: (rows: number) => void;
}

/**
 * Writes as one statement: each a data-modifying CTE (PostgreSQL runs every one of them exactly once,
 * on the same snapshot, with foreign keys checked at the statement's end), their parameters numbered
 * one after another; it answers one row with the number of rows each returned. One statement instead
 * of one per table: each statement costs a round of the protocol in the API and in PostgreSQL (bind,
 * executor start, a flushed reply), which on the submit path cost more than the rows themselves.
 */
export function combineWrites(writes: Write[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const ctes: string[] = [];
  const counts: string[] = [];
  writes.forEach((w, i) => {
    const offset = values.length;
    values.push(...w.values);
    ctes.push(`w${i} AS (${w.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    const notify = w.notify
      ? `, LATERAL (SELECT pg_notify('${w.notify.replace(/'/g, "''")}', '')) n${i}`
      : '';
    counts.push(`(SELECT count(*) FROM w${i}${notify})::int AS w${i}`);
  });
  return { text: `WITH ${ctes.join(',\n')}\nSELECT ${counts.join(', ')}`, values };
}

/** Runs writes as one statement in the unit of work's open transaction (sent at once); their row counts. */
export async function runWrites(m: EntityManager, writes: Write[]): Promise<number[]> {
  if (writes.length === 0) return [];
  const { text, values } = combineWrites(writes);
  const [row] = await preparedQuery<Record<string, number>>(m, text, values);
  return writes.map((w, i) => {
    const rows = row![`w${i}`]!;
    w.done?.(rows);
    return rows;
  });
}

/**
 * The transaction a {@link Database.run} work function runs in: its entity manager, its scope, and what
 * it needs to send its last statements together with COMMIT.
 */
export class UnitOfWork {
  /** COMMIT or ROLLBACK has been sent. */
  ended = false;

  /** Statements are being held in the socket's buffer (see {@link hold}). */
  private held = false;

  /** Writes to send with COMMIT ({@link tx.defer}). */
  readonly deferred: Write[] = [];

  /** How many works joined this unit of work and are running in it (see {@link Database.run}). */
  joined = 0;

  constructor(
    private readonly client: PoolClient,
    readonly pipelined: boolean,
    readonly manager: EntityManager,
    readonly scope: Scope,
  ) {
    if (pipelined) setPipeline(client, true);
  }

  /**
   * Pipelined: holds what is sent from now until the end of this turn of the event loop (after the
   * promise chains running now have sent what they can), then writes it to the socket at once. Each
   * write is a system call that wakes the server, and on the submit path those writes cost more of
   * the API's CPU than anything the request itself computes.
   */
  hold(): void {
    if (!this.pipelined || this.held) return;
    this.held = true;
    socketOf(this.client).cork();
    setImmediate(() => this.flush());
  }

  /** Writes what {@link hold} held, now. */
  flush(): void {
    if (!this.held) return;
    this.held = false;
    socketOf(this.client).uncork();
  }

  /** Sends a statement now (pipelined: without waiting for the ones before it). */
  send(text: string): Promise<unknown> {
    const result = this.client.query(text);
    result.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
    return result;
  }

  async end(command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    this.ended = true;
    await this.client.query(command);
  }

  /**
   * Sends the unit's last statements and then COMMIT, without waiting in between when pipelined
   * (one round trip), and resolves with the statements' results once the transaction committed. Each
   * function must send its statement at once, with {@link preparedQuery} before its first `await`, so
   * that COMMIT goes after it; one that does not is refused. A statement that fails rolls the whole
   * transaction back (PostgreSQL answers the COMMIT of a failed transaction with ROLLBACK) and its
   * error is thrown. Nothing may be sent in the unit of work afterwards.
   */
  async commitWith<R extends unknown[]>(...statements: { [K in keyof R]: () => Promise<R[K]> }): Promise<R> {
    if (this.ended) throw new Error('the unit of work has ended');
    if (!this.pipelined) {
      const results: unknown[] = [];
      for (const statement of statements) results.push(await statement());
      await this.end('COMMIT');
      return results as R;
    }
    const sent: Array<Promise<unknown>> = [];
    let refused: Error | null = null;
    let commit: Promise<unknown>;
    const socket = socketOf(this.client);
    socket.cork(); // the statements and COMMIT leave in one write
    try {
      for (const statement of statements) {
        const before = submitted(this.client);
        const result = statement();
        sent.push(result);
        if (submitted(this.client) === before) {
          refused = new Error(
            'commitWith: a statement was not sent at once (use preparedQuery before any await)',
          );
          break;
        }
      }
      this.ended = true;
      commit = this.client.query(refused ? 'ROLLBACK' : 'COMMIT');
    } finally {
      socket.uncork();
    }
    const settled = await Promise.allSettled([...sent, commit]);
    if (refused) throw refused;
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.slice(0, -1).map((s) => (s as PromiseFulfilledResult<unknown>).value) as R;
  }

  /**
   * COMMIT, with the deferred writes as one statement before it, in one round trip when pipelined
   * ({@link commitWith}). A write that fails rolls everything back.
   */
  async commit(): Promise<number[]> {
    if (this.deferred.length === 0) {
      await this.end('COMMIT');
      return [];
    }
    const [rows] = await this.commitWith(() => runWrites(this.manager, this.deferred));
    return rows;
  }

  /**
   * @deprecated defer the writes ({@link tx.defer}) and let the unit of work commit them. Commits now,
   * with `writes` after the writes deferred before; their row counts.
   */
  async commitWrites(_m: EntityManager, writes: Write[]): Promise<number[]> {
    const before = this.deferred.length;
    this.deferred.push(...writes);
    return (await this.commit()).slice(before);
  }

  /** Back to one statement at a time before the connection returns to the pool. */
  close(): void {
    this.flush();
    if (this.pipelined) setPipeline(this.client, false);
  }
}

/**
 * Runs a statement as a named prepared statement on the unit of work's connection: PostgreSQL plans it
 * once per connection (then a generic plan) instead of on every call, which on the submit path cost
 * more CPU than executing it. For hot statements with a fixed text only. The statement is sent before
 * this returns (see {@link UnitOfWork.commitWith}).
 */
export function preparedQuery<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  if (!serverFeatures.enabled) return m.query(text, values) as Promise<T[]>;
  const client = clientOf(m);
  let name = statementNames.get(text);
  if (!name) {
    name = `rma_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  submissions.set(client, submitted(client) + 1);
  return client.query({ name, text, values }).then((result) => result.rows as T[]);
}
const statementNames = new Map<string, string>();
/** Statements preparedQuery sent per connection: how commitWith knows each of its statements was sent. */
const submissions = new WeakMap<PoolClient, number>();
const submitted = (client: PoolClient): number => submissions.get(client) ?? 0;

function clientOf(m: EntityManager): PoolClient {
  const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client) throw new Error('a unit of work (Database.run) is required');
  return client;
}

/** The connection's socket (node-postgres keeps it on its Connection). */
function socketOf(client: PoolClient): { cork(): void; uncork(): void } {
  return (client as PoolClient & { connection: { stream: { cork(): void; uncork(): void } } }).connection
    .stream;
}

/** node-postgres's pipeline mode (pg ≥ 8.21), switched per transaction; its typings do not know it yet. */
function setPipeline(client: PoolClient, on: boolean): void {
  (client as PoolClient & { pipeline: boolean }).pipeline = on;
}

/**
 * Named prepared statements and pipelining: on for a PostgreSQL server, off for the embedded
 * database. PGlite is one session shared by every pooled connection, so a name prepared by one
 * connection already exists for the next (which pg does not know), and its socket server answers one
 * message batch at a time.
 */
export const serverFeatures = { enabled: true };

/**
 * Rows of a data-modifying statement. TypeORM answers an UPDATE or DELETE (even with RETURNING, even
 * as the main statement after a WITH) as `[rows, affected]`; every other statement as the rows.
 */
export async function modifiedRows<T>(m: EntityManager, sql: string, args: unknown[]): Promise<T[]> {
  const res: unknown = await m.query(sql, args);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number')
    return res[0] as T[];
  return res as T[];
}
