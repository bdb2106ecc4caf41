import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Agency, Page } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
import { formatDate } from '../../ui/date';
import { useApi, usePageTitle, useShared } from '../../ui/hooks';
import { formatSatang } from '../../ui/money';
import { PROPOSAL_STATES, type ProposalSummary } from './types';
import './proposals.css';

interface District { code: number; name_th: string; name_en: string }

/**
 * The district's proposals for its staff, by state, with "assigned to me" for
 * evaluators. Staff of a district office see their district; administrators choose one.
 */
export default function ReviewQueuePage() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const { user } = useAuth();
  usePageTitle(t('proposals.queue.title'));
  const [params, setParams] = useSearchParams();
  const agencies = useShared<{ items: Agency[] }>('/api/v1/agencies');
  const districts = useShared<{ items: District[] }>('/api/v1/districts');
  const own = agencies.data?.items.find((a) => a.code === user?.agency?.code && a.kind === 'district_office');
  const district = params.get('district') ?? (own ? String(own.district_code) : '');
  const state = params.get('state') ?? '';
  const mine = params.get('assigned') === 'me';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const path = district ? `/api/v1/proposals${qs({ district_code: district, state, assigned: mine ? 'me' : undefined, page, page_size: 20 })}` : null;
  const { data, error, loading, reload } = useApi<Page<ProposalSummary>>(path);

  const [draft, setDraft] = useState({ district, state, mine });
  // The staff member's own district arrives with the agencies list; show it in the filter too.
  useEffect(() => setDraft({ district, state, mine }), [district, state, mine]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries({ district: draft.district, state: draft.state, assigned: draft.mine ? 'me' : '' }).filter(([, v]) => v)));
  };

  return (
    <section>
      <h1>{t('proposals.queue.title')}</h1>
      <form className="filters proposal-filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="queue-district">{t('proposals.queue.district')}</label>
          <select id="queue-district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.target.value })}>
            <option value="">{t('common.choose')}</option>
            {(districts.data?.items ?? []).map((d) => <option key={d.code} value={String(d.code)}>{name(d)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-state">{t('proposals.queue.state')}</label>
          <select id="queue-state" value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
            <option value="">{t('proposals.queue.allStates')}</option>
            {PROPOSAL_STATES.map((s) => <option key={s} value={s}>{t(`proposals.state.${s}` as MessageKey)}</option>)}
          </select>
        </div>
        <label className="field--check" htmlFor="queue-mine">
          <input id="queue-mine" type="checkbox" checked={draft.mine} onChange={(e) => setDraft({ ...draft, mine: e.target.checked })} />
          <span>{t('proposals.queue.assignedToMe')}</span>
        </label>
        <button type="submit" className="btn btn--primary">{t('proposals.queue.apply')}</button>
      </form>

      {!district && <p>{t('proposals.queue.chooseDistrict')}</p>}
      <ErrorBox error={error} onRetry={reload} />
      {path && !data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{t('common.results', { total: data.total })}</p>
          {data.items.length === 0 ? <p>{t('proposals.queue.empty')}</p> : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="queue-caption">
              <table className="table proposal-queue stack-table">
                <caption id="queue-caption" className="visually-hidden">{t('proposals.queue.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('proposals.queue.col.title')}</th>
                    <th scope="col">{t('proposals.queue.col.community')}</th>
                    <th scope="col">{t('proposals.queue.col.state')}</th>
                    <th scope="col">{t('proposals.queue.col.fiscalYear')}</th>
                    <th scope="col" className="num">{t('proposals.queue.col.total')}</th>
                    <th scope="col">{t('proposals.queue.col.evaluator')}</th>
                    <th scope="col">{t('proposals.queue.col.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.id} data-testid="proposal-row" data-id={p.id}>
                      <th scope="row" className="wrap">
                        <Link to={`/proposals/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                        <span className="field__hint"> {p.id}</span>
                        {p.is_demo && <> <span className="badge badge--demo">{t('common.demo')}</span></>}
                      </th>
                      <td className="wrap" data-label={t('proposals.queue.col.community')}>{name({ name_th: p.community.name_th, name_en: p.community.name_en ?? '' })}</td>
                      <td data-label={t('proposals.queue.col.state')}><span className={`badge badge--p-${p.state}`}>{t(`proposals.state.${p.state}` as MessageKey)}</span></td>
                      <td data-label={t('proposals.queue.col.fiscalYear')}>{p.fiscal_year ?? '—'}</td>
                      <td className="num" data-label={t('proposals.queue.col.total')}>{formatSatang(p.total_satang, lang)}</td>
                      <td data-label={t('proposals.queue.col.evaluator')}>{p.evaluator_name ?? '—'}</td>
                      <td data-label={t('proposals.queue.col.updated')}>{formatDate(p.updated_at, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={data.page} pageSize={data.page_size} total={data.total} onPage={(n) => setParams({ ...Object.fromEntries(params), page: String(n) })} />
        </>
      )}
    </section>
  );
}
