import { Injectable } from '@nestjs/common';
import { effectiveFeePolicy } from '@rma/rules';
import { AppException, ErrorCode, NotFoundException } from '../common/errors.js';
import { ALL_TENANTS, Database, tenantScope } from '../database/database.service.js';
import type { Principal } from '../auth/principal.js';
import { scopeOf } from '../auth/principal.js';
import type { CreateTenantDto, UpdateTenantDto } from './dto.js';
import type { TenantEntity } from './entities/tenant.entity.js';
import type { TenantDoc } from './tenants.docs.js';
import { TenantsRepository } from './tenants.repository.js';

export function toTenantView(t: TenantEntity): TenantDoc {
  // The policy in force: the tenant's overrides over the global defaults (the rules' own function).
  const policy = effectiveFeePolicy(t);
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    currency: t.currency,
    returnAddress: t.returnAddress,
    feeOverrides: {
      restockingFeePercent: t.restockingFeePercent,
      restockingFeeMinMinor: t.restockingFeeMinMinor,
      returnWindowDays: t.returnWindowDays,
      deliveryErrorWindowDays: t.deliveryErrorWindowDays,
    },
    // No minimum fee is answered as null, not left out.
    feePolicy: { ...policy, restockingFeeMinMinor: policy.restockingFeeMinMinor ?? null },
    createdAt: t.createdAt.toISOString(),
  };
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: Database,
    private readonly repo: TenantsRepository,
  ) {}

  list(): Promise<TenantDoc[]> {
    return this.db.run(ALL_TENANTS, async () => (await this.repo.list()).map(toTenantView));
  }

  get(principal: Principal, id: string): Promise<TenantDoc> {
    return this.db.run(scopeOf(principal), async () => {
      const t = await this.repo.findById(id);
      if (!t) throw new NotFoundException('Tenant');
      return toTenantView(t);
    });
  }

  current(principal: Principal): Promise<TenantDoc> {
    return this.get(principal, principal.tenantId!);
  }

  create(dto: CreateTenantDto): Promise<TenantDoc> {
    return this.db.run(ALL_TENANTS, async () => {
      if (await this.repo.findBySlug(dto.slug)) {
        throw new AppException(ErrorCode.CONFLICT, `A tenant with slug ${dto.slug} exists`, [
          { field: 'slug', message: 'already taken' },
        ]);
      }
      return toTenantView(await this.repo.insert({ ...dto, currency: dto.currency ?? 'EUR' }));
    });
  }

  update(id: string, dto: UpdateTenantDto): Promise<TenantDoc> {
    return this.db.run(tenantScope(id), async () => {
      const t = await this.repo.findById(id);
      if (!t) throw new NotFoundException('Tenant');
      if (dto.slug && dto.slug !== t.slug) {
        throw new AppException(ErrorCode.VALIDATION_FAILED, 'slug cannot change', [
          { field: 'slug', message: 'cannot change' },
        ]);
      }
      await this.repo.update(id, dto);
      return toTenantView((await this.repo.findById(id))!);
    });
  }
}
