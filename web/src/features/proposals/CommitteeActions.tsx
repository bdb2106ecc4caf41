import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { ActionForm } from '../staff/actions/ActionForm';
import type { Proposal } from './types';
import { actionProblems, useProposalAction, type ActionProps } from './useProposalAction';

export function EditLink({ proposal }: { proposal: Proposal }) {
  const t = useT();
  return (
    <div className="action-card">
      <h3>{t('proposals.act.edit')}</h3>
      <Link className="btn" to={`/proposals/${encodeURIComponent(proposal.id)}/edit`}>{t('proposals.act.edit')}</Link>
    </div>
  );
}

export function SubmitProposal(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useProposalAction(props);
  const label = t(props.proposal.state === 'revision_requested' ? 'proposals.act.resubmit' : 'proposals.act.submit');
  const [note, setNote] = useState('');
  return (
    <ActionForm id="submit" title={label} submitLabel={label} busy={busy} error={error} onSubmit={() => void send('submit', note.trim() ? { note: note.trim() } : {})}>
      <p className="field__hint">{t('proposals.form.submitHint')}</p>
      <Field id="submit-note" label={t('proposals.act.note')} optional>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

export function WithdrawProposal(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useProposalAction(props);
  const [sure, setSure] = useState(false);
  const [note, setNote] = useState('');
  return (
    <ActionForm id="withdraw" title={t('proposals.act.withdraw')} submitLabel={t('proposals.act.withdraw')} busy={busy} error={error} danger disabled={!sure}
      onSubmit={() => void send('withdraw', note.trim() ? { note: note.trim() } : {})}>
      <Field id="withdraw-note" label={t('proposals.act.note')} optional>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <label className="field--check" htmlFor="withdraw-confirm">
        <input id="withdraw-confirm" type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
        <span>{t('proposals.act.withdrawConfirm')}</span>
      </label>
    </ActionForm>
  );
}

export function AttachFiles(props: ActionProps) {
  const t = useT();
  const { busy, error, run } = useProposalAction(props);
  const [files, setFiles] = useState<FileList | null>(null);
  // A new key empties the file input after an upload.
  const [round, setRound] = useState(0);
  const upload = async () => {
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append('files', f);
    const res = await run(() => api.post<{ proposal: Proposal }>(`/api/v1/proposals/${encodeURIComponent(props.proposal.id)}/attachments`, form));
    if (res.ok) {
      setFiles(null);
      setRound((r) => r + 1);
      props.onUpdated(res.value.proposal);
    }
  };
  return (
    <ActionForm id="attach" title={t('proposals.act.attach')} submitLabel={t('proposals.act.upload')} busy={busy} error={error} disabled={!files || files.length === 0} onSubmit={() => void upload()}>
      <Field id="proposal-files" label={t('proposals.act.files')} error={actionProblems(error).files}>
        {(a) => <input {...a} key={round} type="file" multiple accept="application/pdf,image/*" onChange={(e) => setFiles(e.target.files)} />}
      </Field>
    </ActionForm>
  );
}
