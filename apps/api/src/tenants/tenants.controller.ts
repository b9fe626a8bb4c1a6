import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RESELLER_ROLES, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';
import { UuidParam } from '../common/params.js';
import { CreateTenantDto, UpdateTenantDto } from './dto.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  list() {
    return this.tenants.list();
  }

  @Get('current')
  @Roles(...RESELLER_ROLES)
  current(@CurrentPrincipal() p: Principal) {
    return this.tenants.current(p);
  }

  @Get(':id')
  @Roles(...STAFF_ROLES)
  get(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.tenants.get(p, id);
  }

  @Post()
  @Roles('DISTRIBUTOR_ADMIN')
  create(@Body() dto: CreateTenantDto) {
    return this.tenants.create(dto);
  }

  @Patch(':id')
  @Roles('DISTRIBUTOR_ADMIN')
  update(@UuidParam() id: string, @Body() dto: UpdateTenantDto) {
    return this.tenants.update(id, dto);
  }
}
