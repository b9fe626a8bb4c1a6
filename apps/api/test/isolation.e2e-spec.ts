import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_A_ADMIN,
  RESELLER_B_ADMIN,
  STAFF,
  startHarness,
  type Harness,
} from './harness.js';

/**
 * Tenant isolation matrix, generated from the app's own route table (its OpenAPI document): every
 * route must have an entry below, or this test fails. Tenant B (a user, and an API key) uses tenant
 * A's ids and filters; it gets 404, 403 or data without any of A's, and the database is unchanged.
 */
interface Ctx {
  ticketId: string;
  /** The one-item return of A's ticket. */
  returnId: string;
  /** The parcel of A's approved ticket. */
  parcelId: string;
  attachmentId: string;
  userId: string;
  apiKeyId: string;
  tenantA: string;
  serialA: string;
  aIds: Set<string>;
}
type Check =
  | { kind: 'public'; why: string }
  | { kind: 'staff-only' }
  /** `signedInOnly`: the route refuses API keys (403) before it looks for the id. */
  | { kind: 'by-id'; path: (c: Ctx) => string; body?: object; signedInOnly?: boolean }
  | { kind: 'list'; path: (c: Ctx) => string; body?: object; method?: 'get' | 'post' }
  | { kind: 'cross-tenant-write'; path: (c: Ctx) => string; body: (c: Ctx) => object; expect: number[] }
  | { kind: 'global'; why: string };

const MATRIX: Record<string, Check> = {
  'GET /api/v1/health': { kind: 'public', why: 'no data' },
  'GET /api/v1/health/live': { kind: 'public', why: 'no data' },
  'GET /api/v1/health/ready': { kind: 'public', why: 'no data' },
  'POST /api/v1/auth/login': { kind: 'public', why: 'no data' },
  'GET /api/v1/setup': { kind: 'public', why: 'answers only whether the first admin is still to be created' },
  'POST /api/v1/setup/admin': {
    kind: 'public',
    why: 'needs a setup token, and only while no admin exists; covered by the setup suite',
  },
  'GET /api/v1/auth/me': { kind: 'list', path: () => '/auth/me' },
  'POST /api/v1/auth/password': {
    kind: 'global',
    why: "the caller's own account only (no id taken); covered by the sessions suite",
  },
  'DELETE /api/v1/auth/sessions': {
    kind: 'global',
    why: "the caller's own account only (no id taken); covered by the sessions suite",
  },
  'GET /api/v1/tenants': { kind: 'staff-only' },
  'POST /api/v1/tenants': { kind: 'staff-only' },
  'GET /api/v1/tenants/current': { kind: 'list', path: () => '/tenants/current' },
  'GET /api/v1/tenants/{id}': { kind: 'staff-only' },
  'PATCH /api/v1/tenants/{id}': { kind: 'staff-only' },
  'GET /api/v1/users': { kind: 'list', path: (c) => `/users?tenantId=${c.tenantA}` },
  'POST /api/v1/users': {
    kind: 'cross-tenant-write',
    path: () => '/users',
    body: (c) => ({
      email: 'spy@evil.example',
      name: 'Spy',
      role: 'RESELLER_AGENT',
      password: 'password123',
      tenantId: c.tenantA,
    }),
    expect: [400, 403],
  },
  'PATCH /api/v1/users/{id}': {
    kind: 'by-id',
    path: (c) => `/users/${c.userId}`,
    body: { name: 'Hijacked' },
    signedInOnly: true,
  },
  'GET /api/v1/api-keys': { kind: 'list', path: (c) => `/api-keys?tenantId=${c.tenantA}` },
  'POST /api/v1/api-keys': {
    kind: 'cross-tenant-write',
    path: () => '/api-keys',
    body: (c) => ({ name: 'x', tenantId: c.tenantA }),
    expect: [400, 403],
  },
  'DELETE /api/v1/api-keys/{id}': {
    kind: 'by-id',
    path: (c) => `/api-keys/${c.apiKeyId}`,
    signedInOnly: true,
  },
  'GET /api/v1/manufacturers': {
    kind: 'global',
    why: 'manufacturer configuration is shared by every tenant',
  },
  'POST /api/v1/manufacturers': { kind: 'staff-only' },
  'GET /api/v1/manufacturers/{slug}': {
    kind: 'global',
    why: 'manufacturer configuration is shared by every tenant',
  },
  'PUT /api/v1/manufacturers/{slug}': { kind: 'staff-only' },
  'GET /api/v1/products': { kind: 'global', why: 'the catalogue is shared by every tenant' },
  'POST /api/v1/products': { kind: 'staff-only' },
  'GET /api/v1/invoice-lines': {
    kind: 'list',
    path: (c) => `/invoice-lines?tenantId=${c.tenantA}&serialNumber=${c.serialA}`,
  },
  'POST /api/v1/invoice-lines': { kind: 'staff-only' },
  'POST /api/v1/tickets': {
    kind: 'cross-tenant-write',
    path: () => '/tickets',
    body: (c) => ({ ...grandstreamDefect(), tenantId: c.tenantA }),
    expect: [400],
  },
  'GET /api/v1/tickets': { kind: 'list', path: (c) => `/tickets?tenantId=${c.tenantA}&q=${c.serialA}` },
  'GET /api/v1/tickets/counts': { kind: 'list', path: (c) => `/tickets/counts?tenantId=${c.tenantA}` },
  'GET /api/v1/tickets/stats': { kind: 'list', path: (c) => `/tickets/stats?tenantId=${c.tenantA}` },
  'GET /api/v1/tickets/prefill': { kind: 'list', path: () => '/tickets/prefill' },
  'GET /api/v1/tickets.csv': { kind: 'list', path: (c) => `/tickets.csv?tenantId=${c.tenantA}` },
  // A serial only A bought, with no SKU: B's preview must not find A's invoice line (price, sale date).
  'POST /api/v1/tickets/preview': {
    kind: 'list',
    method: 'post',
    path: () => '/tickets/preview',
    body: grandstreamDefect({
      customer: { name: 'B customer' },
      product: { manufacturer: 'grandstream', serialNumber: 'GSA1001' },
    }),
  },
  'POST /api/v1/returns': {
    kind: 'cross-tenant-write',
    path: () => '/returns',
    body: (c) => ({
      customer: { name: 'B customer' },
      items: [{ ...grandstreamDefect({ customer: undefined }), tenantId: c.tenantA }],
      tenantId: c.tenantA,
    }),
    expect: [400],
  },
  // Serials only A bought, with no SKU: B's preview must not find A's invoice lines.
  'POST /api/v1/returns/preview': {
    kind: 'list',
    method: 'post',
    path: () => '/returns/preview',
    body: {
      customer: { name: 'B customer' },
      items: [
        { reason: 'DEFECT', product: { manufacturer: 'grandstream', serialNumber: 'GSA1001' } },
        { reason: 'DEFECT', product: { manufacturer: 'grandstream', serialNumber: 'GSA1002' } },
      ],
    },
  },
  'GET /api/v1/returns/{id}': { kind: 'by-id', path: (c) => `/returns/${c.returnId}` },
  'GET /api/v1/returns/{id}/timeline': { kind: 'by-id', path: (c) => `/returns/${c.returnId}/timeline` },
  'GET /api/v1/tickets/{id}': { kind: 'by-id', path: (c) => `/tickets/${c.ticketId}` },
  'PATCH /api/v1/tickets/{id}': {
    kind: 'by-id',
    path: (c) => `/tickets/${c.ticketId}`,
    body: { faultDescription: 'x' },
  },
  'POST /api/v1/tickets/{id}/transitions': {
    kind: 'by-id',
    path: (c) => `/tickets/${c.ticketId}/transitions`,
    body: { action: 'CANCEL' },
  },
  'GET /api/v1/tickets/{id}/timeline': { kind: 'by-id', path: (c) => `/tickets/${c.ticketId}/timeline` },
  'GET /api/v1/manufacturers/{slug}/revisions': { kind: 'staff-only' },
  'GET /api/v1/manufacturers/{slug}/webhook-endpoint': { kind: 'staff-only' },
  'PUT /api/v1/manufacturers/{slug}/webhook-endpoint': { kind: 'staff-only' },
  'POST /api/v1/manufacturers/{slug}/webhook-endpoint/secret': { kind: 'staff-only' },
  'POST /api/v1/manufacturers/{slug}/webhook-endpoint/inbound-secret': { kind: 'staff-only' },
  'GET /api/v1/webhook-deliveries': { kind: 'staff-only' },
  'POST /api/v1/webhook-deliveries/redeliver-failed': { kind: 'staff-only' },
  'GET /api/v1/webhook-deliveries/{id}': { kind: 'staff-only' },
  'POST /api/v1/webhook-deliveries/{id}/redeliver': { kind: 'staff-only' },
  'POST /api/v1/manufacturers/{slug}/callbacks': {
    kind: 'public',
    why: "authenticated by the manufacturer's signature, not by a tenant; covered by the webhooks suite",
  },
  'GET /api/v1/warranty': { kind: 'by-id', path: (c) => `/warranty?serialNumber=${c.serialA}` },
  'GET /api/v1/tickets/{id}/rma-form.pdf': {
    kind: 'by-id',
    path: (c) => `/tickets/${c.ticketId}/rma-form.pdf`,
  },
  'POST /api/v1/tickets/{id}/attachments': {
    kind: 'by-id',
    path: (c) => `/tickets/${c.ticketId}/attachments`,
    body: { kind: 'PHOTO' },
  },
  'GET /api/v1/tickets/{id}/attachments': {
    kind: 'by-id',
    path: (c) => `/tickets/${c.ticketId}/attachments`,
  },
  'GET /api/v1/tickets/{id}/attachments/{attachmentId}': {
    kind: 'by-id',
    path: (c) => `/tickets/${c.ticketId}/attachments/${c.attachmentId}`,
  },
  'GET /api/v1/attachments/{attachmentId}/content': {
    kind: 'public',
    why: 'a signed, expiring link (HMAC): the signature is the permission; covered by the attachments suite',
  },
  'GET /api/v1/outbox': { kind: 'staff-only' },
  'POST /api/v1/outbox/{id}/resend': { kind: 'staff-only' },
  'POST /api/v1/receiving': { kind: 'staff-only' },
  'POST /api/v1/receiving/parcels': { kind: 'staff-only' },
  'POST /api/v1/returns/{id}/approve': { kind: 'staff-only' },
  'GET /api/v1/parcels/{id}': { kind: 'by-id', path: (c) => `/parcels/${c.parcelId}` },
  'POST /api/v1/parcels/{id}/ship': {
    kind: 'by-id',
    path: (c) => `/parcels/${c.parcelId}/ship`,
    body: { carrier: 'DHL', trackingNumber: 'JD014600003' },
  },
  'POST /api/v1/invoice-lines/import': { kind: 'staff-only' },
};

describe('tenant isolation matrix (e2e)', () => {
  let h: Harness;
  let ctx: Ctx;
  let routes: string[];
  const callers: Array<[string, () => Promise<Record<string, string>>]> = [];

  beforeAll(async () => {
    h = await startHarness();
    const doc = SwaggerModule.createDocument(h.app, new DocumentBuilder().build());
    routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const aToken = await h.login(RESELLER_A);
    const aAdmin = await h.login(RESELLER_A_ADMIN);
    const ticket = await request(h.http)
      .post('/api/v1/tickets')
      .set('Authorization', `Bearer ${aToken}`)
      .send(grandstreamDefect())
      .expect(201);
    const attachment = await request(h.http)
      .post(`/api/v1/tickets/${ticket.body.id}/attachments`)
      .set('Authorization', `Bearer ${aToken}`)
      .field('kind', 'LOG')
      .attach('file', Buffer.from('boot log of Café Lumière\n'), 'boot.log')
      .expect(201);
    // An approved ticket of A's, in a parcel of its own.
    const submitted = await request(h.http)
      .post('/api/v1/tickets')
      .set('Authorization', `Bearer ${aToken}`)
      .send({
        ...grandstreamDefect({
          product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1002' },
          supportTicketNumber: 'GS-000002',
        }),
        submit: true,
      })
      .expect(201);
    const approved = await request(h.http)
      .post(`/api/v1/tickets/${submitted.body.id}/transitions`)
      .set('Authorization', `Bearer ${await h.login(STAFF)}`)
      .send({ action: 'APPROVE' })
      .expect(201);
    const key = await request(h.http)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${aAdmin}`)
      .send({ name: 'A integration' })
      .expect(201);
    const users = await request(h.http)
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${aAdmin}`)
      .expect(200);
    ctx = {
      ticketId: ticket.body.id,
      returnId: ticket.body.returnId,
      parcelId: approved.body.parcel.id,
      attachmentId: attachment.body[0].id,
      userId: users.body[0].id,
      apiKeyId: key.body.id,
      tenantA: ticket.body.tenantId,
      serialA: 'GSA1001',
      aIds: new Set([
        ticket.body.id,
        ticket.body.returnId,
        submitted.body.id,
        submitted.body.returnId,
        approved.body.parcel.id,
        attachment.body[0].id,
        key.body.id,
        ticket.body.tenantId,
        ...users.body.map((u: { id: string }) => u.id),
      ]),
    };
    const bAdmin = await h.login(RESELLER_B_ADMIN);
    const bKey = await request(h.http)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${bAdmin}`)
      .send({ name: 'B admin key', role: 'RESELLER_ADMIN' })
      .expect(201);
    callers.push(['tenant B user', async () => ({ Authorization: `Bearer ${bAdmin}` })]);
    callers.push(['tenant B API key', async () => ({ 'X-API-Key': bKey.body.key })]);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function snapshot(): Promise<string> {
    return h.target.asOwner(async (owner) => {
      const rows = await owner.query(
        `SELECT (SELECT md5(string_agg(t::text, '' ORDER BY id)) FROM tickets t) AS tickets,
                (SELECT md5(string_agg(r::text, '' ORDER BY id)) FROM returns r) AS returns,
                (SELECT md5(string_agg(p::text, '' ORDER BY id)) FROM parcels p) AS parcels,
                (SELECT md5(string_agg(u::text, '' ORDER BY id)) FROM users u) AS users,
                (SELECT md5(string_agg(k.id::text || coalesce(k.revoked_at::text, ''), '' ORDER BY id)) FROM api_keys k) AS keys,
                (SELECT count(*) FROM ticket_events) AS events, (SELECT count(*) FROM tenants) AS tenants,
                (SELECT count(*) FROM ticket_attachments) AS attachments`,
      );
      return JSON.stringify(rows[0]);
    });
  }

  function leaks(body: unknown): string[] {
    const text = JSON.stringify(body);
    return [...ctx.aIds]
      .filter((id) => text.includes(id))
      .concat(text.includes('Café Lumière') ? ['customer name'] : []);
  }

  it('covers every route of the app', () => {
    const missing = routes.filter((r) => !(r in MATRIX));
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(25);
  });

  it("tenant B (user and API key) cannot read or change tenant A's data through any route", async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const route of routes) {
      const check = MATRIX[route];
      if (!check || check.kind === 'public' || check.kind === 'global') continue;
      const [method] = route.split(' ') as [string];
      for (const [who, headers] of callers) {
        const h2 = await headers();
        const send = (m: string, path: string, body?: object) => {
          const r = (request(h.http) as unknown as Record<string, (p: string) => request.Test>)[
            m.toLowerCase()
          ]!(`/api/v1${path}`).set(h2);
          return body ? r.send(body) : r;
        };
        let res: request.Response;
        switch (check.kind) {
          case 'staff-only': {
            const path = route
              .split(' ')[1]!
              .replace('/api/v1', '')
              .replace('{id}', ctx.tenantA)
              .replace('{slug}', 'grandstream');
            res = await send(method, path, method === 'GET' ? undefined : {});
            if (res.status !== 403) failures.push(`${who} ${route}: expected 403, got ${res.status}`);
            break;
          }
          case 'by-id': {
            res = await send(method, check.path(ctx), check.body);
            const expected = check.signedInOnly && who.endsWith('API key') ? 403 : 404;
            if (res.status !== expected)
              failures.push(`${who} ${route}: expected ${expected}, got ${res.status}`);
            break;
          }
          case 'list':
            res = await send(check.method ?? method, check.path(ctx), check.body);
            // The answer as sent (JSON or a file such as CSV), searched for A's ids and customer.
            if (res.status >= 500 || (res.status < 400 && leaks(res.text ?? res.body).length))
              failures.push(`${who} ${route}: ${res.status}, leaks ${leaks(res.text ?? res.body)}`);
            if (res.status >= 400 && res.status !== 403)
              failures.push(`${who} ${route}: unexpected ${res.status}`);
            break;
          case 'cross-tenant-write':
            res = await send(method, check.path(ctx), check.body(ctx));
            if (!check.expect.includes(res.status))
              failures.push(`${who} ${route}: expected ${check.expect}, got ${res.status}`);
            break;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it("B's preview of a serial only A bought knows no price and no sale date; A's does", async () => {
    const body = grandstreamDefect({ product: { manufacturer: 'grandstream', serialNumber: 'GSA1001' } });
    const b = await request(h.http)
      .post('/api/v1/tickets/preview')
      .set('Authorization', `Bearer ${await h.login(RESELLER_B_ADMIN)}`)
      .send(body)
      .expect(201);
    expect(b.body.amounts.invoicedPrice).toBeNull();
    expect(b.body.warranty.basis).toBeNull();
    const a = await request(h.http)
      .post('/api/v1/tickets/preview')
      .set('Authorization', `Bearer ${await h.login(RESELLER_A)}`)
      .send(body)
      .expect(201);
    expect(a.body.amounts.invoicedPrice).toEqual({ amountMinor: 6490, currency: 'EUR' });
    expect(a.body.warranty.basis).toBe('DISTRIBUTOR_SALE');
  });

  it('staff see tenant A’s ticket (the matrix is not vacuous)', async () => {
    const token = await h.login(STAFF);
    await request(h.http)
      .get(`/api/v1/tickets/${ctx.ticketId}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
  });
});
