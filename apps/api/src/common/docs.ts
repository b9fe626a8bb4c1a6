import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { ErrorCode } from './errors.js';

/*
 * Pieces the features' OpenAPI documentation (`*.docs.ts` beside each controller) shares: how a
 * calendar day and an instant are written, how a file download is described, and which errors a
 * handler answers.
 */

/** A calendar day, ISO 8601 (`2026-11-30`). */
export const DATE = { type: String, format: 'date', example: '2026-11-30' } as const;
/** An instant, ISO 8601 in UTC (`2026-11-30T10:00:00.000Z`). */
export const DATE_TIME = { type: String, format: 'date-time' } as const;

/**
 * A handler that answers a file, not JSON: its 200 is documented as binary in the given content type
 * (test/openapi.e2e-spec.ts accepts such an answer without a JSON schema).
 */
export function ApiFileResponse(contentType: string, description: string) {
  return applyDecorators(
    ApiProduces(contentType),
    ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } }),
  );
}

export const ERRORS_KEY = 'rma:errors';

/**
 * The error codes a handler answers beyond those its other metadata implies (authentication and roles,
 * validated arguments, path parameters, a body): the service's own, such as a CONFLICT. On a class, every
 * handler of the controller answers them; on an interceptor, every handler it intercepts. Documented
 * under each code's status by `documentErrors` (openapi-errors.ts).
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(ERRORS_KEY, codes);
