import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PinoLogger } from 'nestjs-pino';
import type { Role } from '@rma/rules';
import { AppException, ErrorCode } from '../common/errors.js';
import { PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY, type Principal } from './principal.js';
import { looksLikeApiKey } from './api-key-format.js';
import { ActiveApiKeys } from './active-api-keys.js';
import { UserSessions } from './user-sessions.js';
import { VerifiedTokens } from './verified-tokens.js';

export interface JwtClaims {
  sub: string;
  role: Role;
  tid: string | null;
  name: string;
  /** The user's session epoch when the token was issued (absent in tokens from before epochs: 0). */
  sv?: number;
}

/** Global guard: authenticates (JWT bearer or API key) and checks the handler's roles. Fails closed. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: UserSessions,
    private readonly apiKeys: ActiveApiKeys,
    private readonly logs: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw new AppException(ErrorCode.FORBIDDEN, 'This endpoint states no roles');
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = await this.authenticate(req.headers);
    if (!roles.includes(principal.role)) {
      throw new AppException(ErrorCode.FORBIDDEN, `Role ${principal.role} may not call this endpoint`);
    }
    if (principal.kind === 'apiKey' && this.reflector.getAllAndOverride<boolean>(SIGNED_IN_KEY, targets)) {
      throw new AppException(
        ErrorCode.FORBIDDEN,
        'Users and API keys are managed by a signed-in user, not with an API key',
      );
    }
    req.principal = principal;
    // Every later line of this request, its closing one included, says who called (a child logger: skipped when silent).
    if (this.logs.logger.isLevelEnabled('error')) {
      this.logs.assign({
        [principal.kind === 'user' ? 'userId' : 'apiKeyId']: principal.id,
        tenantId: principal.tenantId,
      });
    }
    return true;
  }

  private async authenticate(headers: Record<string, string | undefined>): Promise<Principal> {
    const apiKey = headers['x-api-key'];
    const authorization = headers['authorization'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.fromApiKey(apiKey);
    if (typeof authorization === 'string') {
      const [scheme, token] = authorization.split(' ', 2);
      if (scheme?.toLowerCase() === 'bearer' && token) {
        if (looksLikeApiKey(token)) return this.fromApiKey(token);
        let claims = this.verified.get(token);
        if (!claims) {
          try {
            claims = await this.jwt.verifyAsync<JwtClaims>(token);
          } catch {
            throw new AppException(ErrorCode.UNAUTHENTICATED, 'The token is invalid or expired');
          }
          this.verified.keep(token, claims);
        }
        // The token says who signed in; the account says what they may do now. A session ends when the
        // user is disabled or their sessions were ended (new password, sign out everywhere), and a role
        // or name changed since sign-in applies at once.
        const user = await this.sessions.current(claims.sub);
        if (!user || (claims.sv ?? 0) !== user.epoch) {
          throw new AppException(ErrorCode.UNAUTHENTICATED, 'This session has ended; sign in again');
        }
        return { kind: 'user', id: user.id, role: user.role, tenantId: user.tenantId, label: user.name };
      }
    }
    throw new AppException(
      ErrorCode.UNAUTHENTICATED,
      'Authentication required: a bearer token or an X-API-Key header',
    );
  }

  private async fromApiKey(key: string): Promise<Principal> {
    const found = await this.apiKeys.find(key);
    if (!found) throw new AppException(ErrorCode.UNAUTHENTICATED, 'The API key is invalid or revoked');
    return {
      kind: 'apiKey',
      id: found.id,
      role: found.role,
      tenantId: found.tenantId,
      label: `API key ${found.name}`,
    };
  }
}
