import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers, stdTimeFunctions, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/config.js';

const SANE_REQUEST_ID = /^[\w.-]{1,64}$/;

/** Field names whose values are credentials, wherever a logged object could carry them. */
const SECRET_FIELDS = [
  'authorization',
  '["x-api-key"]',
  'cookie',
  '["set-cookie"]',
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'apiKey',
  'secret',
  'inboundSecret',
  'previousSecret',
  'webhookSecret',
  'signature',
];
/**
 * Objects a service may log whole: an error, a body, an account, an endpoint. A request and an answer
 * are logged only through the serializers below (method, path, status), so nothing in them is redacted
 * here. Each path starts with a literal key: a wildcard first key (`*.password`) would run the redactor
 * on every binding of every request's child loggers (the request, its id, the user, the tenant).
 */
const CONTAINERS = ['err', 'error', 'headers', 'body', 'query', 'params', 'user', 'endpoint', 'config'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => {
  const at = f.startsWith('[') ? f : `.${f}`;
  return [f, ...CONTAINERS.map((c) => `${c}${at}`), `err.headers${at}`, `err.config.headers${at}`];
});

type Req = IncomingMessage & { originalUrl?: string };

/** The request's id: a sane `X-Request-Id`, else a new UUID; echoed in the answer. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * pino-http's options: JSON lines with the level's name and an ISO time; the request id from a sane
 * `X-Request-Id` or a new UUID (req.id, echoed in the answer); one line per request with its method,
 * path, status and time; no headers and no bodies in any line, and credentials redacted wherever a
 * service logs them.
 */
export function pinoHttpOptions(level: AppConfig['logLevel']): Options<Req, ServerResponse> {
  return {
    level,
    // create-app sets req.id with the same function before the body parser, which can refuse a request first.
    genReqId: (req, res) => (req as Req & { id?: string }).id ?? requestIdOf(req, res),
    // Lines written during a request carry its id (and who is calling, once known: AuthGuard), not the request.
    quietReqLogger: true,
    // Below info no request line is written: no listener per answer either.
    autoLogging: level === 'debug' || level === 'info',
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    wrapSerializers: false,
    serializers: {
      // The path only: a query string may carry a signed link's signature.
      req: (req: Req) => ({ method: req.method, url: (req.originalUrl ?? req.url ?? '').split('?')[0] }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: stdSerializers.err,
    },
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: stdTimeFunctions.isoTime,
  };
}

/**
 * Logs through pino for the API and the worker, Nest's own included (`app.useLogger(app.get(Logger))`).
 * `stream` replaces stdout (tests read the lines).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, stream?: DestinationStream): DynamicModule {
    const options = pinoHttpOptions(config.logLevel);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: stream ? [options, stream] : options, assignResponse: true }),
      ],
    };
  }
}
