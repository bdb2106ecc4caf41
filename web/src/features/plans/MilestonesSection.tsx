// The item's weighted milestones, and adding one.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import { Meter } from './PlanBits';
import type { ItemAnswer, PlanItem } from './types';

function AddMilestone({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: (answer: ItemAnswer) => void }) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [weight, setWeight] = useState('1');
  const [quarter, setQuarter] = useState('');
  const [note, setNote] = useState('');
  // A new milestone starts at 0%: once there is progress, adding one lowers it, and the server asks why.
  const lowers = item.progress_percent > 0;
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await run(() =>
      api.post<ItemAnswer>(`/api/v1/plans/${planId}/items/${item.id}/milestones`, {
        title,
        weight: Number(weight),
        due_quarter: quarter ? Number(quarter) : null,
        ...(lowers ? { note } : {}),
      }),
    );
    if (result.ok) {
      setTitle('');
      setNote('');
      onSaved(result.value);
    }
  };
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="add-milestone-heading">
      <h3 id="add-milestone-heading">{t('plans.milestones.add')}</h3>
      <Field id="milestone-title" label={t('plans.milestones.name')} error={errors.title} required>
        {(control) => <input {...control} value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="grid-2">
        <Field id="milestone-weight" label={t('plans.milestones.weight')} hint={t('plans.milestones.weightHint')} error={errors.weight} required>
          {(control) => <input {...control} type="number" min={1} max={100} step={1} value={weight} onChange={(e) => setWeight(e.target.value)} />}
        </Field>
        <Field id="milestone-quarter" label={t('plans.milestones.quarter')} error={errors.due_quarter} optional>
          {(control) => (
            <select {...control} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {([1, 2, 3, 4] as const).map((q) => (
                <option key={q} value={q}>
                  {t(`plans.quarter.${q}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {lowers && (
        <Field id="milestone-note" label={t('plans.milestones.note')} hint={t('plans.milestones.noteHint')} error={errors.note} required>
          {(control) => <textarea {...control} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      )}
      <ErrorBox error={error && !errors.title && !errors.weight && !errors.note ? error : null} focus />
      <button type="submit" className="btn" disabled={busy}>
        {t('plans.milestones.submit')}
      </button>
    </form>
  );
}

export function MilestonesSection({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: (answer: ItemAnswer) => void }) {
  const t = useT();
  return (
    <section className="section" aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t('plans.milestones.title')}</h2>
      {item.milestones.length === 0 ? (
        <p>{t('plans.milestones.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="milestones-caption">
          <table className="table plan-table">
            <caption id="milestones-caption">{t('plans.milestones.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.milestones.name')}</th>
                <th scope="col" className="num">{t('plans.milestones.weight')}</th>
                <th scope="col">{t('plans.milestones.quarter')}</th>
                <th scope="col">{t('plans.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {item.milestones.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.title}</th>
                  <td className="num">{m.weight}</td>
                  <td>{m.due_quarter ? t(`plans.quarter.${m.due_quarter as 1 | 2 | 3 | 4}`) : '—'}</td>
                  <td>
                    <Meter percent={m.percent} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {item.abilities.add_milestone && <AddMilestone planId={planId} item={item} onSaved={onSaved} />}
    </section>
  );
}
