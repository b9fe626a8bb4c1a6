import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Role } from '@rma/rules';
import { PUBLIC_KEY, RESELLER_ROLES, ROLES_KEY, SIGNED_IN_KEY } from '../auth/principal.js';

type Security = Array<Record<string, string[]>>;

/**
 * States on every operation how it is authenticated, from the metadata the auth guard reads (so the
 * document cannot drift from it): nothing for public routes; a bearer token; and an API key as well
 * where a reseller role may call and the route is not signed-in only (API keys are resellers').
 * Operations are matched by their id, `Controller_method`, as the document names them.
 */
export function documentSecurity(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  const byOperation = new Map<string, Security>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { name: string; prototype: Record<string, unknown> } | null;
      if (!type) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const meta = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ??
          (Reflect.getMetadata(key, type) as T | undefined);
        let security: Security = [{ bearer: [] }];
        if (meta<boolean>(PUBLIC_KEY)) security = [];
        else if (
          (meta<Role[]>(ROLES_KEY) ?? []).some((r) => RESELLER_ROLES.includes(r)) &&
          !meta(SIGNED_IN_KEY)
        )
          security = [{ bearer: [] }, { apiKey: [] }];
        byOperation.set(`${type.name}_${name}`, security);
      }
    }
  }
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
      const security = byOperation.get(String(op.operationId));
      if (security) op.security = security;
    }
  }
  return doc;
}
