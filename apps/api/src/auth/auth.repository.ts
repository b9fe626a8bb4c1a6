import { Injectable } from '@nestjs/common';
import type { Role } from '@rma/rules';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { hashApiKey } from './api-key-format.js';

export interface LoginCandidate {
  id: string;
  tenantId: string | null;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface ActiveApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
}

const LAST_USED_EVERY_MS = 60_000;

@Injectable()
export class AuthRepository {
  /** When each key's last-used time was last written, so a busy key costs one UPDATE a minute, not one per request. */
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly db: Database) {}

  findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    return this.db.run(ALL_TENANTS, async (m) => {
      const rows: LoginCandidate[] = await m.query(
        `SELECT id, tenant_id AS "tenantId", name, role, password_hash AS "passwordHash"
           FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL`,
        [email],
      );
      return rows[0] ?? null;
    });
  }

  async findActiveApiKey(key: string): Promise<ActiveApiKey | null> {
    const found = await this.db.run(ALL_TENANTS, async (m) => {
      const rows: ActiveApiKey[] = await m.query(
        `SELECT id, tenant_id AS "tenantId", name, role FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
        [hashApiKey(key)],
      );
      const row = rows[0];
      if (row && Date.now() - (this.lastUsedWritten.get(row.id) ?? 0) > LAST_USED_EVERY_MS) {
        this.lastUsedWritten.set(row.id, Date.now());
        await m.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.id]);
      }
      return row ?? null;
    });
    return found;
  }
}
