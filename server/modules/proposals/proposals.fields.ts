/**
 * Field names as people know them, for the one-line summary of a 422: "รายการงบประมาณ
 * ที่ 2 (ราคาต่อหน่วย): ต้องไม่ติดลบ" rather than "budget_lines.1.unit_cost_baht".
 * The field errors themselves keep the machine path, for forms to place them.
 */
import type { Bilingual } from '../../platform/i18n/locale.ts';

const NAMES: Record<string, Bilingual> = {
  title: { th: 'ชื่อโครงการ', en: 'Title' },
  problem: { th: 'ปัญหา', en: 'Problem' },
  objectives: { th: 'วัตถุประสงค์', en: 'Objectives' },
  beneficiaries: { th: 'ผู้ได้รับประโยชน์', en: 'Beneficiaries' },
  beneficiaries_count: { th: 'จำนวนผู้ได้รับประโยชน์', en: 'Number of beneficiaries' },
  starts_on: { th: 'วันเริ่มโครงการ', en: 'Start date' },
  ends_on: { th: 'วันสิ้นสุดโครงการ', en: 'End date' },
  strategy_code: { th: 'นโยบาย 9 ดี', en: 'Policy dimension' },
  district_policy: { th: 'นโยบายของเขต', en: 'District policy' },
  fiscal_year: { th: 'ปีงบประมาณ', en: 'Fiscal year' },
  total_baht: { th: 'ยอดรวม', en: 'Total' },
  need_ids: { th: 'ปัญหาและความต้องการที่เลือก', en: 'Needs' },
  budget_lines: { th: 'รายการงบประมาณ', en: 'Budget lines' },
  files: { th: 'ไฟล์แนบ', en: 'Files' },
  note: { th: 'บันทึก', en: 'Note' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  feasibility: { th: 'ความเป็นไปได้', en: 'Feasibility' },
  cost_check: { th: 'การตรวจสอบราคา', en: 'Cost check' },
  carrying_agency_code: { th: 'หน่วยงานที่จะดำเนินการ', en: 'Carrying agency' },
  evaluator_id: { th: 'ผู้ประเมิน', en: 'Evaluator' },
  merged_into: { th: 'โครงการที่จะรวมเข้าไป', en: 'Proposal to merge into' },
};

const LINE_PARTS: Record<string, Bilingual> = {
  description: { th: 'รายการ', en: 'item' },
  quantity: { th: 'จำนวน', en: 'quantity' },
  unit: { th: 'หน่วยนับ', en: 'unit' },
  unit_cost_baht: { th: 'ราคาต่อหน่วย', en: 'unit cost' },
  amount_baht: { th: 'จำนวนเงิน', en: 'amount' },
  title: { th: 'ชื่อกิจกรรม', en: 'title' },
  starts_on: { th: 'วันเริ่ม', en: 'start' },
  ends_on: { th: 'วันสิ้นสุด', en: 'end' },
};

export function fieldLabel(field: string): Bilingual {
  const row = /^(budget_lines|activities)\.(\d+)\.(\w+)$/.exec(field);
  if (row) {
    const n = Number(row[2]) + 1;
    const part = LINE_PARTS[row[3]!] ?? { th: row[3]!, en: row[3]! };
    return row[1] === 'budget_lines'
      ? { th: `รายการงบประมาณที่ ${n} (${part.th})`, en: `Budget line ${n} (${part.en})` }
      : { th: `กิจกรรมที่ ${n} (${part.th})`, en: `Activity ${n} (${part.en})` };
  }
  return NAMES[field] ?? { th: field, en: field };
}
