/**
 * The plan as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled), UTF-8 with a byte-order mark so Excel reads
 * the Thai. One row per item, the same columns as the XLSX, and money both in baht
 * (two decimals) and as integer satang for exact sums.
 *
 * Written by hand because no CSV writer is installed (csv-parse reads only); the
 * escaping below is the whole of what RFC 4180 asks.
 */
import { bahtText, type ExportTable } from './plans.export.ts';

export const CSV_HEADINGS = [
  'ลำดับ', 'รหัสรายการ', 'รหัสข้อเสนอโครงการ', 'โครงการ/กิจกรรม', 'ชุมชน', 'หน่วยงานรับผิดชอบ', 'ยุทธศาสตร์/นโยบาย', 'ตัวชี้วัด', 'ค่าเป้าหมาย',
  'งบประมาณที่ขอ (บาท)', 'งบประมาณที่ได้รับอนุมัติ (บาท)', 'เบิกจ่ายแล้ว (บาท)',
  'งบประมาณที่ขอ (สตางค์)', 'งบประมาณที่ได้รับอนุมัติ (สตางค์)', 'เบิกจ่ายแล้ว (สตางค์)',
  'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3', 'ไตรมาส 4', 'ความก้าวหน้า (%)', 'สถานะ', 'ยกเลิก',
] as const;

const BOM = '\uFEFF';

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}

export function planToCsv(table: ExportTable): Buffer {
  const lines = [csvLine(CSV_HEADINGS)];
  for (const r of table.rows) {
    lines.push(csvLine([
      r.position, r.itemId, r.proposalId, r.title, r.community, r.responsibleUnit, r.strategy, r.indicators, r.targets,
      bahtText(r.requested), r.approved === null ? null : bahtText(r.approved), bahtText(r.disbursed),
      r.requested.toString(), r.approved === null ? null : r.approved.toString(), r.disbursed.toString(),
      ...r.quarters.map((q) => (q ? 'x' : '')), r.progress.toFixed(2), r.status, r.cancelled ? 'yes' : 'no',
    ]));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
