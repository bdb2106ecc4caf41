import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n';
import { ErrorBox } from '../../../ui/ErrorBox';
import { useAction, usePageTitle } from '../../../ui/hooks';
import { WB, useCaseRequest } from '../caseApi';
import { Receipt } from '../Receipt';
import type { Access } from '../types';
import { AccessForm } from './AccessForm';
import { CaseView } from './CaseView';
import '../integrity.css';

// Everything here is React state: the case token never reaches a URL or storage, so a
// reload (or a closed tab) asks for the case number and secret again.
type Phase =
  | { kind: 'access'; notice: string | null }
  | { kind: 'reset'; token: string; caseNumber: string }
  | { kind: 'newReceipt'; token: string; caseNumber: string; receipt: string }
  | { kind: 'case'; token: string };

function ResetStep({ token, onReset }: { token: string; onReset: (receipt: string, token: string) => void }) {
  const t = useT();
  const request = useCaseRequest();
  const { busy, error, run } = useAction();
  return (
    <section className="narrow">
      <h1>{t('integrity.reset.title')}</h1>
      <p>{t('integrity.reset.lead')}</p>
      <ErrorBox error={error} />
      <button
        type="button"
        className="btn btn--primary"
        disabled={busy}
        onClick={async () => {
          const res = await run(() => request<{ receipt: string; case_view_token?: string }>(WB.reset, { method: 'POST', token, body: {} }));
          if (res.ok) onReset(res.value.receipt, res.value.case_view_token || token);
        }}
      >
        {t('integrity.reset.go')}
      </button>
    </section>
  );
}

export default function ReturnPage() {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'access', notice: null });
  const expired = useCallback(() => setPhase({ kind: 'access', notice: t('integrity.return.expired') }), [t]);
  usePageTitle(t('integrity.return.title'));

  if (phase.kind === 'reset') {
    return (
      <ResetStep
        token={phase.token}
        onReset={(receipt, token) => setPhase({ kind: 'newReceipt', token, caseNumber: phase.caseNumber, receipt })}
      />
    );
  }
  if (phase.kind === 'newReceipt') {
    return (
      <Receipt
        caseNumber={phase.caseNumber}
        receipt={phase.receipt}
        title={t('integrity.reset.doneTitle')}
        lead={t('integrity.reset.doneLead')}
        doneLabel={t('integrity.reset.continue')}
        onDone={() => setPhase({ kind: 'case', token: phase.token })}
      />
    );
  }
  if (phase.kind === 'case') {
    return <CaseView token={phase.token} onExpired={expired} onLeave={() => setPhase({ kind: 'access', notice: t('integrity.return.left') })} />;
  }
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to="/integrity">← {t('integrity.title')}</Link>
      </p>
      <h1>{t('integrity.return.title')}</h1>
      <p className="lead">{t('integrity.return.lead')}</p>
      <AccessForm
        notice={phase.notice}
        onAccess={(a: Access, caseNumber) =>
          setPhase(a.must_reset ? { kind: 'reset', token: a.case_view_token, caseNumber } : { kind: 'case', token: a.case_view_token })
        }
      />
    </section>
  );
}
