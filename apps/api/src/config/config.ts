import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { keyIdOf, parseKey } from '../common/secret-box.js';
import { DEFAULT_RETRY_SCHEDULE, parseSchedule } from '../webhooks/schedule.js';

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
  /** Seconds between housekeeping runs (retention of settled messages, files without a row). */
  housekeepingSeconds: number;
  /** Days a settled e-mail or webhook delivery is kept; 0 keeps them for ever. */
  outboxRetentionDays: number;
  idempotencyTtlHours: number;
  adminDistDir: string | null;
  publicUrl: string;
  /** Mounts the benchmark baseline endpoints (bench/ only). */
  benchBaseline: boolean;
  /** Outbound webhooks to manufacturers and their callbacks (webhooks/). */
  webhooks: WebhookConfig;
  /** E-mail notifications through the mail outbox (mail/). */
  mail: MailConfig;
  /** Files on tickets (attachments/). */
  attachments: AttachmentConfig;
  /** The distributor as printed on RMA forms: the return address when a manufacturer has none. */
  distributor: { name: string; returnAddress: string };
  /** Largest invoice-lines CSV accepted by the import, in bytes. */
  invoiceImportMaxBytes: number;
  /** Encryption at rest of the webhook secrets (common/secret-box.ts); null: stored as plain text. */
  secretsKeys: SecretsKeys | null;
  /** The bearer token GET /metrics asks for; null: /metrics is not served. */
  metricsToken: string | null;
}

/** SECRETS_KEY and SECRETS_KEY_PREVIOUS, 32 bytes each. */
export interface SecretsKeys {
  /** New values are sealed under this one; values under another are sealed again at boot. */
  current: Buffer;
  /** Older keys, still read (a rotation in progress); duplicates of the current one dropped. */
  previous: Buffer[];
}

export interface MailConfig {
  /** smtp:// or smtps:// URL; null keeps every message in the outbox unsent (the embedded default). */
  smtpUrl: string | null;
  from: string;
  /** Staff notifications (a manufacturer webhook that keeps failing); empty: the distributor admins. */
  staffTo: string[];
  /** Delay before each attempt, the first one included; its length is the number of attempts. */
  retryScheduleMs: number[];
  sweepMs: number;
  /** One SMTP conversation's timeout; stays below `lockMs`. */
  timeoutMs: number;
  /** The lease of a message being sent (and its Bull job lock). */
  lockMs: number;
  concurrency: number;
  /** Whether this process sends (Bull processor or in-process worker). */
  worker: boolean;
}

export interface AttachmentConfig {
  /** Local store's folder (DATA_DIR/attachments by default). */
  dir: string;
  maxBytes: number;
  maxPerTicket: number;
  /** HMAC key of the signed download links (derived from JWT_SECRET unless set). */
  linkSecret: string;
  linkTtlSeconds: number;
}

export interface WebhookConfig {
  /** Milliseconds between the dispatcher's sweeps of the database (the safety net under NOTIFY wake-ups). */
  sweepMs: number;
  /** Whole-request timeout of one attempt; stays below `lockMs`. */
  timeoutMs: number;
  /** The Bull job lock and the database lease of an attempt in flight. */
  lockMs: number;
  /** Delay before each attempt, the first one included (Standard Webhooks schedule by default). */
  retryScheduleMs: number[];
  /** Retries are spread by ± this fraction. */
  jitter: number;
  /** Attempts in flight at once in this process. */
  concurrency: number;
  /** Whether this process sends (Bull processor or in-process worker); the dispatcher sweeps either way. */
  worker: boolean;
  allowLoopback: boolean;
  allowPrivate: boolean;
  /** An endpoint whose deliveries all failed for this long is disabled. */
  disableAfterMs: number;
  /** How long a rotated-out secret stays valid. */
  secretGraceMs: number;
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
  const metricsToken = str('METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters');
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
    housekeepingSeconds: int('HOUSEKEEPING_SECONDS', 3600, 60, 7 * 86_400),
    outboxRetentionDays: int('OUTBOX_RETENTION_DAYS', 90, 0, 3650),
    idempotencyTtlHours: int('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    adminDistDir: str('ADMIN_DIST_DIR'),
    publicUrl: str('PUBLIC_URL') ?? `http://localhost:${port}`,
    benchBaseline: bool('BENCH_BASELINE', false),
    webhooks: loadWebhookConfig({ str, int, bool }, problems, databaseUrl === null),
    ...loadPaperworkConfig({ str, int, bool, url }, problems, jwtSecret),
    secretsKeys: loadSecretsKeys(str, problems),
    metricsToken,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function loadWebhookConfig(
  read: {
    str: (name: string) => string | null;
    int: (name: string, fallback: number, min: number, max: number) => number;
    bool: (name: string, fallback: boolean) => boolean;
  },
  problems: string[],
  embedded: boolean,
): WebhookConfig {
  const { str, int, bool } = read;
  const schedule = parseSchedule(str('WEBHOOK_RETRY_SCHEDULE') ?? DEFAULT_RETRY_SCHEDULE);
  if (schedule === null || schedule.length > 50) {
    problems.push('WEBHOOK_RETRY_SCHEDULE must be 1-50 comma-separated durations such as 0,5s,5m,2h');
  }
  const timeoutMs = int('WEBHOOK_TIMEOUT_MS', 15_000, 100, 300_000);
  const lockMs = int('WEBHOOK_LOCK_MS', 30_000, 500, 600_000);
  if (lockMs < timeoutMs + 1000) {
    problems.push(
      `WEBHOOK_LOCK_MS (${lockMs}) must exceed WEBHOOK_TIMEOUT_MS (${timeoutMs}) by at least 1000`,
    );
  }
  return {
    sweepMs: int('WEBHOOK_SWEEP_MS', 1000, 20, 600_000),
    timeoutMs,
    lockMs,
    retryScheduleMs: schedule ?? [0],
    jitter: int('WEBHOOK_RETRY_JITTER_PERCENT', 10, 0, 50) / 100,
    concurrency: int('WEBHOOK_CONCURRENCY', 16, 1, 256),
    worker: bool('WEBHOOK_WORKER', true),
    // The embedded one-command start (the demo) posts to a receiver on this machine.
    allowLoopback: bool('WEBHOOK_ALLOW_LOOPBACK', embedded),
    allowPrivate: bool('WEBHOOK_ALLOW_PRIVATE', false),
    disableAfterMs: int('WEBHOOK_DISABLE_AFTER_HOURS', 120, 1, 24 * 365) * 3_600_000,
    secretGraceMs: int('WEBHOOK_SECRET_GRACE_HOURS', 24, 0, 24 * 30) * 3_600_000,
  };
}

const KEY_FORMAT = '32 bytes written as 64 hex characters or as base64 (openssl rand -base64 32)';

/** SECRETS_KEY (optional) and SECRETS_KEY_PREVIOUS (comma-separated, only beside SECRETS_KEY). */
function loadSecretsKeys(str: (name: string) => string | null, problems: string[]): SecretsKeys | null {
  const currentText = str('SECRETS_KEY');
  const previousText = str('SECRETS_KEY_PREVIOUS');
  const current = currentText === null ? null : parseKey(currentText);
  if (currentText !== null && current === null) problems.push(`SECRETS_KEY must be ${KEY_FORMAT}`);
  const previous: Buffer[] = [];
  if (previousText !== null) {
    if (currentText === null) {
      problems.push(
        'SECRETS_KEY_PREVIOUS is only read beside SECRETS_KEY (the key new values are sealed under)',
      );
    }
    previousText.split(',').forEach((text, i) => {
      const key = parseKey(text);
      if (key === null) {
        problems.push(`SECRETS_KEY_PREVIOUS: entry ${i + 1} must be ${KEY_FORMAT}`);
      } else if (![current, ...previous].some((k) => k?.equals(key))) {
        if ([current, ...previous].some((k) => k && keyIdOf(k) === keyIdOf(key)))
          problems.push(
            `SECRETS_KEY_PREVIOUS: entry ${i + 1} has the fingerprint of another key; make a new key`,
          );
        else previous.push(key);
      }
    });
  }
  return current === null ? null : { current, previous };
}

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

/** Mail, attachments, the distributor's return address and the invoice import (issue 6). */
function loadPaperworkConfig(
  read: {
    str: (name: string) => string | null;
    int: (name: string, fallback: number, min: number, max: number) => number;
    bool: (name: string, fallback: boolean) => boolean;
    url: (name: string, protocols: string[]) => string | null;
  },
  problems: string[],
  jwtSecret: string,
): Pick<AppConfig, 'mail' | 'attachments' | 'distributor' | 'invoiceImportMaxBytes'> {
  const { str, int, bool, url } = read;
  const from = str('MAIL_FROM') ?? 'Distri RMA desk <rma@distri.example>';
  const fromAddress = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!EMAIL.test(fromAddress))
    problems.push(`MAIL_FROM must be an address or "Name <address>" (got "${from}")`);
  const staffTo = (str('MAIL_STAFF_TO') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const a of staffTo) if (!EMAIL.test(a)) problems.push(`MAIL_STAFF_TO: "${a}" is not an address`);
  const schedule = parseSchedule(str('MAIL_RETRY_SCHEDULE') ?? '0,1m,5m,30m,2h,6h,12h,24h');
  if (schedule === null || schedule.length > 50)
    problems.push('MAIL_RETRY_SCHEDULE must be 1-50 comma-separated durations such as 0,1m,5m,1h');
  const timeoutMs = int('MAIL_TIMEOUT_MS', 30_000, 100, 300_000);
  const lockMs = int('MAIL_LOCK_MS', 60_000, 500, 600_000);
  if (lockMs < timeoutMs + 1000)
    problems.push(`MAIL_LOCK_MS (${lockMs}) must exceed MAIL_TIMEOUT_MS (${timeoutMs}) by at least 1000`);
  const linkSecret = str('ATTACHMENT_LINK_SECRET');
  if (linkSecret !== null && linkSecret.length < 32)
    problems.push('ATTACHMENT_LINK_SECRET must be at least 32 characters');
  const dataDir = str('DATA_DIR') ?? '.data';
  return {
    mail: {
      smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
      from,
      staffTo,
      retryScheduleMs: schedule ?? [0],
      sweepMs: int('MAIL_SWEEP_MS', 2000, 20, 600_000),
      timeoutMs,
      lockMs,
      concurrency: int('MAIL_CONCURRENCY', 4, 1, 64),
      worker: bool('MAIL_WORKER', true),
    },
    attachments: {
      dir: str('ATTACHMENTS_DIR') ?? join(dataDir, 'attachments'),
      maxBytes: int('ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024),
      maxPerTicket: int('ATTACHMENTS_PER_TICKET', 10, 1, 100),
      // A key of its own for the links, so a leaked link key cannot sign tokens, and the reverse.
      linkSecret:
        linkSecret ?? createHmac('sha256', jwtSecret).update('rma attachment links v1').digest('hex'),
      linkTtlSeconds: int('ATTACHMENT_LINK_TTL_HOURS', 168, 1, 24 * 30) * 3600,
    },
    distributor: {
      name: str('DISTRIBUTOR_NAME') ?? 'Distri',
      returnAddress: (
        str('DISTRIBUTOR_RETURN_ADDRESS') ??
        'Distri RMA desk\\nCurieweg 15\\n2408 BZ Alphen aan den Rijn\\nNetherlands'
      ).replace(/\\n/g, '\n'),
    },
    invoiceImportMaxBytes: int('INVOICE_IMPORT_MAX_BYTES', 20 * 1024 * 1024, 1, 512 * 1024 * 1024),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
