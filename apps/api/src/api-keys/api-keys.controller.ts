import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { UuidParam } from '../common/params.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyDto, ListApiKeysQuery } from './dto.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  list(@CurrentPrincipal() p: Principal, @Query() q: ListApiKeysQuery) {
    return this.keys.list(p, q.tenantId);
  }

  @Post()
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(p, dto);
  }

  @Delete(':id')
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  revoke(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.keys.revoke(p, id);
  }
}
