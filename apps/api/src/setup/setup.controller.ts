import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginResultDoc } from '../auth/auth.docs.js';
import { LoginRateLimitGuard } from '../auth/login-rate-limit.guard.js';
import { Public } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { CreateFirstAdminDto } from './dto.js';
import { SetupStatusDoc } from './setup.docs.js';
import { SetupService } from './setup.service.js';

@ApiTags('setup')
@Controller('setup')
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @ApiOperation({ summary: 'Whether the first administrator is still to be created' })
  @ApiOkResponse({
    type: SetupStatusDoc,
    description: 'Whether the first administrator is still to be created',
  })
  @Get()
  @Public()
  status() {
    return this.setup.status();
  }

  @ApiOperation({ summary: 'Create the first administrator' })
  @ApiCreatedResponse({
    type: LoginResultDoc,
    description: 'The first distributor admin is created and signed in; setup is closed',
  })
  @Post('admin')
  @Public()
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT)
  @UseGuards(LoginRateLimitGuard)
  createFirstAdmin(@Body() dto: CreateFirstAdminDto) {
    return this.setup.createFirstAdmin(dto);
  }
}
