// The item's money: asked, approved (checked against the plan's ceiling) and disbursed.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import { Warnings } from './PlanBits';
import type { ItemAnswer, PlanItem, Warning } from './types';

export function bahtInput(satang: string | null): string {
  if (satang === null) return '';
  const value = BigInt(satang);
  const rest = value % 100n;
  return rest === 0n ? (value / 100n).toString() : `${value / 100n}.${rest.toString().padStart(2, '0')}`;
}

export function BudgetForm({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: (answer: ItemAnswer) => void }) {
  const t = useT();
  const [requested, setRequested] = useState(bahtInput(item.budget_requested_satang));
  const [approved, setApproved] = useState(bahtInput(item.budget_approved_satang));
  const [disbursed, setDisbursed] = useState(bahtInput(item.budget_disbursed_satang));
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);
  // Show what was saved (the server may have normalised "1,000" to 1000).
  useEffect(() => {
    setRequested(bahtInput(item.budget_requested_satang));
    setApproved(bahtInput(item.budget_approved_satang));
    setDisbursed(bahtInput(item.budget_disbursed_satang));
  }, [item.budget_requested_satang, item.budget_approved_satang, item.budget_disbursed_satang]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Send only what changed, so approving does not also rewrite the other amounts.
    const body: Record<string, string> = {};
    if (requested !== bahtInput(item.budget_requested_satang)) body.budget_requested_baht = requested;
    if (approved.trim() !== '' && approved !== bahtInput(item.budget_approved_satang)) body.budget_approved_baht = approved;
    if (disbursed !== bahtInput(item.budget_disbursed_satang)) body.budget_disbursed_baht = disbursed;
    if (Object.keys(body).length === 0) return;
    const result = await run(() => api.patch<ItemAnswer>(`/api/v1/plans/${planId}/items/${item.id}`, body));
    if (result.ok) {
      setWarnings(result.value.warnings);
      onSaved(result.value);
    }
  };

  const named = ['budget_requested_baht', 'budget_approved_baht', 'budget_disbursed_baht'];
  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="budget-heading">
      <h2 id="budget-heading">{t('plans.budget.title')}</h2>
      <Field id="item-requested-budget" label={t('plans.field.requested')} hint={t('plans.field.bahtHint')} error={errors.budget_requested_baht}>
        {(control) => <input {...control} inputMode="decimal" value={requested} onChange={(e) => setRequested(e.target.value)} />}
      </Field>
      <Field id="item-approved-budget" label={t('plans.field.approved')} hint={t('plans.budget.approvedHint')} error={errors.budget_approved_baht}>
        {(control) => <input {...control} inputMode="decimal" value={approved} onChange={(e) => setApproved(e.target.value)} />}
      </Field>
      <Field id="item-disbursed-budget" label={t('plans.field.disbursed')} hint={t('plans.budget.disbursedHint')} error={errors.budget_disbursed_baht}>
        {(control) => <input {...control} inputMode="decimal" value={disbursed} onChange={(e) => setDisbursed(e.target.value)} />}
      </Field>
      <ErrorBox error={error && !named.some((k) => errors[k]) ? error : null} focus />
      <Warnings warnings={warnings} />
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('plans.budget.submit')}
      </button>
    </form>
  );
}
