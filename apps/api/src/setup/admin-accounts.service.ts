import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import type { Role } from '@rma/rules';
import { AppException, ErrorCode } from '../common/errors.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { SetupRepository } from './setup.repository.js';

/** An admin's account as the command line and the first-run page give it (validated as a user's is). */
export interface AdminAccount {
  email: string;
  name: string;
  password: string;
}

const ADMIN_ROLE: Role = 'DISTRIBUTOR_ADMIN';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Distributor admins made by the installation itself rather than by a signed-in admin: with the
 * create-admin command, or from the first-run page with a setup token while no admin exists. Either
 * closes setup: its tokens are deleted in the transaction that creates the admin.
 */
@Injectable()
export class AdminAccounts {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly setup: SetupRepository,
  ) {}

  /** Whether the installation has no enabled distributor admin, so the first-run page is open. */
  async setupNeeded(): Promise<boolean> {
    return this.db.run(ALL_TENANTS, async () => !(await this.users.activeDistributorAdminExists()));
  }

  /**
   * While no admin exists: a new setup token (256 bits, base64url) valid for `validSeconds`, of which
   * only the hash is stored; null once an admin exists.
   */
  openSetup(validSeconds: number): Promise<string | null> {
    return this.db.run(ALL_TENANTS, async () => {
      await this.setup.lock();
      if (await this.users.activeDistributorAdminExists()) return null;
      const token = randomBytes(32).toString('base64url');
      await this.setup.addToken(sha256(token), validSeconds);
      return token;
    });
  }

  /** A distributor admin (the create-admin command); CONFLICT when the e-mail is registered already. */
  async create(account: AdminAccount): Promise<UserEntity> {
    const passwordHash = await argon2.hash(account.password);
    return this.db.run(ALL_TENANTS, async () => {
      await this.setup.lock();
      return this.insertAdmin(account, passwordHash);
    });
  }

  /**
   * The first distributor admin, from the first-run page: CONFLICT once an admin exists (setup is
   * closed), FORBIDDEN for a token that is not one of the live setup tokens. Under the setup lock, so
   * two requests at once cannot both create one.
   */
  async createFirst(token: string, account: AdminAccount): Promise<UserEntity> {
    const passwordHash = await argon2.hash(account.password);
    const given = sha256(token);
    return this.db.run(ALL_TENANTS, async () => {
      await this.setup.lock();
      if (await this.users.activeDistributorAdminExists())
        throw new AppException(ErrorCode.CONFLICT, 'This installation has an administrator already');
      // Every live token is compared, in constant time, so the time taken says nothing about how close a guess was.
      const matches = (await this.setup.liveTokenHashes()).filter((h) => timingSafeEqual(h, given));
      if (matches.length === 0)
        throw new AppException(ErrorCode.FORBIDDEN, 'The setup token is not valid (wrong, used or expired)');
      return this.insertAdmin(account, passwordHash);
    });
  }

  private async insertAdmin(a: AdminAccount, passwordHash: string): Promise<UserEntity> {
    if (await this.users.emailTaken(a.email))
      throw new AppException(ErrorCode.CONFLICT, 'This e-mail is already registered', [
        { field: 'email', message: 'already registered' },
      ]);
    const user = await this.users.insert({
      tenantId: null,
      email: a.email,
      name: a.name,
      role: ADMIN_ROLE,
      passwordHash,
    });
    await this.setup.deleteTokens();
    return user;
  }
}
