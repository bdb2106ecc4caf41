/**
 * Budget arithmetic of a proposal, exact in integer satang: each line's amount is its
 * quantity times its unit cost, rounded to the satang (half up), and the lines add up to
 * the total to the satang. Pure: no database, no HTTP; the service turns the field
 * problems into one 422 naming every wrong field.
 */
import type { Bilingual } from '../../platform/i18n/locale.ts';
import { formatSatang, MAX_SATANG, parseBahtToSatang, type MoneyError } from '../../platform/money/money.ts';

export interface BudgetLineInput {
  description: string;
  quantity: number | string;
  unit?: string;
  unit_cost_baht: number | string;
  amount_baht?: number | string;
}

export interface BudgetLine {
  position: number;
  description: string;
  /** Canonical decimal text with two places, as numeric(12,2) stores it: "12.50". */
  quantity: string;
  unit: string;
  unitCostSatang: bigint;
  amountSatang: bigint;
}

export interface FieldProblem {
  field: string;
  text: Bilingual;
}

/** Numbers are read from their decimal text, never through floating-point arithmetic. */
const asText = (v: number | string) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'x') : v);

/** At most a million of anything on one line: bounds typos, fits numeric(12,2). */
export const MAX_QUANTITY_HUNDREDTHS = 100_000_000n;
export const MAX_BUDGET_LINES = 100;

export type QuantityError = 'not_a_number' | 'negative' | 'zero' | 'too_many_decimals' | 'too_large';

/** "1,250.5" → 125050 hundredths. */
export function parseQuantity(input: number | string): { ok: true; hundredths: bigint } | { ok: false; error: QuantityError } {
  const text = asText(input).trim().replace(/,/g, '');
  if (/^-/.test(text)) return { ok: false, error: 'negative' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: 'not_a_number' };
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, error: 'too_many_decimals' };
  const hundredths = BigInt(m[1]!) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (hundredths === 0n) return { ok: false, error: 'zero' };
  if (hundredths > MAX_QUANTITY_HUNDREDTHS) return { ok: false, error: 'too_large' };
  return { ok: true, hundredths };
}

export function quantityText(hundredths: bigint): string {
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** quantity × unit cost, rounded to the satang, half up (both are never negative). */
export function lineAmount(quantityHundredths: bigint, unitCostSatang: bigint): bigint {
  return (quantityHundredths * unitCostSatang + 50n) / 100n;
}

const MONEY_TEXT: Record<MoneyError, Bilingual> = {
  not_a_number: { th: 'ต้องเป็นจำนวนเงินเป็นตัวเลข เช่น 15000 หรือ 15,000.50', en: 'must be an amount in figures, such as 15000 or 15,000.50' },
  negative: { th: 'ต้องไม่ติดลบ', en: 'must not be negative' },
  too_many_decimals: { th: 'มีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)', en: 'may have at most 2 decimals (satang)' },
  too_large: { th: 'มากเกินกว่าที่เป็นไปได้', en: 'is larger than any real budget' },
};

const QUANTITY_TEXT: Record<QuantityError, Bilingual> = {
  not_a_number: { th: 'ต้องเป็นตัวเลข', en: 'must be a number' },
  negative: { th: 'ต้องไม่ติดลบ', en: 'must not be negative' },
  zero: { th: 'ต้องมากกว่าศูนย์', en: 'must be more than zero' },
  too_many_decimals: { th: 'มีทศนิยมได้ไม่เกิน 2 ตำแหน่ง', en: 'may have at most 2 decimals' },
  too_large: { th: 'ต้องไม่เกิน 1,000,000', en: 'must be at most 1,000,000' },
};

export function parseMoney(value: number | string, field: string): { ok: true; satang: bigint } | { ok: false; problem: FieldProblem } {
  const parsed = parseBahtToSatang(asText(value));
  return parsed.ok ? parsed : { ok: false, problem: { field, text: MONEY_TEXT[parsed.error] } };
}

export type BudgetCheck =
  | { ok: true; lines: BudgetLine[]; totalSatang: bigint }
  | { ok: false; problems: FieldProblem[] };

/**
 * Checks every line and the total, collecting every problem at once so a person can fix
 * the whole table in one go. A total left out is taken as the sum of the lines.
 */
export function checkBudget(inputs: readonly BudgetLineInput[], totalBaht?: number | string | null): BudgetCheck {
  const problems: FieldProblem[] = [];
  const lines: BudgetLine[] = [];
  if (inputs.length > MAX_BUDGET_LINES) {
    return { ok: false, problems: [{ field: 'budget_lines', text: { th: `มีรายการงบประมาณได้ไม่เกิน ${MAX_BUDGET_LINES} รายการ`, en: `may have at most ${MAX_BUDGET_LINES} lines` } }] };
  }
  inputs.forEach((input, i) => {
    const at = (name: string) => `budget_lines.${i}.${name}`;
    const description = input.description.trim();
    if (!description) problems.push({ field: at('description'), text: { th: 'กรุณากรอกรายการ', en: 'must not be empty' } });
    const quantity = parseQuantity(input.quantity);
    if (!quantity.ok) problems.push({ field: at('quantity'), text: QUANTITY_TEXT[quantity.error] });
    const unitCost = parseMoney(input.unit_cost_baht, at('unit_cost_baht'));
    if (!unitCost.ok) problems.push(unitCost.problem);
    const given = input.amount_baht === undefined || input.amount_baht === '' ? null : parseMoney(input.amount_baht, at('amount_baht'));
    if (given && !given.ok) problems.push(given.problem);
    if (!quantity.ok || !unitCost.ok) return;
    const amount = lineAmount(quantity.hundredths, unitCost.satang);
    if (amount > MAX_SATANG) {
      problems.push({ field: at('amount_baht'), text: MONEY_TEXT.too_large });
      return;
    }
    if (given?.ok && given.satang !== amount) {
      problems.push({
        field: at('amount_baht'),
        text: {
          th: `ไม่เท่ากับจำนวน × ราคาต่อหน่วย (ควรเป็น ${formatSatang(amount)} บาท)`,
          en: `does not equal quantity × unit cost (it should be ${formatSatang(amount, 'en')} baht)`,
        },
      });
    }
    lines.push({ position: i + 1, description, quantity: quantityText(quantity.hundredths), unit: (input.unit ?? '').trim(), unitCostSatang: unitCost.satang, amountSatang: amount });
  });
  const sum = lines.reduce((acc, l) => acc + l.amountSatang, 0n);
  const total = totalBaht === undefined || totalBaht === null || totalBaht === '' ? null : parseMoney(totalBaht, 'total_baht');
  if (total && !total.ok) problems.push(total.problem);
  if (problems.length > 0) return { ok: false, problems };
  if (sum > MAX_SATANG) return { ok: false, problems: [{ field: 'total_baht', text: MONEY_TEXT.too_large }] };
  if (total?.ok && total.satang !== sum) {
    return {
      ok: false,
      problems: [{
        field: 'total_baht',
        text: {
          th: `ยอดรวมไม่ตรงกับผลรวมของรายการงบประมาณ (รายการรวมกันได้ ${formatSatang(sum)} บาท แต่กรอกยอดรวม ${formatSatang(total.satang)} บาท)`,
          en: `does not match the budget lines (they add up to ${formatSatang(sum, 'en')} baht, the total given is ${formatSatang(total.satang, 'en')} baht)`,
        },
      }],
    };
  }
  return { ok: true, lines, totalSatang: sum };
}
