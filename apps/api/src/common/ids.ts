import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random. Ids made
 * one after the other sort by time, so an index on them grows at its right-hand end.
 */
export function uuidv7(unixMs: number = Date.now()): string {
  const time = Math.max(0, Math.floor(unixMs)).toString(16).padStart(12, '0').slice(-12);
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its variant and random bits, set version 7.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
