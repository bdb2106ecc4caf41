import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, fieldErrors } from '../../../app/api';
import { useT } from '../../../i18n';
import { ErrorBox } from '../../../ui/ErrorBox';
import { useAction, usePageTitle } from '../../../ui/hooks';
import { WB, useCaseRequest } from '../caseApi';
import { EvidencePicker } from '../EvidencePicker';
import { PrivacyNote } from '../PrivacyNote';
import { Receipt } from '../Receipt';
import type { Filed } from '../types';
import { WhatSection, WhoSection } from './AllegationSection';
import { IdentitySection } from './IdentitySection';
import { EMPTY_COMPLAINT, EMPTY_IDENTITY, complaintBody, parseBaht } from './complaint';
import type { ComplaintValues, IdentityValues } from './complaint';
import '../integrity.css';

const FIELDS = ['agency_code', 'allegation_kind', 'unit', 'position', 'what', 'when_text', 'where_text', 'amount_baht', 'contract_ref', 'evidence', 'identity_name', 'identity_phone', 'identity_email'];

/** Server field paths ("identity/name", "identity.email") as the form's ids. */
function formErrors(server: Record<string, string>, raw: { field: string; message: string }[]): Record<string, string> {
  const out = { ...server };
  for (const e of raw) {
    const m = /identity[./_](name|phone|email)/.exec(e.field);
    if (m && !out[`identity_${m[1]}`]) out[`identity_${m[1]}`] = e.message;
  }
  return out;
}

/**
 * The complaint form. A whistleblower's copy goes out without cookies (nothing ties it
 * to an account); staff filing for someone (call centre, paper, letter) send it with
 * their session to the staff route, saying how it came in.
 */
export function ComplaintForm({ onFiled, staffChannel }: { onFiled: (f: Filed) => void; staffChannel?: 'call_centre' | 'paper' | 'letter' }) {
  const t = useT();
  usePageTitle(t(staffChannel ? 'integrity.staffNew.title' : 'integrity.new.title'));
  const request = useCaseRequest();
  const [values, setValues] = useState<ComplaintValues>(EMPTY_COMPLAINT);
  const [identity, setIdentity] = useState<IdentityValues>(EMPTY_IDENTITY);
  const [files, setFiles] = useState<File[]>([]);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();

  const errors = { ...formErrors(fieldErrors(error), error?.problem?.errors ?? []), ...clientErrors };
  const other = Object.entries(fieldErrors(error))
    .filter(([k]) => !FIELDS.includes(k) && k !== 'identity')
    .map(([, m]) => m);

  const patch = (p: Partial<ComplaintValues>) => {
    setValues((v) => ({ ...v, ...p }));
    const keys = Object.keys(p).map((k) => (k === 'amount' ? 'amount_baht' : k));
    if (keys.some((k) => clientErrors[k])) setClientErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  };

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!values.agency_code) e.agency_code = t('integrity.new.needAgency');
    if (!values.what.trim()) e.what = t('integrity.new.needWhat');
    if (parseBaht(values.amount) === undefined) e.amount_baht = t('integrity.new.badAmount');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setClientErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    const body = complaintBody(values, identity, files);
    if (staffChannel) {
      if (body instanceof FormData) body.append('channel', staffChannel);
      else (body as Record<string, unknown>).channel = staffChannel;
    }
    const res = await run(() =>
      staffChannel ? api.post<Filed>('/api/v1/integrity/staff/complaints', body) : request<Filed>(WB.complaints, { method: 'POST', body }),
    );
    if (res.ok) onFiled(res.value);
  };

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/integrity">← {t('integrity.title')}</Link>
      </p>
      <h1>{t(staffChannel ? 'integrity.staffNew.title' : 'integrity.new.title')}</h1>
      <p className="lead">{t(staffChannel ? 'integrity.staffNew.lead' : 'integrity.new.lead')}</p>
      {!staffChannel && <PrivacyNote />}
      <form className="form" onSubmit={submit} noValidate>
        <WhoSection value={values} onChange={patch} errors={errors} />
        <WhatSection value={values} onChange={patch} errors={errors} />
        <div className="section">
          <h2>{t('integrity.new.evidence')}</h2>
          <EvidencePicker id="evidence" label={t('integrity.new.evidencePick')} files={files} onChange={setFiles} error={errors.evidence} />
          <p className="note">{t('integrity.privacy.metadata')}</p>
        </div>
        <IdentitySection value={identity} onChange={(p) => setIdentity((i) => ({ ...i, ...p }))} errors={errors} />
        <ErrorBox error={error} title={t('integrity.new.failed')} extra={other} focus />
        <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
          {busy ? t('new.submitting') : t('integrity.new.submit')}
        </button>
      </form>
    </section>
  );
}

export default function NewComplaintPage() {
  const t = useT();
  const navigate = useNavigate();
  // The receipt lives only here, in memory: leaving the page forgets it.
  const [filed, setFiled] = useState<Filed | null>(null);
  if (filed) {
    return (
      <Receipt
        caseNumber={filed.case_number}
        receipt={filed.receipt}
        title={t('integrity.receipt.title')}
        lead={t('integrity.receipt.lead')}
        doneLabel={t('integrity.receipt.done')}
        onDone={() => {
          setFiled(null);
          navigate('/integrity');
        }}
      />
    );
  }
  return <ComplaintForm onFiled={setFiled} />;
}
