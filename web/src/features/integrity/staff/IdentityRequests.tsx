import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../app/api';
import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Field } from '../../../ui/Field';
import { Loading } from '../../../ui/Loading';
import { useAction, useApi } from '../../../ui/hooks';
import { useLabels } from '../labels';
import type { IdentityRequest } from '../types';

function Decide({ request, onDone }: { request: IdentityRequest; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useAction();
  const id = `ig-decide-${request.id}`;
  const decide = async (approve: boolean) => {
    if (!reason.trim()) return setMissing(true);
    const res = await run(() => api.post(`/api/v1/integrity/staff/identity-requests/${encodeURIComponent(String(request.id))}/decide`, { approve, reason: reason.trim() }));
    if (res.ok) onDone();
  };
  return (
    <div className="subform">
      <Field id={id} label={t('integrity.idreq.reason')} required error={missing ? t('integrity.idreq.needReason') : null}>
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
          />
        )}
      </Field>
      <ErrorBox error={error} />
      <div className="row">
        <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void decide(true)}>
          {t('integrity.idreq.approve')}
        </button>
        <button type="button" className="btn btn--danger-quiet" disabled={busy} onClick={() => void decide(false)}>
          {t('integrity.idreq.refuse')}
        </button>
      </div>
    </div>
  );
}

/** Custodians: written requests to see a complainant's identity, to approve or refuse. */
export function IdentityRequests() {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const { data, error, loading, reload } = useApi<{ items: IdentityRequest[] }>('/api/v1/integrity/staff/identity-requests');
  return (
    <section className="section" aria-labelledby="ig-idreq-title" data-testid="integrity-identity-requests">
      <h2 id="ig-idreq-title">{t('integrity.idreq.title')}</h2>
      <p className="note">{t('integrity.idreq.lead')}</p>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && <p>{t('integrity.idreq.none')}</p>}
      {data && data.items.length > 0 && (
        <ul className="cards">
          {data.items.map((r) => (
            <li key={r.id} className="card">
              <h3 className="report-card__title">
                <Link to={`/integrity/staff/${encodeURIComponent(r.case_number)}`}>{r.case_number}</Link>
              </h3>
              <p className="card__meta">
                {t('integrity.idreq.by', { who: labels.person(r.requested_by), when: formatDateTime(r.created_at ?? r.requested_at, lang) })} ·{' '}
                <strong>{labels.requestStatus(r.status)}</strong>
              </p>
              <p className="description">{r.justification}</p>
              {r.may_disclose === false && <p className="ig-warning">{t('integrity.idreq.notAllowed')}</p>}
              {r.decision_reason && <p className="card__meta">{t('integrity.idreq.decisionReason', { reason: r.decision_reason })}</p>}
              {r.status === 'pending' && <Decide request={r} onDone={reload} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
