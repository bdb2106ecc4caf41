import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { qs } from '../../app/api';
import { GROUP_BY } from '../../app/types';
import type { Figures, GroupBy } from '../../app/types';
import { useLang, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { FiguresTable } from './FiguresTable';
import { TotalsCards } from './TotalsCards';
import { WhatCounted } from './WhatCounted';
import { definition } from './figureKeys';

const FiguresChart = lazy(() => import('./FiguresChart'));

export default function FiguresPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('figures.title'));
  const groupBy: GroupBy = (GROUP_BY as readonly string[]).includes(params.get('group_by') ?? '')
    ? (params.get('group_by') as GroupBy)
    : 'district';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState({ from, to, groupBy });
  useEffect(() => setDraft({ from, to, groupBy }), [from, to, groupBy]);

  const { data, error, loading, reload } = useApi<Figures>(
    `/api/v1/figures${qs({ from, to, group_by: groupBy })}`,
  );

  // Ranked groups first (largest first); groups too small to rank come after, still shown.
  const groups = useMemo(() => {
    const list = [...(data?.groups ?? [])];
    return list.sort((a, b) => Number(b.ranked) - Number(a.ranked) || b.received - a.received);
  }, [data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.from) next.set('from', draft.from);
    if (draft.to) next.set('to', draft.to);
    next.set('group_by', draft.groupBy);
    setParams(next);
  };

  return (
    <section>
      <h1>{t('figures.title')}</h1>
      <p className="lead">{t('figures.lead')}</p>
      <form className="filters" onSubmit={submit}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="fig-from">{t('list.from')}</label>
            <input id="fig-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="fig-to">{t('list.to')}</label>
            <input id="fig-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="fig-group">{t('figures.groupBy')}</label>
            <select
              id="fig-group"
              value={draft.groupBy}
              onChange={(e) => setDraft({ ...draft, groupBy: e.target.value as GroupBy })}
            >
              {GROUP_BY.map((g) => (
                <option key={g} value={g}>
                  {t(`figures.by.${g}`)}
                </option>
              ))}
            </select>
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
          <TotalsCards figures={data} />
          {!!data.totals.demo_reports && (
            <p className="note">
              {t('figures.demo', { n: data.totals.demo_reports })} {definition(data, 'demo', lang)}
            </p>
          )}
          <h2>{t('figures.chartTitle')}</h2>
          {groups.length === 0 ? (
            <p>{t('figures.noGroups')}</p>
          ) : (
            <>
              <figure className="chart">
                <div role="img" aria-label={t('figures.chart')}>
                  <Suspense fallback={<Loading />}>
                    <FiguresChart groups={groups} />
                  </Suspense>
                </div>
              </figure>
              <FiguresTable figures={data} groups={groups} />
              <WhatCounted text={definition(data, 'ranked', lang)} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
