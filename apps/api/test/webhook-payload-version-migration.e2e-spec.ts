import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/entities.js';
import { WebhookPayloadVersion1764000002300 } from '../src/database/migrations/1764000002300-webhook-payload-version.js';
import { createFreshDatabase } from './support/fresh-database.js';

const REAL = Boolean(process.env.DATABASE_URL);
const suite = REAL ? describe : describe.skip;
const title = REAL
  ? 'webhook payload version migration (e2e, PostgreSQL)'
  : 'webhook payload version migration (e2e) — SKIPPED: needs a real PostgreSQL (set DATABASE_URL)';

const AT = MIGRATIONS.findIndex((m) => m === WebhookPayloadVersion1764000002300);
const dataSource = (url: string, migrations: typeof MIGRATIONS) =>
  new DataSource({ type: 'postgres', url, migrations, synchronize: false, logging: false, poolSize: 2 });

/**
 * A database with webhook endpoints and deliveries made by the schema before 1764000002300, then the
 * migration: every existing endpoint stays on payload version 1, an endpoint made afterwards gets 2,
 * the existing deliveries are unchanged (about their one ticket), and a delivery's items must start
 * with its ticket.
 */
suite(title, () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let deliveriesBefore: unknown[];

  beforeAll(async () => {
    db = await createFreshDatabase(process.env.DATABASE_URL!, 'payload_version_mig');
    const before = dataSource(db.url, MIGRATIONS.slice(0, AT));
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      await before.query(`INSERT INTO tenants (slug, name) VALUES ('a', 'Alpha')`);
      await before.query(
        `INSERT INTO manufacturers (slug, name, config)
         VALUES ('m1', 'One', '{"webhookUrl": "https://one.example/h"}'), ('m2', 'Two', '{}'), ('m3', 'Three', '{}')`,
      );
      await before.query(
        `INSERT INTO webhook_endpoints (manufacturer_id, secret) SELECT id, 'whsec_x' FROM manufacturers WHERE slug IN ('m1', 'm2')`,
      );
      await before.query(
        `INSERT INTO returns (id, tenant_id, customer, customer_name)
         SELECT gen_random_uuid(), id, '{}', 'C' FROM tenants`,
      );
      await before.query(
        `INSERT INTO tickets (tenant_id, return_id, position, status, reason)
         SELECT tenant_id, id, 1, 'FORWARDED', 'DEFECT' FROM returns`,
      );
      await before.query(
        `INSERT INTO webhook_deliveries (id, tenant_id, manufacturer_id, ticket_id, event_type, payload, next_attempt_at)
         SELECT 'msg_' || m.slug, t.tenant_id, m.id, t.id, 'rma.forwarded', '{"version": 1}', now()
           FROM tickets t, manufacturers m WHERE m.slug IN ('m1', 'm2')`,
      );
      deliveriesBefore = await before.query(`SELECT * FROM webhook_deliveries ORDER BY id`);
    } finally {
      await before.destroy();
    }
    ds = dataSource(db.url, MIGRATIONS.slice(0, AT + 1));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps every existing endpoint on version 1 and gives a new one 2', async () => {
    const existing = await ds.query(
      `SELECT m.slug, e.payload_version FROM webhook_endpoints e JOIN manufacturers m ON m.id = e.manufacturer_id ORDER BY m.slug`,
    );
    expect(existing).toEqual([
      { slug: 'm1', payload_version: 1 },
      { slug: 'm2', payload_version: 1 },
    ]);
    const [made] = await ds.query(
      `INSERT INTO webhook_endpoints (manufacturer_id, secret) SELECT id, 'whsec_y' FROM manufacturers WHERE slug = 'm3'
       RETURNING payload_version`,
    );
    expect(made.payload_version).toBe(2);
    await expect(
      ds.query(`UPDATE webhook_endpoints SET payload_version = 3 WHERE manufacturer_id IS NOT NULL`),
    ).rejects.toThrow(/payload_version_check/);
  });

  it('leaves the deliveries as they were, about their one ticket, and checks a message items', async () => {
    const after: Array<Record<string, unknown>> = await ds.query(
      `SELECT * FROM webhook_deliveries ORDER BY id`,
    );
    expect(after.map(({ ticket_ids, return_id, ...rest }) => ({ rest, ticket_ids, return_id }))).toEqual(
      (deliveriesBefore as Array<Record<string, unknown>>).map((rest) => ({
        rest,
        ticket_ids: null,
        return_id: null,
      })),
    );
    const [t] = await ds.query(`SELECT id, return_id FROM tickets LIMIT 1`);
    // A message's items start with its ticket.
    await expect(
      ds.query(
        `UPDATE webhook_deliveries SET ticket_ids = ARRAY[gen_random_uuid(), ticket_id] WHERE id = 'msg_m1'`,
      ),
    ).rejects.toThrow(/ticket_ids_check/);
    await ds.query(
      `UPDATE webhook_deliveries SET ticket_ids = ARRAY[ticket_id], return_id = $1 WHERE id = 'msg_m1'`,
      [t.return_id],
    );
    expect(
      await ds.query(`SELECT id FROM webhook_deliveries WHERE ticket_ids @> ARRAY[$1::uuid]`, [t.id]),
    ).toEqual([{ id: 'msg_m1' }]);
  });

  it('can be undone', async () => {
    await ds.undoLastMigration({ transaction: 'each' });
    const cols = await ds.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE column_name IN ('payload_version', 'ticket_ids') OR (table_name = 'webhook_deliveries' AND column_name = 'return_id')`,
    );
    expect(cols).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
  });
});
