/**
 * CSV as RFC 4180 says: CRLF between records, a field quoted when it holds a comma, a
 * double quote, CR or LF (quotes doubled inside), every record with the header's field
 * count. A UTF-8 byte-order mark goes first so spreadsheet programs read Thai correctly.
 * (csv-stringify is not among the dependencies; this is all the writing we need.)
 */

export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Cells starting with = + - @ (or a tab / CR) run as formulas in spreadsheet programs;
 * text from the public is prefixed with an apostrophe so it stays text (OWASP "CSV
 * injection"). Numbers are written as numbers and never touched.
 */
function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? defuseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** The whole document: BOM, header, records, each ending in CRLF. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [csvRecord(header), ...rows.map(csvRecord)];
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
