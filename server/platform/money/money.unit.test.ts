import { describe, expect, it } from 'vitest';
import { formatSatang, MAX_SATANG, parseBahtToSatang, roundToSatang, satangToThaiWords } from './money.ts';

describe('money in satang', () => {
  it('parses what people type, exactly', () => {
    expect(parseBahtToSatang('1,250,000.50')).toEqual({ ok: true, satang: 125_000_050n });
    expect(parseBahtToSatang('30,000 บาท')).toEqual({ ok: true, satang: 3_000_000n });
    expect(parseBahtToSatang('0.1')).toEqual({ ok: true, satang: 10n });
    expect(parseBahtToSatang('0.07')).toEqual({ ok: true, satang: 7n });
    expect(parseBahtToSatang(19.99)).toEqual({ ok: true, satang: 1999n });
    // 0.1 + 0.2 as floats is 0.30000000000000004; as satang it is exact.
    const a = parseBahtToSatang('0.10');
    const b = parseBahtToSatang('0.20');
    expect(a.ok && b.ok && a.satang + b.satang).toBe(30n);
  });

  it('refuses negative, non-numeric, sub-satang and absurd amounts', () => {
    expect(parseBahtToSatang('-5')).toEqual({ ok: false, error: 'negative' });
    expect(parseBahtToSatang('สามหมื่น')).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseBahtToSatang('12.345')).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseBahtToSatang('1e6')).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseBahtToSatang(Number.NaN)).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseBahtToSatang(`${(MAX_SATANG / 100n) + 1n}`)).toEqual({ ok: false, error: 'too_large' });
  });

  it('reads a number by its own decimals, never rounding it into shape', () => {
    // toFixed(2) would have turned these into "101.00" and "0.00" and accepted them.
    expect(parseBahtToSatang(100.999)).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseBahtToSatang(0.001)).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseBahtToSatang(0.1 + 0.2)).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseBahtToSatang(1e-7)).toEqual({ ok: false, error: 'too_many_decimals' });
    // The number and its string form agree.
    expect(parseBahtToSatang(100.999)).toEqual(parseBahtToSatang('100.999'));
    expect(parseBahtToSatang(150000)).toEqual({ ok: true, satang: 15_000_000n });
    expect(parseBahtToSatang(150000.5)).toEqual({ ok: true, satang: 15_000_050n });
    expect(parseBahtToSatang(0)).toEqual({ ok: true, satang: 0n });
    expect(parseBahtToSatang(-0)).toEqual({ ok: true, satang: 0n });
    expect(parseBahtToSatang(-0.5)).toEqual({ ok: false, error: 'negative' });
    expect(parseBahtToSatang(Number.POSITIVE_INFINITY)).toEqual({ ok: false, error: 'not_a_number' });
    // Exponent forms: huge is too large, never "not a number" nor a wrong amount.
    expect(parseBahtToSatang(1e21)).toEqual({ ok: false, error: 'too_large' });
    expect(parseBahtToSatang(1e20)).toEqual({ ok: false, error: 'too_large' });
    expect(parseBahtToSatang(Number(MAX_SATANG / 100n))).toEqual({ ok: true, satang: MAX_SATANG });
  });

  it('rounds computed shares half away from zero', () => {
    expect(roundToSatang(2.5)).toBe(3n);
    expect(roundToSatang(2.4999)).toBe(2n);
    expect(roundToSatang(-2.5)).toBe(-3n);
    expect(roundToSatang(1_000_000_000.5)).toBe(1_000_000_001n);
  });

  it('formats with Thai grouping', () => {
    expect(formatSatang(125_000_050n)).toBe('1,250,000.50');
    expect(formatSatang(100n)).toBe('1.00');
    expect(formatSatang(-7n)).toBe('-0.07');
  });

  it('writes the amount in Thai words (bahttext)', () => {
    expect(satangToThaiWords(10_000n)).toBe('หนึ่งร้อยบาทถ้วน');
    expect(satangToThaiWords(2_100n)).toBe('ยี่สิบเอ็ดบาทถ้วน');
    expect(satangToThaiWords(123_456_725n)).toBe('หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทยี่สิบห้าสตางค์');
    expect(satangToThaiWords(50n)).toBe('ห้าสิบสตางค์');
  });
});
