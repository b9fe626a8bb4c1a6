import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedInOnly, type Principal } from '../auth/principal.js';
import { UuidParam } from '../common/params.js';
import { ApiKeyDoc, CreatedApiKeyDoc } from './api-keys.docs.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyDto, ListApiKeysQuery } from './dto.js';

@ApiTags('api-keys')
@SignedInOnly()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @ApiOperation({ summary: 'List API keys' })
  @ApiOkResponse({ type: [ApiKeyDoc], description: 'Prefixes only, never the keys' })
  @Get()
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  list(@CurrentPrincipal() p: Principal, @Query() q: ListApiKeysQuery) {
    return this.keys.list(p, q.tenantId);
  }

  @ApiOperation({ summary: 'Create an API key' })
  @ApiCreatedResponse({ type: CreatedApiKeyDoc, description: 'With the key itself, shown this once' })
  @Post()
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(p, dto);
  }

  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiOkResponse({ type: ApiKeyDoc, description: 'The key, revoked' })
  @Delete(':id')
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  revoke(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.keys.revoke(p, id);
  }
}
