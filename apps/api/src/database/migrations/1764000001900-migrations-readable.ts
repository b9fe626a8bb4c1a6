import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database.constants.js';

/** The API's role may read which migrations ran, so readiness can say whether the schema is current. */
export class MigrationsReadable1764000001900 implements MigrationInterface {
  name = 'MigrationsReadable1764000001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT SELECT ON migrations TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON migrations FROM ${APP_ROLE}`);
  }
}
