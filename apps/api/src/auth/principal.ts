import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@rma/rules';
import { ALL_TENANTS, tenantScope, type Scope } from '../database/database.service.js';

export const STAFF_ROLES: Role[] = ['DISTRIBUTOR_ADMIN', 'DISTRIBUTOR_AGENT'];
export const RESELLER_ROLES: Role[] = ['RESELLER_ADMIN', 'RESELLER_AGENT'];
export const ALL_ROLES: Role[] = [...STAFF_ROLES, ...RESELLER_ROLES];

/** Who is calling: a logged-in user or a reseller's API key. */
export interface Principal {
  kind: 'user' | 'apiKey';
  id: string;
  role: Role;
  /** null for distributor staff. */
  tenantId: string | null;
  label: string;
}

export const isStaffPrincipal = (p: Principal): boolean => p.tenantId === null;

export function scopeOf(p: Principal): Scope {
  return p.tenantId === null ? ALL_TENANTS : tenantScope(p.tenantId);
}

export const ROLES_KEY = 'rma:roles';
export const PUBLIC_KEY = 'rma:public';

/** The roles that may call a handler. Every handler states its roles or is `@Public()`; the guard fails closed otherwise. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const SIGNED_IN_KEY = 'rma:signed-in';
/**
 * Only a signed-in user may call the handler, not an API key of an allowed role: users and API keys are
 * managed by people, so a leaked key cannot mint credentials that outlive its revocation.
 */
export const SignedInOnly = () => SetMetadata(SIGNED_IN_KEY, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
