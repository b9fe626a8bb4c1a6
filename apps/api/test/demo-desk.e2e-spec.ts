import { OUTCOMES, REASONS, ROUTES, TICKET_STATUSES } from '@rma/rules';
import { seedDemoDesk } from '../src/demo/demo-desk.js';
import { DEMO_MANUFACTURERS } from '../src/demo/demo-data.js';
import { grandstreamDefect, RESELLER_A, STAFF, startHarness, type Harness } from './harness.js';

const DAY = 86_400_000;

describe('demo desk (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ WEBHOOK_ALLOW_LOOPBACK: 'true' });
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('the Clock', () => {
    beforeEach(async () => {
      await h.reset();
    });

    it("dates a ticket, its changes and its timeline by the Clock's time, not the database's", async () => {
      const a = await h.as(RESELLER_A);
      const s = await h.as(STAFF);
      const moment = new Date(Date.now() - 30 * DAY);
      const id = await h.clock.at(moment, async () => {
        const created = await a
          .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: 'GS-123456' }), submit: true })
          .expect(201);
        await s
          .post(`/tickets/${created.body.id}/transitions`, {
            action: 'REQUEST_INFO',
            note: 'A photo, please',
          })
          .expect(201);
        return created.body.id as string;
      });
      const ticket = (await s.get(`/tickets/${id}`).expect(200)).body;
      const near = (iso: string) => Math.abs(new Date(iso).getTime() - moment.getTime());
      expect(near(ticket.createdAt)).toBeLessThan(60_000);
      expect(near(ticket.updatedAt)).toBeLessThan(60_000);
      expect(ticket.timeline.map((e: { action: string }) => e.action)).toEqual([
        'CREATE',
        'SUBMIT',
        'ROUTE',
        'REQUEST_INFO',
      ]);
      for (const e of ticket.timeline as Array<{ at: string }>) expect(near(e.at)).toBeLessThan(60_000);
    });

    it('puts the clock back exactly after `at`, also when the work fails', async () => {
      h.clock.travelDays(3);
      const before = h.clock.now().getTime() - Date.now();
      await expect(
        h.clock.at(new Date(0), async () => {
          expect(h.clock.today()).toBe('1970-01-01');
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const after = h.clock.now().getTime() - Date.now();
      h.clock.travelDays(-3);
      expect(Math.abs(after - before)).toBeLessThan(5);
      expect(Math.abs(h.clock.now().getTime() - Date.now())).toBeLessThan(5);
    });
  });

  describe('the desk', () => {
    const counted = async () =>
      h.target.asOwner(async (o) => {
        const [row] = await o.query(
          `SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM ticket_events)::int AS events,
                  (SELECT count(*) FROM mail_outbox)::int AS mails, (SELECT count(*) FROM webhook_deliveries)::int AS deliveries,
                  (SELECT count(*) FROM webhook_callbacks)::int AS callbacks, (SELECT count(*) FROM invoice_lines)::int AS lines`,
        );
        return row as typeof seeded;
      });
    let seeded: {
      tickets: number;
      events: number;
      mails: number;
      deliveries: number;
      callbacks: number;
      lines: number;
    };

    beforeAll(async () => {
      await h.reset();
      expect(await seedDemoDesk(h.app)).toBe(true);
      seeded = await counted();
    });

    it('holds about 60 tickets in every status a ticket rests in, of every reason, route, manufacturer and reseller', async () => {
      expect(seeded.tickets).toBeGreaterThanOrEqual(55);
      const stats = (await (await h.as(STAFF)).get('/tickets/stats').expect(200)).body;
      // SUBMITTED is passed through on every submit (ROUTE follows in the same transaction), never rested in.
      expect(Object.keys(stats.byStatus).sort()).toEqual(
        TICKET_STATUSES.filter((x) => x !== 'SUBMITTED').sort(),
      );
      expect(Object.keys(stats.byReason).sort()).toEqual([...REASONS].sort());
      expect(Object.keys(stats.byRoute).sort()).toEqual([...ROUTES].sort());
      expect(Object.keys(stats.byManufacturer).sort()).toEqual(DEMO_MANUFACTURERS.map((m) => m.slug).sort());
      const perTenant = await h.target.asOwner((o) =>
        o.query(
          `SELECT tn.slug, count(*)::int AS n FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id GROUP BY tn.slug ORDER BY tn.slug`,
        ),
      );
      expect(perTenant.map((r: { slug: string }) => r.slug)).toEqual(['alpha-it', 'beta-net']);
      for (const r of perTenant as Array<{ n: number }>) expect(r.n).toBeGreaterThanOrEqual(20);
      const outcomes = await h.target.asOwner((o) =>
        o.query(`SELECT DISTINCT outcome FROM tickets WHERE status = 'RESOLVED' ORDER BY outcome`),
      );
      expect(outcomes.map((r: { outcome: string }) => r.outcome)).toEqual([...OUTCOMES].sort());
    });

    it('shows SLA breaches on the dashboard, a vendor-portal redirect and a ticket waiting for its support-ticket number', async () => {
      const s = await h.as(STAFF);
      const stats = (await s.get('/tickets/stats').expect(200)).body;
      expect(stats.sla.breached).toBeGreaterThanOrEqual(3);
      // A credit resolved within the hour, and defect rates against the year's sales (imported with the desk).
      expect(stats.creditsThisMonth).toEqual([{ currency: 'EUR', amountMinor: expect.any(Number) }]);
      for (const d of stats.defectRate as Array<{ manufacturer: string; rate: number }>)
        expect([d.manufacturer, d.rate < 0.25]).toEqual([d.manufacturer, true]);
      const breached = (await s.get('/tickets?slaBreached=true').expect(200)).body.items;
      expect(breached.map((t: { status: string }) => t.status)).toEqual(
        expect.arrayContaining(['IN_REVIEW', 'INSPECTING']),
      );
      for (const mf of ['ubiquiti', 'innovaphone']) {
        const redirected = (await s.get(`/tickets?status=REDIRECTED&manufacturer=${mf}`).expect(200)).body
          .items;
        expect(redirected.length).toBeGreaterThan(0);
      }
      const waiting = (
        await s.get('/tickets?status=AWAITING_PREREQUISITE&manufacturer=grandstream').expect(200)
      ).body.items;
      expect(waiting.length).toBeGreaterThan(0);
      const one = (await s.get(`/tickets/${waiting[0].id}`).expect(200)).body;
      expect(one.supportTicketNumber ?? null).toBeNull();
      expect(one.decision.prerequisites).toEqual([
        expect.objectContaining({ kind: 'SUPPORT_TICKET', satisfied: false }),
      ]);
    });

    it('gives timelines that happened weeks ago, by the demo people, the platform and DapuStor', async () => {
      const [row] = await h.target.asOwner((o) =>
        o.query(`SELECT min(created_at) AS oldest, max(created_at) AS newest FROM tickets`),
      );
      const daysAgo = (d: Date) => (Date.now() - new Date(d).getTime()) / 86_400_000;
      expect(daysAgo(row.oldest)).toBeGreaterThan(60);
      expect(daysAgo(row.newest)).toBeGreaterThan(0);
      const labels = await h.target.asOwner((o) =>
        o.query(`SELECT DISTINCT actor_label FROM ticket_events ORDER BY actor_label`),
      );
      expect(labels.map((r: { actor_label: string }) => r.actor_label)).toEqual(
        expect.arrayContaining([
          'Alex Alpha',
          'Ada Alpha',
          'Bea Beta',
          'Ben Beta',
          'Theo Triage',
          'Dana Distri',
          'RMA platform',
          'DapuStor',
        ]),
      );
      // No entry of a timeline is older than its ticket, nor later than now.
      const [bad] = await h.target.asOwner((o) =>
        o.query(`SELECT count(*)::int AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
                  WHERE e.at < t.created_at OR e.at > now() OR t.updated_at < e.at`),
      );
      expect(bad.n).toBe(0);
      const accepted = (await (await h.as(STAFF)).get('/tickets?status=VENDOR_ACCEPTED').expect(200)).body
        .items;
      const ticket = (await (await h.as(STAFF)).get(`/tickets/${accepted[0].id}`).expect(200)).body;
      expect(ticket.vendorRmaNumber).toMatch(/^DPS-RMA-/);
      expect(seeded.callbacks).toBe(7);
      expect(Math.abs(h.clock.now().getTime() - Date.now())).toBeLessThan(5);
    });

    it('has a webhook delivery to DapuStor failing and retrying on its schedule, and e-mails in the outbox', async () => {
      const s = await h.as(STAFF);
      const deadline = Date.now() + 20_000;
      let retrying:
        { status: string; attemptCount: number; lastError: string; nextAttemptAt: string } | undefined;
      while (!retrying && Date.now() < deadline) {
        const items = (await s.get('/webhook-deliveries?manufacturer=dapustor').expect(200)).body.items;
        retrying = items.find(
          (d: { status: string; attemptCount: number }) => d.status === 'PENDING' && d.attemptCount >= 1,
        );
        if (!retrying) await new Promise((r) => setTimeout(r, 200));
      }
      expect(retrying).toBeDefined();
      expect(retrying!.lastError).toBeTruthy();
      expect(new Date(retrying!.nextAttemptAt).getTime()).toBeGreaterThan(Date.now());
      expect(seeded.deliveries).toBeGreaterThanOrEqual(8);
      const outbox = (await s.get('/outbox').expect(200)).body.items;
      expect(outbox.length).toBeGreaterThan(0);
      expect(seeded.mails).toBeGreaterThan(seeded.tickets);
    });

    it('adds nothing when seeded again', async () => {
      expect(await seedDemoDesk(h.app)).toBe(false);
      expect(await counted()).toEqual(seeded);
    });

    it("is not part of the harness's reset: the API tests start on an empty desk", async () => {
      await h.reset();
      expect(await h.count('tickets')).toBe(0);
    });
  });
});
