/**
 * Configuration, read and validated once at boot. Nothing else reads `process.env`.
 * A bad value stops the start with a message naming the variable.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** Owner connection: runs migrations. Unset: embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Optional runtime connection as the non-owner role; unset: the owner connection with `SET ROLE rma_app`. */
  databaseAppUrl: string | null;
  dbPoolSize: number;
  dataDir: string;
  embeddedDbPort: number;
  redisUrl: string | null;
  /** Bull key prefix, so several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  loginRateLimit: { limit: number; windowSeconds: number };
  seedDemo: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  expirySweepSeconds: number;
  idempotencyTtlHours: number;
  adminDistDir: string | null;
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | null => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? null : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = str(name);
    if (raw === null) return null;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got "${u.protocol}")`);
        return null;
      }
      return raw;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return null;
    }
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === null) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const nodeEnv = str('NODE_ENV') ?? 'development';
  let jwtSecret = str('JWT_SECRET');
  if (jwtSecret === null) {
    if (nodeEnv === 'production') problems.push('JWT_SECRET is required when NODE_ENV=production');
    jwtSecret = 'dev-only-secret-change-me-0123456789abcdef';
  } else if (jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  const logLevel = (str('LOG_LEVEL') ?? 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of debug, info, warn, error, silent (got "${logLevel}")`);
  }
  const port = int('PORT', 3000, 0, 65535);
  const config: AppConfig = {
    port,
    host: str('HOST') ?? '0.0.0.0',
    databaseUrl,
    databaseAppUrl: url('DATABASE_APP_URL', ['postgres:', 'postgresql:']),
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 200),
    dataDir: str('DATA_DIR') ?? '.data',
    embeddedDbPort: int('EMBEDDED_DB_PORT', 0, 0, 65535),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    queuePrefix: str('QUEUE_PREFIX') ?? 'rma',
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    loginRateLimit: {
      limit: int('LOGIN_RATE_LIMIT', 10, 1, 10_000),
      windowSeconds: int('LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86_400),
    },
    seedDemo: bool('SEED_DEMO', databaseUrl === null),
    logLevel,
    expirySweepSeconds: int('EXPIRY_SWEEP_SECONDS', 3600, 1, 86_400),
    idempotencyTtlHours: int('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    adminDistDir: str('ADMIN_DIST_DIR'),
    publicUrl: str('PUBLIC_URL') ?? `http://localhost:${port}`,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
