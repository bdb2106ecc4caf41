// The agency's own project or activity: title, unit, policy, budget asked, indicator, dates.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import { STRATEGY_CODES } from './types';
import type { ItemAnswer } from './types';

const EMPTY = { title: '', description: '', unit: '', strategy: '', budget: '', indicator: '', target: '', targetUnit: '', startsOn: '', endsOn: '' };

export function AddAgencyItem({ planId, onAdded }: { planId: string; onAdded: (answer: ItemAnswer) => void }) {
  const t = useT();
  const [f, setF] = useState(EMPTY);
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      title: f.title,
      description: f.description || undefined,
      responsible_unit: f.unit,
      strategy_code: f.strategy || undefined,
      budget_requested_baht: f.budget,
      indicators: f.indicator.trim() ? [{ name: f.indicator.trim(), target: Number(f.target) || 0, unit: f.targetUnit.trim() }] : undefined,
      starts_on: f.startsOn || undefined,
      ends_on: f.endsOn || undefined,
    };
    const result = await run(() => api.post<ItemAnswer>(`/api/v1/plans/${planId}/items`, body));
    if (result.ok) {
      setF(EMPTY);
      onAdded(result.value);
    }
  };

  const shown = ['title', 'responsible_unit', 'budget_requested_baht', 'ends_on'];
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="add-agency-heading">
      <h3 id="add-agency-heading">{t('plans.add.agencyItem')}</h3>
      <Field id="item-title" label={t('plans.field.title')} error={errors.title} required>
        {(control) => <input {...control} value={f.title} maxLength={300} onChange={set('title')} />}
      </Field>
      <Field id="item-description" label={t('plans.field.description')} optional>
        {(control) => <textarea {...control} rows={3} maxLength={4000} value={f.description} onChange={set('description')} />}
      </Field>
      <Field id="item-unit" label={t('plans.field.unit')} hint={t('plans.field.unitHint')} error={errors.responsible_unit} required>
        {(control) => <input {...control} value={f.unit} maxLength={200} onChange={set('unit')} />}
      </Field>
      <Field id="item-strategy" label={t('plans.field.strategy')} optional>
        {(control) => (
          <select {...control} value={f.strategy} onChange={set('strategy')}>
            <option value="">{t('common.choose')}</option>
            {STRATEGY_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`plans.strategy.${code}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="item-requested-budget" label={t('plans.field.requested')} hint={t('plans.field.bahtHint')} error={errors.budget_requested_baht} required>
        {(control) => <input {...control} inputMode="decimal" value={f.budget} onChange={set('budget')} />}
      </Field>
      <fieldset>
        <legend>{t('plans.field.indicator')}</legend>
        <Field id="item-indicator" label={t('plans.field.indicatorName')} optional>
          {(control) => <input {...control} value={f.indicator} maxLength={200} onChange={set('indicator')} />}
        </Field>
        <div className="grid-2">
          <Field id="item-target" label={t('plans.field.target')} optional>
            {(control) => <input {...control} inputMode="decimal" value={f.target} onChange={set('target')} />}
          </Field>
          <Field id="item-target-unit" label={t('plans.field.targetUnit')} optional>
            {(control) => <input {...control} value={f.targetUnit} maxLength={50} onChange={set('targetUnit')} />}
          </Field>
        </div>
      </fieldset>
      <div className="grid-2">
        <Field id="item-starts-on" label={t('plans.field.startsOn')} optional>
          {(control) => <input {...control} type="date" value={f.startsOn} onChange={set('startsOn')} />}
        </Field>
        <Field id="item-ends-on" label={t('plans.field.endsOn')} error={errors.ends_on} optional>
          {(control) => <input {...control} type="date" value={f.endsOn} onChange={set('endsOn')} />}
        </Field>
      </div>
      <ErrorBox error={error && !shown.some((k) => errors[k]) ? error : null} focus />
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('plans.add.agencySubmit')}
      </button>
    </form>
  );
}
