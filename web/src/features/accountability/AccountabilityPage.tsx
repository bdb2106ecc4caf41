import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../app/api';
import type { Named } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { NamedOptions } from '../../ui/NamedOptions';
import { useApi, usePageTitle, useShared } from '../../ui/hooks';
import { BreakdownTable } from './BreakdownTable';
import { DefinitionsList } from './DefinitionsList';
import { FunnelSection } from './FunnelSection';
import { OpenDataLinks } from './OpenDataLinks';
import type { FunnelAnswer } from './types';
import './accountability.css';

const digits = (v: string | null, n: number) => (v && new RegExp(`^\\d{${n}}$`).test(v) ? v : '');

/** The current fiscal year (BE): October starts the next one. */
function currentFiscalYear(): number {
  const now = new Date();
  return now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
}

/**
 * /accountability?district=&fy= — the city's (or a district's) funnel from proposals to
 * delivered projects, with money, its rows by district or community, and open data.
 */
export default function AccountabilityPage() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('accountability.title'));
  const district = digits(params.get('district'), 4);
  const fy = digits(params.get('fy'), 4);
  const [draft, setDraft] = useState({ district, fy });
  useEffect(() => setDraft({ district, fy }), [district, fy]);

  const { data: districts } = useShared<{ items: Named[] }>('/api/v1/districts');
  const { data, error, loading, reload } = useApi<FunnelAnswer>(`/api/v1/plans/accountability${qs({ fiscal_year: fy, district_code: district })}`);

  const years = [...new Set([currentFiscalYear() + 1, currentFiscalYear(), ...(data?.fiscal_years ?? []), ...(fy ? [Number(fy)] : [])])].sort((a, b) => b - a);
  const pageQuery = (next: { district?: string; fy?: string }) => qs({ district: next.district, fy: next.fy });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.district) next.set('district', draft.district);
    if (draft.fy) next.set('fy', draft.fy);
    setParams(next);
  };

  const chosen = data?.filters.district ?? null;
  const fyLabel = data?.filters.fiscal_year ? (lang === 'th' ? data.filters.fiscal_year_label_th : data.filters.fiscal_year_label_en) : null;
  const place = chosen ? t('accountability.scopeDistrict', { name: name(chosen) }) : t('accountability.scopeCity');
  const scope = fyLabel ? t('accountability.scopeFy', { scope: place, fy: fyLabel }) : place;

  return (
    <section>
      <h1>{t('accountability.title')}</h1>
      <p className="lead">{t('accountability.lead')}</p>
      <form className="filters" onSubmit={submit}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="acc-fy">{t('accountability.fy')}</label>
            <select id="acc-fy" value={draft.fy} onChange={(e) => setDraft({ ...draft, fy: e.target.value })}>
              <option value="">{t('accountability.fyAll')}</option>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {t('accountability.fyOption', { fy: y })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="acc-district">{t('accountability.district')}</label>
            <select id="acc-district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.target.value })}>
              <option value="">{t('accountability.districtAll')}</option>
              <NamedOptions items={districts?.items} />
            </select>
          </div>
        </div>
        <button type="submit" className="btn btn--primary">
          {t('accountability.apply')}
        </button>
      </form>

      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <div aria-busy={loading}>
          <h2>
            {t('accountability.funnelTitle')} — {scope}
          </h2>
          {data.includes_demo && (
            <p className="note">
              <span className="badge badge--demo">{t('common.demo')}</span> {t('accountability.demoNote')}
            </p>
          )}
          <FunnelSection figures={data} scope={scope} />
          <DefinitionsList definitions={data.definitions} />

          {chosen ? (
            <>
              <p>
                <Link to={`/accountability${pageQuery({ fy })}`}>{t('accountability.backToCity')}</Link>
              </p>
              {data.by_community.length === 0 ? (
                <p>{t('accountability.noCommunities')}</p>
              ) : (
                <BreakdownTable
                  kind="community"
                  rows={data.by_community}
                  caption={t('accountability.communityCaption', { district: place })}
                  hrefOf={(row) => `/communities/${encodeURIComponent(String(row.code))}`}
                />
              )}
            </>
          ) : (
            <BreakdownTable
              kind="district"
              rows={data.by_district}
              caption={t('accountability.cityCaption')}
              hrefOf={(row) => `/accountability${pageQuery({ district: String(row.code), fy })}`}
            />
          )}
          <OpenDataLinks fiscalYear={fy} districtCode={district} notes={data.open_data} />
        </div>
      )}
    </section>
  );
}
