import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../app/api';
import type { Named } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { NamedOptions } from '../../ui/NamedOptions';
import { Pager } from '../../ui/Pager';
import { formatNumber } from '../../ui/format';
import { useApi, usePageTitle, useShared } from '../../ui/hooks';
import { MySeat } from './MySeat';
import { COMMUNITY_KINDS, communityName } from './types';
import type { CommunityPage, CommunitySummary } from './types';
import './communities.css';

const PAGE_SIZE = 20;

function CommunityCard({ c }: { c: CommunitySummary }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <li className="card">
      <h2 className="report-card__title">
        <Link to={`/communities/${encodeURIComponent(c.code)}`}>{communityName(c, lang)}</Link>
      </h2>
      <p className="card__meta">
        <span>{name(c.kind)}</span> · <span>{t('communities.inDistrict', { name: name(c.district) })}</span> ·{' '}
        <span>{t('communities.householdsN', { n: formatNumber(c.households, lang) })}</span>
        {c.is_demo && (
          <>
            {' '}
            <span className="badge badge--demo">{t('common.demo')}</span>
          </>
        )}
      </p>
      <p className="card__meta">
        {t('communities.code')} {c.code} · {t('communities.openNeedsN', { n: c.open_needs })}
      </p>
    </li>
  );
}

export default function CommunitiesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('communities.title'));
  const { data: districts } = useShared<{ items: Named[] }>('/api/v1/districts');
  const district = params.get('district') ?? '';
  const kind = params.get('kind') ?? '';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState({ district, kind, q });
  useEffect(() => setDraft({ district, kind, q }), [district, kind, q]);

  const { data, error, loading, reload } = useApi<CommunityPage>(
    `/api/v1/communities${qs({ district_code: district, kind, q, page, page_size: PAGE_SIZE })}`,
  );

  const apply = (next: { district: string; kind: string; q: string }, p = 1) => {
    const sp = new URLSearchParams();
    if (next.district) sp.set('district', next.district);
    if (next.kind) sp.set('kind', next.kind);
    if (next.q.trim()) sp.set('q', next.q.trim());
    if (p > 1) sp.set('page', String(p));
    setParams(sp);
  };

  return (
    <section>
      <h1>{t('communities.title')}</h1>
      <p className="lead">{t('communities.lead')}</p>
      <MySeat />
      {data?.abilities.register && (
        <p>
          <Link className="btn" to="/communities/new">
            {t('communities.register')}
          </Link>
        </p>
      )}
      <section className="filters-box" aria-label={t('communities.filters')}>
        <form
          className="filters"
          role="search"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <div className="filters__grid">
            <div className="field">
              <label htmlFor="cf-q">{t('communities.q')}</label>
              <input id="cf-q" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="cf-district">{t('communities.district')}</label>
              <select id="cf-district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.target.value })}>
                <option value="">{t('common.all')}</option>
                <NamedOptions items={districts?.items} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="cf-kind">{t('communities.kind')}</label>
              <select id="cf-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
                <option value="">{t('common.all')}</option>
                {COMMUNITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`communities.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="row">
            <button type="submit" className="btn btn--primary">
              {t('communities.search')}
            </button>
            {(district || kind || q) && (
              <button type="button" className="btn btn--ghost" onClick={() => apply({ district: '', kind: '', q: '' })}>
                {t('common.clear')}
              </button>
            )}
          </div>
        </form>
      </section>
      <ErrorBox error={error} onRetry={reload} />
      {data && (
        <>
          <p role="status">{t('communities.results', { total: data.total })}</p>
          {data.items.length === 0 ? (
            <p>{t('communities.empty')}</p>
          ) : (
            <ul className="cards" aria-busy={loading}>
              {data.items.map((c) => (
                <CommunityCard key={c.code} c={c} />
              ))}
            </ul>
          )}
          <Pager page={data.page} pageSize={data.page_size} total={data.total} onPage={(p) => apply({ district, kind, q }, p)} />
        </>
      )}
      {!data && loading && <Loading />}
    </section>
  );
}
