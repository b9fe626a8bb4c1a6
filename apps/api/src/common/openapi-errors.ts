import type { INestApplication } from '@nestjs/common';
// A handler's arguments are read as @nestjs/swagger reads them, from Nest's own metadata.
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PARAMTYPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import type { Role } from '@rma/rules';
import { LoginRateLimitGuard } from '../auth/login-rate-limit.guard.js';
import { ALL_ROLES, PUBLIC_KEY, ROLES_KEY, SIGNED_IN_KEY } from '../auth/principal.js';
import { ERRORS_KEY } from './docs.js';
import { ErrorCode, statusFor, type ErrorBody, type FieldProblem } from './errors.js';
import { documentOperations, routeHandlers, type RouteHandler } from './openapi-operations.js';

/** The one schema every error answer has, as `AllExceptionsFilter` sends it. */
const ERROR_BODY_SCHEMA = 'ErrorBody';
const FIELD_PROBLEM_SCHEMA = 'FieldProblem';
const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** Typed by `FieldProblem` and `ErrorBody`: a field added to either does not compile until it is documented here. */
const fieldProblem: Record<keyof FieldProblem, SchemaObject> = {
  field: { type: 'string', description: 'The field, dotted for nested ones', example: 'customer.email' },
  message: { type: 'string', example: 'customer.email must be an email' },
};
const errorBody: Record<keyof ErrorBody, SchemaObject | ReferenceObject> = {
  statusCode: { type: 'integer', description: 'The HTTP status of the answer', example: 400 },
  code: { type: 'string', enum: Object.values(ErrorCode), description: 'What went wrong, for programs' },
  message: { type: 'string', description: 'What went wrong, for people' },
  errors: {
    type: 'array',
    items: ref(FIELD_PROBLEM_SCHEMA),
    description: 'Each field that is wrong and why, when the error is about fields',
  },
  details: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['up', 'down'] },
        message: { type: 'string' },
        responseTime: { type: 'number' },
      },
    },
    description: 'A health probe that is not ready: each check and its state',
    example: { database: { status: 'up' }, migrations: { status: 'down', message: '1 pending' } },
  },
  requestId: {
    type: 'string',
    description: 'The X-Request-Id of the request; the server logged the error under it',
  },
};

/** What each code means to the caller: the description of an error answer names its codes with these. */
const MEANING: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION_FAILED]: 'the request is not valid; `errors` names each field and what is wrong',
  [ErrorCode.INVALID_JSON]: 'the body is not valid JSON',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'the body, or a file in it, is too large',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]:
    'a file is not of a type accepted here (judged by its content), or the body comes in a charset or content encoding not read here',
  [ErrorCode.ATTACHMENT_LIMIT_REACHED]: 'the ticket holds as many attachments as it may',
  [ErrorCode.PARCEL_REFUSED]: 'the parcel is refused: an unknown or lapsed RMA number, or another item',
  [ErrorCode.UNAUTHENTICATED]: 'no valid credentials were sent, or they are expired or revoked',
  [ErrorCode.INVALID_CREDENTIALS]: 'wrong e-mail or password',
  [ErrorCode.FORBIDDEN]: 'the caller may not do this',
  [ErrorCode.NOT_FOUND]: 'it does not exist, or the caller may not see it',
  [ErrorCode.CONFLICT]: 'it conflicts with the current state (it exists already, or changed meanwhile)',
  [ErrorCode.TRANSITION_NOT_ALLOWED]: 'the ticket is not in a status that allows this',
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 'this Idempotency-Key came with a different body before',
  [ErrorCode.IDEMPOTENCY_IN_PROGRESS]: 'a request with this Idempotency-Key is still being processed',
  [ErrorCode.RATE_LIMITED]: 'too many attempts; `Retry-After` says in how many seconds to try again',
  [ErrorCode.SECRET_UNAVAILABLE]:
    'a stored secret cannot be read right now; nothing changed, send it again later',
  [ErrorCode.NOT_READY]: 'a dependency is down or migrations are pending; `details` says which check failed',
  [ErrorCode.INTERNAL]: 'an unexpected error; the body says no more, the server logged it',
};

/** Guards a handler names in `@UseGuards` and the errors they answer (the global AuthGuard's follow from the roles). */
const GUARD_ERRORS = new Map<unknown, ErrorCode[]>([[LoginRateLimitGuard, [ErrorCode.RATE_LIMITED]]]);

/** The types the global ValidationPipe lets through unchecked (see its `toValidate`). */
const UNCHECKED_TYPES: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * Adds to every operation the error answers it can give, each status with the codes that answer it
 * (`statusFor`, errors.ts) and the one envelope, `ErrorBody`. Derived from the metadata the app itself
 * acts on, as `documentSecurity` does: the auth guard's (401 unless public; 403 unless every role may
 * call and API keys may too), the handler's arguments (400 when one is validated, by a pipe or as a
 * DTO; 400 and 413 when it takes a body; 404 with a path parameter), its guards and interceptors, and
 * the codes its own service raises, stated with `@ApiErrors` (docs.ts). And 500, which any may give.
 */
export function documentErrors(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas = {
    ...doc.components.schemas,
    [FIELD_PROBLEM_SCHEMA]: { type: 'object', required: ['field', 'message'], properties: fieldProblem },
    [ERROR_BODY_SCHEMA]: {
      type: 'object',
      required: ['statusCode', 'code', 'message', 'requestId'],
      properties: errorBody,
    },
  };
  const handlers = routeHandlers(app);
  for (const op of documentOperations(doc)) {
    const handler = handlers.get(String(op.operationId));
    if (handler) addErrorAnswers(op, errorsOf(handler));
  }
  return doc;
}

/** The codes a handler can answer. */
function errorsOf(h: RouteHandler): Set<ErrorCode> {
  const codes = new Set<ErrorCode>([ErrorCode.INTERNAL]);
  if (!h.meta<boolean>(PUBLIC_KEY)) {
    codes.add(ErrorCode.UNAUTHENTICATED);
    const roles = h.meta<Role[]>(ROLES_KEY);
    // Without roles the guard refuses every caller (it fails closed).
    if (!roles || ALL_ROLES.some((r) => !roles.includes(r)) || h.meta<boolean>(SIGNED_IN_KEY))
      codes.add(ErrorCode.FORBIDDEN);
  }
  const args = routeArgs(h);
  if (args.some((a) => a.validated)) codes.add(ErrorCode.VALIDATION_FAILED);
  if (args.some((a) => a.type === RouteParamtypes.PARAM)) codes.add(ErrorCode.NOT_FOUND);
  if (args.some((a) => a.type === RouteParamtypes.BODY || a.type === RouteParamtypes.RAW_BODY)) {
    // The JSON body parser's own answers.
    codes.add(ErrorCode.INVALID_JSON);
    codes.add(ErrorCode.PAYLOAD_TOO_LARGE);
    codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }
  const declared = (target: unknown) =>
    (target && Reflect.getMetadata(ERRORS_KEY, target as object)) as ErrorCode[] | undefined;
  const classOf = (x: unknown) => (typeof x === 'function' ? x : (x as object).constructor);
  const enhancers = (key: string) =>
    [
      ...((Reflect.getMetadata(key, h.controller) as unknown[] | undefined) ?? []),
      ...((Reflect.getMetadata(key, h.handler) as unknown[] | undefined) ?? []),
    ].map(classOf);
  for (const list of [
    declared(h.handler),
    declared(h.controller),
    ...enhancers(GUARDS_METADATA).map((g) => [...(GUARD_ERRORS.get(g) ?? []), ...(declared(g) ?? [])]),
    ...enhancers(INTERCEPTORS_METADATA).map(declared),
  ])
    for (const code of list ?? []) codes.add(code);
  return codes;
}

/** The handler's arguments Nest fills from the request, and whether the ValidationPipe or a pipe of its own checks each. */
function routeArgs(h: RouteHandler): Array<{ type: RouteParamtypes; validated: boolean }> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, h.controller, h.name) ?? {}) as Record<
    string,
    { index: number; pipes?: unknown[] }
  >;
  const types = (Reflect.getMetadata(PARAMTYPES_METADATA, h.controller.prototype, h.name) ?? []) as unknown[];
  return Object.entries(args)
    .filter(([key]) => !key.includes(CUSTOM_ROUTE_ARGS_METADATA))
    .map(([key, arg]) => {
      const type = Number(key.split(':')[0]) as RouteParamtypes;
      const metatype = types[arg.index];
      const checked = [RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM].includes(type);
      const validated =
        !!arg.pipes?.length || (checked && metatype !== undefined && !UNCHECKED_TYPES.includes(metatype));
      return { type, validated };
    });
}

function addErrorAnswers(op: OperationObject, codes: Set<ErrorCode>): void {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.values(ErrorCode).filter((c) => codes.has(c))) {
    const status = statusFor(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const answer: ResponseObject = {
      description: list.map((c) => `\`${c}\`: ${MEANING[c]}`).join('\n\n'),
      content: { 'application/json': { schema: ref(ERROR_BODY_SCHEMA) } },
    };
    if (list.includes(ErrorCode.RATE_LIMITED)) {
      answer.headers = {
        'Retry-After': { description: 'Seconds until an attempt may succeed', schema: { type: 'integer' } },
      };
    }
    op.responses[String(status)] ??= answer;
  }
}
