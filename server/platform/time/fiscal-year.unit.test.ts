import { describe, expect, it } from 'vitest';
import { fiscalYearLabel, fiscalYearOf, fiscalYearRange, isValidFiscalYear, toBuddhistYear, toGregorianYear } from './fiscal-year.ts';

describe('fiscal year (1 October – 30 September, named by its BE year)', () => {
  it('FY 2570 runs from 2026-10-01 to 2027-09-30, Bangkok time', () => {
    const { start, end } = fiscalYearRange(2570);
    expect(start.toISOString()).toBe('2026-09-30T17:00:00.000Z'); // 1 Oct 2026 00:00 +07:00
    expect(end.toISOString()).toBe('2027-09-30T17:00:00.000Z'); // 1 Oct 2027 00:00 +07:00, exclusive
  });

  it('is judged at the edges on the Bangkok calendar, not UTC', () => {
    expect(fiscalYearOf(new Date('2026-09-30T23:59:59+07:00'))).toBe(2569);
    expect(fiscalYearOf(new Date('2026-10-01T00:00:00+07:00'))).toBe(2570);
    // 30 Sep 18:00 UTC is already 1 October in Bangkok.
    expect(fiscalYearOf(new Date('2026-09-30T18:00:00Z'))).toBe(2570);
    expect(fiscalYearOf(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
    expect(fiscalYearOf(new Date('2027-09-30T23:59:59+07:00'))).toBe(2570);
    expect(fiscalYearOf(new Date('2027-01-01T00:00:00+07:00'))).toBe(2570);
    expect(fiscalYearOf(new Date('2026-12-31T23:59:59+07:00'))).toBe(2570);
  });

  it('a range contains exactly its own instants', () => {
    const { start, end } = fiscalYearRange(2570);
    expect(fiscalYearOf(start)).toBe(2570);
    expect(fiscalYearOf(new Date(end.getTime() - 1))).toBe(2570);
    expect(fiscalYearOf(end)).toBe(2571);
  });

  it('converts between the Buddhist and Common Eras', () => {
    expect(toBuddhistYear(2026)).toBe(2569);
    expect(toGregorianYear(2570)).toBe(2027);
  });

  it('refuses years that do not exist', () => {
    expect(isValidFiscalYear(2570)).toBe(true);
    for (const bad of [2026, 3000, 2570.5, Number.NaN, '2570']) expect(isValidFiscalYear(bad)).toBe(false);
    expect(() => fiscalYearRange(2026)).toThrow(/Buddhist Era/);
  });

  it('labels in Thai and English', () => {
    expect(fiscalYearLabel(2570, 'th')).toBe('ปีงบประมาณ 2570');
    expect(fiscalYearLabel(2570, 'en')).toBe('FY 2570 (Oct 2026 – Sep 2027)');
  });
});
