/**
 * CSV as RFC 4180 says: CRLF between records, a field quoted when it holds a comma, a
 * double quote, CR or LF (quotes doubled inside), every record with the header's field
 * count. A UTF-8 byte-order mark goes first so spreadsheet programs read Thai correctly.
 * (csv-stringify is not among the dependencies; this is all the writing we need.)
 *
 * Every text cell is defused against formula injection; numbers are written as numbers.
 * A number that is already spelled out exactly (baht "1500000.50" from satang, a
 * percent "35.50") is passed as `numeral(text)` so it stays a number too.
 */

export const UTF8_BOM = '\uFEFF';

/** A number already written out as decimal digits: written as it is, never defused. */
export class CsvNumeral {
  readonly text: string;
  constructor(text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`${JSON.stringify(text)} is not a decimal number`);
    this.text = text;
  }
}

export const numeral = (text: string) => new CsvNumeral(text);

export type CsvValue = string | number | bigint | boolean | CsvNumeral | null | undefined;

/**
 * Cells starting with = + - @ (or a tab / CR) run as formulas in spreadsheet programs;
 * text is prefixed with an apostrophe so it stays text (OWASP "CSV injection").
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof CsvNumeral) return value.text;
  const text = typeof value === 'string' ? defuseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** The whole document: BOM, header, records, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [csvRecord(header), ...rows.map(csvRecord)];
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
