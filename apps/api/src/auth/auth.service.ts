import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import { AppException, ErrorCode, ValidationException } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { MailOutbox } from '../mail/mail-outbox.service.js';
import type { LoginResultDoc, MeDoc, SessionsEndedDoc } from './auth.docs.js';
import { AuthRepository } from './auth.repository.js';
import type { JwtClaims } from './auth.guard.js';
import type { Principal } from './principal.js';
import { UserSessions, type UserSession } from './user-sessions.js';

/** A hash to verify against when the e-mail is unknown, so timing does not reveal which e-mails exist. */
const DUMMY_HASH = argon2.hash('not-a-real-password');

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: UserSessions,
    private readonly db: Database,
    private readonly mail: MailOutbox,
  ) {}

  async login(email: string, password: string): Promise<LoginResultDoc> {
    const user = await this.repo.findLoginCandidate(email);
    const ok = user
      ? await argon2.verify(user.passwordHash, password)
      : (await argon2.verify(await DUMMY_HASH, password), false);
    if (!user || !ok) throw new AppException(ErrorCode.INVALID_CREDENTIALS, 'Wrong e-mail or password');
    await this.repo.recordSignIn(user.id);
    return this.signIn(user);
  }

  /** A session for a user the installation just created (the first-run page), answered as a login is. */
  async startSession(userId: string): Promise<LoginResultDoc> {
    const user = await this.repo.findUserSession(userId);
    if (!user) throw new AppException(ErrorCode.UNAUTHENTICATED, 'This account is disabled; sign in again');
    await this.repo.recordSignIn(user.id);
    return this.signIn(user);
  }

  /**
   * A signed-in user's new password: the current one must be given. Every other session of the user
   * ends; this one goes on with the token answered.
   */
  async changePassword(p: Principal, currentPassword: string, newPassword: string): Promise<LoginResultDoc> {
    const user = await this.repo.findUserWithPassword(p.id);
    if (!user) throw new AppException(ErrorCode.UNAUTHENTICATED, 'This session has ended; sign in again');
    if (!(await argon2.verify(user.passwordHash, currentPassword))) {
      throw new ValidationException([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    if (newPassword === currentPassword) {
      throw new ValidationException([
        { field: 'newPassword', message: 'must differ from the current password' },
      ]);
    }
    const hash = await argon2.hash(newPassword);
    const changed = await this.db.run(ALL_TENANTS, async () => {
      const now = await this.repo.endSessions(user.id, user.epoch, hash);
      if (now) await this.mail.passwordChanged({ ...now, changedBy: null });
      return now;
    });
    this.sessions.forget(user.id);
    if (!changed) {
      throw new AppException(ErrorCode.CONFLICT, 'The account changed meanwhile; sign in again and retry');
    }
    return this.signIn(changed);
  }

  /** Ends every session of the signed-in user, this one included. */
  async endAllSessions(p: Principal): Promise<SessionsEndedDoc> {
    const user = await this.sessions.current(p.id);
    if (user) await this.db.run(ALL_TENANTS, () => this.repo.endSessions(user.id, user.epoch));
    this.sessions.forget(p.id);
    return { endedAt: new Date().toISOString() };
  }

  private async signIn(user: UserSession): Promise<LoginResultDoc> {
    const claims: JwtClaims = {
      sub: user.id,
      role: user.role,
      tid: user.tenantId,
      name: user.name,
      sv: user.epoch,
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.jwtTtlSeconds,
      user: { id: user.id, name: user.name, role: user.role, tenantId: user.tenantId },
    };
  }

  me(principal: Principal): MeDoc {
    return {
      id: principal.id,
      kind: principal.kind,
      name: principal.label,
      role: principal.role,
      tenantId: principal.tenantId,
    };
  }
}
