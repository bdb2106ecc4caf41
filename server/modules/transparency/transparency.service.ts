import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import type { GroupBy } from './transparency.repository.ts';
import { addDays, foldFigures, readRollups, TOTAL_KEY, type Dim, type RollupFigures } from './transparency.rollups.ts';

/** Agencies, districts or categories with fewer reports than this are shown but never ranked. */
export const MIN_REPORTS_TO_RANK = 30;

export const DEFINITIONS = {
  received_th: 'เรื่องที่แจ้งเข้ามาในช่วงเวลานี้ทั้งหมด นับตามวันที่แจ้ง',
  received_en: 'All reports filed in the period, by filing date',
  fixed_th: 'เรื่องที่แจ้งในช่วงนี้และหน่วยงานแก้ไขแล้ว (ไม่นับเรื่องที่ปิดโดยไม่ได้แก้ไข)',
  fixed_en: 'Reports filed in the period that an agency has fixed (closed-without-fix is never counted)',
  closed_unfixed_th: 'เรื่องที่ปิดโดยไม่ได้แก้ไข เช่น ไม่ใช่ความรับผิดชอบ ซ้ำกับเรื่องอื่น แก้ไขไม่ได้ หรือผู้แจ้งถอนเรื่อง',
  closed_unfixed_en: 'Reports closed without a fix: not our responsibility, duplicate, cannot be fixed, withdrawn, invalid',
  open_th: 'เรื่องที่ยังรอรับเรื่องหรือกำลังดำเนินการ',
  open_en: 'Reports still waiting or in progress',
  median_first_response_th: 'ค่ามัธยฐานของเวลาตั้งแต่แจ้งจนหน่วยงานตอบสนองครั้งแรก (รับเรื่อง ส่งต่อ บันทึกสาธารณะ แก้ไข หรือปิดเรื่อง) นับเฉพาะเรื่องที่ได้รับการตอบสนองแล้ว คำนวณจากตารางความถี่ของระยะเวลาที่แบ่งช่วงละไม่เกิน 12.5% จึงคลาดจากค่าจริงได้ไม่เกินหนึ่งช่วง และโดยทั่วไปไม่เกิน 1–2%',
  median_first_response_en: 'Median time from filing to the first public staff action (accept, forward, public note, fix or close), over reports that have had one; read from a histogram of durations in steps of at most 12.5 %, so within one step of the exact median and usually within 1–2 %',
  median_fix_th: 'ค่ามัธยฐานของเวลาตั้งแต่แจ้งจนแก้ไขเสร็จ นับเฉพาะเรื่องที่แก้ไขแล้ว คำนวณจากตารางความถี่เช่นเดียวกัน',
  median_fix_en: 'Median time from filing to fix, over fixed reports; read from the same kind of histogram',
  period_th: 'นับเรื่องตามวันที่แจ้งตามเวลากรุงเทพฯ ทั้งวัน ตั้งแต่วันเริ่มต้นถึงวันสิ้นสุด',
  period_en: 'Reports are counted by their filing day in Bangkok, whole days from the first to the last day given',
  rating_th: 'คะแนนความพึงพอใจเฉลี่ยที่ผู้แจ้งให้กับการแก้ไข (1–5)',
  rating_en: 'Average rating reporters gave the fix (1–5)',
  ranked_th: `กลุ่มที่มีเรื่องน้อยกว่า ${MIN_REPORTS_TO_RANK} เรื่องในช่วงเวลานี้จะแสดงแต่ไม่จัดอันดับ`,
  ranked_en: `Groups with fewer than ${MIN_REPORTS_TO_RANK} reports in the period are shown but not ranked`,
  demo_th: 'ข้อมูลตัวอย่าง (สร้างขึ้นเพื่อสาธิต) จะบอกจำนวนไว้แยกต่างหาก',
  demo_en: 'Generated demo reports, if any, are counted and their number given separately',
};

/** The doors people came through, as people call them. */
export const CHANNEL_NAMES: Record<string, { th: string; en: string }> = {
  web: { th: 'เว็บไซต์', en: 'Website' },
  app: { th: 'แอปมือถือ', en: 'Mobile app' },
  line: { th: 'LINE', en: 'LINE' },
  facebook: { th: 'Facebook', en: 'Facebook' },
  x: { th: 'X', en: 'X' },
  call_centre: { th: 'สายด่วน 1555', en: '1555 call centre' },
  open311: { th: 'ระบบภายนอก (Open311)', en: 'Other systems (Open311)' },
  traffy: { th: 'Traffy Fondue (นำเข้า)', en: 'Traffy Fondue (imported)' },
};

/** "2026-11" → "พ.ย. 2569" / "Nov 2026". */
function monthName(key: string, locale: 'th' | 'en'): string {
  const date = new Date(`${key}-15T00:00:00+07:00`);
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(date);
}

function round(value: number | null, digits = 1): number | null {
  if (value === null || value === undefined) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The Bangkok calendar day (YYYY-MM-DD) of an instant. */
function bangkokDay(at: Date): string {
  return new Date(at.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** A period bound as a Bangkok day: a date is that day, a date-time the day it falls on. */
function parseDay(raw: string | undefined, field: string, fallback: string): string {
  if (!raw) return fallback;
  const d = new Date(DATE_ONLY.test(raw) ? `${raw}T00:00:00+07:00` : raw);
  if (Number.isNaN(d.getTime())) {
    throw fail.badRequest('invalid_date', `วันที่ใน ${field} ไม่ถูกต้อง`, `${field} is not a valid date`, [{ field, text: { th: 'วันที่ไม่ถูกต้อง', en: 'is not a valid date' } }]);
  }
  return bangkokDay(d);
}

const startOf = (day: string) => new Date(`${day}T00:00:00+07:00`);

export interface FiguresQuery {
  from?: string;
  to?: string;
  group_by?: GroupBy;
  district?: number;
}

/**
 * Public figures from the rollups (transparency.rollups.ts): no request scans the
 * reports table. Each read also nudges the fold of pending changes into the rollups,
 * at most once a second per process, off the request's own path.
 */
export function createTransparencyService(db: Db) {
  let folding: Promise<unknown> | null = null;
  let lastFold = 0;
  function nudgeFold() {
    if (folding || Date.now() - lastFold < 1000) return;
    lastFold = Date.now();
    // Figures are exact without it (reads add pending changes); folding keeps reads short.
    folding = foldFigures(db).catch(() => undefined).finally(() => { folding = null; });
  }

  async function publicFigures(q: FiguresQuery) {
    const today = bangkokDay(new Date());
    const fromDay = parseDay(q.from, 'from', addDays(today, -364));
    const toDay = addDays(parseDay(q.to, 'to', today), 1);
    if (toDay <= fromDay) {
      throw fail.badRequest('invalid_period', 'วันสิ้นสุดต้องอยู่หลังวันเริ่มต้น', 'The end of the period must be after its start', [{ field: 'to', text: { th: 'ต้องอยู่หลังวันเริ่มต้น', en: 'must be after from' } }]);
    }
    if (q.district !== undefined && q.group_by && q.group_by !== 'month') {
      throw fail.badRequest('invalid_grouping', 'ตัวเลขของเขตเดียวแบ่งได้ตามเดือนเท่านั้น', 'Figures for one district can be grouped by month only', [{ field: 'group_by', text: { th: 'ใช้ได้เฉพาะ month เมื่อระบุเขต', en: 'must be month when district is given' } }]);
    }
    const byMonth = q.group_by === 'month';
    const dim: Dim = q.district !== undefined ? 'district' : q.group_by && q.group_by !== 'month' ? q.group_by : 'all';
    const rows = await readRollups(db, { fromDay, toDay, dim, key: q.district !== undefined ? String(q.district) : null, byMonth });
    nudgeFold();
    const totalRow = rows.find((r) => r.key === TOTAL_KEY)!;
    const groups = q.group_by ? rows.filter((r) => r.key !== TOTAL_KEY) : [];
    const present = (row: RollupFigures) => ({
      received: row.received,
      fixed: row.fixed,
      closed_unfixed: row.closed_unfixed,
      open: row.open,
      median_first_response_hours: round(row.median_first_response_hours),
      median_fix_hours: round(row.median_fix_hours),
      rating_avg: row.rating_count > 0 ? round(row.rating_sum / row.rating_count, 2) : null,
      rating_count: row.rating_count,
      demo_reports: row.demo,
    });
    const byChannel = q.group_by === 'channel';
    const presentedGroups = groups
      .map((row) => {
        const key = row.key === '' ? null : (row.publicKey ?? row.key);
        return {
          key: key ?? 'unknown',
          name_th: byMonth && key ? monthName(key, 'th') : byChannel && key ? (CHANNEL_NAMES[key]?.th ?? key) : (row.name_th ?? 'ไม่ระบุ'),
          name_en: byMonth && key ? monthName(key, 'en') : byChannel && key ? (CHANNEL_NAMES[key]?.en ?? key) : (row.name_en ?? 'Unknown'),
          ...present(row),
          fixed_share: row.received > 0 ? round(row.fixed / row.received, 3) : null,
          // Periods are a time series, not a league table.
          ranked: !byMonth && row.received >= MIN_REPORTS_TO_RANK,
        };
      })
      // Ranked groups first, by share fixed; small groups after, by name, never ranked. Months in order.
      .sort(byMonth ? (a, b) => a.key.localeCompare(b.key) : (a, b) => (a.ranked !== b.ranked ? (a.ranked ? -1 : 1) : a.ranked ? (b.fixed_share ?? 0) - (a.fixed_share ?? 0) : a.name_en.localeCompare(b.name_en)));
    return {
      period: { from: startOf(fromDay).toISOString(), to: startOf(toDay).toISOString() },
      district: q.district ?? null,
      totals: present(totalRow),
      group_by: q.group_by ?? null,
      groups: presentedGroups,
      definitions: DEFINITIONS,
    };
  }
  return { publicFigures, foldPending: () => foldFigures(db) };
}
