import { describe, expect, it } from 'vitest';
import { UTF8_BOM } from '../../platform/http/csv.ts';
import { openDataCsv, openDataFileName, publishRows, satangToBahtDecimal } from './accountability.opendata.ts';
import { PROGRESS_FIELDS } from './accountability.definitions.ts';

describe('open-data rows', () => {
  it('turns satang into exact baht decimals', () => {
    expect(satangToBahtDecimal(0n)).toBe('0.00');
    expect(satangToBahtDecimal(5n)).toBe('0.05');
    expect(satangToBahtDecimal(150_000_050n)).toBe('1500000.50');
    expect(satangToBahtDecimal(900_719_925_474_099_301n)).toBe('9007199254740993.01');
  });

  it('types each field as described and keeps the published order', () => {
    const [row] = publishRows('progress', [{
      plan_id: 'PLN-1', fiscal_year: 2570, quarter: '2', percent: '35.50', disbursed_baht: '5000000', photos: 3,
      reported_at: new Date('2026-11-02T03:04:05Z'), is_demo: false, note: 'ok', reported_by: '77', extra: 'dropped',
    }]);
    expect(Object.keys(row!)).toEqual(PROGRESS_FIELDS.map((f) => f.name));
    expect(row).toMatchObject({ quarter: 2, percent: 35.5, disbursed_baht: '50000.00', photos: 3, reported_at: '2026-11-02T03:04:05.000Z', is_demo: false, item_id: null });
    expect(row).not.toHaveProperty('reported_by');
    const csv = openDataCsv('progress', [row!]);
    expect(csv.split('\r\n')[0]).toBe(`${UTF8_BOM}${PROGRESS_FIELDS.map((f) => f.name).join(',')}`);
  });

  it('names files by what they hold', () => {
    expect(openDataFileName('plans', { fiscalYear: null, districtCode: null }, 'csv')).toBe('demopolis-plans.csv');
    expect(openDataFileName('proposals', { fiscalYear: 2570, districtCode: 1004 }, 'json')).toBe('demopolis-proposals-fy2570-district1004.json');
  });
});
