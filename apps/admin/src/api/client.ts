/**
 * The one request client: base URL `/api/v1`, the bearer token, JSON in and out (a FormData body is
 * sent as multipart, with the browser's own boundary; `requestBlob` reads a file back), and every
 * failure turned into an ApiError carrying the API's code and its field errors (dotted paths such as
 * `customer.name`). Resource modules (`src/api/<resource>.ts`) call `api.get/post/...`; components
 * never call fetch.
 */

import type { components } from './schema';

export const API_BASE = '/api/v1';

/** A field that is wrong: its dotted path (e.g. `product.serialNumber`) and why. */
export type FieldError = components['schemas']['FieldProblem'];
/** The API's error body: `{ statusCode, code, message, errors?, requestId }`. */
export type ErrorBody = components['schemas']['ErrorBody'];

/** Codes the client itself produces when there is no API answer to read. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'ABORTED';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, 0 when the server could not be reached. */
    readonly status: number,
    /** The API's error code (VALIDATION_FAILED, NOT_FOUND, ...) or a ClientErrorCode. */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isValidation(): boolean {
    return this.status === 400 && this.fieldErrors.length > 0;
  }

  /** Field errors by dotted path, messages made readable beside their field (first message wins). */
  get byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.fieldErrors) out[e.field] ??= readableFieldMessage(e.field, e.message);
    return out;
  }

  /** The first error for `field` or any field below it (`product` matches `product.sku`). */
  errorFor(field: string): string | undefined {
    const hit = this.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
    return hit ? readableFieldMessage(hit.field, hit.message) : undefined;
  }
}

/**
 * A message fit to show beside its field: the API repeats the property name ("customer.name is required
 * to submit", "email must be an email"); beside the field that is noise, so it is dropped.
 */
export function readableFieldMessage(field: string, message: string): string {
  const last = field.split('.').pop() ?? field;
  let text = message.trim();
  for (const prefix of [field, last]) {
    if (prefix && text.startsWith(`${prefix} `)) {
      text = text.slice(prefix.length + 1);
      break;
    }
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ClientHooks {
  /** The bearer token to send, or null. */
  getToken(): string | null;
  /** Called when the API answers 401 to a request that carried a token (expired or revoked session). */
  onUnauthorized(): void;
}

let hooks: ClientHooks = { getToken: () => null, onUnauthorized: () => undefined };

/** Wires the client to the session (done once in main.ts; tests pass their own). */
export function configureClient(next: ClientHooks): void {
  hooks = next;
}

type ActivityListener = (inFlight: number) => void;
const listeners = new Set<ActivityListener>();
let inFlight = 0;

/** Subscribes to the number of requests in flight (the global progress bar); returns the unsubscribe. */
export function onActivity(listener: ActivityListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setInFlight(delta: number): void {
  inFlight += delta;
  for (const l of listeners) l(inFlight);
}

/** `?a=1&b=x` from the defined, non-empty values, in the order given. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).message === 'string' &&
    typeof (value as ErrorBody).code === 'string'
  );
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended; please sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests; wait a moment and try again.';
  if (status >= 500) return 'The server had a problem; please try again.';
  return `The request failed (HTTP ${status}).`;
}

/** The body as sent: FormData as is (fetch sets the multipart boundary), anything else as JSON. */
function encodeBody(body: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (typeof FormData !== 'undefined' && body instanceof FormData) return body;
  headers['Content-Type'] = 'application/json';
  return JSON.stringify(body);
}

async function send(
  method: string,
  path: string,
  options: RequestOptions,
  accept: string,
): Promise<{ response: Response; token: string | null }> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  const token = hooks.getToken();
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const body = encodeBody(options.body, headers);
  const url = `${API_BASE}${path}${toQueryString(options.query)}`;
  try {
    return { response: await fetch(url, { method, headers, body, signal: options.signal }), token };
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      throw new ApiError(0, 'ABORTED', 'The request was cancelled.');
    }
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.');
  }
}

/** The ApiError for a failed answer whose body was read as `text`. */
function failure(response: Response, text: string, token: string | null): ApiError {
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: the status says what happened */
  }
  if (response.status === 401 && token) hooks.onUnauthorized();
  if (isErrorBody(data)) {
    return new ApiError(response.status, data.code, data.message, data.errors ?? [], data.requestId);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status));
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  setInFlight(1);
  try {
    const { response, token } = await send(method, path, options, 'application/json');
    const text = await response.text();
    if (!response.ok) throw failure(response, text, token);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an unreadable answer.');
    }
  } finally {
    setInFlight(-1);
  }
}

/** A file from the API (an attachment, a PDF): its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition (`filename*` first), or null. */
  fileName: string | null;
}

/** The file name of a Content-Disposition header, or null. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
}

/** GETs a file with the bearer token; failures are ApiErrors like any other request's. */
export async function requestBlob(
  path: string,
  options: Omit<RequestOptions, 'body'> = {},
): Promise<DownloadedFile> {
  setInFlight(1);
  try {
    const { response, token } = await send('GET', path, options, '*/*');
    if (!response.ok) throw failure(response, await response.text(), token);
    return {
      blob: await response.blob(),
      fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')),
    };
  } finally {
    setInFlight(-1);
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  blob: requestBlob,
};

/** A user-facing message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
