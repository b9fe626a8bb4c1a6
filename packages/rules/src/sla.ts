/**
 * Service levels (DOMAIN.md; seed 003): a first answer within 14 days of submission, inspection
 * within 28 days of receipt. "Within N days of D" means due on D + N (inclusive), like the windows.
 */
import { addDays, requireDayNumber } from './dates.js';
import type { IsoDate } from './types.js';

export interface SlaConfig {
  firstAnswerDays: number;
  inspectionDays: number;
}

export const DEFAULT_SLA_CONFIG: Readonly<SlaConfig> = Object.freeze({
  firstAnswerDays: 14,
  inspectionDays: 28,
});

/** A due date this close (in days) or closer is DUE_SOON. */
export const DEFAULT_DUE_SOON_DAYS = 2;

export const SLA_STATES = ['OK', 'DUE_SOON', 'OVERDUE'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaDueDates {
  /** Last day for the first answer; null until submitted. */
  firstAnswerDue: IsoDate | null;
  /** Last day for the inspection; null until received. */
  inspectionDue: IsoDate | null;
}

/** The due dates of a ticket's service levels. */
export function slaDueDates(
  dates: { submittedOn?: IsoDate | null; receivedOn?: IsoDate | null },
  config: SlaConfig = DEFAULT_SLA_CONFIG,
): SlaDueDates {
  return {
    firstAnswerDue: dates.submittedOn ? addDays(dates.submittedOn, config.firstAnswerDays) : null,
    inspectionDue: dates.receivedOn ? addDays(dates.receivedOn, config.inspectionDays) : null,
  };
}

/** OVERDUE after the due day; DUE_SOON when the due day is at most `dueSoonDays` away (or today); else OK. */
export function slaState(
  due: IsoDate,
  today: IsoDate,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS,
): SlaState {
  const left = requireDayNumber(due, 'due') - requireDayNumber(today, 'today');
  return left < 0 ? 'OVERDUE' : left <= dueSoonDays ? 'DUE_SOON' : 'OK';
}
