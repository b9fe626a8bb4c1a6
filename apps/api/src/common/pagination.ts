import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ValidationException } from './errors.js';

/** Keyset pagination of a list: a page size and the opaque cursor of the previous page. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor is not a cursor this API issued' })
  cursor?: string;
}

/** A keyset cursor: the last row's sort key (an ISO day or moment) and its id, opaque to clients. */
export type KeysetCursor = [sortKey: string, id: string];

export function encodeCursor(parts: KeysetCursor): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The cursor {@link encodeCursor} issued; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): KeysetCursor {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === 2 &&
      typeof parts[0] === 'string' &&
      typeof parts[1] === 'string' &&
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(parts[0]) &&
      /^[0-9a-f-]{36}$/.test(parts[1])
    ) {
      return [parts[0], parts[1]];
    }
  } catch {
    // fall through
  }
  throw new ValidationException([{ field: 'cursor', message: 'cursor is not a cursor this API issued' }]);
}
