import { DataSource } from 'typeorm';
import {
  grandstreamDefect,
  RESELLER_A,
  STAFF,
  STAFF_ADMIN,
  startHarness,
  type Client,
  type Harness,
} from './harness.js';

/**
 * A manufacturer's configuration decides where its tickets go: every version of it is kept with who
 * made it, and every routed ticket records the version that decided it, so a decision can be explained
 * after the configuration changed.
 */
describe("manufacturers' configuration history (e2e)", () => {
  let h: Harness;
  let admin: Client;
  let staff: Client;
  let reseller: Client;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
    [admin, staff, reseller] = await Promise.all([h.as(STAFF_ADMIN), h.as(STAFF), h.as(RESELLER_A)]);
  });

  /** Grandstream's configuration as staff edit it: the answer of GET, without what the server sets. */
  const editable = async () => {
    const {
      id: _id,
      revision: _r,
      updatedAt: _u,
      ...config
    } = (await staff.get('/manufacturers/grandstream').expect(200)).body;
    return config;
  };
  const submit = () =>
    reseller.post('/tickets', { ...grandstreamDefect(), submit: true, supportTicketNumber: 'GS-123456' });

  it('keeps every version with who made it and what changed; saving it unchanged makes none', async () => {
    const first = await staff.get('/manufacturers/grandstream/revisions').expect(200);
    expect(first.body).toHaveLength(1);
    expect(first.body[0]).toMatchObject({ revision: 1, changedBy: null, changed: [] });

    const config = await editable();
    const saved = await admin
      .put('/manufacturers/grandstream', { ...config, rmaValidityDays: 21, name: 'Grandstream Networks' })
      .expect(200);
    expect(saved.body.revision).toBe(2);
    await admin
      .put('/manufacturers/grandstream', { ...config, rmaValidityDays: 21, name: 'Grandstream Networks' })
      .expect(200);
    await admin
      .put('/manufacturers/grandstream', {
        ...config,
        rmaValidityDays: 21,
        name: 'Grandstream Networks',
        supportTicket: null,
      })
      .expect(200);

    const history = (await staff.get('/manufacturers/grandstream/revisions').expect(200)).body;
    expect(history.map((r: { revision: number }) => r.revision)).toEqual([3, 2, 1]);
    expect(history[0]).toMatchObject({ changedBy: 'Dana Distri', changed: ['supportTicket'] });
    expect(history[1]).toMatchObject({ changedBy: 'Dana Distri', changed: ['name', 'rmaValidityDays'] });
    expect(history[1].manufacturer).toMatchObject({
      revision: 2,
      name: 'Grandstream Networks',
      rmaValidityDays: 21,
    });
    expect(history[1].manufacturer.supportTicket).toMatchObject({
      helpdeskUrl: 'https://helpdesk.grandstream.com/',
    });
    expect(history[2].manufacturer).toMatchObject({
      revision: 1,
      name: 'Grandstream',
      rmaValidityDays: config.rmaValidityDays,
    });
  });

  it('records on each routed ticket the revision that decided it', async () => {
    const before = (await submit().expect(201)).body;
    expect(before).toMatchObject({ status: 'IN_REVIEW', manufacturerRevision: 1 });
    await admin.put('/manufacturers/grandstream', { ...(await editable()), rmaValidityDays: 30 }).expect(200);
    const after = (await submit().expect(201)).body;
    expect(after.manufacturerRevision).toBe(2);
    expect((await staff.get(`/tickets/${before.id}`).expect(200)).body.manufacturerRevision).toBe(1);
    const draft = (await reseller.post('/tickets', grandstreamDefect()).expect(201)).body;
    expect(draft.manufacturerRevision).toBeNull();
  });

  it('keeps a change made in the database directly too, by nobody the API knows', async () => {
    await h.target.asOwner((o) =>
      o.query(
        `UPDATE manufacturers SET config = config || '{"rmaValidityDays": 7}' WHERE slug = 'grandstream'`,
      ),
    );
    const history = (await staff.get('/manufacturers/grandstream/revisions').expect(200)).body;
    expect(history[0]).toMatchObject({ revision: 2, changedBy: null, changed: ['rmaValidityDays'] });
  });

  it("is staff's to read, and nobody's to rewrite: the API's roles cannot write the history", async () => {
    await reseller.get('/manufacturers/grandstream/revisions').expect(403);
    await staff.get('/manufacturers/nobody/revisions').expect(404);
    const runtime = h.app.get(DataSource);
    for (const sql of [
      `INSERT INTO manufacturer_revisions (manufacturer_id, revision, name, config) SELECT id, 99, 'x', '{}' FROM manufacturers LIMIT 1`,
      `UPDATE manufacturer_revisions SET name = 'rewritten'`,
      `DELETE FROM manufacturer_revisions`,
    ]) {
      await expect(
        runtime.transaction(async (m) => {
          await m.query(`SET LOCAL ROLE rma_staff`);
          await m.query(sql);
        }),
      ).rejects.toThrow(/permission denied/);
    }
    expect(await h.count('manufacturer_revisions')).toBeGreaterThan(0);
    const [{ n }] = await h.target.asOwner((o) =>
      o.query(
        `SELECT count(*)::int AS n FROM manufacturer_revisions WHERE name = 'rewritten' OR revision = 99`,
      ),
    );
    expect(n).toBe(0);
  });
});
