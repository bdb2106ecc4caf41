import { useLang, useT } from '../../i18n';
import { formatSatang } from '../../ui/money';
import { lineAmount } from './budget';
import { emptyLine, type LineInput } from './form';

interface Props {
  lines: LineInput[];
  onChange: (lines: LineInput[]) => void;
  problems: Record<string, string>;
}

/**
 * The budget table: one row per line, a running total at the foot. On phones each row
 * stacks into a card (the labels stay visible). Every input has its own label.
 */
export function BudgetLinesEditor({ lines, onChange, problems }: Props) {
  const t = useT();
  const { lang } = useLang();
  const set = (i: number, patch: Partial<LineInput>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const amounts = lines.map((l) => (l.quantity.trim() || l.unitCost.trim() ? lineAmount(l.quantity, l.unitCost) : 0n));
  const complete = amounts.every((a) => a !== null);
  const total = amounts.reduce<bigint>((s, a) => s + (a ?? 0n), 0n);
  const input = (i: number, name: keyof LineInput, id: string, label: string, extra: Record<string, string> = {}) => {
    const key = `budget_lines.${i}.${{ description: 'description', quantity: 'quantity', unit: 'unit', unitCost: 'unit_cost_baht' }[name]}`;
    const error = problems[key];
    return (
      <div className={`field budget-line__field budget-line__field--${name}${error ? ' field--error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={lines[i]![name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(i, { [name]: e.target.value })}
          {...extra}
        />
        {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
      </div>
    );
  };
  return (
    <fieldset className="budget-editor">
      <legend>{t('proposals.form.budgetCaption')}</legend>
      {problems.budget_lines && <p className="field__error">{problems.budget_lines}</p>}
      <ol className="budget-lines">
        {lines.map((line, i) => (
          <li key={i}>
            <fieldset className="budget-line">
            <legend className="budget-line__legend">{t('proposals.form.line', { n: i + 1 })}</legend>
            {input(i, 'description', `line-${i}-description`, t('proposals.form.lineDescription'), { autoComplete: 'off' })}
            {input(i, 'quantity', `line-${i}-quantity`, t('proposals.form.lineQuantity'), { inputMode: 'decimal', autoComplete: 'off' })}
            {input(i, 'unit', `line-${i}-unit`, t('proposals.form.lineUnit'), { autoComplete: 'off' })}
            {input(i, 'unitCost', `line-${i}-unit-cost`, t('proposals.form.lineUnitCost'), { inputMode: 'decimal', autoComplete: 'off' })}
            <p className="budget-line__amount">
              <span className="budget-line__amount-label">{t('proposals.form.lineAmount')}: </span>
              <output htmlFor={`line-${i}-quantity line-${i}-unit-cost`} data-testid={`line-${i}-amount`}>
                {amounts[i] === null ? '—' : formatSatang(amounts[i]!, lang)}
              </output>
            </p>
            <button type="button" className="btn btn--small btn--danger-quiet" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
              {t('proposals.form.removeLine', { n: i + 1 })}
            </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn--small" onClick={() => onChange([...lines, emptyLine()])}>
        {t('proposals.form.addLine')}
      </button>
      <p className="budget-total" aria-live="polite">
        <strong>{t('proposals.form.total')}: </strong>
        <output data-testid="budget-total">{formatSatang(total, lang)}</output>
        {!complete && <span className="field__hint"> {t('proposals.form.totalIncomplete')}</span>}
      </p>
      {problems.total_baht && <p className="field__error">{problems.total_baht}</p>}
    </fieldset>
  );
}
