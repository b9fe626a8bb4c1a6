import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Every error the API answers on purpose. Mapped to an HTTP status in one place: `statusFor`. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_JSON = 'INVALID_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  ATTACHMENT_LIMIT_REACHED = 'ATTACHMENT_LIMIT_REACHED',
  PARCEL_REFUSED = 'PARCEL_REFUSED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS = 'IDEMPOTENCY_IN_PROGRESS',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A stored secret needed to answer cannot be decrypted (SECRETS_KEY): our fault, try again later. */
  SECRET_UNAVAILABLE = 'SECRET_UNAVAILABLE',
  /** A dependency of this instance is down, or its migrations have not run: send traffic elsewhere. */
  NOT_READY = 'NOT_READY',
  INTERNAL = 'INTERNAL',
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Each check of a health probe and its state (`up` or `down`, with a message when down). */
export type CheckDetails = Record<string, { status: string; message?: string }>;

export class AppException extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly errors?: FieldProblem[],
    public readonly details?: CheckDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationException extends AppException {
  constructor(errors: FieldProblem[]) {
    super(ErrorCode.VALIDATION_FAILED, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}

export class NotFoundException extends AppException {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, `${what} not found`);
  }
}

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.INVALID_JSON:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.INVALID_CREDENTIALS:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
    case ErrorCode.TRANSITION_NOT_ALLOWED:
    case ErrorCode.IDEMPOTENCY_IN_PROGRESS:
    case ErrorCode.ATTACHMENT_LIMIT_REACHED:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCode.IDEMPOTENCY_KEY_REUSED:
    case ErrorCode.PARCEL_REFUSED:
      return 422;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL:
      return 500;
    case ErrorCode.SECRET_UNAVAILABLE:
    case ErrorCode.NOT_READY:
      return 503;
  }
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 409) return ErrorCode.CONFLICT;
  if (status === 413) return ErrorCode.PAYLOAD_TOO_LARGE;
  if (status === 415) return ErrorCode.UNSUPPORTED_MEDIA_TYPE; // e.g. the body parser: a charset it does not read
  if (status === 429) return ErrorCode.RATE_LIMITED;
  if (status >= 500) return ErrorCode.INTERNAL;
  return ErrorCode.VALIDATION_FAILED;
}

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  errors?: FieldProblem[];
  details?: CheckDetails;
  requestId?: string;
}

/** The one place errors become HTTP answers: `{ statusCode, code, message }`; unknown errors are logged, never leaked. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, req);
    // An AppException is answered on purpose (a 503 SECRET_UNAVAILABLE is logged where it is thrown).
    if (body.statusCode >= 500 && !(exception instanceof AppException)) {
      this.logger.error({ msg: 'unhandled error', err: describe(exception) });
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: { id?: string }): ErrorBody {
    const requestId = req.id;
    if (exception instanceof AppException) {
      return {
        statusCode: statusFor(exception.code),
        code: exception.code,
        message: exception.message,
        errors: exception.errors,
        details: exception.details,
        requestId,
      };
    }
    const parserError = bodyParserError(exception);
    if (parserError?.type === 'entity.parse.failed') {
      return {
        statusCode: 400,
        code: ErrorCode.INVALID_JSON,
        message: 'The request body is not valid JSON',
        errors: [{ field: 'body', message: 'not valid JSON' }],
        requestId,
      };
    }
    if (parserError?.type === 'entity.too.large') {
      return {
        statusCode: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: 'The request body is too large',
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, code: codeForStatus(status), message, requestId };
    }
    // A unique violation that slipped past a service's own check (a race) is a conflict, not a crash.
    const pgCode = (exception as { driverError?: { code?: string } })?.driverError?.code;
    if (pgCode === '23505') {
      return { statusCode: 409, code: ErrorCode.CONFLICT, message: 'This already exists', requestId };
    }
    const e = exception as { status?: number; message?: string };
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      return {
        statusCode: e.status,
        code: codeForStatus(e.status),
        message: e.message ?? 'Bad request',
        requestId,
      };
    }
    return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'Internal error', requestId };
  }
}

/** body-parser errors carry a `type`; Nest may wrap them, keeping the original as `cause`. */
function bodyParserError(err: unknown): { type: string } | null {
  for (const candidate of [err, (err as { cause?: unknown })?.cause]) {
    const type = (candidate as { type?: unknown })?.type;
    if (typeof type === 'string' && type.startsWith('entity.')) return { type };
  }
  if (err instanceof HttpException && err.getStatus() === 400 && err.cause instanceof SyntaxError)
    return { type: 'entity.parse.failed' };
  return null;
}

function describe(err: unknown): unknown {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err;
}
