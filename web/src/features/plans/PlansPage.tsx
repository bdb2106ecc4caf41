import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../app/api';
import { hasRole, useAuth } from '../../app/auth';
import type { Named } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { AgencySelect } from '../../ui/AgencySelect';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { NamedOptions } from '../../ui/NamedOptions';
import { Pager } from '../../ui/Pager';
import { useApi, usePageTitle, useShared } from '../../ui/hooks';
import { CreatePlanForm } from './CreatePlanForm';
import { Meter, Money, PlanStatusBadge } from './PlanBits';
import { currentFiscalYear, plannableYears } from './types';
import type { PlanList, PlanSummary } from './types';
import './plans.css';

const PAGE_SIZE = 20;

function PlanCard({ plan }: { plan: PlanSummary }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <li className="card">
      <h2 className="report-card__title">
        <Link to={`/plans/${plan.id}`}>
          {name(plan.agency)} — {lang === 'th' ? plan.name_th : plan.name_en}
        </Link>
      </h2>
      <p className="card__meta">
        <PlanStatusBadge status={plan.status} isDemo={plan.is_demo} /> · {t('plans.itemsN', { n: plan.totals.items })}
      </p>
      <dl className="money-list">
        <div>
          <dt>{t('plans.money.approved')}</dt>
          <dd>
            <Money satang={plan.totals.approved_satang} />
          </dd>
        </div>
        <div>
          <dt>{t('plans.money.ceiling')}</dt>
          <dd>{plan.totals.ceiling_satang === null ? t('plans.money.noCeiling') : <Money satang={plan.totals.ceiling_satang} />}</dd>
        </div>
        <div>
          <dt>{t('plans.progress')}</dt>
          <dd>
            <Meter percent={plan.totals.progress_percent} />
          </dd>
        </div>
      </dl>
      {plan.totals.approved_over_ceiling && <p className="field__error">{t('plans.overCeilingShort')}</p>}
    </li>
  );
}

export default function PlansPage() {
  const t = useT();
  const { user } = useAuth();
  usePageTitle(t('plans.title'));
  const [params, setParams] = useSearchParams();
  const { data: districts } = useShared<{ items: Named[] }>('/api/v1/districts');
  const fiscalYear = params.get('fy') ?? String(currentFiscalYear());
  const district = params.get('district') ?? '';
  const agency = params.get('agency') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState({ fiscalYear, district, agency });
  useEffect(() => setDraft({ fiscalYear, district, agency }), [fiscalYear, district, agency]);
  const { data, error, loading, reload } = useApi<PlanList>(
    `/api/v1/plans${qs({ fiscal_year: fiscalYear, district_code: district, agency_code: agency, page, page_size: PAGE_SIZE })}`,
  );
  const mayCreate = hasRole(user, ['planner', 'agency_admin', 'admin']);

  const apply = (next: typeof draft, p = 1) => {
    const sp = new URLSearchParams();
    if (next.fiscalYear) sp.set('fy', next.fiscalYear);
    if (next.district) sp.set('district', next.district);
    if (next.agency) sp.set('agency', next.agency);
    if (p > 1) sp.set('page', String(p));
    setParams(sp);
  };

  return (
    <section>
      <h1>{t('plans.title')}</h1>
      <p className="lead">{t('plans.lead')}</p>
      {mayCreate && <CreatePlanForm />}
      <section className="filters-box" aria-label={t('plans.filters')}>
        <form className="filters" role="search" onSubmit={(e: FormEvent) => { e.preventDefault(); apply(draft); }}>
          <div className="filters__grid">
            <div className="field">
              <label htmlFor="pf-fy">{t('plans.create.fiscalYear')}</label>
              <select id="pf-fy" value={draft.fiscalYear} onChange={(e) => setDraft({ ...draft, fiscalYear: e.target.value })}>
                <option value="">{t('common.all')}</option>
                {plannableYears().map((y) => (
                  <option key={y} value={y}>
                    {t('plans.fy', { year: y })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="pf-district">{t('plans.district')}</label>
              <select id="pf-district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.target.value })}>
                <option value="">{t('common.all')}</option>
                <NamedOptions items={districts?.items} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="pf-agency">{t('plans.agency')}</label>
              <AgencySelect id="pf-agency" value={draft.agency} onChange={(code) => setDraft({ ...draft, agency: code })} />
            </div>
          </div>
          <div className="row">
            <button type="submit" className="btn btn--primary">{t('plans.search')}</button>
            {(district || agency || fiscalYear !== String(currentFiscalYear())) && (
              <button type="button" className="btn btn--ghost" onClick={() => apply({ fiscalYear: String(currentFiscalYear()), district: '', agency: '' })}>
                {t('common.clear')}
              </button>
            )}
          </div>
        </form>
      </section>
      <ErrorBox error={error} onRetry={reload} />
      {data && (
        <>
          <p role="status">{t('plans.results', { total: data.total })}</p>
          {data.items.length === 0 ? (
            <p>{t('plans.empty')}</p>
          ) : (
            <ul className="cards" aria-busy={loading}>
              {data.items.map((p) => (
                <PlanCard key={p.id} plan={p} />
              ))}
            </ul>
          )}
          <Pager page={data.page} pageSize={data.page_size} total={data.total} onPage={(p) => apply({ fiscalYear, district, agency }, p)} />
        </>
      )}
      {!data && loading && <Loading />}
    </section>
  );
}
