// Place an accepted community proposal in the plan, picked from the server's candidates.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useLang, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { formatSatang } from '../../ui/money';
import { useAction, useApi } from '../../ui/hooks';
import type { Candidate, ItemAnswer, PlanDetail } from './types';

/** District offices usually hand community projects to their community development section. */
const DISTRICT_UNIT = 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม';

export function AddProposalItem({ plan, onAdded }: { plan: PlanDetail; onAdded: (answer: ItemAnswer) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { data, error: loadError, reload } = useApi<{ items: Candidate[] }>(`/api/v1/plans/${plan.id}/candidates`);
  const [proposalId, setProposalId] = useState('');
  const [unit, setUnit] = useState(plan.agency.kind === 'district_office' ? DISTRICT_UNIT : '');
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await run(() => api.post<ItemAnswer>(`/api/v1/plans/${plan.id}/items`, { proposal_id: proposalId, responsible_unit: unit }));
    if (result.ok) {
      setProposalId('');
      reload();
      onAdded(result.value);
    }
  };

  const candidates = data?.items ?? [];
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="add-proposal-heading">
      <h3 id="add-proposal-heading">{t('plans.add.fromProposal')}</h3>
      <ErrorBox error={loadError} onRetry={reload} />
      {data && candidates.length === 0 && <p>{t('plans.add.noCandidates')}</p>}
      <Field id="candidate-select" label={t('plans.add.proposal')} hint={t('plans.add.proposalHint')} error={errors.proposal_id} required>
        {(control) => (
          <select {...control} value={proposalId} onChange={(e) => setProposalId(e.target.value)} disabled={candidates.length === 0}>
            <option value="">{t('common.choose')}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} — {lang === 'th' ? c.community.name_th : c.community.name_en || c.community.name_th} ({formatSatang(c.total_satang, lang)}){c.is_demo ? ` · ${t('common.demo')}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="candidate-unit" label={t('plans.field.unit')} error={errors.responsible_unit} required>
        {(control) => <input {...control} value={unit} maxLength={200} onChange={(e) => setUnit(e.target.value)} />}
      </Field>
      <ErrorBox error={error && !errors.proposal_id && !errors.responsible_unit ? error : null} focus />
      <button type="submit" className="btn btn--primary" disabled={busy || !proposalId}>
        {t('plans.add.proposalSubmit')}
      </button>
    </form>
  );
}
