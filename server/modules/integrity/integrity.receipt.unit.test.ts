import { describe, expect, it } from 'vitest';
import { accessWaitMs, checkReceipt, hashReceipt, newCaseNumber, newReceipt, normaliseCaseNumber, normaliseReceipt, RECEIPT_DIGITS } from './integrity.receipt.ts';

describe('receipts', () => {
  it('are 8 groups of 5 digits: over 128 bits', () => {
    const r = newReceipt();
    expect(r.groups).toHaveLength(8);
    expect(r.display).toMatch(/^(\d{5} ){7}\d{5}$/);
    expect(RECEIPT_DIGITS * Math.log2(10)).toBeGreaterThan(128);
    expect(newReceipt().secret).not.toBe(r.secret);
  });

  it('accept what people type: spaces, dashes, Thai digits; refuse anything else', () => {
    const r = newReceipt();
    expect(normaliseReceipt(r.groups.join('-'))).toBe(r.secret);
    expect(normaliseReceipt(` ${r.display} `)).toBe(r.secret);
    const thai = r.secret.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    expect(normaliseReceipt(thai)).toBe(r.secret);
    expect(normaliseReceipt(r.secret.slice(1))).toBeNull();
    expect(normaliseReceipt('abc')).toBeNull();
  });

  it('are stored as argon2id hashes with their own salt, and checked with equal work when there is no case', async () => {
    const r = newReceipt();
    const h1 = await hashReceipt(r.secret);
    const h2 = await hashReceipt(r.secret);
    expect(h1).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain(r.secret);
    expect(await checkReceipt(h1, r.display)).toBe(true);
    expect(await checkReceipt(h1, newReceipt().display)).toBe(false);
    expect(await checkReceipt(null, r.display)).toBe(false);
    expect(await checkReceipt(h1, 'garbage')).toBe(false);
  });

  it('slow down guessing progressively after three failures', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(accessWaitMs(2, now, now)).toBe(0);
    expect(accessWaitMs(3, now, now)).toBe(2000);
    expect(accessWaitMs(4, now, now)).toBe(4000);
    expect(accessWaitMs(40, now, now)).toBe(3600_000);
    expect(accessWaitMs(3, now, new Date(now.getTime() + 2500))).toBe(0);
  });

  it('case numbers look like INT-26-XXXXXX and are read back forgivingly', () => {
    const n = newCaseNumber(new Date('2026-05-01T00:00:00Z'));
    expect(n).toMatch(/^INT-26-[2-9A-HJ-NP-Z]{6}$/);
    expect(normaliseCaseNumber(n.toLowerCase().replace(/-/g, ' '))).toBe(n);
    expect(normaliseCaseNumber('INT-26-00000O')).toBeNull();
  });
});
