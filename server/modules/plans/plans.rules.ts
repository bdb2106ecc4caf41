/**
 * The rules of plans that need no database: which fiscal years exist, how amounts typed
 * in baht become satang, and the order an item's status moves in. Each broken rule is a
 * 4xx with a Thai and an English message naming the field.
 */
import { fail } from '../../platform/http/problem.ts';
import { parseBahtToSatang, type MoneyError } from '../../platform/money/money.ts';
import { fiscalYearOf, fiscalYearRange, toGregorianYear } from '../../platform/time/fiscal-year.ts';
import type { PlanItemStatus } from './plans.tables.ts';

/** BMA plans in Demopolis start with FY 2560; a plan may be drafted up to two years ahead. */
export const FIRST_PLAN_YEAR = 2560;
export const YEARS_AHEAD = 2;

export function latestPlanYear(now = new Date()): number {
  return fiscalYearOf(now) + YEARS_AHEAD;
}

/** The fiscal year as sent, checked strictly: an integer BE year in the plannable range, never a string. */
export function requireFiscalYear(value: unknown, field = 'fiscal_year', now = new Date()): number {
  const latest = latestPlanYear(now);
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= FIRST_PLAN_YEAR && value <= latest;
  if (ok) return value;
  throw fail.unprocessable(
    'invalid_fiscal_year',
    `ไม่มีปีงบประมาณนี้ในระบบ กรุณาระบุปีงบประมาณเป็นปี พ.ศ. ตั้งแต่ ${FIRST_PLAN_YEAR} ถึง ${latest} (เช่น ${fiscalYearOf(now)})`,
    `That fiscal year does not exist here; give a Buddhist Era year from ${FIRST_PLAN_YEAR} to ${latest} as a whole number (e.g. ${fiscalYearOf(now)})`,
    [{ field, text: { th: `ต้องเป็นปี พ.ศ. ${FIRST_PLAN_YEAR}–${latest}`, en: `must be a whole BE year from ${FIRST_PLAN_YEAR} to ${latest}` } }],
  );
}

const MONEY_TEXT: Record<MoneyError, { th: string; en: string }> = {
  not_a_number: { th: 'ต้องเป็นจำนวนเงินเป็นตัวเลข เช่น 150000 หรือ 150,000.50', en: 'must be an amount in figures, such as 150000 or 150,000.50' },
  negative: { th: 'จำนวนเงินติดลบไม่ได้', en: 'cannot be negative' },
  too_many_decimals: { th: 'ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)', en: 'may have at most two decimals (satang)' },
  too_large: { th: 'จำนวนเงินมากเกินกว่าที่เป็นไปได้', en: 'is larger than any real budget' },
};

/** An amount in baht as typed ("150,000.50", 150000) to satang, or a 422 naming the field. */
export function requireBaht(value: unknown, field: string): bigint {
  const parsed = typeof value === 'string' || typeof value === 'number' ? parseBahtToSatang(value) : ({ ok: false, error: 'not_a_number' } as const);
  if (parsed.ok) return parsed.satang;
  const text = MONEY_TEXT[parsed.error];
  throw fail.unprocessable('invalid_amount', `จำนวนเงินในช่อง ${field} ไม่ถูกต้อง: ${text.th}`, `The amount in ${field} is not valid: it ${text.en}`, [{ field, text }]);
}

/** The order an item moves in; cancelling is possible from any step before completion. */
const NEXT: Record<PlanItemStatus, PlanItemStatus | null> = {
  planned: 'funded',
  funded: 'in_progress',
  in_progress: 'completed',
  completed: null,
  cancelled: null,
};

export const STATUS_LABELS: Record<PlanItemStatus, { th: string; en: string }> = {
  planned: { th: 'อยู่ในแผน', en: 'Planned' },
  funded: { th: 'ได้รับงบประมาณ', en: 'Funded' },
  in_progress: { th: 'กำลังดำเนินการ', en: 'In progress' },
  completed: { th: 'ดำเนินการแล้วเสร็จ', en: 'Completed' },
  cancelled: { th: 'ยกเลิก', en: 'Cancelled' },
};

export function isOpen(status: PlanItemStatus): boolean {
  return status !== 'completed' && status !== 'cancelled';
}

/** Statuses a person may move the item to by hand from here. */
export function allowedTransitions(status: PlanItemStatus): PlanItemStatus[] {
  const out: PlanItemStatus[] = [];
  const next = NEXT[status];
  if (next) out.push(next);
  if (isOpen(status)) out.push('cancelled');
  return out;
}

/** A status change asked for by hand: only the next step, or cancelling an open item. */
export function requireTransition(from: PlanItemStatus, to: PlanItemStatus): void {
  if (from === to) return;
  if (allowedTransitions(from).includes(to)) return;
  const f = STATUS_LABELS[from];
  const t = STATUS_LABELS[to];
  throw fail.conflict(
    'transition_out_of_order',
    `เปลี่ยนสถานะจาก "${f.th}" เป็น "${t.th}" ไม่ได้ สถานะต้องเป็นไปตามลำดับ: อยู่ในแผน → ได้รับงบประมาณ → กำลังดำเนินการ → ดำเนินการแล้วเสร็จ`,
    `An item cannot go from "${f.en}" to "${t.en}"; it moves planned → funded → in progress → completed (or is cancelled before completion)`,
  );
}

/** The status progress moves an item to: started when above zero, completed at 100. */
export function statusAfterProgress(status: PlanItemStatus, itemPercent: number): PlanItemStatus {
  if (!isOpen(status)) return status;
  if (itemPercent >= 100) return 'completed';
  if (itemPercent > 0 && (status === 'planned' || status === 'funded')) return 'in_progress';
  return status;
}

/** FY quarter (1..4) a date falls in: Q1 = October–December. */
export function quarterOf(date: string): 1 | 2 | 3 | 4 {
  const month = Number(date.slice(5, 7));
  return (month >= 10 ? 1 : month <= 3 ? 2 : month <= 6 ? 3 : 4) as 1 | 2 | 3 | 4;
}

/** Bangkok is UTC+7 all year; quarters turn at Bangkok midnight, as fiscal years do. */
const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;

/** The fiscal quarter (1..4) an instant falls in, on the Bangkok calendar. */
export function fiscalQuarterOf(instant: Date): 1 | 2 | 3 | 4 {
  return quarterOf(new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10));
}

/**
 * Quarters of the plan's fiscal year that progress may be reported for now: none before
 * the year has started, the quarters reached so far during it, all four once it is over.
 */
export function reportableQuarters(fiscalYear: number, now = new Date()): number[] {
  const current = fiscalYearOf(now);
  if (fiscalYear > current) return [];
  const last = fiscalYear < current ? 4 : fiscalQuarterOf(now);
  return Array.from({ length: last }, (_, i) => i + 1);
}

/** A progress report about a quarter that has not begun yet is refused (422, naming the quarter). */
export function requireReportableQuarter(fiscalYear: number, quarter: number, now = new Date()): void {
  const allowed = reportableQuarters(fiscalYear, now);
  if (allowed.includes(quarter)) return;
  if (allowed.length === 0) {
    const { startsOn } = fiscalYearDates(fiscalYear);
    throw fail.unprocessable('fiscal_year_not_started',
      `ปีงบประมาณ ${fiscalYear} ยังไม่เริ่ม (เริ่ม ${thaiDate(startsOn)}) จึงยังรายงานความก้าวหน้าของแผนนี้ไม่ได้`,
      `Fiscal year ${fiscalYear} has not started yet (it starts on ${startsOn}); progress on this plan cannot be reported before then`,
      [{ field: 'quarter', text: { th: 'ปีงบประมาณของแผนยังไม่เริ่ม', en: "the plan's fiscal year has not started" } }]);
  }
  const last = allowed.length;
  throw fail.unprocessable('quarter_not_reached',
    `ยังไม่ถึงไตรมาส ${quarter} ของปีงบประมาณ ${fiscalYear} ขณะนี้เป็นไตรมาส ${last} จึงรายงานได้ถึงไตรมาส ${last} เท่านั้น`,
    `Quarter ${quarter} of fiscal year ${fiscalYear} has not begun; it is quarter ${last} now, so report for quarter ${last} or earlier`,
    [{ field: 'quarter', text: { th: `รายงานได้ไตรมาส 1 ถึง ${last}`, en: `must be 1 to ${last}` } }]);
}

/**
 * The quarter a change that lowers progress is recorded in: the current quarter while
 * the plan's year runs, otherwise the latest quarter already reported (the year's last
 * quarter for a past year with no report).
 */
export function quarterForChange(fiscalYear: number, latestReported: number | null, now = new Date()): number {
  const current = fiscalYearOf(now);
  if (fiscalYear === current) return fiscalQuarterOf(now);
  return latestReported ?? (fiscalYear < current ? 4 : 1);
}

/** First and last day of a fiscal year as 'YYYY-MM-DD' (1 October – 30 September). */
export function fiscalYearDates(fiscalYear: number): { startsOn: string; endsOn: string } {
  fiscalYearRange(fiscalYear); // throws on nonsense
  const endsIn = toGregorianYear(fiscalYear);
  return { startsOn: `${endsIn - 1}-10-01`, endsOn: `${endsIn}-09-30` };
}

/** The plan's official name: "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570". */
export function planName(fiscalYear: number): { th: string; en: string } {
  const endsIn = toGregorianYear(fiscalYear);
  return {
    th: `แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. ${fiscalYear}`,
    en: `Annual Action Plan, Fiscal Year ${fiscalYear} (${endsIn - 1}–${String(endsIn).slice(2)})`,
  };
}

const TH_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];

/** "1 ตุลาคม 2569" — a calendar date in Thai with the Buddhist Era year, as official documents write it. */
export function thaiDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${TH_MONTHS[m! - 1]} ${y! + 543}`;
}
