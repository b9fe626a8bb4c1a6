import request from 'supertest';
import { grandstreamDefect, RESELLER_A, RESELLER_B, startHarness, type Harness } from './harness.js';

describe('Idempotency-Key on ticket creation (e2e)', () => {
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

  const post = (token: string, key: string, body: object) =>
    request(h.http)
      .post('/api/v1/tickets')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(body);

  it('20 parallel creates with one key make one ticket; every answer is that ticket or 409 in progress', async () => {
    const token = await h.login(RESELLER_A);
    const body = { ...grandstreamDefect(), submit: true };
    // Several bursts: a request that commits while another's check is under way is a narrow window.
    let first: request.Response | undefined;
    for (const [i, key] of ['"order-4711"', 'a', 'b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(token, key, body)));
      const created = answers.filter((r) => r.status === 201);
      const busy = answers.filter((r) => r.status === 409);
      expect(created.length + busy.length).toBe(20);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      for (const r of busy) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(await h.count('tickets')).toBe(i + 1);
      first ??= created[0];
    }

    const replay = await post(token, 'order-4711', body).expect(201);
    expect(replay.body).toEqual(first!.body);
    expect(await h.count('tickets')).toBe(8);
  });

  it('the same key with another body is 422 and writes nothing', async () => {
    const token = await h.login(RESELLER_A);
    await post(token, 'k1', grandstreamDefect()).expect(201);
    const other = await post(token, 'k1', grandstreamDefect({ faultDescription: 'other' })).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await h.count('tickets')).toBe(1);
  });

  it('keys are per tenant: the same key in another tenant creates its own ticket', async () => {
    await post(await h.login(RESELLER_A), 'shared', grandstreamDefect()).expect(201);
    const b = await post(await h.login(RESELLER_B), 'shared', grandstreamDefect()).expect(201);
    expect(b.body.tenantId).not.toBeUndefined();
    expect(await h.count('tickets')).toBe(2);
  });

  it('a failed request does not burn its key', async () => {
    const token = await h.login(RESELLER_A);
    await post(token, 'k2', { ...grandstreamDefect({ faultDescription: undefined }), submit: true }).expect(
      400,
    );
    await post(token, 'k2', { ...grandstreamDefect(), submit: true }).expect(201);
    expect(await h.count('tickets')).toBe(1);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const res = await post(await h.login(RESELLER_A), 'x'.repeat(300), grandstreamDefect()).expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });
});
