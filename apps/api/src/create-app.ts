import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet, { contentSecurityPolicy } from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/errors.js';
import { documentErrors } from './common/openapi-errors.js';
import { documentSecurity } from './common/openapi-security.js';
import { createValidationPipe, refuseDeepBodies } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import type { DatabaseTarget } from './database/platform-database.js';
import { requestIdOf } from './logging/logging.module.js';
import { Metrics } from './metrics/metrics.service.js';

/**
 * Builds the Nest application with everything global in one place; used by main.ts, the tests and the
 * benches. `options.logStream` replaces stdout for the logs.
 */
export async function createApp(
  config: AppConfig,
  target: DatabaseTarget,
  options: { logStream?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, target, options.logStream),
    {
      bufferLogs: true,
      bodyParser: false,
      // req.rawBody for signature checks (manufacturers' callbacks), kept by the JSON parser below.
      rawBody: true,
    },
  );
  app.useLogger(app.get(Logger));
  const metrics = app.get(Metrics);
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = requestIdOf(req, res);
    const start = process.hrtime.bigint();
    // The route pattern (req.route, once routed), never the raw URL: label values stay bounded.
    res.once('finish', () => {
      const path = (req.route as { path?: string } | undefined)?.path;
      // Express's catch-all (`*path`, Nest's 404) is no route of ours.
      const route = path && !path.startsWith('*') ? path : 'unmatched';
      metrics.observeRequest(
        req.method,
        route,
        res.statusCode,
        Number(process.hrtime.bigint() - start) / 1e9,
      );
    });
    next();
  });
  app.use(securityHeaders(config));
  app.use('/api/v1', contentSecurityPolicy({ useDefaults: false, directives: API_CSP_DIRECTIVES }));
  // Answers are tenants' data, session tokens and secrets shown once: no browser or proxy keeps them.
  app.use('/api/v1', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.use(refuseDeepBodies);
  app.set('trust proxy', 'loopback');
  // No ETag on answers: every API answer is no-store (above), so no client revalidates with one, and
  // computing it (a SHA-1 of each body) was a few per cent of a list's CPU. Static files keep theirs.
  app.set('etag', false);
  app.setGlobalPrefix('api/v1', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  const doc = new DocumentBuilder()
    .setTitle('RMA routing platform')
    .setDescription('Return tickets routed by explicit, per-manufacturer rules.')
    .setVersion('1')
    // Relative: the document is served by the API it describes, wherever that is reached.
    .addServer('/', 'This API, where this document is served')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .build();
  SwaggerModule.setup('api/docs', app, () =>
    documentErrors(app, documentSecurity(app, SwaggerModule.createDocument(app, doc))),
  );
  serveAdmin(
    app,
    config.adminDistDir ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../admin/dist'),
  );
  return app;
}

/**
 * On every answer: no content-type sniffing, no framing (clickjacking), no full URL in the Referer
 * sent to other sites (ticket ids in paths), no window sharing with pages of other origins. The CSP is
 * set per area below (the admin's pages, the API); the OpenAPI docs' page keeps none, as before.
 */
function securityHeaders(config: AppConfig) {
  return helmet({
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // Off: require-corp would make the browser refuse any image the admin shows from another origin.
    crossOriginEmbedderPolicy: false,
    // Only behind TLS (an https PUBLIC_URL): over plain HTTP it is ignored, and other hosts of the domain are not ours.
    strictTransportSecurity: config.publicUrl.startsWith('https://')
      ? { maxAge: 15_552_000, includeSubDomains: false }
      : false,
  });
}

/** API answers are data, never a document: nothing may load from them or frame them. */
export const API_CSP_DIRECTIVES = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/**
 * The admin's pages load only their own scripts, styles and the API of their own origin: an injected
 * script or a link to a foreign one does not run, and neither does an injected style element or style
 * attribute (Vue's style bindings set the element's style through the CSSOM, which the policy allows).
 */
export const ADMIN_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The built admin (apps/admin/dist) at `/`, with the SPA's index.html for every non-API page. */
function serveAdmin(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  const adminCsp = contentSecurityPolicy({ useDefaults: false, directives: ADMIN_CSP_DIRECTIVES });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    adminCsp(req, res, next);
  });
  app.useStaticAssets(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

const isApiPath = (path: string) => path.startsWith('/api/') || path === '/api' || path === '/metrics';
