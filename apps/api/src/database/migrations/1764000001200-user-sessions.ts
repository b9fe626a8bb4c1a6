import type { MigrationInterface, QueryRunner } from 'typeorm';
import { USERS_CHANNEL } from '../database.constants.js';

/** The channel a committed change to a user is announced on; the payload is the user's id, empty for all. */

/**
 * Signed-in sessions end when the account changes, not when their token expires hours later:
 * - `session_epoch` is carried in every token the user gets; raising it (a new password, the account
 *   disabled, "sign out everywhere") ends every session signed in before;
 * - each API process caches users' current state for its auth guard, and a committed change to a user,
 *   by any process or an operator's SQL, is announced on {@link USERS_CHANNEL} so every cache drops it.
 */
export class UserSessions1764000001200 implements MigrationInterface {
  name = 'UserSessions1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('${USERS_CHANNEL}', '');
        ELSE
          PERFORM pg_notify('${USERS_CHANNEL}', OLD.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION users_changed()`);
    await q.query(`
      CREATE TRIGGER users_truncated AFTER TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION users_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_truncated ON users`);
    await q.query(`DROP TRIGGER users_changed ON users`);
    await q.query(`DROP FUNCTION users_changed()`);
    await q.query(`ALTER TABLE users DROP COLUMN session_epoch`);
  }
}
