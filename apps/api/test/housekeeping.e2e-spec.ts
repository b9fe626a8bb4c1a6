import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { HousekeepingService } from '../src/maintenance/housekeeping.service.js';
import { newMessageId } from '../src/webhooks/signature.js';
import {
  EXPIRE_RMAS_JOB,
  FOLD_COUNTS_JOB,
  FOLD_COUNTS_SECONDS,
  HOUSEKEEPING_JOB,
  MAINTENANCE_QUEUE,
} from '../src/maintenance/maintenance.constants.js';
import { grandstreamDefect, RESELLER_A, startHarness, type Harness } from './harness.js';

/** Every file under a folder, recursively, relative to it. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), root) : [relative(root, join(dir, e.name))],
  );
}

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 3600_000);

/**
 * Housekeeping: settled e-mails past the retention go, nothing still to be sent does; stored files no
 * attachment row names go once they are old, as do uploads a stopped process left in the spool.
 */
describe('housekeeping (e2e)', () => {
  let h: Harness;

  beforeAll(async () => {
    // No webhook worker: the deliveries written below stay as they are written.
    h = await startHarness({ OUTBOX_RETENTION_DAYS: '30', WEBHOOK_WORKER: 'false' });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
    rmSync(h.config.attachments.dir, { recursive: true, force: true });
    mkdirSync(h.config.attachments.dir);
  });

  const run = () => h.app.get(HousekeepingService).run();

  it('removes settled e-mails untouched for longer than the retention and keeps every other one', async () => {
    // [label, status, created days ago, updated days ago]
    const messages: Array<[string, string, number, number]> = [
      ['old sent', 'SENT', 40, 40],
      ['old kept without SMTP', 'HELD', 40, 40],
      ['old failed', 'FAILED', 31, 31],
      ['old but waiting for its next attempt', 'PENDING', 40, 40],
      ['old but being sent', 'SENDING', 40, 40],
      ['old but sent again lately', 'SENT', 40, 2],
      ['sent within the retention', 'SENT', 29, 29],
    ];
    await h.target.asOwner(async (owner) => {
      for (const [label, status, created, updated] of messages) {
        await owner.query(
          `INSERT INTO mail_outbox (kind, recipients, subject, body, status, next_attempt_at, lease_until, created_at, updated_at)
           VALUES ('TICKET_SUBMITTED', ARRAY['it@cafe.example'], $1, 'body', $2::varchar,
                   CASE WHEN $2::varchar = 'PENDING' THEN now() END, CASE WHEN $2::varchar = 'SENDING' THEN now() END,
                   now() - make_interval(days => $3), now() - make_interval(days => $4))`,
          [label, status, created, updated],
        );
      }
    });

    expect(await run()).toEqual({ mailPurged: 3, deliveriesPurged: 0, orphanedFiles: 0, spooledFiles: 0 });

    const left: Array<{ subject: string }> = await h.target.asOwner((owner) =>
      owner.query(`SELECT subject FROM mail_outbox ORDER BY subject`),
    );
    expect(left.map((m) => m.subject)).toEqual([
      'old but being sent',
      'old but sent again lately',
      'old but waiting for its next attempt',
      'sent within the retention',
    ]);
    // Nothing more to do the second time.
    expect((await run()).mailPurged).toBe(0);
  });

  it('keeps a message sent again while the purge waits for it', async () => {
    const [old]: Array<{ id: string }> = await h.target.asOwner((owner) =>
      owner.query(
        `INSERT INTO mail_outbox (kind, recipients, subject, body, status, created_at, updated_at)
         VALUES ('TICKET_SUBMITTED', ARRAY['it@cafe.example'], 'old', 'body', 'SENT', now() - interval '40 days', now() - interval '40 days')
         RETURNING id`,
      ),
    );
    let purge: ReturnType<typeof run> | undefined;
    await h.target.asOwner((owner) =>
      owner.transaction(async (m) => {
        // Staff send it again; before that commits, the purge has found it old and settled.
        await m.query(
          `UPDATE mail_outbox SET status = 'PENDING', next_attempt_at = now(), updated_at = now() WHERE id = $1`,
          [old!.id],
        );
        purge = run();
        await new Promise((r) => setTimeout(r, 500));
      }),
    );
    expect((await purge!).mailPurged).toBe(0);
    expect(await h.count('mail_outbox')).toBe(1);
  });

  it('removes settled webhook deliveries past the retention with their attempts; a forwarded ticket keeps its rma.forwarded until it is final', async () => {
    const token = await h.login(RESELLER_A);
    const draft = async () =>
      (
        await request(h.http)
          .post('/api/v1/tickets')
          .set('Authorization', `Bearer ${token}`)
          .send(grandstreamDefect())
          .expect(201)
      ).body as { id: string; tenantId: string };
    const open = await draft();
    const closed = await draft();
    const day = 86_400_000;
    // [label, ticket, event, status, made days ago, changed days ago]
    const deliveries: Array<[string, string, string, string, number, number]> = [
      ['old succeeded', open.id, 'rma.cancelled', 'SUCCEEDED', 40, 40],
      ['old failed', open.id, 'rma.cancelled', 'FAILED', 40, 31],
      ['old but pending', open.id, 'rma.cancelled', 'PENDING', 40, 40],
      ['old but redelivered lately', open.id, 'rma.cancelled', 'SUCCEEDED', 40, 1],
      ['recent', open.id, 'rma.cancelled', 'SUCCEEDED', 5, 5],
      ['forwarded, ticket still open', open.id, 'rma.forwarded', 'SUCCEEDED', 40, 40],
      ['forwarded, ticket cancelled', closed.id, 'rma.forwarded', 'SUCCEEDED', 40, 40],
    ];
    await h.target.asOwner(async (owner) => {
      await owner.query(`UPDATE tickets SET status = 'CANCELLED' WHERE id = $1`, [closed.id]);
      const [mf]: Array<{ id: string }> = await owner.query(
        `SELECT id FROM manufacturers WHERE slug = 'grandstream'`,
      );
      for (const [label, ticket, event, status, made, changed] of deliveries) {
        const id = newMessageId(Date.now() - made * day);
        await owner.query(
          `INSERT INTO webhook_deliveries (id, tenant_id, manufacturer_id, ticket_id, event_type, payload, status,
                                           next_attempt_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::varchar, CASE WHEN $7::varchar = 'PENDING' THEN now() END,
                   now() - make_interval(days => $8), now() - make_interval(days => $9))`,
          [id, open.tenantId, mf!.id, ticket, event, JSON.stringify({ label }), status, made, changed],
        );
        await owner.query(
          `INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, attempted_at, url, status_code, latency_ms)
           VALUES ($1, $2, 1, now(), 'https://vendor.example/hook', 200, 12)`,
          [open.tenantId, id],
        );
      }
    });

    expect((await run()).deliveriesPurged).toBe(3);
    const left: Array<{ label: string }> = await h.target.asOwner((o) =>
      o.query(`SELECT payload->>'label' AS label FROM webhook_deliveries ORDER BY 1`),
    );
    expect(left.map((d) => d.label)).toEqual([
      'forwarded, ticket still open',
      'old but pending',
      'old but redelivered lately',
      'recent',
    ]);
    expect(await h.count('webhook_delivery_attempts')).toBe(4);
  });

  it('removes old stored files without a row and abandoned spooled uploads, never an attachment or a recent file', async () => {
    const token = await h.login(RESELLER_A);
    const draft = await request(h.http)
      .post('/api/v1/tickets')
      .set('Authorization', `Bearer ${token}`)
      .send(grandstreamDefect())
      .expect(201);
    const ticketId = draft.body.id as string;
    const tenantId = draft.body.tenantId as string;
    const upload = await request(h.http)
      .post(`/api/v1/tickets/${ticketId}/attachments`)
      .set('Authorization', `Bearer ${token}`)
      .field('kind', 'LOG')
      .attach('file', Buffer.from('boot loop at 00:12\n'), 'syslog.txt')
      .expect(201);
    const attachmentId = upload.body[0].id as string;

    const dir = h.config.attachments.dir;
    const at = (...parts: string[]) => join(dir, ...parts);
    const put = (path: string, mtime: Date | null) => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'bytes');
      if (mtime) utimesSync(path, mtime, mtime);
    };
    const oldOrphan = join(tenantId, ticketId, randomUUID());
    const recentOrphan = join(tenantId, ticketId, randomUUID());
    const orphanOfGoneTicket = join(randomUUID(), randomUUID(), randomUUID());
    const oldSpool = join('.spool', randomUUID());
    const recentSpool = join('.spool', randomUUID());
    put(at(oldOrphan), TWO_HOURS_AGO);
    put(at(orphanOfGoneTicket), TWO_HOURS_AGO);
    put(at(recentOrphan), null);
    put(at(oldSpool), TWO_HOURS_AGO);
    put(at(recentSpool), null);
    put(at('README.txt'), TWO_HOURS_AGO); // not a key: not the store's to judge
    // The real attachment is as old as the orphans: its row keeps it.
    const attached = join(tenantId, ticketId, attachmentId);
    utimesSync(at(attached), TWO_HOURS_AGO, TWO_HOURS_AGO);

    expect(await run()).toEqual({ mailPurged: 0, deliveriesPurged: 0, orphanedFiles: 2, spooledFiles: 1 });
    expect(filesUnder(dir).sort()).toEqual([attached, recentSpool, recentOrphan, 'README.txt'].sort());
    // The attachment still downloads.
    const file = await request(h.http)
      .get(`/api/v1/tickets/${ticketId}/attachments/${attachmentId}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(file.text).toBe('boot loop at 00:12\n');
  });

  (process.env.REDIS_URL ? it : it.skip)(
    'schedules housekeeping beside the expiry sweep and the count fold as repeatable Bull jobs',
    async () => {
      const queue = h.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE), { strict: false });
      const jobs = await queue.getRepeatableJobs();
      expect(jobs.map((j) => [j.name, j.every]).sort()).toEqual([
        [EXPIRE_RMAS_JOB, h.config.expirySweepSeconds * 1000],
        [FOLD_COUNTS_JOB, FOLD_COUNTS_SECONDS * 1000],
        [HOUSEKEEPING_JOB, h.config.housekeepingSeconds * 1000],
      ]);
    },
  );
});
