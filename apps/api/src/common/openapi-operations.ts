import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';

/** A controller's method, with what its decorators (and its controller's) say. */
export interface RouteHandler {
  controller: { name: string; prototype: object };
  name: string;
  handler: (...args: unknown[]) => unknown;
  /** The metadata under `key`: the handler's own, else its controller's. */
  meta<T>(key: string): T | undefined;
}

/**
 * Every controller method of the app by the id the document gives its operation, `Controller_method`,
 * so that a pass over the document can state what the method's metadata says.
 */
export function routeHandlers(app: INestApplication): Map<string, RouteHandler> {
  const byOperation = new Map<string, RouteHandler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as RouteHandler['controller'] | null;
      if (!controller) continue;
      const methods = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(methods)) {
        const handler = methods[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        byOperation.set(`${controller.name}_${name}`, {
          controller,
          name,
          handler: handler as RouteHandler['handler'],
          meta: <T>(key: string) =>
            (Reflect.getMetadata(key, handler) as T | undefined) ??
            (Reflect.getMetadata(key, controller) as T | undefined),
        });
      }
    }
  }
  return byOperation;
}

/** Every operation of the document. */
export function documentOperations(doc: OpenAPIObject): OperationObject[] {
  return Object.values(doc.paths).flatMap((item) =>
    Object.values(item).filter(
      (op): op is OperationObject => !!op && typeof op === 'object' && 'operationId' in op,
    ),
  );
}
