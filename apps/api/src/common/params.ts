import { Param, type PipeTransform } from '@nestjs/common';
import { ValidationException } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new ValidationException([{ field: this.field, message: `${this.field} must be a UUID` }]);
    }
    return value.toLowerCase();
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') => Param(name, new UuidPipe(name));

export const isUuid = (v: string): boolean => UUID.test(v);
