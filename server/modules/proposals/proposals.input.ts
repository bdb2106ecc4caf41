/**
 * Checks of a proposal's fields that the schema cannot express: the fiscal year it
 * hopes to be funded in, dates in order, activities within sensible bounds. Pure: the
 * service collects these problems with the budget's and answers one 422.
 */
import { fiscalYearOf, isValidFiscalYear } from '../../platform/time/fiscal-year.ts';
import type { FieldProblem } from './proposals.budget.ts';

/** A committee may ask for this year's budget or up to two years ahead, no further. */
export const FISCAL_YEARS_AHEAD = 2;

export function allowedFiscalYears(now: Date): number[] {
  const current = fiscalYearOf(now);
  return Array.from({ length: FISCAL_YEARS_AHEAD + 1 }, (_, i) => current + i);
}

/**
 * null/"" = no year yet (allowed in a draft). Otherwise a real BE fiscal year, not one
 * already over, and at most two ahead of the current one.
 */
export function checkFiscalYear(value: unknown, now: Date): { ok: true; year: number | null } | { ok: false; problem: FieldProblem } {
  if (value === null || value === undefined || value === '') return { ok: true, year: null };
  const text = String(value).trim();
  const year = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  const [first, , last] = allowedFiscalYears(now) as [number, number, number];
  const field = 'fiscal_year';
  if (!Number.isInteger(year)) {
    return { ok: false, problem: { field, text: { th: 'ปีงบประมาณต้องเป็นปี พ.ศ. เป็นตัวเลขเต็ม เช่น 2570', en: 'must be a whole Buddhist Era year, such as 2570' } } };
  }
  if (!isValidFiscalYear(year)) {
    const looksGregorian = year >= 1900 && year < 2400;
    return {
      ok: false,
      problem: {
        field,
        text: looksGregorian
          ? { th: `ปีงบประมาณต้องเป็นปี พ.ศ. (เช่น ${year + 543}) ไม่ใช่ ค.ศ.`, en: `must be a Buddhist Era year (such as ${year + 543}), not a Gregorian one` }
          : { th: 'ไม่มีปีงบประมาณนี้ กรุณากรอกปี พ.ศ. เช่น 2570', en: 'is not a fiscal year; give a Buddhist Era year such as 2570' },
      },
    };
  }
  if (year < first) {
    return { ok: false, problem: { field, text: { th: `ปีงบประมาณ ${year} ผ่านไปแล้ว ขอได้ตั้งแต่ปีงบประมาณ ${first} ถึง ${last}`, en: `FY ${year} is over; choose FY ${first} to ${last}` } } };
  }
  if (year > last) {
    return { ok: false, problem: { field, text: { th: `ขอล่วงหน้าได้ไม่เกิน ${FISCAL_YEARS_AHEAD} ปีงบประมาณ (ปีงบประมาณ ${first} ถึง ${last})`, en: `may be at most ${FISCAL_YEARS_AHEAD} years ahead (FY ${first} to ${last})` } } };
  }
  return { ok: true, year };
}

export interface ActivityInput {
  title: string;
  starts_on?: string | null;
  ends_on?: string | null;
}

export interface Activity {
  title: string;
  starts_on: string | null;
  ends_on: string | null;
}

/** YYYY-MM-DD that is a real calendar date (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Dates of a proposal and its activities lie within this many years of the current one. */
export const DATE_YEARS_SPAN = 10;

/**
 * Date fields are Gregorian, but people count years in the Buddhist Era: "2570" typed as
 * is would be stored as 2570 CE. A year far from now is such a slip; say which calendar.
 */
export function implausibleYear(date: string, now: Date): FieldProblem['text'] | null {
  const thisYear = new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
  const year = Number(date.slice(0, 4));
  if (Math.abs(year - thisYear) <= DATE_YEARS_SPAN) return null;
  if (Math.abs(year - 543 - thisYear) <= DATE_YEARS_SPAN) {
    return { th: `ปีต้องเป็นปี ค.ศ. เช่น ${thisYear} (ไม่ใช่ พ.ศ. ${thisYear + 543})`, en: `must be in a Gregorian (CE) year, such as ${thisYear}, not Buddhist Era ${thisYear + 543}` };
  }
  const [from, to] = [thisYear - DATE_YEARS_SPAN, thisYear + DATE_YEARS_SPAN];
  return { th: `ปีต้องเป็นปี ค.ศ. ระหว่าง ${from} ถึง ${to}`, en: `must be in a Gregorian (CE) year from ${from} to ${to}` };
}

function checkRange(starts: string | null | undefined, ends: string | null | undefined, prefix: string, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of [['starts_on', starts], ['ends_on', ends]] as const) {
    if (!value) continue;
    const text = isCalendarDate(value) ? implausibleYear(value, now) : { th: 'วันที่ไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน)', en: 'is not a valid date (YYYY-MM-DD)' };
    if (text) problems.push({ field: `${prefix}${name}`, text });
  }
  if (problems.length === 0 && starts && ends && ends < starts) {
    problems.push({ field: `${prefix}ends_on`, text: { th: 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น', en: 'must not be before the start date' } });
  }
  return problems;
}

export function checkDates(starts: string | null | undefined, ends: string | null | undefined, now = new Date()): FieldProblem[] {
  return checkRange(starts, ends, '', now);
}

export function checkActivities(inputs: readonly ActivityInput[], now = new Date()): { activities: Activity[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const activities = inputs.map((a, i) => {
    const title = a.title.trim();
    if (!title) problems.push({ field: `activities.${i}.title`, text: { th: 'กรุณากรอกชื่อกิจกรรม', en: 'must not be empty' } });
    problems.push(...checkRange(a.starts_on, a.ends_on, `activities.${i}.`, now));
    return { title, starts_on: a.starts_on || null, ends_on: a.ends_on || null };
  });
  return { activities, problems };
}
