import { Link, useParams } from 'react-router-dom';
import type { Report } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { ReportDetails, TimelineSection } from '../reports/ReportDetails';
import { ActionPanel } from './ActionPanel';
import { StaffInfo } from './StaffInfo';

export default function StaffReportPage() {
  const t = useT();
  const { code = '' } = useParams();
  const { data: report, error, loading, reload, setData } = useApi<Report>(`/api/v1/reports/${encodeURIComponent(code)}`);
  usePageTitle(t('staff.reportTitle', { code }));

  const back = (
    <p className="breadcrumb">
      <Link to="/staff">← {t('staff.backToQueue')}</Link>
    </p>
  );
  if (!report) {
    if (error) {
      return (
        <section className="notice">
          {back}
          <h1>{t('staff.reportTitle', { code })}</h1>
          <ErrorBox error={error} onRetry={reload} />
        </section>
      );
    }
    return loading ? <Loading /> : null;
  }
  return (
    <article className="report">
      {back}
      <ReportDetails report={report} title={t('staff.reportTitle', { code: report.code })} />
      <p>
        <Link to={`/r/${encodeURIComponent(report.code)}`}>{t('report.publicView')}</Link>
      </p>
      <StaffInfo report={report} />
      <ActionPanel report={report} onUpdated={setData} />
      <TimelineSection report={report} />
    </article>
  );
}
