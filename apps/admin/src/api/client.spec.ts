import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../test-support/fixtures';
import {
  api,
  ApiError,
  configureClient,
  fileNameFromDisposition,
  readableFieldMessage,
  toQueryString,
} from './client';

describe('request client', () => {
  const onUnauthorized = vi.fn();
  beforeEach(() => {
    onUnauthorized.mockReset();
    configureClient({ getToken: () => 'tok-123', onUnauthorized });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends JSON to /api/v1 with the bearer token', async () => {
    const fake = fakeFetch(201, { id: 'x' });
    vi.stubGlobal('fetch', fake.fn);
    const res = await api.post<{ id: string }>(
      '/tickets',
      { reason: 'DEFECT' },
      { headers: { 'Idempotency-Key': 'k1' } },
    );
    expect(res).toEqual({ id: 'x' });
    const call = fake.calls[0]!;
    expect(call.url).toBe('/api/v1/tickets');
    expect(call.init.method).toBe('POST');
    expect(call.init.body).toBe('{"reason":"DEFECT"}');
    const headers = call.init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe('Bearer tok-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Idempotency-Key']).toBe('k1');
  });

  it('maps a validation error to an ApiError with its field errors by dotted path', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'customer.name: customer.name is required to submit; customer.email: email must be an email',
        errors: [
          { field: 'customer.name', message: 'customer.name is required to submit' },
          { field: 'customer.email', message: 'email must be an email' },
          { field: 'product.serialNumber', message: 'product.serialNumber is required to submit' },
        ],
        requestId: 'req-1',
      }).fn,
    );
    const err = await api.post('/tickets', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.isValidation).toBe(true);
    expect(e.requestId).toBe('req-1');
    expect(e.byField).toEqual({
      'customer.name': 'Is required to submit',
      'customer.email': 'Must be an email',
      'product.serialNumber': 'Is required to submit',
    });
    expect(e.errorFor('product')).toBe('Is required to submit');
    expect(e.errorFor('delivery')).toBeUndefined();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('ends the session on a 401 to a request that carried a token', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Token expired' }).fn,
    );
    const err = (await api.get('/auth/me').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(401);
    expect(err.message).toBe('Token expired');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not end a session on a failed login (no token sent)', async () => {
    configureClient({ getToken: () => null, onUnauthorized });
    vi.stubGlobal(
      'fetch',
      fakeFetch(401, { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong' }).fn,
    );
    await expect(api.post('/auth/login', {})).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a network failure and a non-JSON error into readable ApiErrors', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.get('/tickets')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.get('/tickets')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });
});

describe('toQueryString', () => {
  it('keeps set values in order and drops empty ones', () => {
    expect(
      toQueryString({ status: 'IN_REVIEW', q: '', cursor: undefined, slaBreached: true, limit: 25, x: null }),
    ).toBe('?status=IN_REVIEW&slaBreached=true&limit=25');
    expect(toQueryString({})).toBe('');
  });
});

describe('readableFieldMessage', () => {
  it.each([
    ['customer.name', 'customer.name is required to submit', 'Is required to submit'],
    ['customer.email', 'email must be an email', 'Must be an email'],
    ['supportTicket.numberPattern', 'is not a valid regular expression', 'Is not a valid regular expression'],
    ['note', 'A note explaining why is required.', 'A note explaining why is required.'],
  ])('%s: "%s" → "%s"', (field, message, expected) => {
    expect(readableFieldMessage(field, message)).toBe(expected);
  });
});

describe('multipart and file downloads', () => {
  beforeEach(() => configureClient({ getToken: () => 'tok-123', onUnauthorized: () => undefined }));
  afterEach(() => vi.unstubAllGlobals());

  it('sends FormData as is, without a JSON content type', async () => {
    const fake = fakeFetch(201, [{ id: 'a1' }]);
    vi.stubGlobal('fetch', fake.fn);
    const form = new FormData();
    form.append('kind', 'PHOTO');
    form.append('file', new File(['x'], 'a.png', { type: 'image/png' }));
    await api.post('/tickets/t1/attachments', form);
    const call = fake.calls[0]!;
    expect(call.init.body).toBe(form);
    const headers = call.init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBeUndefined();
    expect(headers['Authorization']).toBe('Bearer tok-123');
  });

  it("reads a file as a Blob with the server's file name, with the bearer token", async () => {
    const fn = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(new Uint8Array([37, 80, 68, 70]), {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': 'inline; filename="RMA-2026-000001.pdf"',
          },
        }),
    );
    vi.stubGlobal('fetch', fn);
    const file = await api.blob('/tickets/t1/rma-form.pdf');
    expect(fn.mock.calls[0]![0]).toBe('/api/v1/tickets/t1/rma-form.pdf');
    expect((fn.mock.calls[0]![1]!.headers as Record<string, string>)['Authorization']).toBe('Bearer tok-123');
    expect(file.fileName).toBe('RMA-2026-000001.pdf');
    expect(file.blob.size).toBe(4);
  });

  it('turns a failed download into an ApiError with the API message', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch(409, {
        statusCode: 409,
        code: 'TRANSITION_NOT_ALLOWED',
        message: 'The ticket has no RMA number',
      }).fn,
    );
    const err = (await api.blob('/tickets/t1/rma-form.pdf').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.message).toBe('The ticket has no RMA number');
  });

  it('reads file names from Content-Disposition, the UTF-8 form first', () => {
    expect(
      fileNameFromDisposition(`attachment; filename="Fa_ture.pdf"; filename*=UTF-8''Fa%C3%A7ture.pdf`),
    ).toBe('Façture.pdf');
    expect(fileNameFromDisposition('inline; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});
