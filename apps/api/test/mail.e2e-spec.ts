import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TicketTransitionsService } from '../src/tickets/ticket-transitions.service.js';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_A_ADMIN,
  STAFF,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';
import { TestReceiver } from './support/receiver.js';
import { TestSmtpServer, type ReceivedMail } from './support/smtp.js';

/**
 * E-mail notifications against a real SMTP server started here (smtp-server): what each transition
 * sends, to whom, and that a server that is down neither fails the transition nor loses the message.
 * Sent by Bull when REDIS_URL is set, by the in-process worker otherwise.
 */
describe('mail (e2e)', () => {
  let h: Harness;
  const smtp = new TestSmtpServer();
  const receiver = new TestReceiver();
  const api = (path: string) => `/api/v1${path}`;

  beforeAll(async () => {
    await smtp.start();
    await receiver.start();
    h = await startHarness({
      SMTP_URL: smtp.url(),
      MAIL_FROM: 'Distri RMA desk <rma@distri.example>',
      MAIL_SWEEP_MS: '100',
      MAIL_RETRY_SCHEDULE: `0,${Array(30).fill('200ms').join(',')}`,
      MAIL_TIMEOUT_MS: '2000',
      MAIL_LOCK_MS: '4000',
      PUBLIC_URL: 'https://rma.distri.example',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,100ms',
      WEBHOOK_SWEEP_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LOCK_MS: '4000',
    });
  });
  afterAll(async () => {
    await h?.close();
    await smtp.stop();
    await receiver.stop();
  });
  beforeEach(async () => {
    await h.reset();
    if (!smtp.listening) await smtp.start();
    smtp.received.length = 0;
    receiver.clear();
  });

  const as = (email: string) => h.as(email);

  /** The next mail whose subject matches, waiting for it. */
  async function mail(subject: RegExp): Promise<ReceivedMail> {
    await smtp.waitFor(() => smtp.received.some((m) => subject.test(m.subject)), 10_000, `a mail ${subject}`);
    return smtp.received.find((m) => subject.test(m.subject))!;
  }

  async function outbox(query: string) {
    const res = await (await as(STAFF)).get(`/outbox?${query}`).expect(200);
    return res.body.items as Array<{
      id: string;
      kind: string;
      status: string;
      attempts: number;
      lastError: string | null;
      to: string[];
    }>;
  }

  it('tells the reseller at each step: prerequisite, submitted, info requested, approved, received, resolved', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const t = await a
      .post('/tickets', { ...grandstreamDefect(), resellerReference: 'PO-77', submit: true })
      .expect(201);
    expect(t.body.status).toBe('AWAITING_PREREQUISITE');
    const prerequisite = await mail(/support ticket number/);
    expect(prerequisite.to).toEqual([RESELLER_A]);
    expect(prerequisite.from).toBe('rma@distri.example');
    expect(prerequisite.subject).toBe(
      '[Distri RMA] Action needed: support ticket number for your ref. PO-77',
    );
    expect(prerequisite.text).toContain('Open a support ticket at https://helpdesk.grandstream.com/');
    expect(prerequisite.text).toContain(`https://rma.distri.example/tickets/${t.body.id}`);

    await a
      .post(`/tickets/${t.body.id}/transitions`, {
        action: 'PROVIDE_SUPPORT_TICKET',
        supportTicketNumber: 'GS-123456',
      })
      .expect(201);
    const submitted = await mail(/RMA request received/);
    expect(submitted.text).toContain('Status: IN_REVIEW');

    await s
      .post(`/tickets/${t.body.id}/transitions`, {
        action: 'REQUEST_INFO',
        note: 'Which firmware version was installed?',
      })
      .expect(201);
    const info = await mail(/Information requested/);
    expect(info.text).toContain('Which firmware version was installed?');
    await a
      .post(`/tickets/${t.body.id}/transitions`, { action: 'SUPPLY_INFO', note: '1.0.11.3' })
      .expect(201);

    const approved = await s.post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' }).expect(201);
    const rma = approved.body.rma as { number: string; validUntil: string };
    const ok = await mail(/approved/);
    expect(ok.to).toEqual([RESELLER_A]);
    expect(ok.subject).toBe(`[Distri RMA] RMA ${rma.number} approved: ship by ${rma.validUntil}`);
    expect(ok.text).toContain(`RMA number: ${rma.number}`);
    expect(ok.text).toContain(`Valid until: ${rma.validUntil}`);
    expect(ok.text).toContain(`https://rma.distri.example/api/v1/tickets/${t.body.id}/rma-form.pdf`);
    expect(ok.text).toContain('on the outside of the box');
    expect(ok.text).toContain('Café Lumière'); // the body is UTF-8 (quoted-printable on the wire)

    await a
      .post(`/tickets/${t.body.id}/transitions`, { action: 'SHIP', carrier: 'DHL', trackingNumber: 'JD0001' })
      .expect(201);
    await s.post('/receiving', { rmaNumber: rma.number, serialNumber: 'GSA1001' }).expect(200);
    const received = await mail(/received$/);
    expect(received.subject).toBe(`[Distri RMA] RMA ${rma.number} received`);
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'START_INSPECTION' }).expect(201);
    await s.post(`/tickets/${t.body.id}/transitions`, { action: 'RESOLVE', outcome: 'CREDITED' }).expect(201);
    const resolved = await mail(/resolved/);
    expect(resolved.subject).toBe(`[Distri RMA] RMA ${rma.number} resolved: credited`);
    expect(resolved.text).toContain('Credit: EUR 64.90');
    expect(resolved.text).toContain(rma.number);

    // Nothing for the reseller's own actions (supplying info, shipping) or inspection; all sent, once each.
    const sent = await outbox(`ticketId=${t.body.id}`);
    expect(sent.map((m) => m.kind).reverse()).toEqual([
      'AWAITING_PREREQUISITE',
      'SUBMITTED',
      'INFO_REQUESTED',
      'APPROVED',
      'RECEIVED',
      'RESOLVED',
    ]);
    expect(sent.every((m) => m.status === 'SENT' && m.attempts === 1)).toBe(true);
    expect(smtp.received).toHaveLength(6);
  });

  it('still transitions while the SMTP server is down, retries, and delivers once it is back', async () => {
    const a = await as(RESELLER_A);
    const t = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    await mail(/RMA request received/);
    await smtp.stop();
    const approved = await (
      await as(STAFF)
    )
      .post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' })
      .expect(201);
    expect(approved.body.status).toBe('APPROVED');
    // Attempts fail (connection refused) and are retried.
    const deadline = Date.now() + 10_000;
    let pending: Awaited<ReturnType<typeof outbox>>[number] | undefined;
    for (;;) {
      [pending] = await outbox(`ticketId=${t.body.id}&kind=APPROVED`);
      if (pending && pending.attempts >= 2) break;
      if (Date.now() > deadline) throw new Error(`no retry: ${JSON.stringify(pending)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pending.status).toMatch(/^(PENDING|SENDING)$/);
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.received).toHaveLength(1);

    await smtp.start(); // same port
    const ok = await mail(/approved/);
    expect(ok.subject).toContain(approved.body.rma.number);
    const [sent] = await outbox(`ticketId=${t.body.id}&kind=APPROVED`);
    expect(sent).toMatchObject({ status: 'SENT', lastError: null });
    expect(sent!.attempts).toBeGreaterThanOrEqual(3);
    expect(smtp.received.filter((m) => /approved/.test(m.subject))).toHaveLength(1);
  });

  it('sends a message again on staff request: one that failed, one the reseller lost; never one being sent', async () => {
    const a = await as(RESELLER_A);
    const t = await a
      .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    await mail(/RMA request received/);
    const [first] = await outbox(`ticketId=${t.body.id}&kind=SUBMITTED`);
    expect(first).toMatchObject({ status: 'SENT', attempts: 1 });
    // Given up on (as after the retries ran out while the mail server was down).
    await h.target.asOwner((o) =>
      o.query(
        `UPDATE mail_outbox SET status = 'FAILED', last_error = 'gave up', sent_at = NULL WHERE id = $1`,
        [first!.id],
      ),
    );
    smtp.received.length = 0;
    const staff = await as(STAFF);
    const resent = await staff.post(`/outbox/${first!.id}/resend`).expect(200);
    expect(resent.body).toMatchObject({ id: first!.id, status: 'PENDING', attempts: 0, lastError: null });
    await mail(/RMA request received/);
    const deadline = Date.now() + 10_000;
    while ((await outbox(`ticketId=${t.body.id}&kind=SUBMITTED`))[0]!.status !== 'SENT') {
      if (Date.now() > deadline) throw new Error('the resent message was not marked sent');
      await new Promise((r) => setTimeout(r, 50));
    }
    // Sent, and lost by the reseller: once more.
    await staff.post(`/outbox/${first!.id}/resend`).expect(200);
    await smtp.waitFor(() => smtp.received.length === 2, 10_000, 'the second copy');
    // Being sent right now: a conflict, nothing changes.
    await h.target.asOwner((o) =>
      o.query(
        `UPDATE mail_outbox SET status = 'SENDING', lease_until = now() + interval '1 minute' WHERE id = $1`,
        [first!.id],
      ),
    );
    await staff.post(`/outbox/${first!.id}/resend`).expect(409);
    await staff.post(`/outbox/${randomUUID()}/resend`).expect(404);
    await staff.post(`/outbox/not-a-uuid/resend`).expect(400);
    await (await as(RESELLER_A)).post(`/outbox/${first!.id}/resend`).expect(403);
  });

  it("writes to the tenant's admins for a ticket opened with an API key, and tells of an expiry", async () => {
    const key = await (await as(RESELLER_A_ADMIN)).post('/api-keys', { name: 'ERP' }).expect(201);
    const t = await request(h.http)
      .post(api('/tickets'))
      .set('X-API-Key', key.body.key)
      .send({ ...grandstreamDefect({ supportTicketNumber: 'GS-000001' }), submit: true })
      .expect(201);
    const submitted = await mail(/RMA request received/);
    expect(submitted.to).toEqual([RESELLER_A_ADMIN]);
    const approved = await (
      await as(STAFF)
    )
      .post(`/tickets/${t.body.id}/transitions`, { action: 'APPROVE' })
      .expect(201);
    await mail(/approved/);
    h.clock.travelDays(15);
    try {
      expect(await h.app.get(TicketTransitionsService).expireOverdue()).toBe(1);
    } finally {
      h.clock.travelDays(-15);
    }
    const expired = await mail(/expired/);
    expect(expired.to).toEqual([RESELLER_A_ADMIN]);
    expect(expired.subject).toBe(`[Distri RMA] RMA ${approved.body.rma.number} expired`);
    expect(expired.text).toContain('Re-apply on the ticket page');
  });

  it("tells staff once when a manufacturer's webhook keeps failing", async () => {
    await (
      await as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url() })
      .expect(200);
    receiver.reply = () => ({ status: 500, body: 'down' });
    const lines = await (await as(RESELLER_A)).get('/invoice-lines?sku=DS-H5100-3T8').expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((sn: string) => sn.startsWith('DS2541A'));
    const forward = () =>
      as(RESELLER_A).then((a) =>
        a
          .post('/tickets', {
            reason: 'DEFECT',
            customer: { name: 'Data Centre One' },
            product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial },
            faultDescription: 'Drive drops off the bus',
            submit: true,
          })
          .expect(201),
      );
    await forward();
    const alert = await mail(/Webhook to DapuStor keeps failing/);
    expect(alert.to).toEqual([STAFF_ADMIN]); // the distributor's admins
    expect(alert.text).toContain(receiver.url());
    expect(alert.text).toContain('failed after 2 attempts');
    // A second failure the same day does not send another.
    await forward();
    await receiver.waitFor(() => receiver.rejected.length >= 4, 10_000, 'the second delivery to fail');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.filter((m) => /keeps failing/.test(m.subject))).toHaveLength(1);
  });
});
