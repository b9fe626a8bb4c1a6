import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { InvoiceImportService } from '../invoice-import/invoice-import.service.js';
import { ReceivingService } from '../receiving/receiving.service.js';
import type { TicketView } from '../tickets/ticket.views.js';
import { TicketQueriesService } from '../tickets/ticket-queries.service.js';
import { TicketSubmissionService } from '../tickets/ticket-submission.service.js';
import { TicketTransitionsService } from '../tickets/ticket-transitions.service.js';
import { CallbacksService } from '../webhooks/callbacks.service.js';
import { sign } from '../webhooks/signature.js';
import type { InboundEvent } from '../webhooks/webhooks.constants.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { DEMO_PRODUCTS } from './demo-data.js';

import { DAY, PEOPLE, SWEEP_DAYS, type Person } from './desk-builders.js';
import { stories } from './desk-stories.js';

/**
 * Fills an empty desk with the demo's tickets through the services the API uses, each step at its
 * moment on the Clock (put back afterwards), so timelines, SLAs, e-mails and webhooks are real. Returns
 * false, adding nothing, when the database has any ticket: one in use is never added to.
 */
export async function seedDemoDesk(app: INestApplication, now = new Date()): Promise<boolean> {
  const submission = app.get(TicketSubmissionService);
  const transitions = app.get(TicketTransitionsService);
  const clock = app.get(Clock);
  const people = await principals(app.get(AuthRepository));
  if (Object.keys(await app.get(TicketQueriesService).counts(people.dana)).length > 0) return false;

  await importSales(app.get(InvoiceImportService), now);
  const callbacks = app.get(CallbacksService);
  const receiving = app.get(ReceivingService);
  // DapuStor's callbacks are signed with an inbound secret that only the desk has seen; staff rotate it to use their own.
  const { secret } = await app.get(WebhooksService).rotateInboundSecret('dapustor');

  const all = stories(now);
  const views: Array<TicketView | null> = all.map(() => null);
  type Job = { day: number; run: () => Promise<unknown> };
  const jobs: Job[] = [];
  all.forEach((story, i) => {
    jobs.push({
      day: story.day,
      run: async () => (views[i] = await submission.create(people[story.by], story.ticket)),
    });
    let last = story.day;
    for (const [k, step] of (story.steps ?? []).entries()) {
      if (step.day >= last)
        throw new Error(`demo desk: story ${i} step ${k} is not later than the one before`);
      last = step.day;
      jobs.push({
        day: step.day,
        run: async () => {
          const view = views[i]!;
          if ('act' in step) views[i] = await transitions.act(people[step.by], view.id, step.act);
          else if ('receive' in step)
            views[i] = await receiving.receive(people[step.by], {
              rmaNumber: view.rma!.number,
              serialNumber: view.product.serialNumber ?? undefined,
            });
          else
            await callback(callbacks, clock, secret, `msg_demo_${i}_${k}`, step.vendor, view.id, step.data);
        },
      });
    }
  });
  for (const day of SWEEP_DAYS) jobs.push({ day, run: () => transitions.expireOverdue() });
  // Oldest first, so RMA numbers, e-mails and webhooks come in the order they would have.
  jobs.sort((a, b) => b.day - a.day);
  for (const job of jobs) await clock.at(new Date(now.getTime() - job.day * DAY), job.run);
  return true;
}

async function principals(auth: AuthRepository): Promise<Record<Person, Principal>> {
  const out = {} as Record<Person, Principal>;
  for (const [who, email] of Object.entries(PEOPLE) as Array<[Person, string]>) {
    const user = await auth.findLoginCandidate(email);
    if (!user) throw new Error(`demo desk: the demo user ${email} is missing`);
    out[who] = { kind: 'user', id: user.id, role: user.role, tenantId: user.tenantId, label: user.name };
  }
  return out;
}

/** A manufacturer's callback as it arrives over HTTP: signed now (by the Clock), then checked and applied. */
async function callback(
  callbacks: CallbacksService,
  clock: Clock,
  secret: string,
  id: string,
  type: InboundEvent,
  ticketId: string,
  data: Record<string, string> = {},
): Promise<void> {
  const body = { type, data: { ticketId, ...data } };
  const raw = Buffer.from(JSON.stringify(body));
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  await callbacks.receive(
    'dapustor',
    { id, timestamp: String(timestamp), signature: sign(secret, id, timestamp, raw) },
    raw,
    body,
  );
}

/**
 * The year's other sales, without serials, imported as staff import the distributor's invoice export:
 * the dashboard's defect rates count the desk's defects against what was sold, not against the few
 * serial-numbered lines of the demo data.
 */
async function importSales(invoices: InvoiceImportService, now: Date): Promise<void> {
  const rows = ['reseller;invoice;date;sku;unit price;currency'];
  for (const [reseller, prefix] of [
    ['alpha-it', 'A'],
    ['beta-net', 'B'],
  ] as const) {
    for (let k = 0; k < 30; k++) {
      const day = new Date(now.getTime() - (15 + 12 * k) * DAY).toISOString().slice(0, 10);
      for (const p of DEMO_PRODUCTS) {
        rows.push(`${reseller};INV-${prefix}-${2000 + k};${day};${p.sku};${(p.price / 100).toFixed(2)};EUR`);
      }
    }
  }
  const bytes = Buffer.from(`${rows.join('\n')}\n`);
  const dir = await mkdtemp(join(tmpdir(), 'rma-demo-desk-'));
  const path = join(dir, 'sales.csv');
  try {
    await writeFile(path, bytes);
    const result = await invoices.import({
      field: 'file',
      originalName: 'sales.csv',
      claimedType: 'text/csv',
      path,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      head: bytes.subarray(0, 4100),
      text: true,
    });
    if (result.errors.length) throw new Error(`demo desk: sales refused: ${JSON.stringify(result.errors)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
