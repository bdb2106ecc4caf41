// Moving an item on by hand: the next step only, or cancelling it with a reason.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import type { ItemAnswer, ItemStatus, PlanItem } from './types';

export function StatusActions({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: (answer: ItemAnswer) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);
  const steps = item.abilities.transitions.filter((s) => s !== 'cancelled');
  const mayCancel = item.abilities.transitions.includes('cancelled');
  if (steps.length === 0 && !mayCancel) return null;

  const move = async (status: ItemStatus, cancelReason?: string) => {
    const result = await run(() => api.patch<ItemAnswer>(`/api/v1/plans/${planId}/items/${item.id}`, { status, ...(cancelReason !== undefined ? { cancel_reason: cancelReason } : {}) }));
    if (result.ok) {
      setReason('');
      onSaved(result.value);
    }
  };

  return (
    <section className="section" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('plans.statusActions.title')}</h2>
      <ErrorBox error={error && !errors.cancel_reason ? error : null} focus />
      {steps.length > 0 && (
        <div className="row">
          {steps.map((s) => (
            <button key={s} type="button" className="btn" disabled={busy} onClick={() => void move(s)}>
              {t(`plans.move.${s}`)}
            </button>
          ))}
        </div>
      )}
      {mayCancel && (
        <form
          className="form subform"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void move('cancelled', reason);
          }}
        >
          <Field id="item-cancel-reason" label={t('plans.cancel.reason')} error={errors.cancel_reason} required>
            {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn--danger" disabled={busy}>
            {t('plans.cancel.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
