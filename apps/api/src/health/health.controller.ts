import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RULES_VERSION } from '@rma/rules';
import { Public } from '../auth/principal.js';
import { HealthDoc } from './health.docs.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ApiOkResponse({ type: HealthDoc })
  @Get()
  @Public()
  async health() {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', database: 'up', rulesVersion: RULES_VERSION };
  }
}
