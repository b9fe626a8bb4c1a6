/** The webhook delivery service built over recording fakes, for its unit spec (src/webhooks/delivery.service.spec.ts). */
import { fakeDatabase, FixedClock } from './unit.js';
import { deliveryRow, endpointRow, ROWS_AT as NOW } from './webhooks.js';
import type { AttachmentLinks } from '../../src/attachments/attachment-links.js';
import type { AppConfig } from '../../src/config/config.js';
import type { MailOutbox } from '../../src/mail/mail-outbox.service.js';
import type { WebhookFailingFacts } from '../../src/mail/mail-templates.js';
import type { ManufacturersService } from '../../src/manufacturers/manufacturers.service.js';
import type { Metrics } from '../../src/metrics/metrics.service.js';
import { WebhookDeliveryService } from '../../src/webhooks/delivery.service.js';
import { HttpSender, type SendOptions } from '../../src/webhooks/http-sender.js';
import type { AttemptResult } from '../../src/webhooks/schedule.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  DeliveryOutcome,
  WebhookDeliveriesRepository,
} from '../../src/webhooks/webhook-deliveries.repository.js';
import type {
  EndpointRow,
  WebhookEndpointsRepository,
} from '../../src/webhooks/webhook-endpoints.repository.js';
import { WebhookSecrets } from '../../src/webhooks/webhook-secrets.js';

export const SECONDS = NOW.getTime() / 1000;
export const SCHEDULE = [0, 5_000, 300_000];
export const DISABLE_AFTER_MS = 5 * 86_400_000;

export const delivery = deliveryRow;
export const ID = deliveryRow().id;
export const endpoint = endpointRow;

export const answer = (statusCode: number | null, over: Partial<AttemptResult> = {}): AttemptResult => ({
  statusCode,
  retryAfter: null,
  location: null,
  latencyMs: 42,
  responseBody: statusCode === null ? null : 'ok',
  error: statusCode === null ? 'connection refused' : null,
  ...over,
});

export interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
  opts: SendOptions;
}

/**
 * The delivery service over fakes that record what it asks: the claim answers `claim`, the HTTP
 * sender answers `reply` (or a real HttpSender when `http` is given), the endpoint's failing streak
 * disables it when `streakDisables`.
 */
export function sut(
  o: {
    claim?: ClaimedDelivery | null;
    reply?: AttemptResult;
    streakDisables?: boolean;
    secretsKey?: Buffer;
    http?: HttpSender;
    endpointOrDefault?: EndpointRow | null;
  } = {},
) {
  const calls = {
    sent: [] as Sent[],
    recorded: [] as Array<{ attempt: AttemptRecord; outcome: DeliveryOutcome }>,
    loggedAttempts: [] as AttemptRecord[],
    failedWithoutAttempt: [] as Array<{ id: string; attempt: number; error: string }>,
    failedPending: [] as Array<{ manufacturerId: string; error: string }>,
    succeeded: [] as string[],
    failed: [] as Array<{ id: string; disableAfterMs: number }>,
    disabled: [] as Array<{ id: string; reason: string }>,
    mails: [] as Array<WebhookFailingFacts & { manufacturerId: string }>,
    ended: [] as string[],
  };
  const claim =
    o.claim === undefined ? { delivery: delivery(), interrupted: false, endpoint: endpoint() } : o.claim;
  const deliveries = {
    claim: async () => claim,
    insertAttempt: async (a: AttemptRecord) => void calls.loggedAttempts.push(a),
    failWithoutAttempt: async (id: string, attempt: number, error: string) =>
      void calls.failedWithoutAttempt.push({ id, attempt, error }),
    recordAttempt: async (attempt: AttemptRecord, outcome: DeliveryOutcome) => {
      calls.recorded.push({ attempt, outcome });
      return true;
    },
    failPending: async (manufacturerId: string, error: string) => {
      calls.failedPending.push({ manufacturerId, error });
      return 2;
    },
  } as unknown as WebhookDeliveriesRepository;
  const endpoints = {
    byManufacturerOrDefault: async () => o.endpointOrDefault ?? null,
    succeeded: async (id: string) => void calls.succeeded.push(id),
    failed: async (id: string, disableAfterMs: number) => {
      calls.failed.push({ id, disableAfterMs });
      return o.streakDisables ?? false;
    },
    disable: async (id: string, reason: string) => {
      calls.disabled.push({ id, reason });
      return true;
    },
  } as unknown as WebhookEndpointsRepository;
  const config = {
    publicUrl: 'https://rma.example/',
    secretsKeys: o.secretsKey ? { current: o.secretsKey, previous: [] } : null,
    webhooks: {
      lockMs: 30_000,
      timeoutMs: 10_000,
      allowLoopback: false,
      allowPrivate: false,
      retryScheduleMs: SCHEDULE,
      jitter: 0,
      disableAfterMs: DISABLE_AFTER_MS,
      concurrency: 2,
    },
  } as unknown as AppConfig;
  const http =
    o.http ??
    ({
      post: async (url: string, headers: Record<string, string>, body: string, opts: SendOptions) => {
        calls.sent.push({ url, headers, body, opts });
        return o.reply ?? answer(200);
      },
    } as unknown as HttpSender);
  const mail = {
    webhookFailing: async (f: WebhookFailingFacts & { manufacturerId: string }) => void calls.mails.push(f),
  } as unknown as MailOutbox;
  const manufacturers = {
    byId: async (id: string) => ({ id, name: 'DapuStor' }),
  } as unknown as ManufacturersService;
  const links = {
    refresh: (l: Array<{ url: string }>) => l.map((x) => ({ ...x, url: `${x.url}?fresh` })),
  } as unknown as AttachmentLinks;
  const metrics = { webhookDeliveryEnded: (r: string) => void calls.ended.push(r) } as unknown as Metrics;
  const db = fakeDatabase();
  const secrets = new WebhookSecrets(db, endpoints, config);
  const service = new WebhookDeliveryService(
    db,
    deliveries,
    endpoints,
    config,
    mail,
    manufacturers,
    links,
    secrets,
    metrics,
    http,
    new FixedClock(NOW),
  );
  return { service, calls, secrets, db };
}
