import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';

@Injectable()
export class UsersRepository {
  list(m: EntityManager, tenantId?: string | null): Promise<UserEntity[]> {
    const where = tenantId === undefined ? {} : { tenantId: tenantId ?? undefined };
    return m.getRepository(UserEntity).find({ where, order: { createdAt: 'ASC' } });
  }
  findById(m: EntityManager, id: string): Promise<UserEntity | null> {
    return m.getRepository(UserEntity).findOneBy({ id });
  }
  async emailTaken(m: EntityManager, email: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    return rows.length > 0;
  }
  async insert(m: EntityManager, values: Partial<UserEntity>): Promise<UserEntity> {
    const repo = m.getRepository(UserEntity);
    const saved = await repo.save(repo.create(values));
    return (await this.findById(m, saved.id))!;
  }
  async update(m: EntityManager, id: string, values: Partial<UserEntity>): Promise<void> {
    await m.getRepository(UserEntity).update({ id }, values);
  }
}
