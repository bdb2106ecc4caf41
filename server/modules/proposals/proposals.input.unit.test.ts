import { describe, expect, it } from 'vitest';
import { allowedFiscalYears, checkActivities, checkDates, checkFiscalYear, implausibleYear, isCalendarDate } from './proposals.input.ts';

// 27 Nov 2026 is in FY 2570 (1 Oct 2026 – 30 Sep 2027).
const now = new Date('2026-11-27T10:00:00Z');
const fy = (v: unknown, at = now) => checkFiscalYear(v, at);

describe('checkFiscalYear', () => {
  it('accepts the current fiscal year and two ahead, as numbers or digits', () => {
    expect(allowedFiscalYears(now)).toEqual([2570, 2571, 2572]);
    expect(fy(2570)).toEqual({ ok: true, year: 2570 });
    expect(fy('2572')).toEqual({ ok: true, year: 2572 });
    expect(fy(null)).toEqual({ ok: true, year: null });
    expect(fy('')).toEqual({ ok: true, year: null });
  });
  it('refuses years that are over, too far ahead, not whole or not Buddhist Era', () => {
    for (const bad of [2569, 2573, 2400, 2570.5, '2570.5', 'abc', 9999, -2570]) {
      const r = fy(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(r.problem.field).toBe('fiscal_year');
    }
    const gregorian = fy(2026);
    expect(gregorian.ok).toBe(false);
    if (!gregorian.ok) expect(gregorian.problem.text.th).toContain('2569');
  });
  it('turns over on 1 October, Bangkok time', () => {
    // 30 Sep 2027 23:30 in Bangkok is still FY 2570; 1 Oct 00:30 is FY 2571.
    expect(allowedFiscalYears(new Date('2027-09-30T16:30:00Z'))[0]).toBe(2570);
    expect(allowedFiscalYears(new Date('2027-09-30T17:30:00Z'))[0]).toBe(2571);
    expect(fy(2570, new Date('2027-09-30T17:30:00Z')).ok).toBe(false);
  });
});

describe('dates and activities', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('27-01-01')).toBe(false);
  });
  it('wants the end on or after the start', () => {
    expect(checkDates('2027-01-01', '2027-01-01')).toEqual([]);
    expect(checkDates('2027-01-02', '2027-01-01').map((p) => p.field)).toEqual(['ends_on']);
    expect(checkDates(null, '2027-01-01')).toEqual([]);
  });
  it('checks each activity, naming it by position', () => {
    const r = checkActivities([{ title: ' ลอกท่อ ', starts_on: '2027-01-01' }, { title: '', starts_on: '2027-03-01', ends_on: '2027-02-01' }]);
    expect(r.activities[0]).toEqual({ title: 'ลอกท่อ', starts_on: '2027-01-01', ends_on: null });
    expect(r.problems.map((p) => p.field)).toEqual(['activities.1.title', 'activities.1.ends_on']);
  });
  it('takes years within ten of now only, telling a Buddhist Era year apart', () => {
    expect(checkDates('2016-01-01', '2036-12-31', now)).toEqual([]);
    const be = checkDates('2570-01-01', '2570-03-31', now);
    expect(be.map((p) => p.field)).toEqual(['starts_on', 'ends_on']);
    expect(be[0]!.text.th).toBe('ปีต้องเป็นปี ค.ศ. เช่น 2026 (ไม่ใช่ พ.ศ. 2569)');
    expect(checkDates('2037-01-01', null, now)[0]!.text.th).toBe('ปีต้องเป็นปี ค.ศ. ระหว่าง 2016 ถึง 2036');
    expect(checkDates('2015-12-31', null, now).map((p) => p.field)).toEqual(['starts_on']);
    expect(implausibleYear('2026-05-01', now)).toBeNull();
    const r = checkActivities([{ title: 'ลอกท่อ', starts_on: '2027-01-01', ends_on: '2570-02-01' }], now);
    expect(r.problems.map((p) => p.field)).toEqual(['activities.0.ends_on']);
  });
});
