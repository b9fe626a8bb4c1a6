import { PgNotifications } from '../src/database/notifications.js';
import { ManufacturersService } from '../src/manufacturers/manufacturers.service.js';
import { startHarness, type Harness } from './harness.js';

/**
 * Every process caches the manufacturers; a change committed anywhere (another API instance, a
 * worker, an operator's SQL) must reach every cache. Other processes are played by the owner's own
 * connection writing the table directly. A PostgreSQL server only: the embedded database serves one process.
 */
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('manufacturer cache across processes (e2e)', () => {
  let h: Harness;
  let manufacturers: ManufacturersService;
  beforeAll(async () => {
    h = await startHarness();
    manufacturers = h.app.get(ManufacturersService);
    h.app.get(PgNotifications).retryMs = 100;
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.reset());

  const renameElsewhere = (slug: string, name: string) =>
    h.target.asOwner((owner) =>
      owner.query(`UPDATE manufacturers SET name = $2 WHERE slug = $1`, [slug, name]),
    );
  const nameSeen = async (slug: string) => (await manufacturers.bySlug(slug))?.name;
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  };

  it('drops the cache when another process commits a change to the manufacturers', async () => {
    expect(await nameSeen('grandstream')).toBe('Grandstream');
    await renameElsewhere('grandstream', 'Grandstream Networks');
    expect(await eventually(async () => (await nameSeen('grandstream')) === 'Grandstream Networks')).toBe(
      true,
    );
  });

  it('drops the cache after its notification connection was lost, as a change may have been missed', async () => {
    expect(await nameSeen('grandstream')).toBe('Grandstream');
    await h.target.asOwner(async (owner) => {
      const killed: unknown[] = await owner.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
      );
      expect(killed.length).toBeGreaterThan(0);
      // Changed while nobody listens: this notification is lost.
      await owner.query(`UPDATE manufacturers SET name = 'Renamed meanwhile' WHERE slug = 'grandstream'`);
    });
    expect(await eventually(async () => (await nameSeen('grandstream')) === 'Renamed meanwhile')).toBe(true);
    // Listening again: the next change is heard as before.
    await renameElsewhere('grandstream', 'Grandstream');
    expect(await eventually(async () => (await nameSeen('grandstream')) === 'Grandstream')).toBe(true);
  });
});
