import { describe, expect, it } from 'vitest';
import { checkBudget, lineAmount, parseQuantity, quantityText } from './proposals.budget.ts';

const line = (o: Record<string, unknown> = {}) => ({ description: 'ท่อ', quantity: 1, unit_cost_baht: '100', ...o }) as Parameters<typeof checkBudget>[0][number];
const fields = (r: ReturnType<typeof checkBudget>) => (r.ok ? [] : r.problems.map((p) => p.field));

describe('parseQuantity', () => {
  it('reads decimals exactly, with grouping', () => {
    expect(parseQuantity('1,250.5')).toEqual({ ok: true, hundredths: 125050n });
    expect(parseQuantity(3.5)).toEqual({ ok: true, hundredths: 350n });
    expect(parseQuantity('0.01')).toEqual({ ok: true, hundredths: 1n });
    expect(parseQuantity('2.500')).toEqual({ ok: true, hundredths: 250n });
  });
  it('refuses what is not a positive amount of at most two decimals', () => {
    expect(parseQuantity('abc')).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseQuantity('')).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseQuantity(Number.NaN)).toEqual({ ok: false, error: 'not_a_number' });
    expect(parseQuantity(-1)).toEqual({ ok: false, error: 'negative' });
    expect(parseQuantity('0')).toEqual({ ok: false, error: 'zero' });
    expect(parseQuantity('1.005')).toEqual({ ok: false, error: 'too_many_decimals' });
    expect(parseQuantity('1000000.01')).toEqual({ ok: false, error: 'too_large' });
    expect(parseQuantity('1000000')).toEqual({ ok: true, hundredths: 100_000_000n });
  });
  it('writes the canonical two-decimal text numeric(12,2) stores', () => {
    expect(quantityText(350n)).toBe('3.50');
    expect(quantityText(1n)).toBe('0.01');
  });
});

describe('lineAmount', () => {
  it('is quantity × unit cost rounded to the satang, half up', () => {
    expect(lineAmount(350n, 121443n)).toBe(425051n); // 3.5 × 1,214.43 = 4,250.505
    expect(lineAmount(350n, 121441n)).toBe(425044n); // 4,250.4435 → 4,250.44
    expect(lineAmount(100n, 1n)).toBe(1n);
    expect(lineAmount(50n, 1n)).toBe(1n); // 0.5 satang rounds up
    expect(lineAmount(49n, 1n)).toBe(0n);
    expect(lineAmount(1000n, 120000n)).toBe(1200000n);
  });
  it('stays exact where floating point would not (0.1 + 0.2 territory)', () => {
    // 3 × 0.10 baht would be 0.30000000000000004 in floats.
    expect(lineAmount(300n, 10n)).toBe(30n);
    expect(lineAmount(33n, 1000n)).toBe(330n);
  });
});

describe('checkBudget', () => {
  it('adds the lines up and accepts a total that matches to the satang', () => {
    const r = checkBudget([line({ quantity: 10, unit_cost_baht: '1,200', amount_baht: '12,000' }), line({ quantity: '3.5', unit_cost_baht: '1214.43' })], '16,250.51');
    expect(r).toMatchObject({ ok: true, totalSatang: 1625051n });
    if (r.ok) expect(r.lines.map((l) => [l.position, l.quantity, l.amountSatang])).toEqual([[1, '10.00', 1200000n], [2, '3.50', 425051n]]);
  });
  it('takes the sum when no total is given, and zero for no lines', () => {
    expect(checkBudget([line()], undefined)).toMatchObject({ ok: true, totalSatang: 10000n });
    expect(checkBudget([line()], '')).toMatchObject({ ok: true, totalSatang: 10000n });
    expect(checkBudget([], null)).toMatchObject({ ok: true, totalSatang: 0n });
    expect(fields(checkBudget([], '1'))).toEqual(['total_baht']);
  });
  it('refuses a total one satang off, saying what the lines add up to', () => {
    const r = checkBudget([line()], '100.01');
    expect(fields(r)).toEqual(['total_baht']);
    if (!r.ok) expect(r.problems[0]!.text.th).toContain('100.00');
  });
  it('refuses an amount that is not quantity × unit cost', () => {
    expect(fields(checkBudget([line({ quantity: 2, amount_baht: '199.99' })]))).toEqual(['budget_lines.0.amount_baht']);
  });
  it('names every wrong field at once', () => {
    const r = checkBudget([line({ unit_cost_baht: '-1' }), line({ quantity: 'ten', description: '  ' }), line({ amount_baht: 'x' })], 'abc');
    expect(fields(r)).toEqual(['budget_lines.0.unit_cost_baht', 'budget_lines.1.description', 'budget_lines.1.quantity', 'budget_lines.2.amount_baht', 'total_baht']);
  });
  it('refuses more decimals than satang, and numbers that are not finite', () => {
    expect(fields(checkBudget([line({ unit_cost_baht: 10.005 })]))).toEqual(['budget_lines.0.unit_cost_baht']);
    expect(fields(checkBudget([line({ unit_cost_baht: Number.POSITIVE_INFINITY })]))).toEqual(['budget_lines.0.unit_cost_baht']);
  });
  it('bounds the number of lines', () => {
    expect(fields(checkBudget(Array.from({ length: 101 }, () => line())))).toEqual(['budget_lines']);
  });
});
