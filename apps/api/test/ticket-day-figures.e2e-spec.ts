import { TicketQueriesService } from '../src/tickets/ticket-queries.service.js';
import { grandstreamDefect, RESELLER_A, RESELLER_B, STAFF, startHarness, type Harness } from './harness.js';

/**
 * The dashboard's SLA figures and credits of the month come from figures kept per tenant and day
 * (deltas appended by triggers on `tickets`, folded with the counts): they must equal counting the
 * tickets, as the dashboard did before, through submits, transitions, credits, days and months
 * passing, deletions and folds, for staff (all tenants and one) and for each reseller.
 */
describe('ticket day figures (e2e)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  const as = (email: string) => h.as(email);
  const fold = () => h.app.get(TicketQueriesService).foldCounts();

  async function tenantOf(slug: string): Promise<string> {
    const [row]: Array<{ id: string }> = await h.target.asOwner((o) =>
      o.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]),
    );
    return row!.id;
  }

  /** The figures counted over the tickets themselves, with the queries the dashboard used to run. */
  async function truth(tenantId?: string) {
    const today = h.clock.today();
    const scope = tenantId ? 'AND tenant_id = $2' : '';
    const args = tenantId ? [today, tenantId] : [today];
    return h.target.asOwner(async (o) => {
      const [sla]: Array<{ breached: number; dueSoon: number }> = await o.query(
        `SELECT count(*) FILTER (WHERE sla_due_on < $1::date)::int AS breached,
                count(*) FILTER (WHERE sla_due_on >= $1::date AND sla_due_on <= $1::date + 2)::int AS "dueSoon"
           FROM tickets WHERE sla_due_on IS NOT NULL ${scope}`,
        args,
      );
      const credits: Array<{ currency: string; amountMinor: number }> = await o.query(
        `SELECT currency, sum(credit_minor)::float8 AS "amountMinor" FROM tickets
          WHERE outcome IN ('CREDITED', 'DESTROYED_AND_CREDITED') AND credit_minor IS NOT NULL
            AND updated_at >= date_trunc('month', $1::date) ${scope}
          GROUP BY currency ORDER BY currency`,
        args,
      );
      return { sla: sla!, creditsThisMonth: credits };
    });
  }

  /** The API's SLA figures and credits equal the tickets' for staff (all, and per tenant) and each reseller. */
  async function expectExact() {
    const [alpha, beta] = [await tenantOf('alpha-it'), await tenantOf('beta-net')];
    const pick = (body: { sla: unknown; creditsThisMonth: unknown }) => ({
      sla: body.sla,
      creditsThisMonth: body.creditsThisMonth,
    });
    const s = await as(STAFF);
    const all = await truth();
    expect(pick((await s.get('/tickets/stats').expect(200)).body)).toEqual(all);
    expect(pick((await s.get(`/tickets/stats?tenantId=${beta}`).expect(200)).body)).toEqual(
      await truth(beta),
    );
    expect(pick((await (await as(RESELLER_A)).get('/tickets/stats').expect(200)).body)).toEqual(
      await truth(alpha),
    );
    expect(pick((await (await as(RESELLER_B)).get('/tickets/stats').expect(200)).body)).toEqual(
      await truth(beta),
    );
    return all;
  }

  it('equal counting the tickets through submits, transitions, credits, days and months passing, deletions and folds', async () => {
    const a = await as(RESELLER_A);
    const b = await as(RESELLER_B);
    const s = await as(STAFF);
    let travelled = 0;
    const travel = (days: number) => {
      h.clock.travelDays(days);
      travelled += days;
    };
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const t = await a
          .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: `GS-10000${i}` }), submit: i > 0 })
          .expect(201);
        ids.push(t.body.id as string);
      }
      await b
        .post('/tickets', {
          ...grandstreamDefect({
            product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSB2001' },
          }),
          submit: true,
        })
        .expect(201);
      await expectExact();
      expect(await fold()).toBeGreaterThan(0);
      await expectExact();

      // Days pass: the tickets in review come due (14 days), then overdue, with no job running.
      travel(11);
      for (let day = 0; day < 4; day++) {
        travel(1);
        await expectExact();
      }
      const late = await expectExact();
      expect(late.sla.breached).toBeGreaterThanOrEqual(3); // the three alpha submitted

      // A credit, before and after a fold; the SLA clears as the ticket is resolved.
      await s.post(`/tickets/${ids[1]}/transitions`, { action: 'APPROVE' }).expect(201);
      await s.post(`/tickets/${ids[1]}/transitions`, { action: 'RECEIVE' }).expect(201);
      await expectExact();
      await s.post(`/tickets/${ids[1]}/transitions`, { action: 'START_INSPECTION' }).expect(201);
      await s
        .post(`/tickets/${ids[1]}/transitions`, { action: 'RESOLVE', outcome: 'CREDITED', creditMinor: 6000 })
        .expect(201);
      const credited = await expectExact();
      expect(credited.creditsThisMonth).toEqual([{ currency: 'EUR', amountMinor: 6000 }]);
      await fold();
      await expectExact();
      await a.post(`/tickets/${ids[2]}/transitions`, { action: 'CANCEL' }).expect(201);
      await expectExact();

      // A month on, last month's credit no longer counts; a ticket touched this month moves with its update.
      travel(35);
      expect((await expectExact()).creditsThisMonth).toEqual([]);
      await s.post(`/tickets/${ids[1]}/transitions`, { action: 'CLOSE' }).expect(201);
      expect((await expectExact()).creditsThisMonth).toEqual([{ currency: 'EUR', amountMinor: 6000 }]);
      await fold();
      await expectExact();

      // Operator SQL: a changed credit, a deleted ticket, a whole tenant removed with its tickets.
      await h.target.asOwner((o) =>
        o.query(`UPDATE tickets SET credit_minor = 2500, updated_at = $2 WHERE id = $1`, [
          ids[1],
          h.clock.now(),
        ]),
      );
      expect((await expectExact()).creditsThisMonth).toEqual([{ currency: 'EUR', amountMinor: 2500 }]);
      await h.target.asOwner((o) => o.query(`DELETE FROM tickets WHERE id = $1`, [ids[3]]));
      await expectExact();
      await fold();
      await expectExact();
      await h.target.asOwner((o) => o.query(`DELETE FROM tenants WHERE slug = 'beta-net'`));
      await fold();
      expect(await fold()).toBe(0);
      const [left]: Array<{ n: number }> = await h.target.asOwner((o) =>
        o.query(
          `SELECT count(*)::int AS n FROM ticket_day_figures WHERE n = 0 OR tenant_id NOT IN (SELECT id FROM tenants)`,
        ),
      );
      expect(left?.n).toBe(0);
      const s2 = await as(STAFF);
      const stats = (await s2.get('/tickets/stats').expect(200)).body;
      expect({ sla: stats.sla, creditsThisMonth: stats.creditsThisMonth }).toEqual(await truth());
    } finally {
      h.clock.travelDays(-travelled);
    }
  });

  it('stay exact through parallel submits and transitions with folds running among them', async () => {
    const a = await as(RESELLER_A);
    const s = await as(STAFF);
    const submits = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        a.post('/tickets', {
          ...grandstreamDefect({ supportTicketNumber: `GS-${300000 + i}` }),
          submit: true,
        }),
      ),
    );
    expect(submits.every((r) => r.status === 201)).toBe(true);
    const work = submits
      .slice(0, 6)
      .map((r) => s.post(`/tickets/${r.body.id}/transitions`, { action: 'APPROVE' }));
    const folds = Array.from({ length: 4 }, () => fold());
    await Promise.all([...work, ...folds]);
    await expectExact();
    h.clock.travelDays(13);
    try {
      expect((await expectExact()).sla.dueSoon).toBeGreaterThan(0);
      await fold();
      await expectExact();
    } finally {
      h.clock.travelDays(-13);
    }
  });
});
