// Quarterly progress: which quarter, which milestone, how far, why (required when it goes
// back), money disbursed to date and photos from the site.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { PhotoPicker } from '../../ui/PhotoPicker';
import { useAction } from '../../ui/hooks';
import type { ItemAnswer, PlanItem } from './types';

export function ProgressForm({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: (answer: ItemAnswer) => void }) {
  const t = useT();
  // Only quarters that have begun (the server says which); the latest is the usual one.
  const quarters = item.abilities.report_quarters as Array<1 | 2 | 3 | 4>;
  const [quarter, setQuarter] = useState(String(quarters.at(-1) ?? 1));
  const [milestoneId, setMilestoneId] = useState(item.milestones[0]?.id ?? '');
  const [percent, setPercent] = useState('');
  const [note, setNote] = useState('');
  const [disbursed, setDisbursed] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);
  const current = item.milestones.length > 0 ? item.milestones.find((m) => m.id === milestoneId)?.percent ?? 0 : item.progress_percent;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, string> = { quarter, percent, note };
    if (item.milestones.length > 0) fields.milestone_id = milestoneId;
    if (disbursed.trim()) fields.disbursed_baht = disbursed.trim();
    const url = `/api/v1/plans/${planId}/items/${item.id}/progress`;
    const result = await run(() => {
      if (photos.length === 0) {
        const { quarter: q, percent: p, ...rest } = fields;
        return api.post<ItemAnswer>(url, { ...rest, quarter: Number(q), percent: p.trim() === '' ? Number.NaN : Number(p) });
      }
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const photo of photos) form.append('files', photo);
      return api.post<ItemAnswer>(url, form);
    });
    if (result.ok) {
      setPercent('');
      setNote('');
      setDisbursed('');
      setPhotos([]);
      onSaved(result.value);
    }
  };

  const named = ['quarter', 'percent', 'note', 'milestone_id', 'disbursed_baht', 'files'];
  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('plans.progressForm.title')}</h2>
      <div className="grid-2">
        <Field id="progress-quarter" label={t('plans.progressForm.quarter')} error={errors.quarter} required>
          {(control) => (
            <select {...control} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {t(`plans.quarter.${q}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="progress-percent"
          label={t('plans.progressForm.percent')}
          hint={item.budget_approved_satang === null ? t('plans.progressForm.notApprovedHint') : t('plans.progressForm.percentHint', { n: current })}
          error={errors.percent}
          required
        >
          {(control) => <input {...control} type="number" min={0} max={100} step="any" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} />}
        </Field>
      </div>
      {item.milestones.length > 0 && (
        <Field id="progress-milestone" label={t('plans.progressForm.milestone')} error={errors.milestone_id} required>
          {(control) => (
            <select {...control} value={milestoneId} onChange={(e) => setMilestoneId(e.target.value)}>
              {item.milestones.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title} ({m.percent}%)
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="progress-note" label={t('plans.progressForm.note')} hint={t('plans.progressForm.noteHint')} error={errors.note}>
        {(control) => <textarea {...control} rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <Field id="progress-disbursed" label={t('plans.progressForm.disbursed')} hint={t('plans.progressForm.disbursedHint')} error={errors.disbursed_baht} optional>
        {(control) => <input {...control} inputMode="decimal" value={disbursed} onChange={(e) => setDisbursed(e.target.value)} />}
      </Field>
      <PhotoPicker id="progress-photos" label={t('plans.progressForm.photos')} hint={t('plans.progressForm.photosHint')} files={photos} onChange={setPhotos} max={5} error={errors.files} />
      <ErrorBox error={error && !named.some((k) => errors[k]) ? error : null} focus />
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('plans.progressForm.submit')}
      </button>
    </form>
  );
}
