import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, numeral, toCsv, UTF8_BOM } from './csv.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('ถนน')).toBe('ถนน');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(false)).toBe('false');
  });

  it('keeps text that looks like a formula as text; numbers untouched', () => {
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('+66812345678')).toBe("'+66812345678");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe("\"'\rcmd\"");
  });

  it('writes numerals and bigints as numbers, even negative ones', () => {
    expect(csvField(numeral('-1500.50'))).toBe('-1500.50');
    expect(csvField(numeral('35.50'))).toBe('35.50');
    expect(csvField(-12n)).toBe('-12');
    expect(csvRecord(['=HYPERLINK("x")', numeral('-1.00'), 3n])).toBe(`"'=HYPERLINK(""x"")",-1.00,3`);
    expect(() => numeral('=1+1')).toThrow(RangeError);
    expect(() => numeral('1e5')).toThrow(RangeError);
  });

  it('writes a BOM, CRLF records, and reads back with csv-parse as written', () => {
    const rows = [['ซ่อม "ถนน", ซอย 1\r\nต่อ', 1, null], ['', 2.25, true]];
    const text = toCsv(['title', 'n', 'x'], rows);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const back = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(back).toEqual([
      { title: 'ซ่อม "ถนน", ซอย 1\r\nต่อ', n: '1', x: '' },
      { title: '', n: '2.25', x: 'true' },
    ]);
  });
});
