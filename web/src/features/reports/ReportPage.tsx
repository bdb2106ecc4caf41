import { useEffect } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isStaff, useAuth } from '../../app/auth';
import type { Report } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { CitizenActions } from './CitizenActions';
import { ReportDetails, TimelineSection } from './ReportDetails';
import { reporterHeaders, saveReporterKey } from './reporterKey';

export default function ReportPage() {
  const t = useT();
  const { user } = useAuth();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const key = params.get('key');
  // Store the reporter key before the first request so the server can grant reporter abilities.
  if (key) saveReporterKey(code, key);

  useEffect(() => {
    // Keep the private key out of the address bar (screenshots, shared screens) once stored.
    if (key) navigate(`/r/${encodeURIComponent(code)}`, { replace: true });
  }, [key, code, navigate]);

  const { data: report, error, loading, reload, setData } = useApi<Report>(
    `/api/v1/reports/${encodeURIComponent(code)}`,
    reporterHeaders(code),
  );
  usePageTitle(t('report.title', { code }));

  if (!report) {
    if (error) {
      return (
        <section className="notice">
          <h1>{t('report.title', { code })}</h1>
          <ErrorBox error={error} onRetry={error.status === 404 ? undefined : reload} />
        </section>
      );
    }
    return loading ? <Loading /> : null;
  }

  return (
    <article className="report">
      <ReportDetails report={report} title={t('report.title', { code: report.code })} />
      {isStaff(user) && (
        <p>
          <Link to={`/staff/r/${encodeURIComponent(report.code)}`}>{t('report.staffView')}</Link>
        </p>
      )}
      <TimelineSection report={report} />
      <CitizenActions report={report} onUpdated={(r) => (r ? setData(r) : reload())} />
    </article>
  );
}
