import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../../app/api';
import { useLang, useT } from '../../../i18n';
import { formatDate } from '../../../ui/date';
import { ErrorBox } from '../../../ui/ErrorBox';
import { formatNumber, formatPercent } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { useApi, usePageTitle } from '../../../ui/hooks';
import { WhatCounted } from '../../figures/WhatCounted';
import type { IntegrityFigures } from '../types';
import { MonthTable, SanctionTable, StageTable } from './FigureTables';
import { definitionOf, pivotByMonth } from './figures';
import '../integrity.css';

const MonthChart = lazy(() => import('./MonthChart'));

function Totals({ figures }: { figures: IntegrityFigures }) {
  const t = useT();
  const { lang } = useLang();
  const tot = figures.totals;
  const share = figures.substantiated_share;
  const shareSub = share
    ? share.share === null
      ? t('integrity.fig.tooFew', { decided: formatNumber(share.decided, lang), n: formatNumber(figures.small_number_threshold ?? 10, lang) })
      : t('integrity.fig.shareOf', { substantiated: formatNumber(share.substantiated, lang), decided: formatNumber(share.decided, lang) })
    : undefined;
  const cards: { key: 'received' | 'open' | 'closed' | 'substantiated_share'; value: string; sub?: string }[] = [
    { key: 'received', value: formatNumber(tot.received, lang) },
    { key: 'open', value: formatNumber(tot.open, lang) },
    { key: 'closed', value: formatNumber(tot.closed, lang) },
    { key: 'substantiated_share', value: formatPercent(share?.share ?? null, lang), sub: shareSub },
  ];
  return (
    <dl className="stat-cards">
      {cards.map((c) => (
        <div key={c.key} className="stat-card" data-testid={`ig-total-${c.key}`}>
          <dt>{t(`integrity.fig.${c.key}`)}</dt>
          <dd>
            <span className="stat-card__value">{c.value}</span>
            {c.sub && <span className="stat-card__sub">{c.sub}</span>}
            <WhatCounted text={definitionOf(figures, [c.key], lang)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function IntegrityFiguresPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('integrity.fig.title'));
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const { data, error, loading, reload } = useApi<IntegrityFigures>(`/api/v1/integrity/figures${qs({ from, to })}`);
  const months = useMemo(() => (data ? pivotByMonth(data) : { channels: [], rows: [] }), [data]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(new URLSearchParams(Object.entries(draft).filter(([, v]) => v)));
  };

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/integrity">← {t('integrity.title')}</Link>
      </p>
      <h1>{t('integrity.fig.title')}</h1>
      <p className="lead">{t('integrity.fig.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('list.filters')}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="igf-from">{t('list.from')}</label>
            <input id="igf-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="igf-to">{t('list.to')}</label>
            <input id="igf-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
        </div>
        <button type="submit" className="btn btn--primary">
          {t('list.apply')}
        </button>
      </form>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <div aria-busy={loading}>
          <p className="period" role="status">
            {t('figures.period', { from: formatDate(data.period.from, lang), to: formatDate(data.period.to, lang) })}
          </p>
          <Totals figures={data} />
          <h2>{t('integrity.fig.byMonth')}</h2>
          {months.rows.length === 0 ? (
            <p>{t('figures.noGroups')}</p>
          ) : (
            <>
              <figure className="chart">
                <div role="img" aria-label={t('integrity.fig.chart')}>
                  <Suspense fallback={<Loading />}>
                    <MonthChart rows={months.rows} channels={months.channels} />
                  </Suspense>
                </div>
              </figure>
              <MonthTable rows={months.rows} channels={months.channels} />
            </>
          )}
          <WhatCounted text={definitionOf(data, ['by_month', 'received'], lang)} />
          <h2>{t('integrity.fig.byStage')}</h2>
          <StageTable figures={data} />
          <h2>{t('integrity.fig.sanctions')}</h2>
          <SanctionTable figures={data} />
          <p className="note">
            {definitionOf(data, ['small_numbers'], lang) ?? t('integrity.fig.honesty')}
          </p>
          <WhatCounted text={definitionOf(data, ['deadlines'], lang)} />
        </div>
      )}
    </section>
  );
}
