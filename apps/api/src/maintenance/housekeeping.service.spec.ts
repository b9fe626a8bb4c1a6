import type { AttachmentJanitor } from '../attachments/attachment-janitor.js';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../database/database.service.js';
import type { MailRepository } from '../mail/mail.repository.js';
import type { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository.js';
import { FILE_GRACE_MS, HousekeepingService } from './housekeeping.service.js';

describe('housekeeping service', () => {
  const clock = new Clock();
  const db = { run: (_scope: unknown, work: () => unknown) => work() };

  function sut(retentionDays: number, purgeAnswers: number[]) {
    const purges: Array<{ before: Date; limit: number }> = [];
    const sweeps: Date[] = [];
    const purgeSettled = (before: Date, limit: number) => {
      purges.push({ before, limit });
      return Promise.resolve(purgeAnswers.shift() ?? 0);
    };
    const sweep = (before: Date) => {
      sweeps.push(before);
      return Promise.resolve({ orphanedFiles: 1, spooledFiles: 0 });
    };
    const service = new HousekeepingService(
      { outboxRetentionDays: retentionDays } as AppConfig,
      clock,
      db as unknown as Database,
      { purgeSettled } as unknown as MailRepository,
      { purgeSettled: () => Promise.resolve(3) } as unknown as WebhookDeliveriesRepository,
      { sweep } as unknown as AttachmentJanitor,
    );
    return { service, purges, sweeps };
  }

  it('removes settled mail in batches of 1,000 until a batch comes back short, all older than the retention', async () => {
    const { service, purges } = sut(30, [1000, 1000, 7]);
    const before = Date.now();
    expect(await service.run()).toEqual({
      mailPurged: 2007,
      deliveriesPurged: 3,
      orphanedFiles: 1,
      spooledFiles: 0,
    });
    expect(purges).toHaveLength(3);
    const cutoff = purges[0]!.before.getTime();
    expect(cutoff).toBeGreaterThanOrEqual(before - 30 * 86_400_000);
    expect(cutoff).toBeLessThanOrEqual(Date.now() - 30 * 86_400_000);
    expect(purges.map((p) => p.limit)).toEqual([1000, 1000, 1000]);
  });

  it('keeps every message when the retention is 0, and still sweeps files older than the grace', async () => {
    const { service, purges, sweeps } = sut(0, [5]);
    expect(await service.run()).toMatchObject({ mailPurged: 0, deliveriesPurged: 0 });
    expect(purges).toEqual([]);
    expect(sweeps).toHaveLength(1);
    const cutoff = sweeps[0]!.getTime();
    expect(Math.abs(cutoff - (Date.now() - FILE_GRACE_MS))).toBeLessThan(5000);
  });
});
