/**
 * The plan as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled), UTF-8 with a byte-order mark so Excel reads
 * the Thai. One row per item, the same columns as the XLSX, and money both in baht
 * (two decimals) and as integer satang for exact sums.
 *
 * The writing is the platform's (server/platform/http/csv.ts): text cells that a
 * spreadsheet would run as a formula (= + - @ tab CR) are defused; the money and
 * percent columns are numerals and stay numbers.
 */
import { numeral, toCsv } from '../../platform/http/csv.ts';
import { bahtText, type ExportTable } from './plans.export.ts';

export const CSV_HEADINGS = [
  'ลำดับ', 'รหัสรายการ', 'รหัสข้อเสนอโครงการ', 'โครงการ/กิจกรรม', 'ชุมชน', 'หน่วยงานรับผิดชอบ', 'ยุทธศาสตร์/นโยบาย', 'ตัวชี้วัด', 'ค่าเป้าหมาย',
  'งบประมาณที่ขอ (บาท)', 'งบประมาณที่ได้รับอนุมัติ (บาท)', 'เบิกจ่ายแล้ว (บาท)',
  'งบประมาณที่ขอ (สตางค์)', 'งบประมาณที่ได้รับอนุมัติ (สตางค์)', 'เบิกจ่ายแล้ว (สตางค์)',
  'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3', 'ไตรมาส 4', 'ความก้าวหน้า (%)', 'สถานะ', 'ยกเลิก',
] as const;

export function planToCsv(table: ExportTable): Buffer {
  const rows = table.rows.map((r) => [
    r.position, r.itemId, r.proposalId, r.title, r.community, r.responsibleUnit, r.strategy, r.indicators, r.targets,
    numeral(bahtText(r.requested)), r.approved === null ? null : numeral(bahtText(r.approved)), numeral(bahtText(r.disbursed)),
    r.requested, r.approved, r.disbursed,
    ...r.quarters.map((q) => (q ? 'x' : '')), numeral(r.progress.toFixed(2)), r.status, r.cancelled ? 'yes' : 'no',
  ]);
  return Buffer.from(toCsv(CSV_HEADINGS, rows), 'utf8');
}
