import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When each user last signed in, so admins see accounts nobody uses any more (and disable them). */
export class UserLastSignIn1764000001500 implements MigrationInterface {
  name = 'UserLastSignIn1764000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN last_sign_in_at`);
  }
}
