import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, STAFF_ROLE } from '../database.constants.js';

/**
 * One-time tokens that let the first distributor admin be created from the admin UI on an installation
 * that has none. Only a token's SHA-256 is kept, so a database read does not reveal one; any API
 * process accepts a token another one printed. Not tenant data: only the all-tenants role reads,
 * adds and removes them, and no role changes one in place.
 */
export class SetupTokens1764000001600 implements MigrationInterface {
  name = 'SetupTokens1764000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE setup_tokens (
        token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`REVOKE ALL ON setup_tokens FROM ${APP_ROLE}, ${STAFF_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON setup_tokens TO ${STAFF_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE setup_tokens`);
  }
}
