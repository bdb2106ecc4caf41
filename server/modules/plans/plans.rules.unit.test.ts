import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/problem.ts';
import { csvField, csvLine } from './plans.csv.ts';
import { bahtText } from './plans.export.ts';
import { itemQuarters } from './plans.presenter.ts';
import {
  allowedTransitions, fiscalYearDates, latestPlanYear, planName, quarterOf, requireBaht, requireFiscalYear, requireTransition, statusAfterProgress, thaiDate,
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

describe('CSV fields (RFC 4180)', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvLine(['ลอกท่อ', 12, null])).toBe('ลอกท่อ,12,');
  });
});
