import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { ErrorCode } from '../src/common/errors.js';
import { DEMO_PASSWORD } from '../src/demo/demo-data.js';
import { SetupService } from '../src/setup/setup.service.js';
import { UserSessions } from '../src/auth/user-sessions.js';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_A_ADMIN,
  STAFF,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';
import { TestReceiver } from './support/receiver.js';
import { TestSmtpServer } from './support/smtp.js';

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  format?: string;
};

type Operation = {
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, as `GET /api/v1/...`, with what it answers. */
function operations(doc: OpenAPIObject): Array<[name: string, op: Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m]).map(
      (m) => [`${m.toUpperCase()} ${path}`, (item as Record<string, Operation>)[m]!] as [string, Operation],
    ),
  );
}

const isBinary = (s: Schema | undefined) => s?.type === 'string' && s.format === 'binary';

/**
 * What a 2xx answer of an operation is: JSON (with a schema), a file (binary, in its own content type),
 * or undocumented: no 2xx answer with content, a JSON answer without a schema, or another content type
 * whose schema is not binary.
 */
function answerKind(op: Operation): 'json' | 'file' | 'undocumented' {
  const ok = Object.entries(op.responses).filter(([status, r]) => /^2\d\d$/.test(status) && r.content);
  if (!ok.length) return 'undocumented';
  const content = ok.flatMap(([, r]) => Object.entries(r.content!));
  if (content.some(([type, c]) => (type === 'application/json' ? !c.schema : !isBinary(c.schema))))
    return 'undocumented';
  return content.some(([type]) => type === 'application/json') ? 'json' : 'file';
}

/**
 * Every problem of `value` against `schema`: a field the document does not describe, a field it says
 * is always there and is missing, a null where none is allowed, a wrong type or an unknown enum value.
 */
function problems(doc: OpenAPIObject, schema: Schema, value: unknown, at: string): string[] {
  const resolve = (s: Schema): Schema => {
    if (s.$ref) return resolve(doc.components!.schemas![s.$ref.split('/').pop()!] as Schema);
    if (s.allOf?.length === 1) return { ...resolve(s.allOf[0]!), nullable: s.nullable };
    return s;
  };
  const s = resolve(schema);
  if (value === null) return s.nullable ? [] : [`${at}: null, but not nullable`];
  if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of its enum`];
  switch (s.type) {
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return value.flatMap((v, i) => problems(doc, s.items ?? {}, v, `${at}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const out: string[] = [];
      const props = s.properties ?? {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (props[k]) out.push(...problems(doc, props[k], v, `${at}.${k}`));
        else if (typeof s.additionalProperties === 'object')
          out.push(...problems(doc, s.additionalProperties, v, `${at}.${k}`));
        else if (s.additionalProperties !== true) out.push(`${at}.${k}: not in the document`);
      }
      for (const k of s.required ?? []) if (!(k in (value as object))) out.push(`${at}.${k}: missing`);
      return out;
    }
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: not a string`];
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${at}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
    default:
      return [`${at}: the document gives no type`];
  }
}

/**
 * The OpenAPI document describes what every endpoint answers: real answers (a routed ticket, its
 * approval, its page in the list, a preview; then each other resource) are checked field by field
 * against the documented schemas. Every JSON answer in the document has a schema and is checked here
 * against a real one; files are documented as binary. Every operation documents the errors it can
 * answer, in one envelope; real errors are checked against it. A mail server and a manufacturer's
 * webhook receiver run beside the API, so that the outbox and the delivery log hold real entries.
 */
describe('OpenAPI response schemas (e2e)', () => {
  let h: Harness;
  let doc: OpenAPIObject;
  const smtp = new TestSmtpServer();
  const receiver = new TestReceiver();
  /** The operations whose real answers were checked (by the tests before the last one). */
  const checked = new Set<string>();
  beforeAll(async () => {
    await smtp.start();
    await receiver.start();
    h = await startHarness({
      SMTP_URL: smtp.url(),
      MAIL_SWEEP_MS: '100',
      MAIL_RETRY_SCHEDULE: '0,200ms',
      MAIL_TIMEOUT_MS: '2000',
      MAIL_LOCK_MS: '4000',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,300ms',
      WEBHOOK_SWEEP_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_LOCK_MS: '4000',
    });
    await h.reset();
    // The document as served: what the API's consumers read.
    doc = (await request(h.http).get('/api/docs-json').expect(200)).body as OpenAPIObject;
  });
  afterAll(async () => {
    await h?.close();
    await smtp.stop();
    await receiver.stop();
  });

  const responseSchema = (method: string, path: string, status: number): Schema => {
    const op = (doc.paths[path] as Record<string, { responses: Record<string, unknown> }>)[method];
    const response = op?.responses[String(status)] as
      { content?: { 'application/json'?: { schema?: Schema } } } | undefined;
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} response`);
    return schema;
  };
  const as = async (email: string) => ({ authorization: `Bearer ${await h.login(email)}` });
  type Answer = [method: string, path: string, status: number, body: unknown];
  /** The problems of each answer against its documented schema; each operation is noted as checked. */
  const check = (answers: Answer[]) =>
    answers.flatMap(([method, path, status, body]) => {
      checked.add(`${method.toUpperCase()} ${path}`);
      return problems(doc, responseSchema(method, path, status), body, `${method.toUpperCase()} ${path}`);
    });
  const until = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('a created, routed ticket, its detail, its approval, the list, a preview and an edited draft answer as documented', async () => {
    const reseller = await as(RESELLER_A);
    const created = await request(h.http)
      .post('/api/v1/tickets')
      .set(reseller)
      .send({ ...grandstreamDefect({ supportTicketNumber: 'GS-123456' }), submit: true })
      .expect(201);
    expect(created.body.decision).not.toBeNull();
    const id = created.body.id as string;
    await request(h.http)
      .post(`/api/v1/tickets/${id}/attachments`)
      .set(reseller)
      .field('kind', 'LOG')
      .attach('file', Buffer.from('boot failed\n'), 'boot.log')
      .expect(201);
    const approved = await request(h.http)
      .post(`/api/v1/tickets/${id}/transitions`)
      .set(await as(STAFF))
      .send({ action: 'APPROVE' })
      .expect(201);
    expect(approved.body.rma).not.toBeNull();
    const detail = await request(h.http).get(`/api/v1/tickets/${id}`).set(reseller).expect(200);
    expect(detail.body.timeline.length).toBeGreaterThan(2);
    expect(detail.body.attachments).toHaveLength(1);
    const page = await request(h.http)
      .get('/api/v1/tickets?limit=5')
      .set(await as(STAFF))
      .expect(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    const timeline = await request(h.http).get(`/api/v1/tickets/${id}/timeline`).set(reseller).expect(200);
    const preview = await request(h.http)
      .post('/api/v1/tickets/preview')
      .set(reseller)
      .send(grandstreamDefect())
      .expect(201);
    const draft = await request(h.http)
      .post('/api/v1/tickets')
      .set(reseller)
      .send(grandstreamDefect())
      .expect(201);
    const edited = await request(h.http)
      .patch(`/api/v1/tickets/${draft.body.id}`)
      .set(reseller)
      .send({ faultDescription: 'Reboots every few minutes' })
      .expect(200);

    const answers: Answer[] = [
      ['post', '/api/v1/tickets', 201, created.body],
      ['post', '/api/v1/tickets/{id}/transitions', 201, approved.body],
      ['get', '/api/v1/tickets/{id}', 200, detail.body],
      ['get', '/api/v1/tickets', 200, page.body],
      ['get', '/api/v1/tickets/{id}/timeline', 200, timeline.body],
      ['post', '/api/v1/tickets/preview', 201, preview.body],
      ['patch', '/api/v1/tickets/{id}', 200, edited.body],
    ];
    expect(check(answers)).toEqual([]);
    // And the check can fail on such an answer: a field the document does not know is named.
    const withExtra = { ...created.body, decision: { ...created.body.decision, bogus: 1 } };
    expect(problems(doc, responseSchema('post', '/api/v1/tickets', 201), withExtra, 'x')).toEqual([
      'x.decision.bogus: not in the document',
    ]);
  });

  it('a return with several items, read back and previewed, answers as documented', async () => {
    const reseller = await as(RESELLER_A);
    const { customer, delivery, ...first } = grandstreamDefect({ supportTicketNumber: 'GS-123456' });
    const second = {
      ...first,
      product: { manufacturer: 'innovaphone', sku: 'IP-IP112', serialNumber: 'IP-DOC-1' },
    };
    const body = { customer, delivery, resellerReference: 'PO-1', items: [first, second] };
    const created = await request(h.http)
      .post('/api/v1/returns')
      .set(reseller)
      .send({ ...body, submit: true })
      .expect(201);
    expect(created.body.items).toHaveLength(2);
    const read = await request(h.http).get(`/api/v1/returns/${created.body.id}`).set(reseller).expect(200);
    const preview = await request(h.http)
      .post('/api/v1/returns/preview')
      .set(reseller)
      .send(body)
      .expect(201);
    const timeline = await request(h.http)
      .get(`/api/v1/returns/${created.body.id}/timeline`)
      .set(reseller)
      .expect(200);
    expect(timeline.body.length).toBeGreaterThan(0);
    expect(
      check([
        ['post', '/api/v1/returns', 201, created.body],
        ['get', '/api/v1/returns/{id}', 200, read.body],
        ['post', '/api/v1/returns/preview', 201, preview.body],
        ['get', '/api/v1/returns/{id}/timeline', 200, timeline.body],
      ]),
    ).toEqual([]);
  });

  it("a parcel's approval, reading, shipping and receiving answer as documented", async () => {
    const reseller = await as(RESELLER_A);
    const staff = await as(STAFF);
    const { customer, delivery, ...first } = grandstreamDefect({ supportTicketNumber: 'GS-123456' });
    const second = {
      ...first,
      product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1002' },
    };
    const ret = await request(h.http)
      .post('/api/v1/returns')
      .set(reseller)
      .send({ customer, delivery, items: [first, second], submit: true })
      .expect(201);
    const ids = ret.body.items.map((t: { id: string }) => t.id);
    const approved = await request(h.http)
      .post(`/api/v1/returns/${ret.body.id}/approve`)
      .set(staff)
      .send({ items: ids })
      .expect(200);
    const parcel = approved.body.parcel;
    const read = await request(h.http).get(`/api/v1/parcels/${parcel.id}`).set(reseller).expect(200);
    const shipped = await request(h.http)
      .post(`/api/v1/parcels/${parcel.id}/ship`)
      .set(reseller)
      .send({ carrier: 'DHL', trackingNumber: 'JD014600003' })
      .expect(200);
    const received = await request(h.http)
      .post('/api/v1/receiving/parcels')
      .set(staff)
      .send({ rmaNumber: parcel.rmaNumber, serials: ['GSA1002'] })
      .expect(200);
    expect(received.body.missing).toHaveLength(1);
    expect(
      check([
        ['post', '/api/v1/returns/{id}/approve', 200, approved.body],
        ['get', '/api/v1/parcels/{id}', 200, read.body],
        ['post', '/api/v1/parcels/{id}/ship', 200, shipped.body],
        ['post', '/api/v1/receiving/parcels', 200, received.body],
      ]),
    ).toEqual([]);
  });

  it('the checker finds an undocumented field, a missing one and a null where none is allowed', () => {
    const schema = responseSchema('get', '/api/v1/tickets/{id}/timeline', 200);
    const entry = {
      id: 1,
      at: '2026-11-30T10:00:00.000Z',
      actorType: 'USER',
      actorId: null,
      actorLabel: 'Alex',
      action: 'CREATE',
      fromStatus: null,
      toStatus: 'DRAFT',
      note: null,
    };
    expect(problems(doc, schema, [entry], 't')).toEqual([]);
    const { note: _dropped, ...withoutNote } = entry;
    expect(problems(doc, schema, [{ ...withoutNote, extra: 1, actorLabel: null }], 't')).toEqual([
      't[0].actorLabel: null, but not nullable',
      't[0].extra: not in the document',
      't[0].note: missing',
    ]);
  });

  it('every other resource answers as documented: auth, tenants, users, keys, catalogue, paperwork, webhooks, mail', async () => {
    const staff = await as(STAFF);
    const staffAdmin = await as(STAFF_ADMIN);
    const reseller = await as(RESELLER_A);
    const resellerAdmin = await as(RESELLER_A_ADMIN);
    const api = (path: string) => `/api/v1${path}`;
    const get = (auth: Record<string, string>, path: string) =>
      request(h.http).get(api(path)).set(auth).expect(200);

    // Who is calling, and the tenants.
    const health = await request(h.http).get(api('/health')).expect(200);
    const live = await request(h.http).get(api('/health/live')).expect(200);
    const ready = await request(h.http).get(api('/health/ready')).expect(200);
    const login = await request(h.http)
      .post(api('/auth/login'))
      .send({ email: STAFF, password: DEMO_PASSWORD })
      .expect(200);
    const meUser = await get(reseller, '/auth/me');
    // The first-run page's setup, while the demo's admins are disabled for a moment.
    const setupClosed = await request(h.http).get(api('/setup')).expect(200);
    const setAdminsDisabled = async (disabled: boolean) => {
      await h.target.asOwner((o) =>
        o.query(
          `UPDATE users SET disabled_at = ${disabled ? 'now()' : 'NULL'} WHERE role = 'DISTRIBUTOR_ADMIN'`,
        ),
      );
      h.app.get(UserSessions).forget();
    };
    await setAdminsDisabled(true);
    const setupToken = await h.app.get(SetupService).openSetup();
    const setupOpen = await request(h.http).get(api('/setup')).expect(200);
    const firstAdmin = await request(h.http)
      .post(api('/setup/admin'))
      .send({
        token: setupToken,
        name: 'First Admin',
        email: 'first@distri.example',
        password: 'password123',
      })
      .expect(201);
    await setAdminsDisabled(false);
    // A password change answers a new token; signing out everywhere ends the sessions (of a user of
    // its own, so the demo users' passwords and the harness's cached tokens stay as they are).
    await request(h.http)
      .post(api('/users'))
      .set(resellerAdmin)
      .send({
        email: 'pw@alpha-it.example',
        name: 'Pat Word',
        role: 'RESELLER_AGENT',
        password: 'password123',
      })
      .expect(201);
    const signedIn = await request(h.http)
      .post(api('/auth/login'))
      .send({ email: 'pw@alpha-it.example', password: 'password123' })
      .expect(200);
    const passwordChanged = await request(h.http)
      .post(api('/auth/password'))
      .set({ authorization: `Bearer ${signedIn.body.accessToken}` })
      .send({ currentPassword: 'password123', newPassword: 'another-password' })
      .expect(200);
    const sessionsEnded = await request(h.http)
      .delete(api('/auth/sessions'))
      .set({ authorization: `Bearer ${passwordChanged.body.accessToken}` })
      .expect(200);
    const tenants = await get(staff, '/tenants');
    const current = await get(reseller, '/tenants/current');
    const tenant = await get(staff, `/tenants/${current.body.id}`);
    const newTenant = await request(h.http)
      .post(api('/tenants'))
      .set(staffAdmin)
      .send({ slug: 'gamma-tel', name: 'Gamma Telecom', returnAddress: 'Quai 3, Liège' })
      .expect(201);
    const patchedTenant = await request(h.http)
      .patch(api(`/tenants/${newTenant.body.id}`))
      .set(staffAdmin)
      .send({ restockingFeePercent: 12.5, restockingFeeMinMinor: 500 })
      .expect(200);
    expect(patchedTenant.body.feePolicy.restockingFeeMinMinor).toBe(500);

    // Users, and API keys: the key itself in its creation's answer only.
    const users = await get(staff, '/users');
    expect(users.body.some((u: { tenantId: string | null }) => u.tenantId === null)).toBe(true);
    const newUser = await request(h.http)
      .post(api('/users'))
      .set(resellerAdmin)
      .send({
        email: 'new@alpha-it.example',
        name: 'New Agent',
        role: 'RESELLER_AGENT',
        password: 'password123',
      })
      .expect(201);
    const patchedUser = await request(h.http)
      .patch(api(`/users/${newUser.body.id}`))
      .set(resellerAdmin)
      .send({ disabled: true })
      .expect(200);
    const newKey = await request(h.http)
      .post(api('/api-keys'))
      .set(resellerAdmin)
      .send({ name: 'ERP integration' })
      .expect(201);
    expect(newKey.body.key).toMatch(/^rma_[0-9a-f]{8}_/);
    const meKey = await get({ 'x-api-key': newKey.body.key }, '/auth/me');
    expect(meKey.body.kind).toBe('apiKey');
    const keys = await get(resellerAdmin, '/api-keys');
    expect(keys.body.find((k: { id: string }) => k.id === newKey.body.id).lastUsedAt).not.toBeNull();
    const revoked = await request(h.http)
      .delete(api(`/api-keys/${newKey.body.id}`))
      .set(resellerAdmin)
      .expect(200);

    // The catalogue: manufacturers (staff see webhookUrl, resellers do not), products, invoice lines.
    const manufacturers = await get(staff, '/manufacturers');
    const forReseller = await get(reseller, '/manufacturers');
    const manufacturer = await get(reseller, '/manufacturers/dapustor');
    const config = {
      slug: 'acme',
      name: 'Acme Storage',
      adapter: 'IN_HOUSE',
      destroyBelowMinor: 2000,
      supportTicket: { helpdeskUrl: 'https://support.acme.example/', numberPattern: '^AC-\\d{4}$' },
      warranty: { months: 36, usageLimit: { unit: 'TBW', limit: 600 }, fallback: 'DISTRIBUTOR_SALE' },
      productLines: [{ skuPrefix: 'AC-SD', warranty: { months: 12, fallback: 'NONE' } }],
      rmaValidityDays: 14,
    };
    const newManufacturer = await request(h.http)
      .post(api('/manufacturers'))
      .set(staffAdmin)
      .send(config)
      .expect(201);
    const putManufacturer = await request(h.http)
      .put(api('/manufacturers/acme'))
      .set(staffAdmin)
      .send({ ...config, returnAddress: 'Acme RMA, Dock 4' })
      .expect(200);
    const revisions = await get(staff, `/manufacturers/${putManufacturer.body.slug}/revisions`);
    expect(revisions.body.length).toBeGreaterThan(1);
    const products = await get(reseller, '/products');
    const newProduct = await request(h.http)
      .post(api('/products'))
      .set(staff)
      .send({ manufacturer: 'acme', sku: 'AC-SSD-1T', name: 'Acme SSD 1 TB' })
      .expect(201);
    const lines = await get(reseller, '/invoice-lines?sku=DS-H5100-3T8');
    const newLine = await request(h.http)
      .post(api('/invoice-lines'))
      .set(staff)
      .send({
        tenantId: current.body.id,
        invoiceNumber: 'INV-2026-0042',
        invoicedOn: '2026-10-01',
        sku: 'AC-SSD-1T',
        unitPriceMinor: 8200,
        currency: 'EUR',
      })
      .expect(201);
    const imported = await request(h.http)
      .post(api('/invoice-lines/import'))
      .set(staff)
      .attach(
        'file',
        Buffer.from(
          'reseller;invoice number;date;SKU;serial;unit price;currency\n' +
            'alpha-it;INV-X-1;2026-01-15;AC-SSD-1T;AC0001;64,90;EUR\n' +
            'nobody;INV-X-2;2026-01-15;AC-SSD-1T;AC0002;64,90;EUR\n',
        ),
        'export.csv',
      )
      .expect(200);
    expect(imported.body.errors).toHaveLength(1);

    // A reseller's figures, a pre-filled ticket, a warranty look-up, attachments and receiving.
    const ticket = await request(h.http)
      .post(api('/tickets'))
      .set(reseller)
      .send({ ...grandstreamDefect({ supportTicketNumber: 'GS-123456' }), submit: true })
      .expect(201);
    const counts = await get(staff, '/tickets/counts');
    const prefill = await get(reseller, '/tickets/prefill');
    const warranty = await get(reseller, '/warranty?serialNumber=GSA1001');
    const uploaded = await request(h.http)
      .post(api(`/tickets/${ticket.body.id}/attachments`))
      .set(reseller)
      .field('kind', 'LOG')
      .attach('file', Buffer.from('link down at 03:12\n'), 'switch.log')
      .expect(201);
    const attachments = await get(reseller, `/tickets/${ticket.body.id}/attachments`);
    const approved = await request(h.http)
      .post(api(`/tickets/${ticket.body.id}/transitions`))
      .set(staff)
      .send({ action: 'APPROVE' })
      .expect(201);
    const received = await request(h.http)
      .post(api('/receiving'))
      .set(staff)
      .send({ rmaNumber: approved.body.rma.number, serialNumber: 'GSA1001' })
      .expect(200);
    const stats = await get(staff, '/tickets/stats');

    // Webhooks: the endpoint (its secret once), secrets rotated, a forwarded ticket's delivery, a callback.
    const created = await request(h.http)
      .put(api('/manufacturers/dapustor/webhook-endpoint'))
      .set(staffAdmin)
      .send({ url: receiver.url(), payloadVersion: 1 })
      .expect(200);
    expect(created.body.secret).toMatch(/^whsec_/);
    const updated = await request(h.http)
      .put(api('/manufacturers/dapustor/webhook-endpoint'))
      .set(staffAdmin)
      .send({ url: receiver.url(), events: ['rma.cancelled'] })
      .expect(200);
    expect(updated.body).not.toHaveProperty('secret');
    const rotated = await request(h.http)
      .post(api('/manufacturers/dapustor/webhook-endpoint/secret'))
      .set(staffAdmin)
      .expect(201);
    const inbound = await request(h.http)
      .post(api('/manufacturers/dapustor/webhook-endpoint/inbound-secret'))
      .set(staffAdmin)
      .expect(201);
    const endpoint = await get(staff, '/manufacturers/dapustor/webhook-endpoint');
    expect(endpoint.body.inboundSecretConfigured).toBe(true);
    const serial = (lines.body as Array<{ serialNumber: string | null }>)
      .map((l) => l.serialNumber)
      .find((s) => s?.startsWith('DS2541A'));
    const forwarded = await request(h.http)
      .post(api('/tickets'))
      .set(reseller)
      .send({
        reason: 'DEFECT',
        customer: { name: 'Data Centre One' },
        product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial, usage: 120 },
        faultDescription: 'Drive drops off the bus under load',
        submit: true,
      })
      .expect(201);
    expect(forwarded.body.status).toBe('FORWARDED');
    const deliveries = await until('a delivery that succeeded', async () => {
      const res = await get(staff, `/webhook-deliveries?ticketId=${forwarded.body.id}`);
      return res.body.items[0]?.status === 'SUCCEEDED' ? res : undefined;
    });
    const deliveryId = deliveries.body.items[0].id as string;
    const delivery = await get(staff, `/webhook-deliveries/${deliveryId}`);
    expect(delivery.body.payload.data.ticket.id).toBe(forwarded.body.id);
    const redelivered = await request(h.http)
      .post(api(`/webhook-deliveries/${deliveryId}/redeliver`))
      .set(staff)
      .expect(200);
    const redeliveredFailed = await request(h.http)
      .post(api('/webhook-deliveries/redeliver-failed'))
      .set(staff)
      .send({ since: '2026-01-01T00:00:00Z' })
      .expect(200);
    const body = JSON.stringify({
      type: 'rma.accepted',
      data: { ticketId: forwarded.body.id, vendorRmaNumber: 'DS-RMA-4711' },
    });
    const at = new Date();
    const callback = await request(h.http)
      .post(api('/manufacturers/dapustor/callbacks'))
      .set('content-type', 'application/json')
      .set('webhook-id', 'evt_openapi_1')
      .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
      .set('webhook-signature', new Webhook(inbound.body.secret).sign('evt_openapi_1', at, body))
      .send(body)
      .expect(200);

    // The mail outbox: the messages the tickets above sent; one sent again.
    const outbox = await until('a sent message', async () => {
      const res = await get(staff, '/outbox?status=SENT');
      return res.body.items.length ? res : undefined;
    });
    const resent = await request(h.http)
      .post(api(`/outbox/${outbox.body.items[0].id}/resend`))
      .set(staff)
      .expect(200);

    const answers: Answer[] = [
      ['get', '/api/v1/health', 200, health.body],
      ['get', '/api/v1/health/live', 200, live.body],
      ['get', '/api/v1/health/ready', 200, ready.body],
      ['post', '/api/v1/auth/login', 200, login.body],
      ['get', '/api/v1/auth/me', 200, meUser.body],
      ['get', '/api/v1/setup', 200, setupClosed.body],
      ['get', '/api/v1/setup', 200, setupOpen.body],
      ['post', '/api/v1/setup/admin', 201, firstAdmin.body],
      ['get', '/api/v1/auth/me', 200, meKey.body],
      ['post', '/api/v1/auth/password', 200, passwordChanged.body],
      ['delete', '/api/v1/auth/sessions', 200, sessionsEnded.body],
      ['get', '/api/v1/tenants', 200, tenants.body],
      ['get', '/api/v1/tenants/current', 200, current.body],
      ['get', '/api/v1/tenants/{id}', 200, tenant.body],
      ['post', '/api/v1/tenants', 201, newTenant.body],
      ['patch', '/api/v1/tenants/{id}', 200, patchedTenant.body],
      ['get', '/api/v1/users', 200, users.body],
      ['post', '/api/v1/users', 201, newUser.body],
      ['patch', '/api/v1/users/{id}', 200, patchedUser.body],
      ['post', '/api/v1/api-keys', 201, newKey.body],
      ['get', '/api/v1/api-keys', 200, keys.body],
      ['delete', '/api/v1/api-keys/{id}', 200, revoked.body],
      ['get', '/api/v1/manufacturers', 200, manufacturers.body],
      ['get', '/api/v1/manufacturers', 200, forReseller.body],
      ['get', '/api/v1/manufacturers/{slug}', 200, manufacturer.body],
      ['post', '/api/v1/manufacturers', 201, newManufacturer.body],
      ['put', '/api/v1/manufacturers/{slug}', 200, putManufacturer.body],
      ['get', '/api/v1/manufacturers/{slug}/revisions', 200, revisions.body],
      ['get', '/api/v1/products', 200, products.body],
      ['post', '/api/v1/products', 201, newProduct.body],
      ['get', '/api/v1/invoice-lines', 200, lines.body],
      ['post', '/api/v1/invoice-lines', 201, newLine.body],
      ['post', '/api/v1/invoice-lines/import', 200, imported.body],
      ['get', '/api/v1/tickets/counts', 200, counts.body],
      ['get', '/api/v1/tickets/stats', 200, stats.body],
      ['get', '/api/v1/tickets/prefill', 200, prefill.body],
      ['get', '/api/v1/warranty', 200, warranty.body],
      ['post', '/api/v1/tickets/{id}/attachments', 201, uploaded.body],
      ['get', '/api/v1/tickets/{id}/attachments', 200, attachments.body],
      ['post', '/api/v1/receiving', 200, received.body],
      ['put', '/api/v1/manufacturers/{slug}/webhook-endpoint', 200, created.body],
      ['put', '/api/v1/manufacturers/{slug}/webhook-endpoint', 200, updated.body],
      ['post', '/api/v1/manufacturers/{slug}/webhook-endpoint/secret', 201, rotated.body],
      ['post', '/api/v1/manufacturers/{slug}/webhook-endpoint/inbound-secret', 201, inbound.body],
      ['get', '/api/v1/manufacturers/{slug}/webhook-endpoint', 200, endpoint.body],
      ['get', '/api/v1/webhook-deliveries', 200, deliveries.body],
      ['get', '/api/v1/webhook-deliveries/{id}', 200, delivery.body],
      ['post', '/api/v1/webhook-deliveries/{id}/redeliver', 200, redelivered.body],
      ['post', '/api/v1/webhook-deliveries/redeliver-failed', 200, redeliveredFailed.body],
      ['post', '/api/v1/manufacturers/{slug}/callbacks', 200, callback.body],
      ['get', '/api/v1/outbox', 200, outbox.body],
      ['post', '/api/v1/outbox/{id}/resend', 200, resent.body],
    ];
    expect(check(answers)).toEqual([]);
    // A secret in an answer that must not carry one is named: the endpoint as read, and a key as listed.
    expect(
      problems(
        doc,
        responseSchema('get', '/api/v1/manufacturers/{slug}/webhook-endpoint', 200),
        created.body,
        'e',
      ),
    ).toEqual(['e.secret: not in the document']);
    expect(problems(doc, responseSchema('get', '/api/v1/api-keys', 200), [newKey.body], 'k')).toEqual([
      'k[0].key: not in the document',
    ]);
  });

  it('files are documented as binary and answer as files, not JSON', async () => {
    const files = operations(doc)
      .filter(([, op]) => answerKind(op) === 'file')
      .map(([name]) => name);
    expect(files.sort()).toEqual([
      'GET /api/v1/attachments/{attachmentId}/content',
      'GET /api/v1/tickets.csv',
      'GET /api/v1/tickets/{id}/attachments/{attachmentId}',
      'GET /api/v1/tickets/{id}/rma-form.pdf',
    ]);
    const reseller = await as(RESELLER_A);
    const { body: ticket } = await request(h.http)
      .post('/api/v1/tickets')
      .set(reseller)
      .send({ ...grandstreamDefect({ supportTicketNumber: 'GS-123456' }), submit: true })
      .expect(201);
    const [attachment] = (
      await request(h.http)
        .post(`/api/v1/tickets/${ticket.id}/attachments`)
        .set(reseller)
        .field('kind', 'LOG')
        .attach('file', Buffer.from('boot failed\n'), 'boot.log')
        .expect(201)
    ).body;
    await request(h.http)
      .post(`/api/v1/tickets/${ticket.id}/transitions`)
      .set(await as(STAFF))
      .send({ action: 'APPROVE' })
      .expect(201);
    const pdf = await request(h.http)
      .get(`/api/v1/tickets/${ticket.id}/rma-form.pdf`)
      .set(reseller)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const csv = await request(h.http).get('/api/v1/tickets.csv').set(reseller).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain(ticket.id);
    const file = await request(h.http).get(attachment.href).set(reseller).expect(200);
    expect(file.headers['content-type']).not.toMatch(/json/);
  });

  it('every operation documents its 2xx answer: a JSON schema, or a file', () => {
    const undocumented = operations(doc)
      .filter(([, op]) => answerKind(op) === 'undocumented')
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
    // And it would fail: an answer without content, a JSON answer without a schema, a file not binary.
    const bare = { responses: { '200': { description: '' } } } as unknown as Operation;
    const noSchema = { responses: { '201': { content: { 'application/json': {} } } } } as Operation;
    const notBinary = {
      responses: { '200': { content: { 'application/pdf': { schema: { type: 'object' } } } } },
    } as Operation;
    expect([bare, noSchema, notBinary].map(answerKind)).toEqual([
      'undocumented',
      'undocumented',
      'undocumented',
    ]);
  });

  it('no schema property is a shapeless object: a nullable scalar says its type', () => {
    // A `string | null` field without an explicit type is emitted as a bare `object` by the generator.
    const shapeless = (name: string, schema: Schema) =>
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => {
          const prop = p as Schema;
          return (
            prop.type === 'object' &&
            !prop.properties &&
            !prop.additionalProperties &&
            !prop.$ref &&
            !prop.allOf
          );
        })
        .map(([field]) => `${name}.${field}`);
    const found = Object.entries(doc.components?.schemas ?? {}).flatMap(([name, schema]) =>
      shapeless(name, schema as Schema),
    );
    expect(found).toEqual([]);
    expect(shapeless('Probe', { properties: { portalUrl: { type: 'object', nullable: true } } })).toEqual([
      'Probe.portalUrl',
    ]);
  });

  it('the served document says how each operation authenticates, as the guard does', async () => {
    const served = (await request(h.http).get('/api/docs-json').expect(200)).body as OpenAPIObject;
    const security = (method: string, path: string) =>
      (served.paths[path] as Record<string, Operation & { security?: unknown }>)[method]!.security;
    const both = [{ bearer: [] }, { apiKey: [] }];
    const bearer = [{ bearer: [] }];
    expect(security('get', '/api/v1/health')).toEqual([]);
    expect(security('post', '/api/v1/auth/login')).toEqual([]);
    expect(security('get', '/api/v1/auth/me')).toEqual(both);
    expect(security('post', '/api/v1/tickets')).toEqual(both);
    expect(security('get', '/api/v1/tenants/current')).toEqual(both);
    expect(security('get', '/api/v1/tenants')).toEqual(bearer); // staff only
    expect(security('post', '/api/v1/api-keys')).toEqual(bearer); // signed-in users only
    expect(security('get', '/api/v1/users')).toEqual(bearer);
    const missing = Object.entries(served.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation & { security?: unknown }>)
        .filter(([, op]) => op.security === undefined)
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  /** The error answers an operation documents: each status with the codes its description names. */
  const errorAnswers = (method: string, path: string): Record<string, string[]> => {
    const op = (doc.paths[path] as Record<string, Operation> | undefined)?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    return Object.fromEntries(
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, r]) => [
          status,
          [...(r.description ?? '').matchAll(/`([A-Z_]+)`:/g)].map((m) => m[1]!),
        ]),
    );
  };
  type ErrorAnswer = [method: string, path: string, res: request.Response];
  /**
   * The problems of each real error answer: its status not documented for its operation, its code not
   * named there, its statusCode not its status, or its body not the documented envelope.
   */
  const errorProblems = (answers: ErrorAnswer[]) =>
    answers.flatMap(([method, path, res]) => {
      const at = `${method.toUpperCase()} ${path} ${res.status}`;
      const codes = errorAnswers(method, path)[String(res.status)];
      if (!codes) return [`${at}: not documented`];
      const out = problems(doc, responseSchema(method, path, res.status), res.body, at);
      if (!codes.includes(res.body.code)) out.push(`${at}: ${res.body.code} is not named`);
      if (res.body.statusCode !== res.status) out.push(`${at}: statusCode ${res.body.statusCode}`);
      return out;
    });

  it('the served document states the errors each operation can answer, from its metadata', () => {
    const ops = operations(doc);
    const envelope = { $ref: '#/components/schemas/ErrorBody' };
    // One envelope for every error answer, its codes those of ErrorCode.
    const errorBody = doc.components!.schemas!.ErrorBody as Schema;
    expect(errorBody.properties!.code!.enum).toEqual(Object.values(ErrorCode));
    expect(errorBody.required).toEqual(['statusCode', 'code', 'message', 'requestId']);
    const notEnvelope = ops.flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(
          ([, r]) => JSON.stringify(r.content?.['application/json']?.schema) !== JSON.stringify(envelope),
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(notEnvelope).toEqual([]);
    // Any operation may fail unexpectedly; every authenticated one answers 401; public ones do not,
    // save the login (wrong credentials) and the manufacturers' callbacks, whose signature is their
    // authentication.
    expect(ops.filter(([, op]) => !op.responses['500']).map(([name]) => name)).toEqual([]);
    expect(ops.filter(([, op]) => op.security?.length && !op.responses['401']).map(([n]) => n)).toEqual([]);
    expect(ops.filter(([, op]) => !op.security?.length && op.responses['401']).map(([n]) => n)).toEqual([
      'POST /api/v1/auth/login',
      'POST /api/v1/manufacturers/{slug}/callbacks',
    ]);
    // A path parameter names something that may not exist.
    expect(ops.filter(([name, op]) => name.includes('{') && !op.responses['404']).map(([n]) => n)).toEqual(
      [],
    );

    const internal = { '500': ['INTERNAL'] };
    const signedIn = { '401': ['UNAUTHENTICATED'], ...internal };
    const json = {
      '400': ['VALIDATION_FAILED', 'INVALID_JSON'],
      '413': ['PAYLOAD_TOO_LARGE'],
      '415': ['UNSUPPORTED_MEDIA_TYPE'],
    };
    expect(errorAnswers('get', '/api/v1/health')).toEqual({ ...internal, '503': ['NOT_READY'] });
    // Public, a body, and the login rate limit's guard: no 401 or 403 from the auth guard, but 429.
    const login = errorAnswers('post', '/api/v1/auth/login');
    expect(login).toMatchObject({ ...json, '429': ['RATE_LIMITED'], ...internal });
    expect(login['403']).toBeUndefined();
    // Every role may call, a UUID in the path: 400, 401 and 404, never 403.
    expect(errorAnswers('get', '/api/v1/tickets/{id}')).toEqual({
      '400': ['VALIDATION_FAILED'],
      ...signedIn,
      '404': ['NOT_FOUND'],
    });
    expect(errorAnswers('get', '/api/v1/manufacturers')).toEqual(signedIn);
    // Staff only, nothing to validate.
    expect(errorAnswers('get', '/api/v1/tenants')).toEqual({ ...signedIn, '403': ['FORBIDDEN'] });
    // Resellers only, a body, and the codes the Idempotency-Key adds.
    expect(errorAnswers('post', '/api/v1/tickets')).toEqual({
      ...json,
      ...signedIn,
      '403': ['FORBIDDEN'],
      '409': ['CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'],
      '422': ['IDEMPOTENCY_KEY_REUSED'],
    });
    expect(errorAnswers('post', '/api/v1/tickets/{id}/attachments')).toMatchObject({
      '409': ['ATTACHMENT_LIMIT_REACHED', 'TRANSITION_NOT_ALLOWED'],
      '413': ['PAYLOAD_TOO_LARGE'],
      '415': ['UNSUPPORTED_MEDIA_TYPE'],
    });
    expect(errorAnswers('post', '/api/v1/receiving')).toMatchObject({ '422': ['PARCEL_REFUSED'] });
    expect(errorAnswers('post', '/api/v1/invoice-lines/import')).toMatchObject({
      '400': ['VALIDATION_FAILED'],
      '413': ['PAYLOAD_TOO_LARGE'],
    });
    const callbacks = errorAnswers('post', '/api/v1/manufacturers/{slug}/callbacks');
    expect(callbacks).toMatchObject({ '401': ['UNAUTHENTICATED'], '503': ['SECRET_UNAVAILABLE'] });
    expect(callbacks['403']).toBeUndefined();
    const signedLink = errorAnswers('get', '/api/v1/attachments/{attachmentId}/content');
    expect(signedLink).toMatchObject({ '403': ['FORBIDDEN'], '404': ['NOT_FOUND'] });
    expect(signedLink['401']).toBeUndefined();
    // The rate limit says when to try again.
    const limited = (doc.paths['/api/v1/auth/login'] as Record<string, { responses: Record<string, object> }>)
      .post!.responses['429'];
    expect(limited).toHaveProperty(['headers', 'Retry-After', 'schema', 'type'], 'integer');
  });

  it('real error answers are the documented envelope, under a status their operation documents', async () => {
    const reseller = await as(RESELLER_A);
    const staffAdmin = await as(STAFF_ADMIN);
    const api = (path: string) => `/api/v1${path}`;
    const { body: submitted } = await request(h.http)
      .post(api('/tickets'))
      .set(reseller)
      .send({ ...grandstreamDefect({ supportTicketNumber: 'GS-123456' }), submit: true })
      .expect(201);
    const expectStatus = async (status: number, test: request.Test) => {
      const res = await test;
      if (res.status !== status)
        throw new Error(`${status} expected: ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };

    // 400: a body naming a field, a body that is not JSON, a path parameter that is not a UUID.
    const badField = await expectStatus(
      400,
      request(h.http)
        .post(api('/tickets'))
        .set(reseller)
        .send({ ...grandstreamDefect(), reason: 'BORED' }),
    );
    expect(badField.body.code).toBe('VALIDATION_FAILED');
    expect(badField.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    );
    const notJson = await expectStatus(
      400,
      request(h.http)
        .post(api('/tickets'))
        .set(reseller)
        .set('content-type', 'application/json')
        .send('{"reason":'),
    );
    const notUuid = await expectStatus(400, request(h.http).get(api('/tickets/not-a-uuid')).set(reseller));
    // 401: no credentials; a token that is not one; a callback without a verifiable signature (public).
    const anonymous = await expectStatus(401, request(h.http).get(api('/tickets')));
    const badToken = await expectStatus(
      401,
      request(h.http).get(api('/auth/me')).set('authorization', 'Bearer not.a.token'),
    );
    const unsigned = await expectStatus(
      401,
      request(h.http)
        .post(api('/manufacturers/dapustor/callbacks'))
        .set('webhook-id', 'evt_1')
        .set('webhook-timestamp', String(Math.floor(Date.now() / 1000)))
        .set('webhook-signature', 'v1,bm90IGEgc2lnbmF0dXJl')
        .send({ type: 'rma.accepted', data: {} }),
    );
    // 403: a role the route does not take; an action the reseller may not take; a link not signed.
    const staffOnly = await expectStatus(403, request(h.http).get(api('/tenants')).set(reseller));
    const notYours = await expectStatus(
      403,
      request(h.http)
        .post(api(`/tickets/${submitted.id}/transitions`))
        .set(reseller)
        .send({ action: 'APPROVE' }),
    );
    const unsignedLink = await expectStatus(
      403,
      request(h.http).get(api(`/attachments/${randomUUID()}/content?expires=1&signature=abc`)),
    );
    // 404: an id, a slug.
    const noTicket = await expectStatus(
      404,
      request(h.http)
        .get(api(`/tickets/${randomUUID()}`))
        .set(reseller),
    );
    const noMaker = await expectStatus(404, request(h.http).get(api('/manufacturers/nobody')).set(reseller));
    // 409: a slug taken; a ticket no longer a draft.
    const taken = await expectStatus(
      409,
      request(h.http).post(api('/tenants')).set(staffAdmin).send({ slug: 'alpha-it', name: 'Alpha again' }),
    );
    const notDraft = await expectStatus(
      409,
      request(h.http)
        .patch(api(`/tickets/${submitted.id}`))
        .set(reseller)
        .send({ faultDescription: 'x' }),
    );
    // 413: a body over the limit; 415: a file of a type not accepted.
    const tooLarge = await expectStatus(
      413,
      request(h.http)
        .post(api('/tickets'))
        .set(reseller)
        .send({ ...grandstreamDefect(), faultDescription: 'x'.repeat(1_100_000) }),
    );
    const latin1 = await expectStatus(
      415,
      request(h.http)
        .post(api('/tickets'))
        .set(reseller)
        .set('content-type', 'application/json; charset=latin1')
        .send(JSON.stringify(grandstreamDefect())),
    );
    expect(latin1.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    const wrongType = await expectStatus(
      415,
      request(h.http)
        .post(api(`/tickets/${submitted.id}/attachments`))
        .set(reseller)
        .field('kind', 'OTHER')
        .attach('file', elf, 'tool'),
    );
    // 422: an Idempotency-Key again with another body; a parcel nobody announced.
    await expectStatus(
      201,
      request(h.http)
        .post(api('/tickets'))
        .set(reseller)
        .set('Idempotency-Key', 'k-1')
        .send(grandstreamDefect()),
    );
    const reused = await expectStatus(
      422,
      request(h.http)
        .post(api('/tickets'))
        .set(reseller)
        .set('Idempotency-Key', 'k-1')
        .send(grandstreamDefect({ faultDescription: 'Another fault' })),
    );
    const refused = await expectStatus(
      422,
      request(h.http)
        .post(api('/receiving'))
        .set(await as(STAFF))
        .send({ rmaNumber: 'RMA-1999-999999' }),
    );

    const answers: ErrorAnswer[] = [
      ['post', '/api/v1/tickets', badField],
      ['post', '/api/v1/tickets', notJson],
      ['get', '/api/v1/tickets/{id}', notUuid],
      ['get', '/api/v1/tickets', anonymous],
      ['get', '/api/v1/auth/me', badToken],
      ['post', '/api/v1/manufacturers/{slug}/callbacks', unsigned],
      ['get', '/api/v1/tenants', staffOnly],
      ['post', '/api/v1/tickets/{id}/transitions', notYours],
      ['get', '/api/v1/attachments/{attachmentId}/content', unsignedLink],
      ['get', '/api/v1/tickets/{id}', noTicket],
      ['get', '/api/v1/manufacturers/{slug}', noMaker],
      ['post', '/api/v1/tenants', taken],
      ['patch', '/api/v1/tickets/{id}', notDraft],
      ['post', '/api/v1/tickets', tooLarge],
      ['post', '/api/v1/tickets/{id}/attachments', wrongType],
      ['post', '/api/v1/tickets', latin1],
      ['post', '/api/v1/tickets', reused],
      ['post', '/api/v1/receiving', refused],
    ];
    expect(errorProblems(answers)).toEqual([]);
    expect([...new Set(answers.map(([, , res]) => res.status))].sort()).toEqual([
      400, 401, 403, 404, 409, 413, 415, 422,
    ]);
    expect([...new Set(answers.map(([, , res]) => res.body.code as string))].sort()).toEqual([
      'CONFLICT',
      'FORBIDDEN',
      'IDEMPOTENCY_KEY_REUSED',
      'INVALID_JSON',
      'NOT_FOUND',
      'PARCEL_REFUSED',
      'PAYLOAD_TOO_LARGE',
      'TRANSITION_NOT_ALLOWED',
      'UNAUTHENTICATED',
      'UNSUPPORTED_MEDIA_TYPE',
      'VALIDATION_FAILED',
    ]);

    // And the check fails on an answer the document does not promise: a status the operation does not
    // list, a code its status does not name, a body that is not the envelope.
    const as404 = { ...staffOnly, status: 404 } as request.Response;
    const asOther = { ...staffOnly, body: { ...staffOnly.body, code: 'NOT_FOUND' } } as request.Response;
    const { requestId: _requestId, ...anonymousBody } = staffOnly.body as Record<string, unknown>;
    const leaky = { ...staffOnly, body: { ...anonymousBody, stack: 'at ...' } };
    expect(
      errorProblems([
        ['get', '/api/v1/tenants', as404],
        ['get', '/api/v1/tenants', asOther],
        ['get', '/api/v1/tenants', leaky as request.Response],
      ]),
    ).toEqual([
      'GET /api/v1/tenants 404: not documented',
      'GET /api/v1/tenants 403: NOT_FOUND is not named',
      'GET /api/v1/tenants 403.stack: not in the document',
      'GET /api/v1/tenants 403.requestId: missing',
    ]);
  });

  // Runs last: the tests above note each operation whose real answer they checked.
  it('every documented JSON answer was checked against a real one above', () => {
    const json = operations(doc)
      .filter(([, op]) => answerKind(op) === 'json')
      .map(([name]) => name);
    expect(json.filter((name) => !checked.has(name))).toEqual([]);
  });
});
