import { ConfigError, loadConfig } from './config.js';

const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const KEY_B64 = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('uses embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeNull();
    expect(c.redisUrl).toBeNull();
    expect(c.port).toBe(3000);
    expect(c.seedDemo).toBe(true);
  });

  it('serves /metrics only with a METRICS_TOKEN of at least 16 characters', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
    expect(() => loadConfig({ METRICS_TOKEN: 'too-short' })).toThrow(
      'METRICS_TOKEN must be at least 16 characters',
    );
  });

  it('sends webhooks on the Standard Webhooks schedule, with loopback targets only for the embedded demo', () => {
    const embedded = loadConfig({}).webhooks;
    expect(embedded.retryScheduleMs).toEqual([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 504e5, 72e6, 864e5]);
    expect(embedded).toMatchObject({
      timeoutMs: 15_000,
      lockMs: 30_000,
      allowLoopback: true,
      allowPrivate: false,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }).webhooks.allowLoopback).toBe(false);
  });

  it('reads SECRETS_KEY and SECRETS_KEY_PREVIOUS as 32-byte keys (hex or base64); none by default', () => {
    expect(loadConfig({}).secretsKeys).toBeNull();
    const keys = loadConfig({
      SECRETS_KEY: KEY_HEX,
      SECRETS_KEY_PREVIOUS: ` ${KEY_B64} , ${KEY_HEX}`, // the current key again is dropped
    }).secretsKeys!;
    expect(keys.current).toEqual(Buffer.from(KEY_HEX, 'hex'));
    expect(keys.previous).toEqual([Buffer.alloc(32, 7)]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ WEBHOOK_RETRY_SCHEDULE: '0,5s,soon' }, 'WEBHOOK_RETRY_SCHEDULE'],
    [{ WEBHOOK_TIMEOUT_MS: '30000' }, 'WEBHOOK_LOCK_MS'],
    [{ WEBHOOK_ALLOW_PRIVATE: 'perhaps' }, 'WEBHOOK_ALLOW_PRIVATE'],
    [{ SECRETS_KEY: 'correct horse battery staple' }, 'SECRETS_KEY'],
    [{ SECRETS_KEY: 'ab'.repeat(31) }, 'SECRETS_KEY'],
    [{ SECRETS_KEY: KEY_HEX, SECRETS_KEY_PREVIOUS: `${KEY_B64},short` }, 'SECRETS_KEY_PREVIOUS: entry 2'],
    [{ SECRETS_KEY_PREVIOUS: KEY_HEX }, 'SECRETS_KEY_PREVIOUS'],
  ])('rejects a bad value %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
