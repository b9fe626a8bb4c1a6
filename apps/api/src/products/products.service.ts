import { Injectable } from '@nestjs/common';
import { AppException, ErrorCode, ValidationException } from '../common/errors.js';
import { ALL_TENANTS, Database, tenantScope } from '../database/database.service.js';
import { isStaffPrincipal, scopeOf, type Principal } from '../auth/principal.js';
import { ManufacturersService } from '../manufacturers/manufacturers.service.js';
import type { CreateInvoiceLineDto, CreateProductDto, ListInvoiceLinesQuery } from './dto.js';
import type { InvoiceLineDoc, ProductDoc } from './products.docs.js';
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

  listProducts(): Promise<ProductDoc[]> {
    return this.db.run(ALL_TENANTS, () => this.repo.listProducts());
  }

  async createProduct(dto: CreateProductDto): Promise<ProductDoc> {
    const mf = (await this.manufacturers.named(dto.manufacturer))!;
    return this.db.run(ALL_TENANTS, async () => {
      if (await this.repo.findProduct(dto.sku)) {
        throw new AppException(ErrorCode.CONFLICT, `Product ${dto.sku} exists`, [
          { field: 'sku', message: 'already exists' },
        ]);
      }
      await this.repo.insertProduct({
        manufacturerId: mf.id,
        sku: dto.sku,
        name: dto.name,
        productLine: dto.productLine ?? null,
      });
      return (await this.repo.findProduct(dto.sku))!;
    });
  }

  listLines(p: Principal, q: ListInvoiceLinesQuery): Promise<InvoiceLineDoc[]> {
    return this.db.run(scopeOf(p), () =>
      this.repo.listLines({
        tenantId: isStaffPrincipal(p) ? q.tenantId : p.tenantId!,
        serialNumber: q.serialNumber,
        sku: q.sku,
        limit: q.limit ?? 100,
      }),
    );
  }

  createLine(dto: CreateInvoiceLineDto): Promise<InvoiceLineDoc> {
    return this.db.run(tenantScope(dto.tenantId), async () => {
      if (!(await this.tenants.exists(dto.tenantId)))
        throw new ValidationException([{ field: 'tenantId', message: 'unknown tenant' }]);
      return this.repo.insertLine({ ...dto, serialNumber: dto.serialNumber ?? null });
    });
  }
}
