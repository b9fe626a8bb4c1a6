import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Role } from '@rma/rules';
import { PUBLIC_KEY, RESELLER_ROLES, ROLES_KEY, SIGNED_IN_KEY } from '../auth/principal.js';
import { documentOperations, routeHandlers, type RouteHandler } from './openapi-operations.js';

type Security = Array<Record<string, string[]>>;

/**
 * States on every operation how it is authenticated, from the metadata the auth guard reads (so the
 * document cannot drift from it): nothing for public routes; a bearer token; and an API key as well
 * where a reseller role may call and the route is not signed-in only (API keys are resellers').
 */
export function documentSecurity(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  const handlers = routeHandlers(app);
  for (const op of documentOperations(doc)) {
    const handler = handlers.get(String(op.operationId));
    if (handler) op.security = securityOf(handler);
  }
  return doc;
}

function securityOf(h: RouteHandler): Security {
  if (h.meta<boolean>(PUBLIC_KEY)) return [];
  const resellers = (h.meta<Role[]>(ROLES_KEY) ?? []).some((r) => RESELLER_ROLES.includes(r));
  return resellers && !h.meta(SIGNED_IN_KEY) ? [{ bearer: [] }, { apiKey: [] }] : [{ bearer: [] }];
}
