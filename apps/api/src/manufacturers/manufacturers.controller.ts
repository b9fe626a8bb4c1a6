import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, isStaffPrincipal, Roles, type Principal } from '../auth/principal.js';
import { ManufacturerDto } from './dto.js';
import { ManufacturersService } from './manufacturers.service.js';

@ApiTags('manufacturers')
@ApiBearerAuth()
@Controller('manufacturers')
export class ManufacturersController {
  constructor(private readonly manufacturers: ManufacturersService) {}

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() p: Principal) {
    return this.manufacturers.list(isStaffPrincipal(p));
  }

  @Get(':slug')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() p: Principal, @Param('slug') slug: string) {
    return this.manufacturers.get(slug, isStaffPrincipal(p));
  }

  @Post()
  @Roles('DISTRIBUTOR_ADMIN')
  create(@Body() dto: ManufacturerDto) {
    return this.manufacturers.create(dto);
  }

  @Put(':slug')
  @Roles('DISTRIBUTOR_ADMIN')
  update(@Param('slug') slug: string, @Body() dto: ManufacturerDto) {
    return this.manufacturers.update(slug, dto);
  }
}
