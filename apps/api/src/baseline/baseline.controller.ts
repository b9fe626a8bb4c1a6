import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentPrincipal, RESELLER_ROLES, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';

export class BaselineInsertDto {
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class BaselineSelectQuery {
  @IsString() @MaxLength(64) sku: string;
}

/**
 * Benchmark baselines, mounted only with BENCH_BASELINE=true: the same stack (auth guard, validation
 * pipe, TypeORM connection pool) doing one INSERT or one indexed SELECT, without the app's logic.
 * bench/api-throughput.mjs measures the real endpoints against these in the same run.
 */
@ApiExcludeController()
@Controller('bench')
export class BaselineController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('insert')
  @Roles(...RESELLER_ROLES)
  async insert(@CurrentPrincipal() p: Principal, @Body() dto: BaselineInsertDto) {
    const [row] = await this.dataSource.query(
      `INSERT INTO bench_baseline (tenant_id, note) VALUES ($1, $2) RETURNING id`,
      [p.tenantId, dto.note ?? null],
    );
    return { id: row.id };
  }

  @Get('select')
  @Roles(...STAFF_ROLES)
  async select(@Query() q: BaselineSelectQuery) {
    // products has no row-level security, so one statement outside a transaction returns the row.
    const rows = await this.dataSource.query(
      `SELECT id, sku, name, created_at FROM products WHERE sku = $1`,
      [q.sku],
    );
    return rows[0] ?? null;
  }
}
