import { classifyHttpStatus, parseRetryAfter } from '../outbox.backoff.ts';
import type { DeliveryResult, SendContext } from './adapter.ts';

const MAX_ERROR_CHARS = 300;

export interface HttpDelivery {
  /** Platform name for messages ("LINE"). */
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent (signatures are computed over them). */
  body: string;
  /** Strings that must never appear in a stored error (the recipient's address). */
  redact?: string[];
  /** A platform-specific reading of a status before the generic rules (LINE's 409 on a retry key). */
  special?: (status: number) => DeliveryResult | null;
}

/**
 * POSTs JSON and turns the answer into a DeliveryResult. The URL is never put in an
 * error or a log line: some platforms (Graph API) carry the token in the query string.
 */
export async function postJson(request: HttpDelivery, ctx: SendContext): Promise<DeliveryResult> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    return { outcome: 'retry', error: networkError(request.label, error, ctx.timeoutMs), retryAfterMs: null };
  }
  let bodyText = '';
  try {
    bodyText = await response.text();
  } catch {
    // The status is what counts; an unreadable body only costs us the platform's wording.
  }
  const special = request.special?.(response.status);
  if (special) return special;
  const verdict = classifyHttpStatus(response.status);
  if (verdict === 'delivered') return { outcome: 'delivered' };
  const error = redact(`${request.label} answered HTTP ${response.status}${platformMessage(bodyText)}`, request.redact ?? []);
  if (verdict === 'retry') return { outcome: 'retry', error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
  return { outcome: 'failed', error };
}

function networkError(label: string, error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `${label} did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
  const code = e?.cause?.code;
  return `${label} unreachable${code ? ` (${code})` : ''}`;
}

/** The human part of the common error bodies: LINE {message}, Graph {error:{message}}, X {detail|title|errors}. */
function platformMessage(bodyText: string): string {
  if (!bodyText) return '';
  let message: string | null = null;
  try {
    const json = JSON.parse(bodyText) as Record<string, unknown>;
    const graph = json.error as { message?: unknown; code?: unknown } | string | undefined;
    if (typeof graph === 'object' && graph && typeof graph.message === 'string') message = `${graph.message}${graph.code !== undefined ? ` (code ${String(graph.code)})` : ''}`;
    else if (typeof graph === 'string') message = graph;
    else if (typeof json.detail === 'string') message = json.detail;
    else if (typeof json.message === 'string') message = json.message;
    else if (typeof json.title === 'string') message = json.title;
    const details = json.details ?? json.errors;
    if (Array.isArray(details) && details.length > 0) {
      const first = details[0] as { message?: unknown; property?: unknown };
      if (typeof first?.message === 'string') message = `${message ?? ''}${message ? ': ' : ''}${typeof first.property === 'string' ? `${first.property} ` : ''}${first.message}`;
    }
  } catch {
    message = bodyText.replace(/\s+/g, ' ').trim();
  }
  if (!message) return '';
  const cut = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
  return `: ${cut}`;
}

function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('[recipient]');
  return out;
}
