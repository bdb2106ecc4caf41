import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dailyAddressKey, keyId, newKey, open, seal, SealError, unwrapKey, wrapKey } from './integrity.crypto.ts';

describe('integrity crypto', () => {
  const unit = newKey();

  it('seals and opens; the ciphertext holds no plain text and differs every time', () => {
    const k = newKey();
    const a = seal(k, 'เรียกรับเงิน', 'INT-26-AAAAAA:details');
    const b = seal(k, 'เรียกรับเงิน', 'INT-26-AAAAAA:details');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('เรียกรับเงิน'))).toBe(false);
    expect(open(k, a, 'INT-26-AAAAAA:details').toString()).toBe('เรียกรับเงิน');
  });

  it('refuses the wrong key, another purpose or case, and any altered byte', () => {
    const k = newKey();
    const sealed = seal(k, 'text', 'INT-26-AAAAAA:note');
    expect(() => open(newKey(), sealed, 'INT-26-AAAAAA:note')).toThrow(SealError);
    expect(() => open(k, sealed, 'INT-26-BBBBBB:note')).toThrow(SealError);
    expect(() => open(k, sealed, 'INT-26-AAAAAA:details')).toThrow(SealError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => open(k, tampered, 'INT-26-AAAAAA:note')).toThrow(SealError);
    expect(() => open(k, Buffer.from([9, 9]), 'x')).toThrow(SealError);
  });

  it('wraps a case key with the unit key, bound to the case', () => {
    const caseKey = newKey();
    const wrapped = wrapKey(unit, caseKey, 'INT-26-AAAAAA');
    expect(wrapped.includes(caseKey)).toBe(false);
    expect(unwrapKey(unit, wrapped, 'INT-26-AAAAAA').equals(caseKey)).toBe(true);
    expect(() => unwrapKey(unit, wrapped, 'INT-26-BBBBBB')).toThrow(SealError);
    expect(() => unwrapKey(newKey(), wrapped, 'INT-26-AAAAAA')).toThrow(SealError);
  });

  it('names keys without revealing them; address keys change by day and never contain the address', () => {
    expect(keyId(unit)).toHaveLength(16);
    expect(keyId(unit)).not.toBe(keyId(newKey()));
    const day1 = dailyAddressKey(unit, '203.0.113.77', new Date('2026-11-27T10:00:00Z'));
    expect(dailyAddressKey(unit, '203.0.113.77', new Date('2026-11-27T23:59:00Z'))).toBe(day1);
    expect(dailyAddressKey(unit, '203.0.113.77', new Date('2026-11-28T00:00:00Z'))).not.toBe(day1);
    expect(dailyAddressKey(unit, '203.0.113.78', new Date('2026-11-27T10:00:00Z'))).not.toBe(day1);
    expect(dailyAddressKey(crypto.randomBytes(32), '203.0.113.77', new Date('2026-11-27T10:00:00Z'))).not.toBe(day1);
    expect(day1).not.toContain('203');
  });
});
