// Requests of the whistleblower pages. Unlike the shared client, these never carry
// the session cookie (credentials: 'omit'): even a signed-in person's complaint is
// not tied to their account, and no CSRF token is needed because no cookie is sent.
// The case token travels only in the X-Case-Token header, never in a URL.
import { useCallback } from 'react';
import { ApiError } from '../../app/api';
import type { Problem } from '../../app/api';
import { useLang } from '../../i18n';

export interface CaseRequest {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string | null;
}

async function problemOf(res: Response): Promise<Problem | null> {
  try {
    const body: unknown = await res.json();
    return body && typeof body === 'object' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

export async function caseRequest<T>(path: string, lang: string, { method = 'GET', body, token }: CaseRequest = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (token) headers['X-Case-Token'] = token;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204 || !(res.headers.get('content-type') ?? '').includes('json')) return undefined as T;
  return (await res.json()) as T;
}

/** caseRequest bound to the current UI language. */
export function useCaseRequest() {
  const { lang } = useLang();
  return useCallback(<T,>(path: string, opts?: CaseRequest) => caseRequest<T>(path, lang, opts), [lang]);
}

export const WB = {
  complaints: '/api/v1/integrity/complaints',
  access: '/api/v1/integrity/cases/access',
  reset: '/api/v1/integrity/cases/reset-receipt',
  mine: '/api/v1/integrity/cases/mine',
  answers: '/api/v1/integrity/cases/mine/answers',
  evidence: '/api/v1/integrity/cases/mine/evidence',
} as const;

/** What a person types as the receipt, without the spaces and dashes used to group it. */
export function normalizeReceipt(input: string): string {
  return input.replace(/[\s-]+/g, '');
}

/** The receipt split into groups for reading aloud and copying ("1234 5678 …"). */
export function receiptGroups(receipt: string): string[] {
  const trimmed = receipt.trim();
  if (/[\s-]/.test(trimmed)) return trimmed.split(/[\s-]+/).filter(Boolean);
  return trimmed.match(/.{1,4}/g) ?? [];
}
