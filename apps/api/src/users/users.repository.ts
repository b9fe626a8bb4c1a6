import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';

@Injectable()
export class UsersRepository {
  /** Users of one tenant, the staff (`null`), or everyone visible (`undefined`). */
  list(m: EntityManager, tenantId?: string | null): Promise<UserEntity[]> {
    const where = tenantId === undefined ? {} : { tenantId: tenantId === null ? IsNull() : tenantId };
    return m.getRepository(UserEntity).find({ where, order: { createdAt: 'ASC' } });
  }
  findById(m: EntityManager, id: string): Promise<UserEntity | null> {
    return m.getRepository(UserEntity).findOneBy({ id });
  }
  async emailTaken(m: EntityManager, email: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    return rows.length > 0;
  }
  /** Whether an enabled distributor admin exists: until one does, the installation can be set up. */
  async activeDistributorAdminExists(m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM users WHERE tenant_id IS NULL AND role = 'DISTRIBUTOR_ADMIN' AND disabled_at IS NULL LIMIT 1`,
    );
    return rows.length > 0;
  }
  async insert(
    m: EntityManager,
    v: Pick<UserEntity, 'tenantId' | 'email' | 'name' | 'role' | 'passwordHash'>,
  ): Promise<UserEntity> {
    const [row]: Array<{ id: string }> = await m.query(
      `INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [v.tenantId, v.email, v.name, v.role, v.passwordHash],
    );
    return (await this.findById(m, row!.id))!;
  }
  async update(m: EntityManager, id: string, values: QueryDeepPartialEntity<UserEntity>): Promise<void> {
    await m.getRepository(UserEntity).update({ id }, values);
  }
}
