import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The migrations table, as the runtime role may read it (SELECT granted by migration). */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async appliedMigrations(): Promise<Set<string>> {
    const rows: Array<{ name: string }> = await this.dataSource.query(`SELECT name FROM migrations`);
    return new Set(rows.map((r) => r.name));
  }
}
