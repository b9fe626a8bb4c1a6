import request from 'supertest';
import { RESELLER_A_ADMIN, STAFF_ADMIN, startHarness, type Harness } from './harness.js';

/** Query values, path segments and bodies no client should send. */
const BAD_QUERY = ['%00', 'x'.repeat(3000), '%ZZ', '-1', '1e400', 'null', '[]', '{}', '%F0%28%8C%28'];
const BAD_SEGMENT = ['%00', 'x'.repeat(300), '%E2%80%AE', '..%2F..'];
const BAD_BODY = [
  '{}',
  '[]',
  'null',
  '"x"',
  '1e999',
  '{"a":{"b":{"c":{"d":1}}}}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"x":"\\u0000"}',
  '{"x":"\\ud800"}',
  `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
];

/**
 * "No request, however malformed, yields a 500", for every route: generated from the served OpenAPI
 * document (a new route is covered without being listed), each query parameter, path parameter and body
 * gets the values above, as staff and as a reseller. The routes that end the caller's own sessions are
 * left out (they take no input but the caller; the sessions suite covers them).
 */
describe('malformed input on every route (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers every malformed request with a 4xx (or a 2xx where the input is merely odd), never a 5xx', async () => {
    const doc = (await request(h.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    };
    const id = '00000000-0000-4000-8000-000000000000';
    const tries: Array<{ method: string; url: string; body?: string }> = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.endsWith('/auth/sessions') || path.endsWith('/auth/password')) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const concrete = path.replace(/\{[^}]+\}/g, (p) => (p === '{slug}' ? 'grandstream' : id));
        for (const q of (op.parameters ?? []).filter((p) => p.in === 'query'))
          for (const v of BAD_QUERY) tries.push({ method, url: `${concrete}?${q.name}=${v}` });
        if (path.includes('{'))
          for (const v of BAD_SEGMENT) tries.push({ method, url: path.replace(/\{[^}]+\}/g, v) });
        if (method !== 'get' && method !== 'delete')
          for (const body of BAD_BODY) tries.push({ method, url: concrete, body });
      }
    }
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (const email of [STAFF_ADMIN, RESELLER_A_ADMIN]) {
      const token = await h.login(email);
      for (let i = 0; i < tries.length; i += 20) {
        await Promise.all(
          tries.slice(i, i + 20).map(async ({ method, url, body }) => {
            const test = (request(h.http) as unknown as Record<string, (u: string) => request.Test>)[method]!(
              url,
            )
              .set('Authorization', `Bearer ${token}`)
              .set('Content-Type', 'application/json');
            const res = await (body === undefined ? test : test.send(body));
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500)
              failures.push(`${res.status} ${method.toUpperCase()} ${url.slice(0, 100)} ${body ?? ''}`);
          }),
        );
      }
    }
    expect(failures).toEqual([]);
    // It reached the handlers: the tokens stayed valid, and most answers are the validation's own.
    expect(tries.length).toBeGreaterThan(600);
    expect(statuses.get(401) ?? 0).toBeLessThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(tries.length);
  });
});
