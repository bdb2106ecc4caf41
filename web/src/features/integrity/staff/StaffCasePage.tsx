import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../../i18n';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Loading } from '../../../ui/Loading';
import { useApi, usePageTitle } from '../../../ui/hooks';
import { StageBadge } from '../StageBadge';
import type { StaffCase } from '../types';
import { CaseActions } from './CaseActions';
import { CaseFacts } from './CaseFacts';
import { CaseRecord } from './CaseRecord';
import { IdentityPanel } from './IdentityPanel';
import { staffCasePath } from './useCaseAction';
import '../integrity.css';

export default function StaffCasePage() {
  const t = useT();
  const { number = '' } = useParams();
  const { data, error, loading, reload } = useApi<StaffCase>(staffCasePath(number));
  const [done, setDone] = useState(false);
  usePageTitle(t('integrity.staff.caseTitle', { number }));
  const back = (
    <p className="breadcrumb">
      <Link to="/integrity/staff">← {t('integrity.staff.back')}</Link>
    </p>
  );
  if (!data) {
    return (
      <section className="notice">
        {back}
        <h1>{t('integrity.staff.caseTitle', { number })}</h1>
        {error ? <ErrorBox error={error} onRetry={reload} /> : loading && <Loading />}
      </section>
    );
  }
  const afterAction = () => {
    setDone(true);
    reload();
  };
  return (
    <article className="report" aria-busy={loading}>
      {back}
      <h1>
        {t('integrity.case.heading')} <span data-testid="integrity-case-number">{data.case_number}</span>
      </h1>
      <p className="report-head__badges">
        <StageBadge stage={data.stage} testId="integrity-stage" />
      </p>
      <ErrorBox error={error} onRetry={reload} />
      <CaseFacts data={data} />
      <CaseActions data={data} onDone={afterAction} done={done} />
      <CaseRecord data={data} />
      <IdentityPanel data={data} onDone={afterAction} />
    </article>
  );
}
