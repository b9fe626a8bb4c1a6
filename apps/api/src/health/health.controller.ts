import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RULES_VERSION } from '@rma/rules';
import { Public } from '../auth/principal.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  async health() {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', database: 'up', rulesVersion: RULES_VERSION };
  }
}
