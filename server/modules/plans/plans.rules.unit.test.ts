import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/problem.ts';
import { parse } from 'csv-parse/sync';
import { CSV_HEADINGS, planToCsv } from './plans.csv.ts';
import { bahtText, type ExportRow, type ExportTable } from './plans.export.ts';
import { itemQuarters } from './plans.presenter.ts';
import {
  allowedTransitions, fiscalQuarterOf, fiscalYearDates, latestPlanYear, planName, quarterForChange, quarterOf, reportableQuarters, requireBaht, requireFiscalYear,
  requireReportableQuarter, requireTransition, statusAfterProgress, thaiDate,
} from './plans.rules.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'other';
  }
  return 'ok';
};

describe('fiscal years a plan may have', () => {
  const now = new Date('2026-11-27T12:00:00Z'); // FY 2570

  it('accepts whole BE years from 2560 to two years ahead', () => {
    expect(latestPlanYear(now)).toBe(2572);
    expect(requireFiscalYear(2560, 'fiscal_year', now)).toBe(2560);
    expect(requireFiscalYear(2572, 'fiscal_year', now)).toBe(2572);
  });

  it.each([[2559], [2573], [2570.5], ['2570'], [null], [undefined], [2026], [Number.NaN]])('refuses %s with 422', (value) => {
    expect(code(() => requireFiscalYear(value, 'fiscal_year', now))).toBe('422 invalid_fiscal_year');
  });

  it('the year turns on 1 October in Bangkok', () => {
    expect(latestPlanYear(new Date('2026-09-30T16:59:59Z'))).toBe(2571);
    expect(latestPlanYear(new Date('2026-09-30T17:00:00Z'))).toBe(2572);
  });

  it('names and dates the plan', () => {
    expect(planName(2570).th).toBe('แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570');
    expect(planName(2570).en).toBe('Annual Action Plan, Fiscal Year 2570 (2026–27)');
    expect(fiscalYearDates(2570)).toEqual({ startsOn: '2026-10-01', endsOn: '2027-09-30' });
    expect(thaiDate('2026-10-01')).toBe('1 ตุลาคม 2569');
  });
});

describe('amounts in baht', () => {
  it('parses exactly to satang', () => {
    expect(requireBaht('1,234.56', 'x')).toBe(123456n);
    expect(requireBaht(1500000, 'x')).toBe(150000000n);
    expect(requireBaht('0', 'x')).toBe(0n);
  });

  it.each([['-1'], ['abc'], ['1.234'], [true], [null], [{}]])('refuses %s with 422 naming the field', (value) => {
    expect(code(() => requireBaht(value, 'budget_approved_baht'))).toBe('422 invalid_amount');
  });

  it('writes baht with two decimals for CSV', () => {
    expect(bahtText(123456n)).toBe('1234.56');
    expect(bahtText(5n)).toBe('0.05');
    expect(bahtText(0n)).toBe('0.00');
  });
});

describe('item status', () => {
  it('moves one step at a time; cancelling is open until completion', () => {
    expect(allowedTransitions('planned')).toEqual(['funded', 'cancelled']);
    expect(allowedTransitions('in_progress')).toEqual(['completed', 'cancelled']);
    expect(allowedTransitions('completed')).toEqual([]);
    expect(allowedTransitions('cancelled')).toEqual([]);
    expect(code(() => requireTransition('planned', 'in_progress'))).toBe('409 transition_out_of_order');
    expect(code(() => requireTransition('funded', 'planned'))).toBe('409 transition_out_of_order');
    expect(code(() => requireTransition('completed', 'cancelled'))).toBe('409 transition_out_of_order');
    expect(code(() => requireTransition('funded', 'cancelled'))).toBe('ok');
  });

  it('follows progress: started above zero, completed at 100, closed items unchanged', () => {
    expect(statusAfterProgress('planned', 0)).toBe('planned');
    expect(statusAfterProgress('funded', 0.5)).toBe('in_progress');
    expect(statusAfterProgress('in_progress', 100)).toBe('completed');
    expect(statusAfterProgress('cancelled', 100)).toBe('cancelled');
  });
});

describe('quarters', () => {
  it('Q1 is October–December', () => {
    expect(['2026-10-01', '2026-12-31', '2027-01-01', '2027-04-15', '2027-09-30'].map(quarterOf)).toEqual([1, 1, 2, 3, 4]);
  });

  it('an item works in its milestones\' quarters, else those its dates cover within the year', () => {
    expect(itemQuarters({ starts_on: null, ends_on: null }, [{ due_quarter: 3 }, { due_quarter: 1 }, { due_quarter: 3 }], 2570)).toEqual([1, 3]);
    expect(itemQuarters({ starts_on: '2027-01-15', ends_on: '2027-05-01' }, [], 2570)).toEqual([2, 3]);
    expect(itemQuarters({ starts_on: '2025-01-01', ends_on: '2030-01-01' }, [], 2570)).toEqual([1, 2, 3, 4]);
    expect(itemQuarters({ starts_on: '2028-01-01', ends_on: null }, [], 2570)).toEqual([]);
    expect(itemQuarters({ starts_on: null, ends_on: null }, [], 2570)).toEqual([]);
  });
});

describe('quarters that may be reported', () => {
  const q1 = new Date('2026-11-27T12:00:00Z'); // FY 2570, Q1
  it('turns quarters at Bangkok midnight', () => {
    expect(fiscalQuarterOf(new Date('2026-12-31T16:59:59Z'))).toBe(1); // 23:59:59 on 31 Dec in Bangkok
    expect(fiscalQuarterOf(new Date('2026-12-31T17:00:00Z'))).toBe(2); // 00:00 on 1 Jan in Bangkok
    expect(fiscalQuarterOf(new Date('2027-09-30T12:00:00Z'))).toBe(4);
    expect(fiscalQuarterOf(new Date('2027-09-30T17:00:00Z'))).toBe(1); // FY 2571 has begun
  });

  it('none before the year, up to now during it, all after it', () => {
    expect(reportableQuarters(2571, q1)).toEqual([]);
    expect(reportableQuarters(2570, q1)).toEqual([1]);
    expect(reportableQuarters(2570, new Date('2027-05-01T00:00:00Z'))).toEqual([1, 2, 3]);
    expect(reportableQuarters(2569, q1)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a quarter not yet begun and a year not yet started, as 422 naming the quarter', () => {
    expect(code(() => requireReportableQuarter(2570, 1, q1))).toBe('ok');
    expect(code(() => requireReportableQuarter(2570, 2, q1))).toBe('422 quarter_not_reached');
    expect(code(() => requireReportableQuarter(2571, 1, q1))).toBe('422 fiscal_year_not_started');
    expect(code(() => requireReportableQuarter(2569, 4, q1))).toBe('ok');
    expect(() => requireReportableQuarter(2571, 1, q1)).toThrow(expect.objectContaining({ text: expect.objectContaining({ th: expect.stringContaining('1 ตุลาคม 2570') }) }));
  });

  it('records a drop in the current quarter this year, else in the latest reported one', () => {
    expect(quarterForChange(2570, 4, q1)).toBe(1);
    expect(quarterForChange(2569, 3, q1)).toBe(3);
    expect(quarterForChange(2569, null, q1)).toBe(4);
    expect(quarterForChange(2571, null, q1)).toBe(1);
  });
});

function table(rows: Partial<ExportRow>[]): ExportTable {
  const row = (r: Partial<ExportRow>): ExportRow => ({
    position: 1, itemId: 'PLI-1', proposalId: null, title: 'ลอกท่อ', community: null, responsibleUnit: 'ฝ่ายโยธา', strategy: '', indicators: '', targets: '',
    requested: 100_000n, approved: null, disbursed: 0n, quarters: [true, false, false, false], progress: 0, status: 'อยู่ในแผน', cancelled: false, ...r,
  });
  return {
    title: 'แผน', agency: 'เขตบางรัก', period: '', ceiling: null, isDemo: false, isDraft: false, rows: rows.map(row),
    totals: { requested: 0n, approved: 0n, disbursed: 0n, progress: null }, approvedInWords: '', fileStem: 'plan',
  };
}

describe('plan CSV', () => {
  it('quotes what needs quoting and reads back as written', () => {
    const csv = planToCsv(table([{ title: 'ซ่อม "ถนน", ซอย 1\nต่อ', approved: 150_050n, progress: 35.5 }])).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [back] = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(back!['โครงการ/กิจกรรม']).toBe('ซ่อม "ถนน", ซอย 1\nต่อ');
    expect(back!['งบประมาณที่ได้รับอนุมัติ (บาท)']).toBe('1500.50');
    expect(back!['งบประมาณที่ได้รับอนุมัติ (สตางค์)']).toBe('150050');
    expect(back!['งบประมาณที่ขอ (บาท)']).toBe('1000.00');
    expect(back!['ความก้าวหน้า (%)']).toBe('35.50');
    expect(Object.keys(back!)).toEqual([...CSV_HEADINGS]);
  });

  it('defuses text cells a spreadsheet would run as formulas; numbers stay numbers', () => {
    const csv = planToCsv(table([{
      title: '=HYPERLINK("http://evil","คลิก")', responsibleUnit: '+ฝ่ายโยธา', strategy: '@SUM(1)', indicators: '-2+3', targets: '\tx', itemId: '=1',
      requested: 0n, disbursed: 0n,
    }])).toString('utf8');
    const [back] = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(back!['โครงการ/กิจกรรม']).toBe(`'=HYPERLINK("http://evil","คลิก")`);
    expect(back!['หน่วยงานรับผิดชอบ']).toBe("'+ฝ่ายโยธา");
    expect(back!['ยุทธศาสตร์/นโยบาย']).toBe("'@SUM(1)");
    expect(back!['ตัวชี้วัด']).toBe("'-2+3");
    expect(back!['ค่าเป้าหมาย']).toBe("'\tx");
    expect(back!['รหัสรายการ']).toBe("'=1");
    expect(back!['งบประมาณที่ขอ (บาท)']).toBe('0.00');
    // No cell of the record starts a formula.
    const record = csv.split('\r\n')[1]!;
    expect(record.split(',').some((cell) => /^[=+@]/.test(cell))).toBe(false);
  });
});
