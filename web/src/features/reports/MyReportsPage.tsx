import { Link } from 'react-router-dom';
import type { ReportSummary } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { ReportCard } from './ReportCard';
import { ChangePassword } from '../auth/ChangePassword';

/** What a signed-in person filed or follows, most recently changed first; and their account. */
export default function MyReportsPage() {
  const t = useT();
  usePageTitle(t('mine.title'));
  const { data, error, loading, reload } = useApi<{ items: ReportSummary[] }>('/api/v1/me/reports');
  return (
    <section>
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.lead')}</p>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && (
        <p>
          {t('mine.empty')} <Link to="/report/new">{t('nav.report')}</Link>
        </p>
      )}
      {data && data.items.length > 0 && (
        <ul className="cards" data-testid="my-reports">
          {data.items.map((r) => (
            <ReportCard key={r.code} r={r} />
          ))}
        </ul>
      )}
      <ChangePassword />
    </section>
  );
}
