import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { qs } from '../../app/api';
import type { Page, ReportSummary } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
import { useApi, usePageTitle } from '../../ui/hooks';
import { CityMap } from '../../ui/map';
import type { MapMarker } from '../../ui/map';
import { ReportCard } from './ReportCard';
import { ReportFilters, filtersFrom } from './ReportFilters';
import type { Filters } from './ReportFilters';

const PAGE_SIZE = 20;
/**
 * The public list stops counting matches here (PUBLIC_COUNT_LIMIT in
 * server/modules/reports/reports.repository.ts): a total this high means "this many or more".
 */
const COUNT_LIMIT = 1000;

export default function ReportsListPage() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('list.title'));
  const filters = useMemo(() => filtersFrom(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);

  const { data, error, loading, reload } = useApi<Page<ReportSummary>>(
    `/api/v1/reports${qs({ ...filters, page, page_size: PAGE_SIZE })}`,
  );

  const markers = useMemo<MapMarker[]>(
    () =>
      (data?.items ?? []).map((r) => ({
        id: r.code,
        lat: r.location.lat,
        lng: r.location.lng,
        label: `${r.code} · ${name(r.category)}`,
        state: r.state,
        href: `/r/${encodeURIComponent(r.code)}`,
      })),
    [data, name],
  );

  const atLeast = (data?.total ?? 0) >= COUNT_LIMIT;

  const apply = (f: Filters, p = 1) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
    if (p > 1) next.set('page', String(p));
    setParams(next);
  };

  return (
    <section>
      <h1>{t('list.title')}</h1>
      <section className="filters-box" aria-label={t('list.filters')}>
        <ReportFilters value={filters} onApply={(f) => apply(f)} />
      </section>
      <CityMap
        ariaLabel={t('list.mapLabel')}
        lang={lang}
        markers={markers}
        onOpen={(href) => navigate(href)}
        openLabel={t('list.open')}
      />
      <ErrorBox error={error} onRetry={reload} />
      {data && (
        <>
          <p role="status">
            {t(atLeast ? 'common.resultsAtLeast' : 'common.results', { total: formatNumber(data.total, lang) })}
          </p>
          {data.items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <ul className="cards" aria-busy={loading}>
              {data.items.map((r) => (
                <ReportCard key={r.code} r={r} />
              ))}
            </ul>
          )}
          <Pager
            page={data.page}
            pageSize={data.page_size}
            total={data.total}
            atLeast={atLeast}
            shown={data.items.length}
            onPage={(p) => apply(filters, p)}
          />
        </>
      )}
      {!data && loading && <Loading />}
    </section>
  );
}
