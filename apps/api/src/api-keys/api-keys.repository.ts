import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity.js';

@Injectable()
export class ApiKeysRepository {
  list(m: EntityManager, tenantId?: string): Promise<ApiKeyEntity[]> {
    return m.getRepository(ApiKeyEntity).find({ where: tenantId ? { tenantId } : {}, order: { createdAt: 'DESC' } });
  }
  findById(m: EntityManager, id: string): Promise<ApiKeyEntity | null> {
    return m.getRepository(ApiKeyEntity).findOneBy({ id });
  }
  async insert(m: EntityManager, values: Partial<ApiKeyEntity>): Promise<ApiKeyEntity> {
    const repo = m.getRepository(ApiKeyEntity);
    const saved = await repo.save(repo.create(values));
    return (await this.findById(m, saved.id))!;
  }
  async revoke(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [id]);
  }
}
