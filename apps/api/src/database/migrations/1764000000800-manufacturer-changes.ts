import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MANUFACTURERS_CHANNEL } from '../database.constants.js';

/** The channel a committed change to the manufacturers table is announced on. */

/**
 * Every API and worker process caches the manufacturers (read on every submit). A change to the
 * table, by any process, a seed or an operator's SQL, is announced on {@link MANUFACTURERS_CHANNEL}
 * when it commits, so every process drops its cache.
 */
export class ManufacturerChanges1764000000800 implements MigrationInterface {
  name = 'ManufacturerChanges1764000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION manufacturers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${MANUFACTURERS_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER manufacturers_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON manufacturers
        FOR EACH STATEMENT EXECUTE FUNCTION manufacturers_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER manufacturers_changed ON manufacturers`);
    await q.query(`DROP FUNCTION manufacturers_changed()`);
  }
}
