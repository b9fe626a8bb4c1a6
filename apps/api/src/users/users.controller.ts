import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedInOnly, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto.js';
import { UserDoc } from './users.docs.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@SignedInOnly()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserDoc] })
  @Get()
  @Roles('DISTRIBUTOR_ADMIN', 'DISTRIBUTOR_AGENT', 'RESELLER_ADMIN')
  list(@CurrentPrincipal() p: Principal, @Query() q: ListUsersQuery) {
    return this.users.list(p, q);
  }

  @ApiOperation({ summary: 'Add a user' })
  @ApiCreatedResponse({ type: UserDoc })
  @Post()
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  @ApiErrors(ErrorCode.CONFLICT)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(p, dto);
  }

  @ApiOperation({ summary: 'Change a user' })
  @ApiOkResponse({ type: UserDoc })
  @Patch(':id')
  @Roles('DISTRIBUTOR_ADMIN', 'RESELLER_ADMIN')
  update(@CurrentPrincipal() p: Principal, @UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(p, id, dto);
  }
}
