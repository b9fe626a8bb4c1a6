import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RESELLER_ROLES, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import { CreateTenantDto, UpdateTenantDto } from './dto.js';
import { TenantDoc } from './tenants.docs.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('tenants')
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @ApiOperation({ summary: 'List tenants' })
  @ApiOkResponse({ type: [TenantDoc] })
  @Get()
  @Roles(...STAFF_ROLES)
  list() {
    return this.tenants.list();
  }

  @ApiOperation({ summary: "Get the caller's own tenant" })
  @ApiOkResponse({ type: TenantDoc, description: "The caller's own tenant" })
  @Get('current')
  @Roles(...RESELLER_ROLES)
  current(@CurrentPrincipal() p: Principal) {
    return this.tenants.current(p);
  }

  @ApiOperation({ summary: 'Get a tenant' })
  @ApiOkResponse({ type: TenantDoc })
  @Get(':id')
  @Roles(...STAFF_ROLES)
  get(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.tenants.get(p, id);
  }

  @ApiOperation({ summary: 'Add a tenant' })
  @ApiCreatedResponse({ type: TenantDoc })
  @Post()
  @Roles('DISTRIBUTOR_ADMIN')
  @ApiErrors(ErrorCode.CONFLICT)
  create(@Body() dto: CreateTenantDto) {
    return this.tenants.create(dto);
  }

  @ApiOperation({ summary: 'Change a tenant' })
  @ApiOkResponse({ type: TenantDoc })
  @Patch(':id')
  @Roles('DISTRIBUTOR_ADMIN')
  update(@UuidParam() id: string, @Body() dto: UpdateTenantDto) {
    return this.tenants.update(id, dto);
  }
}
