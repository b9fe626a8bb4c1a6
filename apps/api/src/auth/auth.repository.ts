import { Injectable } from '@nestjs/common';
import type { Role } from '@rma/rules';
import { isUuid } from '../common/params.js';
import { ALL_TENANTS, Database, tx } from '../database/database.service.js';
import type { UserSession } from './user-sessions.js';

export interface LoginCandidate {
  id: string;
  tenantId: string | null;
  name: string;
  role: Role;
  passwordHash: string;
  /** The session epoch the user's tokens are issued at (migration 1764000001200). */
  epoch: number;
}

const ACTIVE_USER = `id, tenant_id AS "tenantId", name, role, session_epoch AS epoch`;

export interface ActiveApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
}

export interface LoginAttemptCount {
  key: string;
  count: number;
  retryAfter: number;
}

@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}

  /**
   * Counts one login attempt under each key, in fixed windows of `windowSeconds`: each key's count in
   * its current window, and the seconds until that window ends. Windows that ended are removed at most
   * once a window. The keys are locked in the order given, the same for every caller.
   */
  countLoginAttempt(keys: string[], windowSeconds: number): Promise<LoginAttemptCount[]> {
    return this.db.run(ALL_TENANTS, async () => {
      const now = Date.now();
      if (now - this.attemptsPurgedAt > windowSeconds * 1000) {
        this.attemptsPurgedAt = now;
        await tx.query(`DELETE FROM login_attempts WHERE reset_at <= now()`);
      }
      return tx.query(
        `INSERT INTO login_attempts AS a (key, count, reset_at)
         SELECT k, 1, now() + make_interval(secs => $2) FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN a.reset_at <= now() THEN 1 ELSE a.count + 1 END,
           reset_at = CASE WHEN a.reset_at <= now() THEN EXCLUDED.reset_at ELSE a.reset_at END
         RETURNING key, count, greatest(1, ceil(extract(epoch FROM a.reset_at - now())))::int AS "retryAfter"`,
        [keys, windowSeconds],
      );
    });
  }
  private attemptsPurgedAt = 0;

  /** Notes a successful sign-in (shown to admins beside each user). */
  async recordSignIn(id: string): Promise<void> {
    await this.db.run(ALL_TENANTS, () =>
      tx.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [id]),
    );
  }

  findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    return this.activeUser(`lower(email) = lower($1)`, email, true);
  }

  /** An active user's state for the auth guard; null when disabled, deleted or not a user id. */
  findUserSession(id: string): Promise<UserSession | null> {
    return isUuid(id) ? this.activeUser(`id = $1`, id, false) : Promise.resolve(null);
  }

  /** An active user with their password hash, to check a password they give again. */
  findUserWithPassword(id: string): Promise<LoginCandidate | null> {
    return this.activeUser(`id = $1`, id, true);
  }

  /** The active (not disabled) user `where` finds, with the password hash when asked for. */
  private activeUser(where: string, value: string, withPassword: true): Promise<LoginCandidate | null>;
  private activeUser(where: string, value: string, withPassword: false): Promise<UserSession | null>;
  private activeUser(where: string, value: string, withPassword: boolean): Promise<UserSession | null> {
    return this.db.run(ALL_TENANTS, async () => {
      const rows: UserSession[] = await tx.query(
        `SELECT ${ACTIVE_USER}${withPassword ? `, password_hash AS "passwordHash"` : ''}
           FROM users WHERE ${where} AND disabled_at IS NULL`,
        [value],
      );
      return rows[0] ?? null;
    });
  }

  /**
   * Ends every session of an active user (a new epoch), setting a new password hash if given, provided
   * the user's epoch is still `epoch` (else someone changed the account meanwhile); the user as now,
   * with their e-mail. In the caller's transaction (a password change writes its notice with it).
   */
  async endSessions(
    id: string,
    epoch: number,
    passwordHash?: string,
  ): Promise<(UserSession & { email: string }) | null> {
    const rows = await tx.modified<UserSession & { email: string }>(
      `UPDATE users SET session_epoch = session_epoch + 1, password_hash = coalesce($3, password_hash)
        WHERE id = $1 AND session_epoch = $2 AND disabled_at IS NULL RETURNING ${ACTIVE_USER}, email`,
      [id, epoch, passwordHash ?? null],
    );
    return rows[0] ?? null;
  }

  /** A key that is not revoked, by the hash of the key (see ActiveApiKeys, which caches it). */
  findActiveApiKey(hash: string): Promise<ActiveApiKey | null> {
    return this.db.run(ALL_TENANTS, async () => {
      const rows: ActiveApiKey[] = await tx.query(
        `SELECT id, tenant_id AS "tenantId", name, role FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
        [hash],
      );
      return rows[0] ?? null;
    });
  }

  async recordApiKeyUse(id: string): Promise<void> {
    await this.db.run(ALL_TENANTS, () =>
      tx.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [id]),
    );
  }
}
