import { describe, expect, it } from 'vitest';
import {
  bangkokToday, isCalendarDate, isFutureDate, landingRank, likePattern, nextCommunityCode, normaliseReportCodes,
  reorder, seatIsCurrent, splitCodeList, termTooLong, yearOutOfSpan,
} from './communities.rules.ts';

describe('community codes', () => {
  it('runs per district with three digits', () => {
    expect(nextCommunityCode(1004, 0)).toBe('1004-001');
    expect(nextCommunityCode(1004, 11)).toBe('1004-012');
    expect(nextCommunityCode(1050, 998)).toBe('1050-999');
    expect(() => nextCommunityCode(1050, 999)).toThrow(RangeError);
  });
});

describe('dates in Bangkok', () => {
  it('takes today from Bangkok, seven hours ahead of UTC', () => {
    expect(bangkokToday(new Date('2026-09-30T16:59:59Z'))).toBe('2026-09-30');
    expect(bangkokToday(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('25-01-01')).toBe(false);
  });

  it('judges the future by the Bangkok date', () => {
    const now = new Date('2026-09-30T17:30:00Z'); // 1 October, 00:30 in Bangkok
    expect(isFutureDate('2026-10-01', now)).toBe(false);
    expect(isFutureDate('2026-10-02', now)).toBe(true);
  });

  it('takes a term year only within ten years of this one, naming the Buddhist Era mistake', () => {
    const now = new Date('2026-11-27T05:00:00Z');
    expect(yearOutOfSpan('2016-01-01', now)).toBeNull();
    expect(yearOutOfSpan('2036-12-31', now)).toBeNull();
    expect(yearOutOfSpan('2569-01-01', now)?.th).toBe('ปีต้องเป็นปี ค.ศ. เช่น 2026 (ไม่ใช่ พ.ศ. 2569)');
    expect(yearOutOfSpan('2037-01-01', now)?.th).toBe('ปีต้องเป็นปี ค.ศ. ระหว่าง 2016 ถึง 2036');
    expect(yearOutOfSpan('2015-12-31', now)?.en).toContain('Gregorian');
  });

  it('allows a term of four years, not a day more', () => {
    expect(termTooLong('2024-01-01', '2028-01-01')).toBe(false);
    expect(termTooLong('2024-01-01', '2028-01-02')).toBe(true);
  });

  it('counts a seat as current until its last day, unless ended', () => {
    const now = new Date('2026-03-01T05:00:00Z');
    expect(seatIsCurrent({ ended_at: null, term_end: '2026-03-01' }, now)).toBe(true);
    expect(seatIsCurrent({ ended_at: null, term_end: '2026-02-28' }, now)).toBe(false);
    expect(seatIsCurrent({ ended_at: new Date(), term_end: '2030-01-01' }, now)).toBe(false);
  });
});

describe('ranking', () => {
  it('lands a new need last unless asked, clamped to the list', () => {
    expect(landingRank(3, undefined)).toBe(4);
    expect(landingRank(3, 1)).toBe(1);
    expect(landingRank(3, 99)).toBe(4);
    expect(landingRank(0, 5)).toBe(1);
    expect(landingRank(3, 0)).toBe(1);
  });

  it('moves up and down with the others shifting', () => {
    expect(reorder(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['d', 'a', 'b', 'c']);
    expect(reorder(['a', 'b', 'c', 'd'], 'a', 3)).toEqual(['b', 'c', 'a', 'd']);
    expect(reorder(['a', 'b', 'c'], 'b', 2)).toEqual(['a', 'b', 'c']);
    expect(reorder(['a', 'b', 'c'], 'a', 10)).toEqual(['b', 'c', 'a']);
  });

  it('takes a need out (gap closed) or inserts a new one', () => {
    expect(reorder(['a', 'b', 'c'], 'b', undefined)).toEqual(['a', 'c']);
    expect(reorder(['a', 'b'], 'x', 2)).toEqual(['a', 'x', 'b']);
  });
});

describe('report code lists', () => {
  it('normalises pasted codes: trimmed, upper-case, once each', () => {
    expect(normaliseReportCodes([' bkk-26-abc123 ', 'BKK-26-ABC123', '', 'BKK-26-XYZ789'])).toEqual(['BKK-26-ABC123', 'BKK-26-XYZ789']);
  });

  it('splits a form field by commas, spaces or as JSON', () => {
    expect(splitCodeList('BKK-1, BKK-2;BKK-3  BKK-4')).toEqual(['BKK-1', 'BKK-2', 'BKK-3', 'BKK-4']);
    expect(splitCodeList('["BKK-1","BKK-2"]')).toEqual(['BKK-1', 'BKK-2']);
    expect(splitCodeList('[broken')).toEqual(['[broken']);
    expect(splitCodeList('  ')).toEqual([]);
  });
});

describe('search patterns', () => {
  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(likePattern('ริมคลอง')).toBe('%ริมคลอง%');
  });
});
