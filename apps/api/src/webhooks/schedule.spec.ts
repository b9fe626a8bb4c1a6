import { judge, parseRetryAfter, parseSchedule, type AttemptResult } from './schedule.js';

const SCHEDULE = parseSchedule('0,5s,5m,30m,2h,5h,10h,14h,20h,24h')!;
const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const answer = (statusCode: number | null, extra: Partial<AttemptResult> = {}): AttemptResult => ({
  statusCode,
  retryAfter: null,
  location: null,
  latencyMs: 5,
  responseBody: null,
  error: statusCode === null ? 'connection refused' : null,
  ...extra,
});
const noJitter = () => 0.5;

describe('retry schedule', () => {
  it('reads the Standard Webhooks schedule', () => {
    expect(SCHEDULE).toEqual([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 504e5, 72e6, 864e5]);
    expect(parseSchedule('0, 200ms, 1.5s')).toEqual([0, 200, 1500]);
    expect(parseSchedule('5x')).toBeNull();
    expect(parseSchedule('')).toBeNull();
  });

  it.each([200, 201, 204, 299])('%i succeeds', (code) => {
    expect(judge(answer(code), 1, SCHEDULE, 0.1, NOW)).toEqual({ kind: 'SUCCEEDED' });
  });

  it.each([
    [1, 5e3],
    [2, 3e5],
    [3, 18e5],
    [9, 864e5],
  ])('after failed attempt %i the next comes %i ms later', (attempt, delay) => {
    expect(judge(answer(500), attempt, SCHEDULE, 0.1, NOW, noJitter)).toEqual({
      kind: 'RETRY',
      delayMs: delay,
      error: 'HTTP 500',
    });
  });

  it('fails for good after the tenth attempt', () => {
    expect(judge(answer(null), 10, SCHEDULE, 0.1, NOW)).toEqual({
      kind: 'FAILED',
      error: 'connection refused; gave up after 10 attempts',
      disableEndpoint: null,
    });
  });

  it('spreads retries by the jitter, both ways', () => {
    expect(judge(answer(500), 2, SCHEDULE, 0.1, NOW, () => 0)).toMatchObject({ delayMs: 270_000 });
    expect(judge(answer(500), 2, SCHEDULE, 0.1, NOW, () => 1)).toMatchObject({ delayMs: 330_000 });
  });

  it.each([300, 301, 302, 307, 308])('a %i is a failure: the redirect is not followed', (code) => {
    expect(judge(answer(code, { location: 'https://elsewhere.example/' }), 1, SCHEDULE, 0, NOW)).toEqual({
      kind: 'RETRY',
      delayMs: 5000,
      error: `HTTP ${code}: redirect to https://elsewhere.example/ not followed`,
    });
  });

  it('410 fails the delivery and disables the endpoint', () => {
    expect(judge(answer(410), 1, SCHEDULE, 0.1, NOW)).toEqual({
      kind: 'FAILED',
      error: 'HTTP 410',
      disableEndpoint: 'The endpoint answered 410 Gone',
    });
  });

  it.each([429, 503])('%i with Retry-After waits at least that long', (code) => {
    expect(judge(answer(code, { retryAfter: '120' }), 1, SCHEDULE, 0.1, NOW, noJitter)).toMatchObject({
      delayMs: 120_000,
    });
    // A Retry-After shorter than the schedule does not hurry the retry.
    expect(judge(answer(code, { retryAfter: '1' }), 2, SCHEDULE, 0.1, NOW, noJitter)).toMatchObject({
      delayMs: 300_000,
    });
    const date = new Date(NOW + 600_000).toUTCString();
    expect(judge(answer(code, { retryAfter: date }), 1, SCHEDULE, 0.1, NOW, noJitter)).toMatchObject({
      delayMs: 600_000,
    });
    // Capped at 24 hours.
    expect(judge(answer(code, { retryAfter: '9999999' }), 1, SCHEDULE, 0.1, NOW, noJitter)).toMatchObject({
      delayMs: 86_400_000,
    });
  });

  it('a Retry-After on another status is ignored', () => {
    expect(judge(answer(500, { retryAfter: '120' }), 1, SCHEDULE, 0, NOW)).toMatchObject({ delayMs: 5000 });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});
