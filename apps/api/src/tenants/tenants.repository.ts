import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantEntity } from './entities/tenant.entity.js';

@Injectable()
export class TenantsRepository {
  list(m: EntityManager): Promise<TenantEntity[]> {
    return m.getRepository(TenantEntity).find({ order: { name: 'ASC' } });
  }
  findById(m: EntityManager, id: string): Promise<TenantEntity | null> {
    return m.getRepository(TenantEntity).findOneBy({ id });
  }
  /** Whether the tenant exists (in the transaction's scope: a reseller sees only its own). */
  async exists(m: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM tenants WHERE id = $1`, [id]);
    return rows.length > 0;
  }
  findBySlug(m: EntityManager, slug: string): Promise<TenantEntity | null> {
    return m.getRepository(TenantEntity).findOneBy({ slug });
  }
  async insert(m: EntityManager, values: Partial<TenantEntity>): Promise<TenantEntity> {
    const repo = m.getRepository(TenantEntity);
    return repo.save(repo.create(values));
  }
  async update(m: EntityManager, id: string, values: Partial<TenantEntity>): Promise<void> {
    await m.getRepository(TenantEntity).update({ id }, values);
  }
}
