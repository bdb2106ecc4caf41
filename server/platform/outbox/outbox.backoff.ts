/**
 * When to try a message again, and whether to try at all. Pure functions: the worker
 * feeds them HTTP answers and attempt counts; the unit tests pin them down.
 */

export interface RetryPolicy {
  /** Delay before the second attempt; doubles each time. */
  baseMs: number;
  /** Ceiling of one delay. */
  maxMs: number;
  /** Attempts in all (the first included) before a message is marked failed. */
  maxAttempts: number;
}

/** 1, 2, 4, 8, 16, 32, 60 min (each with jitter): about two hours before giving up. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 60_000, maxMs: 60 * 60_000, maxAttempts: 8 };

/** A platform's Retry-After is obeyed, but never beyond this (a bogus header must not park a message for days). */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60_000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * retries from many instances spread out yet never come back sooner than half the step.
 * `attempt` is the attempt that just failed (1 for the first).
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + r * (step / 2));
}

/**
 * Retry-After as milliseconds from now: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Null when absent or unreadable; clamped to [0, MAX_RETRY_AFTER_MS].
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP-date always names a day and month; anything else ("-5") is not one.
    if (!/[a-z]{3}/i.test(text)) return null;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

export type HttpVerdict = 'delivered' | 'retry' | 'failed';

/**
 * What an HTTP status means for a message. 2xx delivered; 429, 408 and 5xx are the
 * platform's trouble, so try again; any other 4xx says this message will never be
 * accepted as it is (bad recipient, bad token, policy), so retrying only adds noise.
 * 3xx is refused too: we never follow redirects with a signed body.
 */
export function classifyHttpStatus(status: number): HttpVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 429 || status === 408 || status >= 500) return 'retry';
  return 'failed';
}

/** The delay before the next attempt: the platform's Retry-After when it gave one, else backoff. */
export function nextRetryDelayMs(attempt: number, retryAfterMs: number | null, random: () => number = Math.random, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  if (retryAfterMs !== null) return Math.max(1000, retryAfterMs);
  return backoffDelayMs(attempt, random, policy);
}
