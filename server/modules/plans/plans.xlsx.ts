/**
 * The plan as an XLSX laid out like an official Thai plan table: title rows (plan,
 * agency, fiscal year with BE dates), one heading row, a row per item, a totals row and
 * the approved total in Thai words. Money cells are numbers in baht formatted #,##0.00;
 * totals are SUMIFS formulas (cancelled items left out) carrying their computed result,
 * so a reader without recalculation sees the same figures as the database.
 */
import ExcelJS from 'exceljs';
import { formatSatang } from '../../platform/money/money.ts';
import { bahtNumber, HEADINGS, type ExportTable } from './plans.export.ts';

const FONT = 'TH Sarabun New';
const MONEY = '#,##0.00';
const WIDTHS = [7, 42, 22, 18, 28, 16, 16, 18, 16, 8, 8, 8, 8, 12, 18];
const MONEY_COLUMNS = [7, 8, 9];
const STATUS_COLUMN = 15;
const LAST_COLUMN = HEADINGS.length;
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

function column(n: number): string {
  return String.fromCharCode(64 + n);
}

export async function planToXlsx(table: ExportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Demopolis';
  wb.title = table.title;
  wb.created = new Date();
  const titleRows = 4;
  const headingRow = titleRows + 1;
  const ws = wb.addWorksheet('แผนปฏิบัติราชการ', {
    views: [{ state: 'frozen', ySplit: headingRow, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headingRow}:${headingRow}` },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  const titleLine = (row: number, text: string, size: number) => {
    ws.mergeCells(row, 1, row, LAST_COLUMN);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = { name: FONT, size, bold: row === 1 };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  };
  const flags = [table.isDraft ? 'ร่าง' : null, table.isDemo ? 'ข้อมูลตัวอย่าง (demo)' : null].filter(Boolean).join(' · ');
  titleLine(1, table.title + (flags ? ` (${flags})` : ''), 18);
  titleLine(2, table.agency, 16);
  titleLine(3, table.period, 16);
  titleLine(4, table.ceiling === null ? 'วงเงินงบประมาณ: ยังไม่กำหนด' : `วงเงินงบประมาณ ${formatSatang(table.ceiling)} บาท`, 14);

  const heading = ws.getRow(headingRow);
  heading.values = [...HEADINGS];
  heading.height = 36;
  heading.eachCell((cell) => {
    cell.font = { name: FONT, size: 14, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = box;
  });

  const first = headingRow + 1;
  table.rows.forEach((r, index) => {
    const row = ws.getRow(first + index);
    row.values = [
      r.position,
      r.community ? `${r.title}\n(${r.community})` : r.title,
      r.responsibleUnit,
      r.strategy,
      r.indicators,
      r.targets,
      bahtNumber(r.requested),
      r.approved === null ? null : bahtNumber(r.approved),
      bahtNumber(r.disbursed),
      ...r.quarters.map((q) => (q ? '✓' : '')),
      r.progress,
      r.status,
    ];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: FONT, size: 14, strike: r.cancelled };
      cell.border = box;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: col === 1 || (col >= 10 && col <= 14) ? 'center' : undefined };
      if (MONEY_COLUMNS.includes(col)) cell.numFmt = MONEY;
      if (col === 14) cell.numFmt = '0.00';
    });
  });

  const last = first + table.rows.length - 1;
  const totalsRow = ws.getRow(last + 1);
  ws.mergeCells(last + 1, 1, last + 1, 6);
  totalsRow.getCell(1).value = 'รวมทั้งสิ้น (ไม่รวมรายการที่ยกเลิก)';
  const sums = [table.totals.requested, table.totals.approved, table.totals.disbursed];
  MONEY_COLUMNS.forEach((col, i) => {
    const result = bahtNumber(sums[i]!);
    const c = column(col);
    const s = column(STATUS_COLUMN);
    totalsRow.getCell(col).value = table.rows.length > 0 ? { formula: `SUMIFS(${c}${first}:${c}${last},${s}${first}:${s}${last},"<>ยกเลิก*")`, result } : result;
    totalsRow.getCell(col).numFmt = MONEY;
  });
  totalsRow.getCell(14).value = table.totals.progress;
  totalsRow.getCell(14).numFmt = '0.00';
  for (let col = 1; col <= LAST_COLUMN; col++) {
    const cell = totalsRow.getCell(col);
    cell.font = { name: FONT, size: 14, bold: true };
    cell.border = box;
    cell.alignment = { vertical: 'middle', horizontal: col === 1 ? 'right' : col === 14 ? 'center' : undefined };
  }

  const wordsRow = last + 2;
  ws.mergeCells(wordsRow, 1, wordsRow, LAST_COLUMN);
  const words = ws.getCell(wordsRow, 1);
  words.value = `งบประมาณที่ได้รับอนุมัติรวม (ตัวอักษร): ${table.approvedInWords}`;
  words.font = { name: FONT, size: 14, bold: true };
  words.alignment = { horizontal: 'left', vertical: 'middle' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

