import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { STAFF_ROLE } from './migrations/1764000000200-staff-role-policies.js';

/** Whose rows a unit of work may touch: one reseller's, or every tenant's (staff and system jobs). */
export type Scope = { kind: 'tenant'; tenantId: string } | { kind: 'all' };

export const ALL_TENANTS: Scope = { kind: 'all' };
export const tenantScope = (tenantId: string): Scope => ({ kind: 'tenant', tenantId });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every unit of work runs in one transaction with the tenant set for row-level security
 * (`set_config(..., true)`: transaction-local), or as the all-tenants role (`SET LOCAL ROLE rma_staff`). Repositories receive that transaction's manager and
 * use nothing else, which is also what keeps the one-session embedded PostgreSQL from deadlocking.
 */
@Injectable()
export class Database {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
