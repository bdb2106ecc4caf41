// Thin fetch wrapper for /api/v1: same-origin cookies, CSRF header on every non-GET,
// Accept-Language of the current UI language, and RFC 9457 problem details as ApiError.
import type { Session } from './types';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Any thrown value as an ApiError; network failures get status 0. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, null);
}

let acceptLanguage = 'th';
// undefined = not asked yet; null = no cookie session, so no token is needed.
let csrfToken: string | null | undefined = undefined;
let csrfPending: Promise<Session> | null = null;

export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token;
}

type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=2" skipping empty values. */
export function qs(params: Record<string, QueryValue>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function parseProblem(res: Response): Promise<Problem | null> {
  try {
    const body: unknown = await res.json();
    return body && typeof body === 'object' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

function looksLikeCsrfFailure(p: Problem | null): boolean {
  const text = `${p?.type ?? ''} ${p?.title ?? ''} ${p?.detail ?? ''}`;
  return /csrf/i.test(text);
}

/** Fetches the session (which also refreshes the CSRF token). Concurrent callers share one request. */
export function fetchSession(): Promise<Session> {
  if (!csrfPending) {
    csrfPending = request<Session>('GET', '/api/v1/auth/session')
      .then((s) => {
        csrfToken = s.csrf_token;
        return s;
      })
      .finally(() => {
        csrfPending = null;
      });
  }
  return csrfPending;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage,
    ...opts.headers,
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    if (csrfToken === undefined) await fetchSession().catch(() => undefined);
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new ApiError(0, null);
  }

  if (!res.ok) {
    const problem = await parseProblem(res);
    // A session rotated elsewhere leaves a stale token: refresh it once and retry.
    if (res.status === 403 && method !== 'GET' && !retried && looksLikeCsrfFailure(problem)) {
      await fetchSession();
      return request<T>(method, path, body, opts, true);
    }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body: unknown = {}, opts?: RequestOptions) =>
    request<T>('POST', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** Field errors keyed by form field name ("body/lat", "/lat" and "lat" all become "lat"). */
export function fieldErrors(e: ApiError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const fe of e?.problem?.errors ?? []) {
    const key = fe.field.replace(/^\/?(body[./])?/, '').replace(/^\//, '').split(/[./[]/)[0];
    if (key && !out[key]) out[key] = fe.message;
  }
  return out;
}
