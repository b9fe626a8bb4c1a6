import { Injectable } from '@nestjs/common';
import { NotFoundException, ValidationException } from '../common/errors.js';
import { Database, tenantScope } from '../database/database.service.js';
import { generateApiKey } from '../auth/api-key-format.js';
import { isStaffPrincipal, scopeOf, type Principal } from '../auth/principal.js';
import type { CreateApiKeyDto } from './dto.js';
import type { ApiKeyEntity } from './entities/api-key.entity.js';
import type { ApiKeyDoc, CreatedApiKeyDoc } from './api-keys.docs.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ActiveApiKeys } from '../auth/active-api-keys.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

const toView = (k: ApiKeyEntity): ApiKeyDoc => ({
  id: k.id,
  tenantId: k.tenantId,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantsRepository,
    private readonly repo: ApiKeysRepository,
    private readonly activeKeys: ActiveApiKeys,
  ) {}

  list(p: Principal, tenantId?: string): Promise<ApiKeyDoc[]> {
    return this.db.run(scopeOf(p), async () =>
      (await this.repo.list(isStaffPrincipal(p) ? tenantId : p.tenantId!)).map(toView),
    );
  }

  /** The key itself is in this answer only; afterwards only its prefix is known. */
  create(p: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyDoc> {
    const tenantId = isStaffPrincipal(p) ? dto.tenantId : p.tenantId!;
    if (!tenantId) throw new ValidationException([{ field: 'tenantId', message: 'required for staff' }]);
    if (!isStaffPrincipal(p) && dto.tenantId && dto.tenantId !== p.tenantId) {
      throw new ValidationException([{ field: 'tenantId', message: 'must be your own tenant' }]);
    }
    return this.db.run(tenantScope(tenantId), async () => {
      if (!(await this.tenants.exists(tenantId)))
        throw new ValidationException([{ field: 'tenantId', message: 'unknown tenant' }]);
      const { key, prefix, hash } = generateApiKey();
      const saved = await this.repo.insert({
        tenantId,
        name: dto.name,
        prefix,
        keyHash: hash,
        role: dto.role ?? 'RESELLER_AGENT',
        createdBy: p.kind === 'user' ? p.id : null,
      });
      return { ...toView(saved), key };
    });
  }

  /** Revokes a key: refused from the next request on, by this process at once and by others on NOTIFY. */
  async revoke(p: Principal, id: string): Promise<ApiKeyDoc> {
    const { view, hash } = await this.db.run(scopeOf(p), async () => {
      if (!(await this.repo.findById(id))) throw new NotFoundException('API key');
      const hash = await this.repo.revoke(id);
      return { view: toView((await this.repo.findById(id))!), hash };
    });
    if (hash) this.activeKeys.forget(hash);
    return view;
  }
}
