import request from 'supertest';
import { RULES_VERSION } from '@rma/rules';
import { startHarness, type Harness } from './harness.js';

/** Liveness, readiness (database, Redis when configured, migrations) and the summary, through terminus. */
describe('Health (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the summary keeps its shape; liveness asks nothing; readiness checks each dependency', async () => {
    const summary = await request(h.http).get('/api/v1/health').expect(200);
    expect(summary.body).toEqual({ status: 'ok', database: 'up', rulesVersion: RULES_VERSION });
    const live = await request(h.http).get('/api/v1/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok', details: {} });
    const ready = await request(h.http).get('/api/v1/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details).sort()).toEqual(
      h.config.redisUrl ? ['database', 'migrations', 'redis'] : ['database', 'migrations'],
    );
    for (const check of Object.values(ready.body.details)) expect(check).toMatchObject({ status: 'up' });
  });

  it('a pending migration makes the instance not ready (503 with the checks), still live', async () => {
    const last = await h.target.asOwner(async (o) => {
      const [row] = await o.query(`SELECT * FROM migrations ORDER BY id DESC LIMIT 1`);
      await o.query(`DELETE FROM migrations WHERE id = $1`, [row.id]);
      return row as { id: number; timestamp: string; name: string };
    });
    try {
      const res = await request(h.http).get('/api/v1/health/ready').expect(503);
      expect(res.body).toMatchObject({
        statusCode: 503,
        code: 'NOT_READY',
        details: { database: { status: 'up' }, migrations: { status: 'down' } },
      });
      expect(res.body.details.migrations.message).toBe(`1 pending: ${last.name}`);
      expect(res.body.message).toContain('migrations');
      expect(res.body.requestId).toEqual(expect.any(String));
      await request(h.http).get('/api/v1/health/live').expect(200);
    } finally {
      await h.target.asOwner((o) =>
        o.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
          last.id,
          last.timestamp,
          last.name,
        ]),
      );
    }
    await request(h.http).get('/api/v1/health/ready').expect(200);
  });
});
