import { Injectable } from '@nestjs/common';
import { IsNull, type QueryDeepPartialEntity } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';
import { tx } from '../database/database.service.js';

@Injectable()
export class UsersRepository {
  /** Users of one tenant, the staff (`null`), or everyone visible (`undefined`). */
  list(tenantId?: string | null): Promise<UserEntity[]> {
    const where = tenantId === undefined ? {} : { tenantId: tenantId === null ? IsNull() : tenantId };
    return tx.manager.getRepository(UserEntity).find({ where, order: { createdAt: 'ASC' } });
  }
  findById(id: string): Promise<UserEntity | null> {
    return tx.manager.getRepository(UserEntity).findOneBy({ id });
  }
  async emailTaken(email: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    return rows.length > 0;
  }
  /** Whether an enabled distributor admin exists: until one does, the installation can be set up. */
  async activeDistributorAdminExists(): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM users WHERE tenant_id IS NULL AND role = 'DISTRIBUTOR_ADMIN' AND disabled_at IS NULL LIMIT 1`,
    );
    return rows.length > 0;
  }
  async insert(
    v: Pick<UserEntity, 'tenantId' | 'email' | 'name' | 'role' | 'passwordHash'>,
  ): Promise<UserEntity> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [v.tenantId, v.email, v.name, v.role, v.passwordHash],
    );
    return (await this.findById(row!.id))!;
  }
  async update(id: string, values: QueryDeepPartialEntity<UserEntity>): Promise<void> {
    await tx.manager.getRepository(UserEntity).update({ id }, values);
  }
}
