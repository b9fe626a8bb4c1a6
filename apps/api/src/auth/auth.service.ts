import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import { AppException, ErrorCode } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthRepository } from './auth.repository.js';
import type { JwtClaims } from './auth.guard.js';
import type { Principal } from './principal.js';

/** A hash to verify against when the e-mail is unknown, so timing does not reveal which e-mails exist. */
const DUMMY_HASH = argon2.hash('not-a-real-password');

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: { id: string; name: string; role: string; tenantId: string | null };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.repo.findLoginCandidate(email);
    const ok = user
      ? await argon2.verify(user.passwordHash, password)
      : (await argon2.verify(await DUMMY_HASH, password), false);
    if (!user || !ok) throw new AppException(ErrorCode.INVALID_CREDENTIALS, 'Wrong e-mail or password');
    const claims: JwtClaims = { sub: user.id, role: user.role, tid: user.tenantId, name: user.name };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.jwtTtlSeconds,
      user: { id: user.id, name: user.name, role: user.role, tenantId: user.tenantId },
    };
  }

  me(principal: Principal) {
    return {
      id: principal.id,
      kind: principal.kind,
      name: principal.label,
      role: principal.role,
      tenantId: principal.tenantId,
    };
  }
}
