import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RULES_VERSION } from '@rma/rules';
import { Public } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { HealthCheckDoc, HealthDoc, HealthIndicatorDoc } from './health.docs.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@ApiExtraModels(HealthIndicatorDoc)
@ApiErrors(ErrorCode.NOT_READY)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @ApiOperation({ summary: 'The API and its database are up, and the rules version in force' })
  @ApiOkResponse({ type: HealthDoc })
  @Get()
  @Public()
  async summary(): Promise<HealthDoc> {
    await this.health.database();
    return { status: 'ok', database: 'up', rulesVersion: RULES_VERSION };
  }

  @ApiOperation({ summary: 'Liveness: the process answers (nothing else is checked)' })
  @ApiOkResponse({ type: HealthCheckDoc })
  @Get('live')
  @Public()
  live() {
    return this.health.live();
  }

  @ApiOperation({
    summary: 'Readiness: the database, Redis when configured, and no pending migration; 503 otherwise',
  })
  @ApiOkResponse({ type: HealthCheckDoc })
  @Get('ready')
  @Public()
  ready() {
    return this.health.ready();
  }
}
