import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { integrityQueries, PAGE_SIZE } from './integrity.query.repository.ts';
import { STAGES, STAGE_DEADLINE_DAYS } from './integrity.stages.ts';

/** Groups with fewer cases than this are shown, never compared, ranked or turned into shares. */
export const SMALL_NUMBER = 10;
const SANCTION_KINDS = ['warning', 'probation', 'pay_cut', 'suspension', 'dismissal', 'criminal_referral'] as const;

export const INTEGRITY_DEFINITIONS = {
  received_th: 'เรื่องร้องเรียนการทุจริตที่ได้รับในช่วงเวลานี้ นับตามวันที่ได้รับ (ไม่นับเรื่องที่ถูกรวมเป็นเรื่องเดียวกับเรื่องอื่น)',
  received_en: 'Corruption complaints received in the period, by date received (duplicates merged into another case are not counted)',
  by_stage_th: 'ขั้นตอนปัจจุบันของเรื่องที่ได้รับในช่วงเวลานี้',
  by_stage_en: 'The current stage of the complaints received in the period',
  median_days_th: 'ค่ามัธยฐานของจำนวนวันที่เรื่องอยู่ในแต่ละขั้นตอน นับเฉพาะขั้นตอนที่ผ่านไปแล้ว',
  median_days_en: 'Median days a case spent in each stage, over stages already completed',
  substantiated_share_th: 'สัดส่วนเรื่องที่ผลการสอบสวนพบว่ามีมูล (ทั้งหมดหรือบางส่วน) ต่อเรื่องที่สรุปผลแล้ว',
  substantiated_share_en: 'Share of decided cases found substantiated or partly substantiated',
  sanctions_th: 'จำนวนการลงโทษแยกตามประเภท (เรื่องหนึ่งอาจมีหลายการลงโทษ)',
  sanctions_en: 'Sanctions by kind (one case may carry several)',
  small_numbers_th: `กลุ่มที่มีน้อยกว่า ${SMALL_NUMBER} เรื่องจะแสดงจำนวนแต่ไม่คำนวณสัดส่วนหรือจัดอันดับ`,
  small_numbers_en: `Groups of fewer than ${SMALL_NUMBER} cases are shown as counts only: no share, comparison or rank`,
  register_th: 'ทะเบียนสาธารณะแสดงเรื่องที่ผ่านการพิจารณารับเรื่องแล้ว โดยไม่มีข้อมูลผู้ร้องเรียน ชื่อเจ้าหน้าที่แสดงเฉพาะเมื่อการลงโทษถึงที่สุดและนโยบายอนุญาต',
  register_en: 'The public register lists cases once screened, without any complainant data; officials are named only where a sanction is final and policy allows',
  deadlines_th: `กำหนดเวลาแต่ละขั้นตอน (วัน): ${Object.entries(STAGE_DEADLINE_DAYS).map(([s, d]) => `${s} ${d}`).join(', ')}`,
  deadlines_en: `Stage deadlines (days): ${Object.entries(STAGE_DEADLINE_DAYS).map(([s, d]) => `${s} ${d}`).join(', ')}`,
};

function parseDay(raw: string | undefined, field: string, fallback: Date): Date {
  if (!raw) return fallback;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00+07:00` : raw);
  if (Number.isNaN(d.getTime())) throw fail.badRequest('invalid_date', `วันที่ใน ${field} ไม่ถูกต้อง`, `${field} is not a valid date`, [{ field, text: { th: 'วันที่ไม่ถูกต้อง', en: 'is not a valid date' } }]);
  return d;
}

export function createPublicService(db: Db) {
  async function register(q: { page?: number; agency?: string; finding?: string }) {
    const page = q.page ?? 1;
    const { total, rows, stages, sanctions } = await integrityQueries.register(db, { agencyCode: q.agency, finding: q.finding, page });
    return {
      items: rows.map((r) => ({
        case_number: r.case_number,
        agency: { code: r.agency_code, name_th: r.agency_name_th, name_en: r.agency_name_en },
        allegation_kind: r.allegation_kind,
        stage: r.stage,
        received_at: r.received_at.toISOString(),
        stages: stages.filter((s) => s.case_id === r.id).map((s) => ({ stage: s.stage, at: s.entered_at.toISOString() })),
        finding: r.finding,
        sanctions: sanctions.filter((s) => s.case_id === r.id).map((s) => ({ kind: s.kind, official_name: s.public_official_name })),
      })),
      total, page, page_size: PAGE_SIZE,
    };
  }

  async function figures(q: { from?: string; to?: string }) {
    const now = new Date();
    const from = parseDay(q.from, 'from', new Date(now.getTime() - 365 * 86_400_000));
    let to = parseDay(q.to, 'to', new Date(now.getTime() + 60_000));
    if (q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to)) to = new Date(to.getTime() + 86_400_000);
    if (to <= from) throw fail.badRequest('invalid_period', 'วันสิ้นสุดต้องอยู่หลังวันเริ่มต้น', 'The end of the period must be after its start', [{ field: 'to', text: { th: 'ต้องอยู่หลังวันเริ่มต้น', en: 'must be after from' } }]);
    const f = await integrityQueries.figures(db, from, to);
    const t = f.totals;
    const substantiated = t.substantiated + t.partly;
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      totals: { received: t.received, open: t.open, closed: t.closed, decided: t.decided, substantiated: t.substantiated, partly_substantiated: t.partly },
      by_month: f.byMonth.map((m) => ({ month: m.month, channel: m.channel, received: m.received })),
      // Pipeline order, never ranked by size.
      by_stage: STAGES.map((stage) => {
        const count = f.byStage.find((s) => s.stage === stage)?.count ?? 0;
        return { stage, count, small: count < SMALL_NUMBER };
      }),
      median_days_per_stage: STAGES.filter((s) => STAGE_DEADLINE_DAYS[s] !== undefined).map((stage) => {
        const m = f.medians.find((x) => x.stage === stage);
        return { stage, days: m ? round(Number(m.days)) : null, cases: m?.cases ?? 0, small: (m?.cases ?? 0) < SMALL_NUMBER };
      }),
      substantiated_share: {
        share: t.decided >= SMALL_NUMBER ? Math.round((substantiated / t.decided) * 1000) / 1000 : null,
        substantiated, decided: t.decided, small: t.decided < SMALL_NUMBER,
      },
      sanctions_by_kind: SANCTION_KINDS.map((kind) => ({ kind, count: f.sanctions.find((s) => s.kind === kind)?.count ?? 0 })),
      small_number_threshold: SMALL_NUMBER,
      definitions: INTEGRITY_DEFINITIONS,
    };
  }

  return { register, figures };
}
