import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { DatabaseTarget } from './platform-database.js';
import { STAFF_ROLE } from './migrations/1764000000200-staff-role-policies.js';

/** Whose rows a unit of work may touch: one reseller's, or every tenant's (staff and system jobs). */
export type Scope = { kind: 'tenant'; tenantId: string } | { kind: 'all' };

export const ALL_TENANTS: Scope = { kind: 'all' };
export const tenantScope = (tenantId: string): Scope => ({ kind: 'tenant', tenantId });

export const DATABASE_TARGET = 'DATABASE_TARGET';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every unit of work runs in one transaction with the tenant set for row-level security
 * (`set_config(..., true)`: transaction-local), or as the all-tenants role (`SET LOCAL ROLE rma_staff`). Repositories receive that transaction's manager and
 * use nothing else, which is also what keeps the one-session embedded PostgreSQL from deadlocking.
 */
@Injectable()
export class Database {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_TARGET) target: Pick<DatabaseTarget, 'embedded'>,
  ) {
    namedStatements.enabled = target.embedded === null;
  }

  async run<T>(scope: Scope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      // BEGIN and the scope in one round trip; the id is checked to be a UUID, so inlining it is safe.
      // Staff and system work takes the all-tenants role for this transaction only.
      if (scope.kind === 'tenant' && !UUID.test(scope.tenantId))
        throw new Error(`invalid tenant id ${scope.tenantId}`);
      await runner.query(
        scope.kind === 'tenant'
          ? `BEGIN; SELECT set_config('app.tenant_id', '${scope.tenantId}', true)`
          : `BEGIN; SET LOCAL ROLE ${STAFF_ROLE}`,
      );
      open = true;
      const result = await work(runner.manager);
      open = false;
      await runner.query('COMMIT');
      return result;
    } catch (err) {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }
}

/**
 * Runs a statement as a named prepared statement on the unit of work's connection: PostgreSQL plans it
 * once per connection (then a generic plan) instead of on every call, which on the submit path cost
 * more CPU than executing it. For hot statements with a fixed text only.
 */
export async function preparedQuery<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  if (!namedStatements.enabled) return (await m.query(text, values)) as T[];
  const client = (m.queryRunner as unknown as { databaseConnection: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client) throw new Error('preparedQuery needs a unit of work (Database.run)');
  let name = statementNames.get(text);
  if (!name) {
    name = `rma_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  const result = await client.query({ name, text, values });
  return result.rows as T[];
}
const statementNames = new Map<string, string>();
/**
 * Off for the embedded database: PGlite is one session shared by every pooled connection, so a name
 * prepared by one connection already exists for the next (which pg does not know).
 */
export const namedStatements = { enabled: true };

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
