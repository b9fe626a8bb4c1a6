import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, type DataSource } from 'typeorm';
import { Database, tenantScope, tx } from '../database/database.service.js';
import { CurrentPrincipal, RESELLER_ROLES, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';

/** The bench's own table (bench/api-throughput.mjs creates it); registered only with BENCH_BASELINE. */
@Entity('bench_baseline')
export class BenchBaselineEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export class BaselineInsertDto {
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

/** A ticket body as the reseller sends it, checked for shape only (the app's own DTO is app logic). */
export class BaselineTicketDto {
  @IsString() @MaxLength(32) reason: string;
  @IsOptional() @IsBoolean() submit?: boolean;
  @IsOptional() @IsObject() customer?: Record<string, string>;
  @IsOptional() @IsObject() delivery?: Record<string, string>;
  @IsOptional() @IsObject() product?: Record<string, string>;
  @IsOptional() @IsString() @MaxLength(4000) faultDescription?: string;
  @IsOptional() @IsString() @MaxLength(64) supportTicketNumber?: string;
}

export class BaselineSelectQuery {
  @IsString() @MaxLength(64) sku: string;
}

/**
 * Benchmark baselines, mounted only with BENCH_BASELINE=true: the same stack (auth guard, validation
 * pipe, TypeORM connection pool) doing one INSERT or one indexed SELECT, without the app's logic.
 * bench/api-throughput.mjs measures the real endpoints against these in the same run:
 * - `insert`: one INSERT in the app's unit of work (Database.run: a transaction with the tenant set
 *   for row-level security), the way every tenant write of the platform goes;
 * - `insert-orm`: one TypeORM Repository.insert, autocommit (the "bare Nest + TypeORM" floor);
 * - `insert-raw`: one raw INSERT statement, autocommit (the floor of the floor);
 * - `insert-ticket`: one INSERT of the ticket as sent into the tickets table (its indexes included),
 *   in the unit of work: storing a ticket without deciding, recording or telling anything.
 */
@ApiExcludeController()
@Controller('bench')
export class BaselineController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Database,
  ) {}

  @Post('insert')
  @Roles(...RESELLER_ROLES)
  insert(@CurrentPrincipal() p: Principal, @Body() dto: BaselineInsertDto) {
    return this.db.run(tenantScope(p.tenantId!), async () => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO bench_baseline (tenant_id, note) VALUES ($1, $2) RETURNING id`,
        [p.tenantId, dto.note ?? null],
      );
      return { id: row!.id };
    });
  }

  @Post('insert-ticket')
  @Roles(...RESELLER_ROLES)
  insertTicket(@CurrentPrincipal() p: Principal, @Body() dto: BaselineTicketDto) {
    return this.db.run(tenantScope(p.tenantId!), async () => {
      const [row] = await tx.query<{ id: string }>(
        `WITH r AS (INSERT INTO returns (tenant_id, customer, customer_name, delivery, created_by)
                    VALUES ($1, $5, $6, $7, $10) RETURNING id)
         INSERT INTO tickets (tenant_id, return_id, position, status, reason, sku, serial_number, customer, customer_name, delivery,
                              fault_description, support_ticket_number, created_by)
         SELECT $1, r.id, 1, 'DRAFT', $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM r RETURNING id`,
        [
          p.tenantId,
          dto.reason,
          dto.product?.sku ?? null,
          dto.product?.serialNumber ?? null,
          JSON.stringify(dto.customer ?? {}),
          dto.customer?.name ?? null,
          JSON.stringify(dto.delivery ?? {}),
          dto.faultDescription ?? null,
          dto.supportTicketNumber ?? null,
          p.kind === 'user' ? p.id : null,
        ],
      );
      return { id: row!.id };
    });
  }

  @Post('insert-orm')
  @Roles(...RESELLER_ROLES)
  async insertOrm(@CurrentPrincipal() p: Principal, @Body() dto: BaselineInsertDto) {
    const result = await this.dataSource
      .getRepository(BenchBaselineEntity)
      .insert({ tenantId: p.tenantId, note: dto.note ?? null });
    return { id: result.identifiers[0]?.id };
  }

  @Post('insert-raw')
  @Roles(...RESELLER_ROLES)
  async insertRaw(@CurrentPrincipal() p: Principal, @Body() dto: BaselineInsertDto) {
    const [row] = await this.dataSource.query(
      `INSERT INTO bench_baseline (tenant_id, note) VALUES ($1, $2) RETURNING id`,
      [p.tenantId, dto.note ?? null],
    );
    return { id: row!.id };
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
