/**
 * The pure rules of the communities module: kinds and positions with their Thai names,
 * community codes, calendar checks in Bangkok time, and how ranks move. No I/O here,
 * so each rule is unit-tested on its own.
 */
import type { CommitteePosition, CommunityKind } from './communities.tables.ts';

/** The BMA's five kinds of community, as its registry names them. */
export const COMMUNITY_KINDS: Record<CommunityKind, { th: string; en: string }> = {
  crowded: { th: 'ชุมชนแออัด', en: 'Crowded community' },
  urban: { th: 'ชุมชนเมือง', en: 'Urban community' },
  suburban: { th: 'ชุมชนชานเมือง', en: 'Suburban community' },
  high_rise: { th: 'ชุมชนอาคารสูง', en: 'High-rise community' },
  special: { th: 'ชุมชนรูปแบบพิเศษ', en: 'Special community' },
};
export const KIND_CODES = Object.keys(COMMUNITY_KINDS) as CommunityKind[];

export const COMMITTEE_POSITIONS: Record<CommitteePosition, { th: string; en: string }> = {
  chair: { th: 'ประธานกรรมการชุมชน', en: 'Chair' },
  vice_chair: { th: 'รองประธานกรรมการชุมชน', en: 'Vice chair' },
  secretary: { th: 'เลขานุการ', en: 'Secretary' },
  treasurer: { th: 'เหรัญญิก', en: 'Treasurer' },
  member: { th: 'กรรมการ', en: 'Member' },
};
export const POSITION_CODES = Object.keys(COMMITTEE_POSITIONS) as CommitteePosition[];

/** A committee serves a fixed term; longer than this is a typing mistake, not a term. */
export const MAX_TERM_YEARS = 4;
/** How far a cited report may lie from the community's registered point. */
export const EVIDENCE_RADIUS_M = 1000;
export const NEARBY_RADIUS_DEFAULT_M = 500;
export const NEARBY_RADIUS_MIN_M = 100;
export const NEARBY_RADIUS_MAX_M = 2000;
export const NEARBY_REPORTS_LIMIT = 50;
/** More cited reports than this on one need is a list, not evidence. */
export const MAX_CITED_REPORTS = 20;

/** The code after the district's highest running number so far ('1004-013' after 12). */
export function nextCommunityCode(districtCode: number, highestNumber: number): string {
  const next = highestNumber + 1;
  if (next > 999) throw new RangeError(`district ${districtCode} has run out of three-digit community numbers`);
  return `${districtCode}-${String(next).padStart(3, '0')}`;
}

/** Today's calendar date in Bangkok, 'YYYY-MM-DD': a date typed in Bangkok is judged there. */
export function bangkokToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(now);
}

/** A real calendar date written 'YYYY-MM-DD' (no 31 February). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isFutureDate(value: string, now = new Date()): boolean {
  return value > bangkokToday(now);
}

/** A committee term starts at most this many years back and ends at most this many ahead. */
export const TERM_YEARS_SPAN = 10;

/**
 * Date inputs are Gregorian, but people in Thailand count years in the Buddhist Era: a
 * term "ending 2570" typed as is would be stored as 2570 CE. A year outside the span
 * around this year (Bangkok) is a mistake; the words say which calendar to use.
 */
export function yearOutOfSpan(date: string, now = new Date()): { th: string; en: string } | null {
  const thisYear = Number(bangkokToday(now).slice(0, 4));
  const year = Number(date.slice(0, 4));
  if (Math.abs(year - thisYear) <= TERM_YEARS_SPAN) return null;
  if (Math.abs(year - 543 - thisYear) <= TERM_YEARS_SPAN) {
    return { th: `ปีต้องเป็นปี ค.ศ. เช่น ${thisYear} (ไม่ใช่ พ.ศ. ${thisYear + 543})`, en: `the year must be Gregorian (CE), such as ${thisYear}, not Buddhist Era ${thisYear + 543}` };
  }
  const [from, to] = [thisYear - TERM_YEARS_SPAN, thisYear + TERM_YEARS_SPAN];
  return { th: `ปีต้องเป็นปี ค.ศ. ระหว่าง ${from} ถึง ${to}`, en: `the year must be a Gregorian (CE) year from ${from} to ${to}` };
}

/** Whole years between two dates, counting a term that ends the day before its anniversary as exact. */
export function termTooLong(start: string, end: string): boolean {
  const limit = new Date(`${start}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_TERM_YEARS);
  return new Date(`${end}T00:00:00Z`).getTime() > limit.getTime();
}

/** A seat counts as current while it has not been ended and its term has not run out. */
export function seatIsCurrent(seat: { ended_at: Date | null; term_end: string }, now = new Date()): boolean {
  return seat.ended_at === null && seat.term_end >= bangkokToday(now);
}

/**
 * Where a need lands among `count` ranked open needs: last unless a rank is asked for;
 * an asked rank past the end means last. Ranks are 1-based.
 */
export function landingRank(count: number, requested: number | undefined): number {
  if (requested === undefined) return count + 1;
  return Math.min(Math.max(1, Math.trunc(requested)), count + 1);
}

/**
 * The new order of ids after moving one to `rank` (1-based, clamped to the list); with
 * `rank` undefined the id is removed (it left the open ranking). An id not yet in the
 * list is inserted. The result is what ranks 1..n should be.
 */
export function reorder<T>(ordered: readonly T[], id: T, rank: number | undefined): T[] {
  const rest = ordered.filter((x) => x !== id);
  if (rank === undefined) return rest;
  const at = landingRank(rest.length, rank) - 1;
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** Tracking codes as people paste them: trimmed, upper-case, each once, in the order given. */
export function normaliseReportCodes(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of codes) {
    const code = raw.trim().toUpperCase();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** A multipart field listing codes: "BKK-26-AAAAAA, BKK-26-BBBBBB" or a JSON array. */
export function splitCodeList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON after all: fall through to the plain list
    }
  }
  return trimmed.split(/[\s,;]+/).filter(Boolean);
}

/** ILIKE pattern for a search term, with its own wildcards escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
