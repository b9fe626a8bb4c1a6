import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException, ErrorCode } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * Login attempts in a fixed window of LOGIN_RATE_WINDOW_SECONDS: LOGIN_RATE_LIMIT per e-mail (guessing
 * one account's password from anywhere) and ten times that per client address (spraying many accounts). In memory: per API instance, which bounds guessing well enough for
 * one instance; several instances behind a balancer would want the counters in Redis.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const email = typeof req.body?.email === 'string' ? req.body.email.toLowerCase().slice(0, 254) : '';
    const now = Date.now();
    this.sweep(now);
    let retryAfter = 0;
    const limit = this.config.loginRateLimit.limit;
    for (const [key, max] of [
      [`email:${email}`, limit],
      [`ip:${req.ip}`, limit * 10],
    ] as const) {
      const entry = this.hits.get(key);
      if (!entry || entry.resetAt <= now) {
        this.hits.set(key, { count: 1, resetAt: now + this.config.loginRateLimit.windowSeconds * 1000 });
        continue;
      }
      entry.count += 1;
      if (entry.count > max) retryAfter = Math.max(retryAfter, Math.ceil((entry.resetAt - now) / 1000));
    }
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw new AppException(ErrorCode.RATE_LIMITED, `Too many login attempts; try again in ${retryAfter} s`);
    }
    return true;
  }

  private sweep(now: number): void {
    if (this.hits.size < 10_000) return;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}
