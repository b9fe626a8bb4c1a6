export const MAINTENANCE_QUEUE = 'maintenance';
export const EXPIRE_RMAS_JOB = 'expire-rmas';
export const HOUSEKEEPING_JOB = 'housekeeping';
export const FOLD_COUNTS_JOB = 'fold-ticket-counts';
/** Seconds between folds of the ticket-count deltas: how many rows a status-chip read adds up. */
export const FOLD_COUNTS_SECONDS = 10;
