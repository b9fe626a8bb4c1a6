import { Injectable } from '@nestjs/common';
import { effectiveFeePolicy, type FeePolicy } from '@rma/rules';
import { AppException, ErrorCode, NotFoundException } from '../common/errors.js';
import { ALL_TENANTS, Database, tenantScope } from '../database/database.service.js';
import type { Principal } from '../auth/principal.js';
import { scopeOf } from '../auth/principal.js';
import type { CreateTenantDto, UpdateTenantDto } from './dto.js';
import type { TenantEntity } from './entities/tenant.entity.js';
import { TenantsRepository } from './tenants.repository.js';

export interface TenantView {
  id: string;
  slug: string;
  name: string;
  currency: string;
  returnAddress: string | null;
  /** The overrides as stored (null: global default). */
  feeOverrides: Partial<Record<keyof FeePolicy, number | null>>;
  /** The policy in force for this tenant. */
  feePolicy: FeePolicy;
  createdAt: string;
}

export function toTenantView(t: TenantEntity): TenantView {
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
    // The policy in force: the tenant's overrides over the global defaults (the rules' own function).
    feePolicy: effectiveFeePolicy(t),
    createdAt: t.createdAt.toISOString(),
  };
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: Database,
    private readonly repo: TenantsRepository,
  ) {}

  list(): Promise<TenantView[]> {
    return this.db.run(ALL_TENANTS, async () => (await this.repo.list()).map(toTenantView));
  }

  get(principal: Principal, id: string): Promise<TenantView> {
    return this.db.run(scopeOf(principal), async () => {
      const t = await this.repo.findById(id);
      if (!t) throw new NotFoundException('Tenant');
      return toTenantView(t);
    });
  }

  current(principal: Principal): Promise<TenantView> {
    return this.get(principal, principal.tenantId!);
  }

  create(dto: CreateTenantDto): Promise<TenantView> {
    return this.db.run(ALL_TENANTS, async () => {
      if (await this.repo.findBySlug(dto.slug)) {
        throw new AppException(ErrorCode.CONFLICT, `A tenant with slug ${dto.slug} exists`, [
          { field: 'slug', message: 'already taken' },
        ]);
      }
      return toTenantView(await this.repo.insert({ ...dto, currency: dto.currency ?? 'EUR' }));
    });
  }

  update(id: string, dto: UpdateTenantDto): Promise<TenantView> {
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
