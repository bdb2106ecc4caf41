import { useState } from 'react';
import type { Agency } from '../../app/types';
import { useName, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { Field } from '../../ui/Field';
import { useApi, useShared } from '../../ui/hooks';
import { ActionForm } from '../staff/actions/ActionForm';
import type { Evaluator } from './types';
import { actionProblems, useProposalAction, type ActionProps } from './useProposalAction';

export function AssignEvaluator(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useProposalAction(props);
  const { data, error: listError } = useApi<{ items: Evaluator[] }>(`/api/v1/proposals/${encodeURIComponent(props.proposal.id)}/evaluators`);
  const [evaluator, setEvaluator] = useState('');
  const [note, setNote] = useState('');
  const errs = actionProblems(error);
  const items = data?.items ?? [];
  return (
    <ActionForm id="assign" title={t('proposals.act.assign')} submitLabel={t('proposals.act.assign')} busy={busy} error={error ?? listError} disabled={!evaluator}
      onSubmit={() => void send('assign', { evaluator_id: evaluator, ...(note.trim() ? { note: note.trim() } : {}) })}>
      <Field id="evaluator-select" label={t('proposals.act.evaluator')} required error={errs.evaluator_id} hint={data && items.length === 0 ? t('proposals.act.noEvaluators') : undefined}>
        {(a) => (
          <select {...a} value={evaluator} onChange={(e) => setEvaluator(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {items.map((u) => (
              <option key={u.id} value={u.id}>
                {t('proposals.act.evaluatorOption', { name: u.display_name, role: t(`proposals.act.role.${u.role}` as MessageKey), n: u.open_reviews })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="assign-note" label={t('proposals.act.note')} optional>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

export function RequestRevision(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useProposalAction(props);
  const [note, setNote] = useState('');
  return (
    <ActionForm id="request-revision" title={t('proposals.act.requestRevision')} submitLabel={t('proposals.act.requestRevision')} busy={busy} error={error}
      onSubmit={() => void send('request-revision', { note })}>
      <Field id="revision-note" label={t('proposals.act.revisionNote')} required error={actionProblems(error).note}>
        {(a) => <textarea {...a} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

export function AcceptProposal(props: ActionProps) {
  const t = useT();
  const name = useName();
  const { busy, error, send } = useProposalAction(props);
  const { data } = useShared<{ items: Agency[] }>('/api/v1/agencies');
  const district = props.proposal.district.code;
  // This district's office, then the BMA departments: the agencies that may carry it out.
  const agencies = (data?.items ?? [])
    .filter((a) => a.kind === 'department' || (a.kind === 'district_office' && Number(a.district_code) === district))
    .sort((a, b) => (a.kind === b.kind ? name(a).localeCompare(name(b), 'th') : a.kind === 'district_office' ? -1 : 1));
  const office = agencies.find((a) => a.kind === 'district_office')?.code ?? '';
  const [feasibility, setFeasibility] = useState('');
  const [costCheck, setCostCheck] = useState('');
  const [agency, setAgency] = useState('');
  const chosen = agency || office;
  const errs = actionProblems(error);
  return (
    <ActionForm id="accept" title={t('proposals.act.accept')} submitLabel={t('proposals.act.accept')} busy={busy} error={error} disabled={!chosen}
      onSubmit={() => void send('accept', { feasibility, cost_check: costCheck, carrying_agency_code: chosen })}>
      <Field id="review-feasibility" label={t('proposals.act.feasibility')} required error={errs.feasibility}>
        {(a) => <textarea {...a} rows={3} value={feasibility} onChange={(e) => setFeasibility(e.target.value)} />}
      </Field>
      <Field id="review-cost-check" label={t('proposals.act.costCheck')} required error={errs.cost_check}>
        {(a) => <textarea {...a} rows={3} value={costCheck} onChange={(e) => setCostCheck(e.target.value)} />}
      </Field>
      <Field id="carrying-agency" label={t('proposals.act.carryingAgency')} required error={errs.carrying_agency_code}>
        {(a) => (
          <select {...a} value={chosen} onChange={(e) => setAgency(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {agencies.map((x) => <option key={x.code} value={x.code}>{name(x)}</option>)}
          </select>
        )}
      </Field>
    </ActionForm>
  );
}

export function NotAccept(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useProposalAction(props);
  const [reason, setReason] = useState('');
  return (
    <ActionForm id="not-accept" title={t('proposals.act.notAccept')} submitLabel={t('proposals.act.notAccept')} busy={busy} error={error} danger
      onSubmit={() => void send('not-accept', { reason })}>
      <Field id="reject-reason" label={t('proposals.act.reason')} required error={actionProblems(error).reason}>
        {(a) => <textarea {...a} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

export function MergeProposal(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useProposalAction(props);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const errs = actionProblems(error);
  return (
    <ActionForm id="merge" title={t('proposals.act.merge')} submitLabel={t('proposals.act.merge')} busy={busy} error={error} disabled={!target.trim()}
      onSubmit={() => void send('merge', { merged_into: target.trim().toUpperCase(), ...(note.trim() ? { note: note.trim() } : {}) })}>
      <Field id="merge-target" label={t('proposals.act.mergeTarget')} required hint={t('proposals.act.mergeHint')} error={errs.merged_into}>
        {(a) => <input {...a} autoComplete="off" value={target} onChange={(e) => setTarget(e.target.value)} />}
      </Field>
      <Field id="merge-note" label={t('proposals.act.note')} optional>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
