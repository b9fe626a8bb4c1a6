import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ROWS_AT as NOW } from '../../test/support/webhooks.js';
import { SecretBox } from '../common/secret-box.js';
import type { AppConfig } from '../config/config.js';
import { signingSecrets } from './delivery.service.js';
import { HttpSender } from './http-sender.js';
import { verify } from './signature.js';
import type { AttemptRecord, DeliveryOutcome } from './webhook-deliveries.repository.js';
import {
  answer,
  delivery,
  DISABLE_AFTER_MS,
  endpoint,
  ID,
  SECONDS,
  sut,
} from '../../test/support/delivery.js';

describe('webhook delivery service', () => {
  beforeAll(() => Logger.overrideLogger(false)); // failures are logged as warnings; expected here

  describe('signing', () => {
    it('POSTs the stored payload with the Standard Webhooks headers, signed with the endpoint secret at the clock time', async () => {
      const { service, calls } = sut();
      expect(await service.deliver(ID)).toBe('SUCCEEDED');
      expect(calls.sent).toHaveLength(1);
      const [sent] = calls.sent;
      expect(sent!.url).toBe('https://vendor.example/hooks');
      expect(JSON.parse(sent!.body)).toEqual(delivery().payload);
      expect(sent!.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'rma-platform-webhooks/1',
        'webhook-id': ID,
        'webhook-timestamp': String(SECONDS),
      });
      const signed = {
        id: sent!.headers['webhook-id'],
        timestamp: sent!.headers['webhook-timestamp'],
        signature: sent!.headers['webhook-signature'],
      };
      const body = Buffer.from(sent!.body);
      expect(verify(['whsec_current'], signed, body, SECONDS)).toBeNull();
      expect(verify(['whsec_other'], signed, body, SECONDS)).toBe('NO_MATCH');
      // The address policy and the timeout are the configured ones.
      expect(sent!.opts).toEqual({
        timeoutMs: 10_000,
        policy: { allowLoopback: false, allowPrivate: false },
      });
    });

    it('signs with the rotated-out secret too while its grace lasts, and only then', async () => {
      const graced = endpoint({
        previousSecret: 'whsec_old',
        previousSecretExpiresAt: new Date(NOW.getTime() + 60_000),
      });
      const { service, calls } = sut({
        claim: { delivery: delivery(), interrupted: false, endpoint: graced },
      });
      await service.deliver(ID);
      const signature = calls.sent[0]!.headers['webhook-signature']!;
      expect(signature.split(' ')).toHaveLength(2);
      const headers = { ...calls.sent[0]!.headers };
      const signed = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature };
      expect(verify(['whsec_old'], signed, Buffer.from(calls.sent[0]!.body), SECONDS)).toBeNull();

      expect(signingSecrets(graced, new Date(NOW.getTime() + 60_001))).toEqual(['whsec_current']);
    });

    it('signs the attachment links again as it sends them', async () => {
      const payload = {
        type: 'rma.forwarded',
        version: 1,
        data: {
          ticket: { id: 't-1' },
          attachments: [{ name: 'a.jpg', url: 'https://rma.example/f/1', expiresAt: 'x' }],
        },
      };
      const { service, calls } = sut({
        claim: { delivery: delivery({ payload }), interrupted: false, endpoint: endpoint() },
      });
      await service.deliver(ID);
      expect(JSON.parse(calls.sent[0]!.body).data.attachments[0].url).toBe('https://rma.example/f/1?fresh');
    });

    it("signs every item's attachment links again in a version 2 message", async () => {
      const link = (n: number) => ({ name: `${n}.jpg`, url: `https://rma.example/f/${n}`, expiresAt: 'x' });
      const payload = {
        type: 'rma.forwarded',
        version: 2,
        data: {
          return: { id: 'r-1', resellerReference: null },
          items: [
            { ticket: { id: 't-1' }, attachments: [link(1), link(2)] },
            { ticket: { id: 't-2' }, attachments: [] },
            { ticket: { id: 't-3' }, attachments: [link(3)] },
          ],
          callbackUrl: 'https://rma.example/cb',
        },
      };
      const { service, calls } = sut({
        claim: { delivery: delivery({ payload }), interrupted: false, endpoint: endpoint() },
      });
      await service.deliver(ID);
      const sent = JSON.parse(calls.sent[0]!.body);
      expect(
        sent.data.items.map((i: { attachments: Array<{ url: string }> }) => i.attachments.map((a) => a.url)),
      ).toEqual([
        ['https://rma.example/f/1?fresh', 'https://rma.example/f/2?fresh'],
        [],
        ['https://rma.example/f/3?fresh'],
      ]);
      expect(sent.data.return).toEqual({ id: 'r-1', resellerReference: null });
    });
  });

  describe('settling an attempt', () => {
    it('records a success with its answer, and ends a failing streak', async () => {
      const failing = endpoint({ failingSince: new Date(NOW.getTime() - 3_600_000) });
      const { service, calls } = sut({
        claim: { delivery: delivery(), interrupted: false, endpoint: failing },
      });
      expect(await service.deliver(ID)).toBe('SUCCEEDED');
      expect(calls.recorded).toEqual([
        {
          attempt: {
            deliveryId: ID,
            tenantId: 'tenant-1',
            attempt: 1,
            attemptedAt: NOW,
            url: 'https://vendor.example/hooks',
            statusCode: 200,
            latencyMs: 42,
            responseBody: 'ok',
            error: null,
          },
          outcome: { status: 'SUCCEEDED' },
        },
      ]);
      expect(calls.succeeded).toEqual(['e-1']);
      expect(calls.mails).toEqual([]);
      expect(calls.ended).toEqual(['SUCCEEDED']);
    });

    it('leaves a healthy endpoint alone after a success', async () => {
      const { service, calls } = sut();
      await service.deliver(ID);
      expect(calls.succeeded).toEqual([]);
      expect(calls.failed).toEqual([]);
    });

    it.each([
      ['after the first attempt', 1, 0, 5_000],
      ['after the second attempt', 2, 0, 300_000],
      ['after a redelivery restarted the schedule', 4, 3, 5_000],
    ])('retries %s with the schedule’s next delay', async (_, attempts, scheduleOffset, delayMs) => {
      const { service, calls } = sut({
        claim: { delivery: delivery({ attempts, scheduleOffset }), interrupted: false, endpoint: endpoint() },
        reply: answer(500),
      });
      expect(await service.deliver(ID)).toBe('RETRY');
      expect(calls.recorded[0]!.outcome).toEqual({ status: 'PENDING', delayMs, error: 'HTTP 500' });
      expect(calls.recorded[0]!.attempt.attempt).toBe(attempts);
      // The failure starts (or continues) the endpoint's failing streak; nobody is written to yet.
      expect(calls.failed).toEqual([{ id: 'e-1', disableAfterMs: DISABLE_AFTER_MS }]);
      expect(calls.mails).toEqual([]);
      expect(calls.ended).toEqual(['RETRY']);
    });

    it('waits as long as a 429 asks, beyond the schedule’s delay', async () => {
      const { service, calls } = sut({ reply: answer(429, { retryAfter: '120' }) });
      await service.deliver(ID);
      expect(calls.recorded[0]!.outcome).toEqual({ status: 'PENDING', delayMs: 120_000, error: 'HTTP 429' });
    });

    it('gives up once the schedule is spent, and tells staff', async () => {
      const { service, calls } = sut({
        claim: { delivery: delivery({ attempts: 3 }), interrupted: false, endpoint: endpoint() },
        reply: answer(null),
      });
      expect(await service.deliver(ID)).toBe('FAILED');
      const error = 'connection refused; gave up after 3 attempts';
      expect(calls.recorded[0]!.outcome).toEqual({ status: 'FAILED', error });
      expect(calls.mails).toEqual([
        {
          manufacturerId: 'mf-1',
          manufacturerName: 'DapuStor',
          url: 'https://vendor.example/hooks',
          deliveryId: ID,
          ticketId: 't-1',
          attempts: 3,
          error,
          disabledReason: null,
        },
      ]);
      expect(calls.failedPending).toEqual([]);
      expect(calls.ended).toEqual(['FAILED']);
    });

    it('disables the endpoint that answers 410 Gone, fails what waits for it and tells staff', async () => {
      const { service, calls } = sut({ reply: answer(410) });
      expect(await service.deliver(ID)).toBe('FAILED');
      expect(calls.disabled).toEqual([{ id: 'e-1', reason: 'The endpoint answered 410 Gone' }]);
      expect(calls.failedPending).toEqual([
        { manufacturerId: 'mf-1', error: 'The endpoint was disabled: The endpoint answered 410 Gone' },
      ]);
      expect(calls.mails).toHaveLength(1);
      expect(calls.mails[0]).toMatchObject({
        disabledReason: 'The endpoint answered 410 Gone',
        error: 'HTTP 410',
      });
    });

    it('disables an endpoint whose every delivery kept failing, and tells staff even though this one is retried', async () => {
      const { service, calls } = sut({ reply: answer(503), streakDisables: true });
      expect(await service.deliver(ID)).toBe('RETRY');
      const reason = 'every delivery failed for 120 hours';
      expect(calls.failedPending).toEqual([
        { manufacturerId: 'mf-1', error: `The endpoint was disabled: ${reason}` },
      ]);
      expect(calls.mails).toHaveLength(1);
      expect(calls.mails[0]).toMatchObject({ disabledReason: reason, error: 'HTTP 503', attempts: 1 });
    });
  });

  describe('what is not sent', () => {
    it('skips a delivery that is not due (the claim found nothing to take)', async () => {
      const { service, calls } = sut({ claim: null });
      expect(await service.deliver(ID)).toBe('SKIPPED');
      expect(calls.sent).toEqual([]);
      expect(calls.ended).toEqual([]);
    });

    it.each([
      ['there is no endpoint', null, 'No webhook endpoint is configured for this manufacturer'],
      [
        'the endpoint is disabled',
        endpoint({ disabledAt: NOW, disabledReason: 'Disabled by staff' }),
        'The endpoint is disabled: Disabled by staff',
      ],
      [
        'the configuration has no address',
        endpoint({ url: null }),
        "The manufacturer's configuration has no webhookUrl to send to",
      ],
    ])('fails without a request when %s', async (_, claimed, error) => {
      const { service, calls } = sut({
        claim: { delivery: delivery({ attempts: 2 }), interrupted: false, endpoint: claimed },
      });
      expect(await service.deliver(ID)).toBe('FAILED');
      expect(calls.sent).toEqual([]);
      expect(calls.failedWithoutAttempt).toEqual([{ id: ID, attempt: 2, error }]);
      expect(calls.recorded).toEqual([]);
      expect(calls.ended).toEqual(['FAILED']);
    });

    it('creates the endpoint from the configuration when the claim found none, and sends to it', async () => {
      const { service, calls } = sut({
        claim: { delivery: delivery(), interrupted: false, endpoint: null },
        endpointOrDefault: endpoint({ url: 'https://vendor.example/new' }),
      });
      expect(await service.deliver(ID)).toBe('SUCCEEDED');
      expect(calls.sent.map((s) => s.url)).toEqual(['https://vendor.example/new']);
    });

    it('never signs with anything but the real secret: one it cannot decrypt fails the delivery unsent', async () => {
      const lostKey = new SecretBox(randomBytes(32)).seal('whsec_x', 'webhook_endpoints/mf-1/outbound');
      const { service, calls } = sut({
        secretsKey: randomBytes(32),
        claim: { delivery: delivery(), interrupted: false, endpoint: endpoint({ secret: lostKey }) },
      });
      expect(await service.deliver(ID)).toBe('FAILED');
      expect(calls.sent).toEqual([]);
      expect(calls.failedWithoutAttempt[0]!.error).toMatch(
        /^The signing secret cannot be decrypted: .*; nothing was sent \(configure the key, or rotate the secret, then redeliver\)$/,
      );
    });

    it('opens a sealed secret to sign with', async () => {
      const key = randomBytes(32);
      const sealed = new SecretBox(key).seal('whsec_sealed', 'webhook_endpoints/mf-1/outbound');
      const { service, calls } = sut({
        secretsKey: key,
        claim: { delivery: delivery(), interrupted: false, endpoint: endpoint({ secret: sealed }) },
      });
      await service.deliver(ID);
      const h = calls.sent[0]!.headers;
      const signed = {
        id: h['webhook-id'],
        timestamp: h['webhook-timestamp'],
        signature: h['webhook-signature'],
      };
      expect(verify(['whsec_sealed'], signed, Buffer.from(calls.sent[0]!.body), SECONDS)).toBeNull();
    });

    it('logs the attempt an earlier worker left unanswered before sending again', async () => {
      const { service, calls } = sut({
        claim: { delivery: delivery({ attempts: 3 }), interrupted: true, endpoint: endpoint() },
      });
      await service.deliver(ID);
      expect(calls.loggedAttempts).toEqual([
        expect.objectContaining({
          attempt: 2,
          url: 'https://vendor.example/hooks',
          statusCode: null,
          error: 'interrupted: the worker stopped before recording an answer; sent again',
        }),
      ]);
      expect(calls.recorded[0]!.attempt.attempt).toBe(3);
    });

    it.each([
      ['a loopback address', 'http://127.0.0.1:9/hooks', /^address refused: .*loopback/],
      ['a private address', 'http://10.1.2.3/hooks', /^address refused: .*private/],
    ])('refuses %s by the address policy, without connecting, and retries', async (_, url, refused) => {
      const config = { webhooks: { concurrency: 1 } } as AppConfig;
      const http = new HttpSender(config);
      try {
        const { service, calls } = sut({
          http,
          claim: { delivery: delivery(), interrupted: false, endpoint: endpoint({ url }) },
        });
        expect(await service.deliver(ID)).toBe('RETRY');
        const [{ attempt, outcome }] = calls.recorded as [
          { attempt: AttemptRecord; outcome: DeliveryOutcome },
        ];
        expect(attempt).toMatchObject({ url, statusCode: null, latencyMs: 0 });
        expect(attempt.error).toMatch(refused);
        expect(outcome).toMatchObject({ status: 'PENDING', delayMs: 5_000 });
      } finally {
        http.onModuleDestroy();
      }
    });
  });

  it('works in the staff scope', async () => {
    const { service, db } = sut();
    await service.deliver(ID);
    expect(db.scopes).toEqual([{ kind: 'all' }, { kind: 'all' }]);
  });
});
