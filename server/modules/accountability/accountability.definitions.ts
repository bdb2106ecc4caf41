/**
 * What each public figure counts, in words, sent with every answer and shown on the
 * page (as the transparency module does for report figures). Change a rule here and in
 * accountability.repository.ts together.
 */
export const FUNNEL_DEFINITIONS = {
  submitted_th: 'โครงการที่ชุมชนส่งถึงสำนักงานเขตแล้ว (ไม่นับฉบับร่าง) รวมโครงการที่ถอนหลังจากส่งแล้ว โครงการที่ไม่ผ่าน และโครงการที่ถูกรวมกับโครงการอื่น เงิน = งบประมาณรวมที่ชุมชนเสนอ',
  submitted_en: 'Proposals a community has sent to the district (drafts are not counted), including those withdrawn after sending, not accepted, or merged into another. Money = the total the community asked for',
  accepted_th: 'โครงการที่ผ่านการพิจารณาของเขต โครงการที่ถูกรวมเข้ากับโครงการอื่นนับรวมอยู่ในโครงการที่รับไว้ ไม่นับซ้ำ เงิน = งบประมาณรวมของโครงการที่ผ่านการพิจารณา',
  accepted_en: 'Proposals the district accepted; proposals merged into another are counted once, in the one they were merged into. Money = the accepted proposals\' totals',
  in_plan_th: 'โครงการที่ได้บรรจุเป็นรายการในแผนปฏิบัติราชการประจำปีของสำนักงานเขตหรือสำนักใดสำนักหนึ่งที่เผยแพร่แล้ว และรายการนั้นไม่ถูกยกเลิก (แผนที่ยังเป็นร่างไม่นับ) เงิน = งบประมาณที่ขอในแผน',
  in_plan_en: 'Proposals placed as an item of a district office\'s or department\'s published annual action plan, the item not cancelled (plans still in draft are not counted). Money = the budget requested in the plan',
  funded_th: 'รายการในแผนที่ได้รับอนุมัติงบประมาณแล้ว (มากกว่า 0 บาท) เงิน = งบประมาณที่อนุมัติ',
  funded_en: 'Plan items with an approved budget above zero. Money = the approved budget',
  delivered_th: 'รายการในแผนที่ดำเนินการเสร็จแล้ว เงิน = เงินที่เบิกจ่ายแล้วของรายการที่เสร็จ',
  delivered_en: 'Plan items completed. Money = what was disbursed on the completed items',
  disbursed_th: 'เงินที่เบิกจ่ายแล้วทั้งหมดของรายการในแผนที่มาจากโครงการเหล่านี้ ทั้งที่เสร็จแล้วและยังไม่เสร็จ',
  disbursed_en: 'Everything disbursed so far on the plan items that came from these proposals, completed or not',
  fiscal_year_th: 'เมื่อเลือกปีงบประมาณ โครงการที่บรรจุในแผนที่เผยแพร่แล้วนับในปีของแผนนั้น โครงการที่ยังไม่อยู่ในแผนนับในปีที่ขอรับงบ แต่ละโครงการนับในปีเดียว',
  fiscal_year_en: 'With a fiscal year chosen, a proposal in a published plan counts in that plan\'s year; one not yet in a plan counts in the year it asked for. Each proposal counts in one year only',
  demo_th: 'ข้อมูลตัวอย่าง (สร้างขึ้นเพื่อสาธิต) นับรวมด้วย และแจ้งไว้เมื่อมีอยู่ในตัวเลข',
  demo_en: 'Generated demo rows are counted, and flagged when any are among the figures',
} as const;

export type OpenDataType = 'string' | 'integer' | 'decimal' | 'date' | 'date-time' | 'boolean';

export interface OpenDataField {
  name: string;
  type: OpenDataType;
  description_th: string;
  description_en: string;
}

const f = (name: string, type: OpenDataType, th: string, en: string): OpenDataField => ({ name, type, description_th: th, description_en: en });

const money = (name: string, th: string, en: string) => f(name, 'decimal', `${th} (บาท ทศนิยม 2 ตำแหน่ง)`, `${en} (baht, two decimals)`);

export const PROPOSAL_FIELDS: OpenDataField[] = [
  f('proposal_id', 'string', 'รหัสโครงการ', 'Proposal id'),
  f('title', 'string', 'ชื่อโครงการ', 'Title'),
  f('community_code', 'string', 'รหัสชุมชน', 'Community code'),
  f('community_name_th', 'string', 'ชื่อชุมชน', 'Community name (Thai)'),
  f('district_code', 'integer', 'รหัสเขต', 'District code'),
  f('district_name_th', 'string', 'ชื่อเขต (ไทย)', 'District name (Thai)'),
  f('district_name_en', 'string', 'ชื่อเขต (อังกฤษ)', 'District name (English)'),
  f('fiscal_year', 'integer', 'ปีงบประมาณที่ขอ (พ.ศ.)', 'Fiscal year asked for (BE)'),
  f('state', 'string', 'สถานะ: submitted, under_review, revision_requested, accepted, not_accepted, merged, withdrawn', 'State: submitted, under_review, revision_requested, accepted, not_accepted, merged, withdrawn'),
  f('submitted_at', 'date-time', 'วันเวลาที่ส่งล่าสุด (UTC)', 'Last sent (UTC)'),
  f('decided_at', 'date-time', 'วันเวลาที่มีผลการพิจารณา (UTC)', 'Decided (UTC)'),
  money('total_baht', 'งบประมาณที่เสนอ', 'Budget asked for'),
  f('strategy_code', 'string', 'ยุทธศาสตร์ กทม. ที่โครงการตอบ', 'BMA strategy the proposal serves'),
  f('beneficiaries_count', 'integer', 'จำนวนผู้ได้รับประโยชน์', 'Number of beneficiaries'),
  f('carrying_agency_code', 'string', 'รหัสหน่วยงานที่จะดำเนินการ', 'Carrying agency code'),
  f('carrying_agency_name_th', 'string', 'หน่วยงานที่จะดำเนินการ', 'Carrying agency (Thai)'),
  f('decision_reason', 'string', 'เหตุผลเมื่อไม่ผ่านการพิจารณา', 'Reason when not accepted'),
  f('merged_into_id', 'string', 'รหัสโครงการที่รวมเข้าไป', 'Proposal it was merged into'),
  f('plan_id', 'string', 'รหัสแผนปฏิบัติราชการ (ที่เผยแพร่แล้ว) ที่บรรจุ', 'Published action plan id it sits in'),
  f('plan_item_id', 'string', 'รหัสรายการในแผน', 'Plan item id'),
  f('plan_fiscal_year', 'integer', 'ปีงบประมาณของแผน (พ.ศ.)', 'Plan fiscal year (BE)'),
  f('item_status', 'string', 'สถานะรายการในแผน: planned, funded, in_progress, completed', 'Plan item status: planned, funded, in_progress, completed'),
  money('budget_requested_baht', 'งบประมาณที่ขอในแผน', 'Budget requested in the plan'),
  money('budget_approved_baht', 'งบประมาณที่อนุมัติ', 'Budget approved'),
  money('budget_disbursed_baht', 'เงินที่เบิกจ่ายแล้ว', 'Budget disbursed'),
  f('progress_percent', 'decimal', 'ความก้าวหน้า (ร้อยละ)', 'Progress (percent)'),
  f('is_demo', 'boolean', 'เป็นข้อมูลตัวอย่าง', 'Generated demo row'),
];

export const PLAN_FIELDS: OpenDataField[] = [
  f('plan_id', 'string', 'รหัสแผน', 'Plan id'),
  f('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
  f('plan_status', 'string', 'สถานะแผน: published (ประกาศแล้ว) ข้อมูลเปิดมีเฉพาะแผนที่เผยแพร่แล้ว', 'Plan status: published (open data holds published plans only)'),
  f('agency_code', 'string', 'รหัสหน่วยงานเจ้าของแผน', 'Agency code'),
  f('agency_name_th', 'string', 'หน่วยงาน (ไทย)', 'Agency (Thai)'),
  f('agency_name_en', 'string', 'หน่วยงาน (อังกฤษ)', 'Agency (English)'),
  f('agency_district_code', 'integer', 'รหัสเขต เมื่อเป็นสำนักงานเขต', 'District code when the agency is a district office'),
  f('item_id', 'string', 'รหัสรายการ', 'Item id'),
  f('position', 'integer', 'ลำดับในแผน', 'Position in the plan'),
  f('title', 'string', 'ชื่อรายการ', 'Title'),
  f('responsible_unit', 'string', 'หน่วยรับผิดชอบ', 'Responsible unit'),
  f('source', 'string', 'ที่มา: proposal (จากโครงการของชุมชน), agency (หน่วยงานเพิ่มเอง)', 'Source: proposal (from a community proposal), agency (added by the agency)'),
  f('proposal_id', 'string', 'รหัสโครงการของชุมชนที่เป็นที่มา', 'Source proposal id'),
  f('community_code', 'string', 'รหัสชุมชน', 'Community code'),
  f('community_district_code', 'integer', 'รหัสเขตของชุมชน', 'Community district code'),
  f('strategy_code', 'string', 'ยุทธศาสตร์ กทม.', 'BMA strategy'),
  money('budget_requested_baht', 'งบประมาณที่ขอ', 'Budget requested'),
  money('budget_approved_baht', 'งบประมาณที่อนุมัติ', 'Budget approved'),
  money('budget_disbursed_baht', 'เงินที่เบิกจ่ายแล้ว', 'Budget disbursed'),
  f('status', 'string', 'สถานะ: planned, funded, in_progress, completed, cancelled', 'Status: planned, funded, in_progress, completed, cancelled'),
  f('cancel_reason', 'string', 'เหตุผลที่ยกเลิก', 'Reason for cancelling'),
  f('progress_percent', 'decimal', 'ความก้าวหน้า (ร้อยละ)', 'Progress (percent)'),
  f('starts_on', 'date', 'วันเริ่ม', 'Starts on'),
  f('ends_on', 'date', 'วันสิ้นสุด', 'Ends on'),
  f('completed_at', 'date-time', 'วันเวลาที่เสร็จ (UTC)', 'Completed (UTC)'),
  f('is_demo', 'boolean', 'เป็นข้อมูลตัวอย่าง', 'Generated demo row'),
];

export const PROGRESS_FIELDS: OpenDataField[] = [
  f('plan_id', 'string', 'รหัสแผน', 'Plan id'),
  f('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
  f('agency_code', 'string', 'รหัสหน่วยงาน', 'Agency code'),
  f('agency_name_th', 'string', 'หน่วยงาน (ไทย)', 'Agency (Thai)'),
  f('item_id', 'string', 'รหัสรายการ', 'Item id'),
  f('item_title', 'string', 'ชื่อรายการ', 'Item title'),
  f('proposal_id', 'string', 'รหัสโครงการของชุมชน', 'Source proposal id'),
  f('community_code', 'string', 'รหัสชุมชน', 'Community code'),
  f('quarter', 'integer', 'ไตรมาสของปีงบประมาณ (1 = ต.ค.–ธ.ค.)', 'Fiscal quarter (1 = Oct–Dec)'),
  f('milestone', 'string', 'ขั้นงานที่รายงาน', 'Milestone reported on'),
  f('percent', 'decimal', 'ความก้าวหน้าที่รายงาน (ร้อยละ)', 'Progress reported (percent)'),
  money('disbursed_baht', 'เงินที่เบิกจ่ายในรายงานนี้', 'Disbursed with this report'),
  f('note', 'string', 'บันทึกของหน่วยงาน', 'Note by the agency'),
  f('photos', 'integer', 'จำนวนรูปถ่ายที่แนบ', 'Number of photos attached'),
  f('reported_at', 'date-time', 'วันเวลาที่รายงาน (UTC)', 'Reported (UTC)'),
  f('is_demo', 'boolean', 'เป็นข้อมูลตัวอย่าง', 'Generated demo row'),
];

export const OPEN_DATA = {
  proposals: { fields: PROPOSAL_FIELDS, title_th: 'โครงการของชุมชน', title_en: 'Community project proposals', note_en: 'One row per proposal sent to a district (drafts excluded)' },
  plans: { fields: PLAN_FIELDS, title_th: 'รายการในแผนปฏิบัติราชการประจำปี', title_en: 'Annual action plan items', note_en: 'One row per plan item, with its plan, agency and fiscal year' },
  progress: { fields: PROGRESS_FIELDS, title_th: 'รายงานความก้าวหน้า', title_en: 'Progress reports', note_en: 'One row per quarterly progress report of a plan item' },
} as const;
export type OpenDataset = keyof typeof OPEN_DATA;

export const OPEN_DATA_DEFINITIONS = {
  personal_data_th: 'ไม่มีข้อมูลส่วนบุคคล: ไม่มีรหัสผู้ใช้ ชื่อกรรมการชุมชน อีเมล หรือเบอร์โทรศัพท์ และไม่รวมโครงการฉบับร่าง',
  personal_data_en: 'No personal data: no user ids, committee members\' names, e-mails or phone numbers; draft proposals are excluded',
  format_th: 'CSV เป็น UTF-8 มี BOM ตามมาตรฐาน RFC 4180 ส่วน JSON มีคำอธิบายคอลัมน์ (fields) และรายการ (items) ค่าเดียวกัน',
  format_en: 'CSV is UTF-8 with a byte-order mark, RFC 4180; JSON carries the column descriptions (fields) and the same rows (items)',
} as const;

/** Column list for OpenAPI descriptions. */
export function describeFields(fields: OpenDataField[]): string {
  return fields.map((x) => `\`${x.name}\` (${x.type}): ${x.description_en}`).join('; ');
}
