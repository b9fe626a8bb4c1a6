import { TicketQueriesService } from '../src/tickets/ticket-queries.service.js';
import { grandstreamDefect, RESELLER_A, RESELLER_B, STAFF, startHarness, type Harness } from './harness.js';

/**
 * The status chips' counts come from counts kept per tenant and status (deltas appended by triggers on
 * `tickets`, folded every few seconds): they must equal counting the tickets, before and after a fold,
 * through submits, transitions, deletions and a burst of parallel submits, for staff and per tenant.
 */
describe('ticket counts (e2e)', () => {
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

  /** Counting the tickets themselves, by status (or another column): all tenants, or one. */
  async function truth(tenantId?: string, by = 'status'): Promise<Record<string, number>> {
    const rows: Array<{ key: string; n: number }> = await h.target.asOwner((o) =>
      o.query(
        `SELECT ${by} AS key, count(*)::int AS n FROM tickets
          WHERE ${by} IS NOT NULL ${tenantId ? 'AND tenant_id = $1' : ''} GROUP BY ${by}`,
        tenantId ? [tenantId] : [],
      ),
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  async function tenantOf(slug: string): Promise<string> {
    const [row]: Array<{ id: string }> = await h.target.asOwner((o) =>
      o.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]),
    );
    return row!.id;
  }

  /** The API's counts and dashboard equal the tickets' for staff (all, and per tenant) and for each reseller. */
  async function expectExact() {
    const [alpha, beta] = [await tenantOf('alpha-it'), await tenantOf('beta-net')];
    const s = await as(STAFF);
    const stats = (await s.get('/tickets/stats').expect(200)).body;
    expect(stats.byStatus).toEqual(await truth());
    expect(stats.byReason).toEqual(await truth(undefined, 'reason'));
    expect(stats.byRoute).toEqual(await truth(undefined, 'route'));
    expect(Object.values(stats.byManufacturer)).toEqual(
      Object.values(await truth(undefined, 'manufacturer_id')),
    );
    const mine = (await (await as(RESELLER_A)).get('/tickets/stats').expect(200)).body;
    expect(mine.byStatus).toEqual(await truth(alpha));
    expect((await s.get('/tickets/counts').expect(200)).body).toEqual(await truth());
    expect((await s.get(`/tickets/counts?tenantId=${beta}`).expect(200)).body).toEqual(await truth(beta));
    expect((await (await as(RESELLER_A)).get('/tickets/counts').expect(200)).body).toEqual(
      await truth(alpha),
    );
    expect((await (await as(RESELLER_B)).get('/tickets/counts').expect(200)).body).toEqual(await truth(beta));
  }

  it('equal counting the tickets through drafts, submits, transitions and deletions, before and after each fold', async () => {
    const a = await as(RESELLER_A);
    const b = await as(RESELLER_B);
    const s = await as(STAFF);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = await a
        .post('/tickets', { ...grandstreamDefect({ supportTicketNumber: `GS-00000${i}` }), submit: i > 0 })
        .expect(201);
      ids.push(t.body.id as string);
    }
    await b
      .post(
        '/tickets',
        grandstreamDefect({
          product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSB2001' },
        }),
      )
      .expect(201);
    await expectExact();
    expect(await truth()).toEqual({ DRAFT: 2, IN_REVIEW: 3 });

    expect(await fold()).toBeGreaterThan(0);
    await expectExact();

    await s.post(`/tickets/${ids[1]}/transitions`, { action: 'APPROVE' }).expect(201);
    await a.post(`/tickets/${ids[2]}/transitions`, { action: 'CANCEL' }).expect(201);
    await expectExact(); // deltas not folded yet
    expect(await truth()).toEqual({ DRAFT: 2, IN_REVIEW: 1, APPROVED: 1, CANCELLED: 1 });
    await fold();
    await expectExact();

    // A deleted ticket, and a whole tenant removed with its tickets (operator SQL): their counts go.
    await h.target.asOwner((o) => o.query(`DELETE FROM tickets WHERE id = $1`, [ids[3]]));
    await expectExact();
    await h.target.asOwner((o) => o.query(`DELETE FROM tenants WHERE slug = 'beta-net'`));
    await fold();
    expect((await s.get('/tickets/counts').expect(200)).body).toEqual(await truth());
    const [left]: Array<{ n: number }> = await h.target.asOwner((o) =>
      o.query(
        `SELECT count(*)::int AS n FROM ticket_counts WHERE n = 0 OR tenant_id NOT IN (SELECT id FROM tenants)`,
      ),
    );
    expect(left?.n).toBe(0);

    // Folding again changes nothing.
    expect(await fold()).toBe(0);
    expect((await s.get('/tickets/counts').expect(200)).body).toEqual(await truth());
  });

  it('stay exact through 20 parallel submits of one tenant with folds running among them', async () => {
    const a = await as(RESELLER_A);
    const submits = Array.from({ length: 20 }, (_, i) =>
      a.post('/tickets', {
        ...grandstreamDefect({ supportTicketNumber: `GS-${200000 + i}` }),
        submit: i % 3 !== 0,
      }),
    );
    const folds = Array.from({ length: 5 }, () => fold());
    const answers = await Promise.all(submits);
    await Promise.all(folds);
    expect(answers.every((r) => r.status === 201)).toBe(true);
    await expectExact();
    await fold();
    await expectExact();
    expect(await truth()).toEqual({ DRAFT: 7, IN_REVIEW: 13 });
  });
});
