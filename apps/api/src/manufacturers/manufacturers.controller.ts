import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ALL_ROLES,
  CurrentPrincipal,
  isStaffPrincipal,
  Roles,
  STAFF_ROLES,
  type Principal,
} from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { ManufacturerDto } from './dto.js';
import { ManufacturerDoc, ManufacturerRevisionDoc } from './manufacturers.docs.js';
import { ManufacturersService } from './manufacturers.service.js';

@ApiTags('manufacturers')
@Controller('manufacturers')
export class ManufacturersController {
  constructor(private readonly manufacturers: ManufacturersService) {}

  @ApiOperation({ summary: 'List manufacturers' })
  @ApiOkResponse({ type: [ManufacturerDoc], description: 'By name; resellers do not see webhookUrl' })
  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() p: Principal) {
    return this.manufacturers.list(isStaffPrincipal(p));
  }

  @ApiOperation({ summary: 'Get a manufacturer' })
  @ApiOkResponse({ type: ManufacturerDoc, description: 'Resellers do not see webhookUrl' })
  @Get(':slug')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() p: Principal, @Param('slug') slug: string) {
    return this.manufacturers.get(slug, isStaffPrincipal(p));
  }

  @ApiOperation({ summary: 'Add a manufacturer' })
  @ApiCreatedResponse({ type: ManufacturerDoc })
  @Post()
  @Roles('DISTRIBUTOR_ADMIN')
  @ApiErrors(ErrorCode.CONFLICT)
  create(@CurrentPrincipal() p: Principal, @Body() dto: ManufacturerDto) {
    return this.manufacturers.create(p, dto);
  }

  @ApiOperation({ summary: "Change a manufacturer's configuration" })
  @ApiOkResponse({ type: ManufacturerDoc })
  @Put(':slug')
  @Roles('DISTRIBUTOR_ADMIN')
  update(@CurrentPrincipal() p: Principal, @Param('slug') slug: string, @Body() dto: ManufacturerDto) {
    return this.manufacturers.update(p, slug, dto);
  }

  @ApiOperation({ summary: "List a manufacturer's configuration history" })
  @ApiOkResponse({
    type: [ManufacturerRevisionDoc],
    description: 'Every version of the configuration, newest first: who changed what, and when',
  })
  @Get(':slug/revisions')
  @Roles(...STAFF_ROLES)
  revisions(@Param('slug') slug: string) {
    return this.manufacturers.revisions(slug);
  }
}
