import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import { ValidationException, type FieldProblem } from './errors.js';

/**
 * The field may be left out, but when it is sent it must be valid: unlike class-validator's
 * `@IsOptional()`, a null is validated (and refused by the field's other rules), for a field whose
 * column takes no null.
 */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

/**
 * Flattens class-validator's tree into `{ field: 'customer.email', message }` pairs; an array's element
 * is named by its index, `items[3].product.serialNumber`.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = !parent
      ? e.property
      : /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** How deep a request value may nest; no form or API call of the platform comes near it. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Walks a request value (a body, a query, a path parameter) with a stack of its own, never the call
 * stack, so no shape of input can overflow it: calls `onText` with every string and object key and the
 * path to it, and answers the first path that is nested deeper than {@link MAX_INPUT_DEPTH} levels,
 * where it stops, or null.
 */
function walkInput(value: unknown, at: string, onText: (text: string, field: string) => void): string | null {
  const stack: Array<[value: unknown, field: string, depth: number]> = [[value, at, 1]];
  while (stack.length) {
    const [v, field, depth] = stack.pop()!;
    if (typeof v === 'string') {
      onText(v, field || 'body');
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) return field || 'body';
    // Children are pushed last first, so they are visited in the order they were sent.
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${field}[${i}]`, depth + 1]);
    } else {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const path = field ? `${field}.${k}` : k;
        onText(k, path);
        stack.push([child, path, depth + 1]);
      }
    }
  }
  return null;
}

const tooDeep = (field: string) =>
  new ValidationException([{ field, message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` }]);

/**
 * Express middleware right after the JSON parser: a body nested too deep is refused before any guard,
 * pipe or handler walks it (JSON.parse itself takes any depth).
 */
export function refuseDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const field = body !== null && typeof body === 'object' ? walkInput(body, '', () => undefined) : null;
  next(field === null ? undefined : tooDeep(field));
}

/**
 * The fields of a request value whose text holds U+0000. PostgreSQL stores no NUL character in text
 * or JSON, so such a value would fail deep in a write or a query: it is bad input, answered like any
 * other with its field. A value nested too deep is refused as such.
 */
export function nulFields(value: unknown, at: string): string[] {
  const out: string[] = [];
  const deep = walkInput(value, at, (text, field) => {
    if (text.includes('\u0000')) out.push(field);
  });
  if (deep !== null) throw tooDeep(deep);
  return out;
}

/** The global pipe: the class-validator DTOs, after refusing any text with a NUL character. */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = nulFields(value, metadata.data ?? '');
      if (fields.length)
        throw new ValidationException(
          fields.map((field) => ({ field, message: 'must not contain the NUL character (U+0000)' })),
        );
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationException(flattenValidationErrors(errors)),
  });
}
