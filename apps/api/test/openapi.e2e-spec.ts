import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { grandstreamDefect, RESELLER_A, STAFF, startHarness, type Harness } from './harness.js';

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
};

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
 * The OpenAPI document describes what the ticket endpoints answer: real answers (a routed ticket, its
 * approval, its page in the list, a preview) are checked field by field against the documented schemas.
 */
describe('OpenAPI response schemas (e2e)', () => {
  let h: Harness;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    doc = SwaggerModule.createDocument(h.app, new DocumentBuilder().build());
  });
  afterAll(async () => {
    await h?.close();
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

  it('a created, routed ticket, its detail, its approval, the list and a preview answer as documented', async () => {
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

    const answers: Array<[method: string, path: string, status: number, body: unknown]> = [
      ['post', '/api/v1/tickets', 201, created.body],
      ['post', '/api/v1/tickets/{id}/transitions', 201, approved.body],
      ['get', '/api/v1/tickets/{id}', 200, detail.body],
      ['get', '/api/v1/tickets', 200, page.body],
      ['get', '/api/v1/tickets/{id}/timeline', 200, timeline.body],
      ['post', '/api/v1/tickets/preview', 201, preview.body],
    ];
    const found = answers.flatMap(([method, path, status, body]) =>
      problems(doc, responseSchema(method, path, status), body, `${method.toUpperCase()} ${path}`),
    );
    expect(found).toEqual([]);
    // And the check can fail on such an answer: a field the document does not know is named.
    const withExtra = { ...created.body, decision: { ...created.body.decision, bogus: 1 } };
    expect(problems(doc, responseSchema('post', '/api/v1/tickets', 201), withExtra, 'x')).toEqual([
      'x.decision.bogus: not in the document',
    ]);
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
});
