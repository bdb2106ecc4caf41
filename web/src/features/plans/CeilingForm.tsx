// The budget office's part: the agency's ceiling for the plan and what happens past it.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import { bahtInput } from './BudgetForm';
import { Warnings } from './PlanBits';
import type { PlanDetail, Warning } from './types';

export function CeilingForm({ plan, onSaved }: { plan: PlanDetail; onSaved: (plan: PlanDetail) => void }) {
  const t = useT();
  const [ceiling, setCeiling] = useState(bahtInput(plan.totals.ceiling_satang));
  const [policy, setPolicy] = useState(plan.ceiling_policy);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.patch<{ plan: PlanDetail; warnings: Warning[] }>(`/api/v1/plans/${plan.id}`, { ceiling_baht: ceiling.trim() === '' ? null : ceiling, ceiling_policy: policy }));
    if (result.ok) {
      setWarnings(result.value.warnings);
      onSaved(result.value.plan);
    }
  };

  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="ceiling-heading">
      <h2 id="ceiling-heading">{t('plans.ceiling.title')}</h2>
      <Field id="plan-ceiling" label={t('plans.ceiling.amount')} hint={t('plans.ceiling.hint')} error={errors.ceiling_baht} optional>
        {(control) => <input {...control} inputMode="decimal" value={ceiling} onChange={(e) => setCeiling(e.target.value)} />}
      </Field>
      <Field id="plan-ceiling-policy" label={t('plans.ceiling.policy')}>
        {(control) => (
          <select {...control} value={policy} onChange={(e) => setPolicy(e.target.value as 'warn' | 'refuse')}>
            <option value="warn">{t('plans.ceiling.warn')}</option>
            <option value="refuse">{t('plans.ceiling.refuse')}</option>
          </select>
        )}
      </Field>
      <ErrorBox error={error && !errors.ceiling_baht ? error : null} focus />
      <Warnings warnings={warnings} />
      <button type="submit" className="btn" disabled={busy}>
        {t('plans.ceiling.submit')}
      </button>
    </form>
  );
}
