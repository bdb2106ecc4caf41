import { describe, expect, it } from 'vitest';
import { backoffDelayMs, classifyHttpStatus, DEFAULT_RETRY_POLICY, MAX_RETRY_AFTER_MS, nextRetryDelayMs, parseRetryAfter } from './outbox.backoff.ts';

describe('backoff', () => {
  it('doubles from one minute, half fixed and half jitter', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(30_000);
    expect(backoffDelayMs(1, () => 1)).toBe(60_000);
    expect(backoffDelayMs(2, () => 0)).toBe(60_000);
    expect(backoffDelayMs(3, () => 0.5)).toBe(180_000);
    expect(backoffDelayMs(6, () => 1)).toBe(32 * 60_000);
  });

  it('never exceeds the ceiling, however many attempts', () => {
    for (const attempt of [7, 8, 20, 1000]) {
      expect(backoffDelayMs(attempt, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxMs);
      expect(backoffDelayMs(attempt, () => 0)).toBe(DEFAULT_RETRY_POLICY.maxMs / 2);
    }
  });

  it('stays within [step/2, step] for any random value, even a bad one', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(4, Math.random);
      expect(d).toBeGreaterThanOrEqual(240_000);
      expect(d).toBeLessThanOrEqual(480_000);
    }
    expect(backoffDelayMs(1, () => 7)).toBe(60_000);
    expect(backoffDelayMs(1, () => -3)).toBe(30_000);
  });

  it('gives up after about two hours in all with the default policy', () => {
    let total = 0;
    for (let a = 1; a < DEFAULT_RETRY_POLICY.maxAttempts; a++) total += backoffDelayMs(a, () => 1);
    expect(total / 60_000).toBe(1 + 2 + 4 + 8 + 16 + 32 + 60);
  });

  it("prefers the platform's Retry-After, at least one second", () => {
    expect(nextRetryDelayMs(1, 120_000, () => 0)).toBe(120_000);
    expect(nextRetryDelayMs(5, 0, () => 0)).toBe(1000);
    expect(nextRetryDelayMs(2, null, () => 0)).toBe(60_000);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-05-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Fri, 01 May 2026 00:02:00 GMT', now)).toBe(120_000);
  });
  it('ignores what it cannot read and clamps what it can', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('Thu, 30 Apr 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('HTTP statuses', () => {
  it('2xx delivered; 429, 408 and 5xx retried; other 4xx and 3xx final', () => {
    expect([200, 201, 202, 204].map(classifyHttpStatus)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect([429, 408, 500, 502, 503, 504].map(classifyHttpStatus)).toEqual(Array(6).fill('retry'));
    expect([400, 401, 403, 404, 409, 410, 413, 422, 301, 302].map(classifyHttpStatus)).toEqual(Array(10).fill('failed'));
  });
});
