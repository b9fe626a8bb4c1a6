import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException, ErrorCode } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthRepository } from './auth.repository.js';
import type { Principal } from './principal.js';

/**
 * Login attempts in a fixed window of LOGIN_RATE_WINDOW_SECONDS: LOGIN_RATE_LIMIT per e-mail (guessing
 * one account's password from anywhere) and ten times that per client address (spraying many
 * accounts). Counted in PostgreSQL, so the limit holds across every API instance. On a signed-in route
 * (a password change gives the current password) the account is the signed-in user.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AuthRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const res = context.switchToHttp().getResponse<Response>();
    // Counted before the body is validated (a guard runs before the pipes): a NUL, which PostgreSQL
    // stores in no text, is written as `\0`; the validation then refuses the request.
    const email =
      typeof req.body?.email === 'string'
        ? req.body.email.toLowerCase().slice(0, 254).replace(/\0/g, '\\0')
        : '';
    const account = req.principal ? `user:${req.principal.id}` : `email:${email}`;
    const { limit, windowSeconds } = this.config.loginRateLimit;
    const max: Record<string, number> = { [account]: limit, [`ip:${req.ip ?? ''}`]: limit * 10 };
    const counts = await this.repo.countLoginAttempt(Object.keys(max), windowSeconds);
    const retryAfter = Math.max(0, ...counts.filter((c) => c.count > max[c.key]!).map((c) => c.retryAfter));
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw new AppException(ErrorCode.RATE_LIMITED, `Too many attempts; try again in ${retryAfter} s`);
    }
    return true;
  }
}
