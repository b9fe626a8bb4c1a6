import { Injectable } from '@nestjs/common';
import { TenantEntity } from './entities/tenant.entity.js';
import { tx } from '../database/database.service.js';

@Injectable()
export class TenantsRepository {
  list(): Promise<TenantEntity[]> {
    return tx.manager.getRepository(TenantEntity).find({ order: { name: 'ASC' } });
  }
  findById(id: string): Promise<TenantEntity | null> {
    return tx.manager.getRepository(TenantEntity).findOneBy({ id });
  }
  /** Whether the tenant exists (in the transaction's scope: a reseller sees only its own). */
  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM tenants WHERE id = $1`, [id]);
    return rows.length > 0;
  }
  findBySlug(slug: string): Promise<TenantEntity | null> {
    return tx.manager.getRepository(TenantEntity).findOneBy({ slug });
  }
  async insert(values: Partial<TenantEntity>): Promise<TenantEntity> {
    const repo = tx.manager.getRepository(TenantEntity);
    return repo.save(repo.create(values));
  }
  async update(id: string, values: Partial<TenantEntity>): Promise<void> {
    await tx.manager.getRepository(TenantEntity).update({ id }, values);
  }
}
