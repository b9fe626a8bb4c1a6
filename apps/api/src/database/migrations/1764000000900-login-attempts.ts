import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts counted per e-mail and per client address in PostgreSQL, so the limit holds across
 * every API instance behind a balancer (it was a counter in each process's memory). Not tenant data:
 * the keys are what an anonymous caller sent.
 */
export class LoginAttempts1764000000900 implements MigrationInterface {
  name = 'LoginAttempts1764000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_attempts (
        key varchar(300) PRIMARY KEY,
        count integer NOT NULL CHECK (count > 0),
        reset_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
  }
}
