import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ValidationException, type FieldProblem } from './errors.js';

/**
 * The field may be left out, but when it is sent it must be valid: unlike class-validator's
 * `@IsOptional()`, a null is validated (and refused by the field's other rules), for a field whose
 * column takes no null.
 */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

/** Flattens class-validator's tree into `{ field: 'customer.email', message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The fields of a request value (a body, a query, a path parameter) whose text holds U+0000. PostgreSQL
 * stores no NUL character in text or JSON, so such a value would fail deep in a write or a query: it is
 * bad input, answered like any other with its field.
 */
export function nulFields(value: unknown, at: string, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(at || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulFields(v, `${at}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push(at ? `${at}.${k}` : k);
      nulFields(v, at ? `${at}.${k}` : k, out);
    }
  }
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
