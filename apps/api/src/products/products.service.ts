import { Injectable } from '@nestjs/common';
import { AppException, ErrorCode, ValidationException } from '../common/errors.js';
import { ALL_TENANTS, Database, tenantScope } from '../database/database.service.js';
import { isStaffPrincipal, scopeOf, type Principal } from '../auth/principal.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { CreateInvoiceLineDto, CreateProductDto, ListInvoiceLinesQuery } from './dto.js';
import { ProductsRepository } from './products.repository.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

@Injectable()
export class ProductsService {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantsRepository,
    private readonly repo: ProductsRepository,
    private readonly manufacturers: ManufacturersService,
  ) {}

  listProducts() {
    return this.db.run(ALL_TENANTS, (m) => this.repo.listProducts(m));
  }

  async createProduct(dto: CreateProductDto) {
    const mf = (await this.manufacturers.named(dto.manufacturer))!;
    return this.db.run(ALL_TENANTS, async (m) => {
      if (await this.repo.findProduct(m, dto.sku)) {
        throw new AppException(ErrorCode.CONFLICT, `Product ${dto.sku} exists`, [
          { field: 'sku', message: 'already exists' },
        ]);
      }
      await this.repo.insertProduct(m, {
        manufacturerId: mf.id,
        sku: dto.sku,
        name: dto.name,
        productLine: dto.productLine ?? null,
      });
      return (await this.repo.findProduct(m, dto.sku))!;
    });
  }

  listLines(p: Principal, q: ListInvoiceLinesQuery) {
    return this.db.run(scopeOf(p), (m) =>
      this.repo.listLines(m, {
        tenantId: isStaffPrincipal(p) ? q.tenantId : p.tenantId!,
        serialNumber: q.serialNumber,
        sku: q.sku,
        limit: q.limit ?? 100,
      }),
    );
  }

  createLine(dto: CreateInvoiceLineDto) {
    return this.db.run(tenantScope(dto.tenantId), async (m) => {
      if (!(await this.tenants.exists(m, dto.tenantId)))
        throw new ValidationException([{ field: 'tenantId', message: 'unknown tenant' }]);
      return this.repo.insertLine(m, { ...dto, serialNumber: dto.serialNumber ?? null });
    });
  }
}
