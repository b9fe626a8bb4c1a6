/** The generic support-ticket prerequisite (DOMAIN.md: any adapter kind may carry it; seed 001, Grandstream). */
import { RulesConfigError } from './errors.js';
import type { SupportTicketPrerequisite } from './types.js';

const compiled = new Map<string, RegExp>();

/** Longer "numbers" never match: a bound on the work a staff-written pattern can be made to do. */
export const MAX_SUPPORT_TICKET_LENGTH = 100;
const MAX_CACHED_PATTERNS = 1000;

/**
 * The anchored RegExp of a numberPattern: `^(?:pattern)$`, compiled once and cached (a config has one
 * pattern, so the cache stays small; it is cleared if it ever grows past 1000 entries).
 * Throws RulesConfigError INVALID_PATTERN for a pattern validateManufacturerConfig rejects.
 */
export function supportTicketRegExp(numberPattern: string): RegExp {
  let re = compiled.get(numberPattern);
  if (re === undefined) {
    try {
      new RegExp(numberPattern);
      re = new RegExp(`^(?:${numberPattern})$`);
    } catch {
      throw new RulesConfigError(
        'INVALID_PATTERN',
        `Invalid support ticket pattern ${JSON.stringify(numberPattern)}`,
      );
    }
    if (compiled.size >= MAX_CACHED_PATTERNS) compiled.clear();
    compiled.set(numberPattern, re);
  }
  return re;
}

/** The support ticket number as entered, trimmed; null when missing or blank. */
export function normaliseSupportTicketNumber(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Whether `ticketNumber` (trimmed, at most MAX_SUPPORT_TICKET_LENGTH characters) matches the
 * prerequisite's pattern in full. Compiles the pattern even without a number, so an invalid pattern
 * fails the same way whatever the ticket.
 */
export function isSupportTicketSatisfied(
  ticketNumber: string | null | undefined,
  prerequisite: SupportTicketPrerequisite,
): boolean {
  const pattern = supportTicketRegExp(prerequisite.numberPattern);
  const number = normaliseSupportTicketNumber(ticketNumber);
  return number !== null && number.length <= MAX_SUPPORT_TICKET_LENGTH && pattern.test(number);
}
