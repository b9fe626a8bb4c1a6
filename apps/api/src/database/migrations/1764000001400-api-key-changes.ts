import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_KEYS_CHANNEL } from '../database.constants.js';

/** The channel a committed change to an API key is announced on; the payload is its key hash, empty for all. */

/**
 * Each API process caches the API keys its callers use (auth/active-api-keys.ts). A revocation, or any
 * other change to who a key is, by any process or an operator's SQL, is announced on
 * {@link API_KEYS_CHANNEL} when it commits, so every process drops that key; recording a key's last use
 * announces nothing.
 */
export class ApiKeyChanges1764000001400 implements MigrationInterface {
  name = 'ApiKeyChanges1764000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION api_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('${API_KEYS_CHANNEL}', '');
        ELSE
          PERFORM pg_notify('${API_KEYS_CHANNEL}', OLD.key_hash);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER api_keys_changed AFTER UPDATE OF key_hash, revoked_at, role, name, tenant_id OR DELETE ON api_keys
        FOR EACH ROW EXECUTE FUNCTION api_keys_changed()`);
    await q.query(`
      CREATE TRIGGER api_keys_truncated AFTER TRUNCATE ON api_keys
        FOR EACH STATEMENT EXECUTE FUNCTION api_keys_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER api_keys_truncated ON api_keys`);
    await q.query(`DROP TRIGGER api_keys_changed ON api_keys`);
    await q.query(`DROP FUNCTION api_keys_changed()`);
  }
}
