/**
 * What happens after an attempt: pure functions over the attempt's result and the retry schedule,
 * so the rules can be tested without a network or a database.
 */

/** The Standard Webhooks schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const DEFAULT_RETRY_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,14h,20h,24h';
/** A Retry-After longer than this is capped (a receiver cannot park a delivery for a week). */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

export interface AttemptResult {
  /** null when no HTTP answer came (refused, reset, timeout, address refused). */
  statusCode: number | null;
  /** Retry-After header as received. */
  retryAfter: string | null;
  /** Location header of a redirect. */
  location: string | null;
  latencyMs: number;
  /** The first bytes of the answer's body. */
  responseBody: string | null;
  /** Why no answer came, or why an answer is a failure. */
  error: string | null;
}

export type Verdict =
  | { kind: 'SUCCEEDED' }
  | { kind: 'RETRY'; delayMs: number; error: string }
  | { kind: 'FAILED'; error: string; disableEndpoint: string | null };

/**
 * The verdict on attempt number `attempt` (1-based). `schedule[i]` is the delay before attempt i + 1,
 * so a schedule of n delays allows n attempts; `random` (0..1) spreads retries by ±`jitter`.
 */
export function judge(
  result: AttemptResult,
  attempt: number,
  schedule: readonly number[],
  jitter: number,
  nowMs: number,
  random: () => number = Math.random,
): Verdict {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) return { kind: 'SUCCEEDED' };
  const error = describeFailure(result);
  if (code === 410) {
    return { kind: 'FAILED', error, disableEndpoint: 'The endpoint answered 410 Gone' };
  }
  if (attempt >= schedule.length) {
    return { kind: 'FAILED', error: `${error}; gave up after ${attempt} attempts`, disableEndpoint: null };
  }
  const base = schedule[attempt]!;
  let delayMs = Math.round(base * (1 - jitter + 2 * jitter * random()));
  if ((code === 429 || code === 503) && result.retryAfter !== null) {
    const wait = parseRetryAfter(result.retryAfter, nowMs);
    if (wait !== null) delayMs = Math.max(delayMs, Math.min(wait, MAX_RETRY_AFTER_MS));
  }
  return { kind: 'RETRY', delayMs, error };
}

export function describeFailure(r: AttemptResult): string {
  if (r.statusCode === null) return r.error ?? 'no answer';
  if (r.statusCode >= 300 && r.statusCode < 400) {
    return `HTTP ${r.statusCode}: redirect${r.location ? ` to ${r.location}` : ''} not followed`;
  }
  return `HTTP ${r.statusCode}`;
}

/** Retry-After (RFC 9110): delay-seconds or an HTTP date. Milliseconds from now, or null if unreadable. */
export function parseRetryAfter(value: string, nowMs: number): number | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `0,5s,5m,2h` → milliseconds; a bare number is seconds. null when a part is unreadable. */
export function parseSchedule(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim());
  const out: number[] = [];
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(part);
    if (!m) return null;
    out.push(Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!));
  }
  return out.length > 0 ? out : null;
}
