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

});
