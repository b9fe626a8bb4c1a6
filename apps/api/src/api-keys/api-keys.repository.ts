import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';
import { ApiKeyEntity } from './entities/api-key.entity.js';

@Injectable()
export class ApiKeysRepository {
  list(tenantId?: string): Promise<ApiKeyEntity[]> {
    return tx.manager
      .getRepository(ApiKeyEntity)
      .find({ where: tenantId ? { tenantId } : {}, order: { createdAt: 'DESC' } });
  }
  findById(id: string): Promise<ApiKeyEntity | null> {
    return tx.manager.getRepository(ApiKeyEntity).findOneBy({ id });
  }
  async insert(
    v: Pick<ApiKeyEntity, 'tenantId' | 'name' | 'prefix' | 'keyHash' | 'role' | 'createdBy'>,
  ): Promise<ApiKeyEntity> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, role, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [v.tenantId, v.name, v.prefix, v.keyHash, v.role, v.createdBy],
    );
    return (await this.findById(row!.id))!;
  }
  /** Revokes a key (once); the hash of the key, for the caches that hold it. */
  async revoke(id: string): Promise<string | null> {
    const [row] = await tx.modified<{ keyHash: string }>(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING key_hash AS "keyHash"`,
      [id],
    );
    return row?.keyHash ?? null;
  }
}
