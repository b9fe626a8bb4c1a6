/** SQL fragments the repositories share, so that each is written once. */

/** A `date` column (or expression) read as the ISO calendar day the API speaks: `YYYY-MM-DD`. */
export const isoDate = (ref: string): string => `to_char(${ref}, 'YYYY-MM-DD')`;
