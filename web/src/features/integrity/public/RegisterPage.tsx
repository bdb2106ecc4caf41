import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../../app/api';
import { useLang, useName, useT } from '../../../i18n';
import { formatDate } from '../../../ui/date';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Loading } from '../../../ui/Loading';
import { Pager } from '../../../ui/Pager';
import { useApi, usePageTitle, useShared } from '../../../ui/hooks';
import { NamedOptions } from '../../../ui/NamedOptions';
import type { Agency } from '../../../app/types';
import { useLabels } from '../labels';
import { FINDINGS } from '../types';
import type { RegisterCase, RegisterPage as RegisterData } from '../types';
import '../integrity.css';

function RegisterEntry({ c }: { c: RegisterCase }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const labels = useLabels();
  const current = c.stage ?? c.stages[c.stages.length - 1]?.stage;
  return (
    <li className="card ig-register" data-testid="register-row" data-case={c.case_number}>
      <h2 className="report-card__title">{c.case_number}</h2>
      <dl className="facts">
        <div>
          <dt>{t('integrity.col.agency')}</dt>
          <dd>{c.agency ? name(c.agency) : '—'}</dd>
        </div>
        <div>
          <dt>{t('integrity.col.kind')}</dt>
          <dd>{labels.kind(c.allegation_kind)}</dd>
        </div>
        <div>
          <dt>{t('integrity.col.received')}</dt>
          <dd>{formatDate(c.received_at, lang)}</dd>
        </div>
        <div>
          <dt>{t('integrity.col.stage')}</dt>
          <dd data-testid="register-stage">{current ? labels.stage(current) : '—'}</dd>
        </div>
        <div>
          <dt>{t('integrity.register.finding')}</dt>
          <dd data-testid="register-finding">{labels.finding(c.finding)}</dd>
        </div>
        <div>
          <dt>{t('integrity.register.sanctions')}</dt>
          <dd data-testid="register-sanctions">
            {c.sanctions.length === 0
              ? '—'
              : c.sanctions.map((s) => (s.official_name ? `${labels.sanction(s.kind)} (${s.official_name})` : labels.sanction(s.kind))).join(', ')}
          </dd>
        </div>
      </dl>
      <details className="what">
        <summary>{t('integrity.register.stageDates')}</summary>
        <ol className="plain-list">
          {c.stages.map((s, i) => (
            <li key={i}>
              {labels.stage(s.stage)} — <time dateTime={s.at}>{formatDate(s.at, lang)}</time>
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}

export default function RegisterPage() {
  const t = useT();
  const labels = useLabels();
  usePageTitle(t('integrity.register.title'));
  const [params, setParams] = useSearchParams();
  const agency = params.get('agency') ?? '';
  const finding = params.get('finding') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState({ agency, finding });
  const { data: agencies } = useShared<{ items: Agency[] }>('/api/v1/agencies');
  useEffect(() => setDraft({ agency, finding }), [agency, finding]);
  const { data, error, loading, reload } = useApi<RegisterData>(`/api/v1/integrity/register${qs({ agency, finding, page: page > 1 ? page : '' })}`);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(new URLSearchParams(Object.entries(draft).filter(([, v]) => v)));
  };
  const goPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/integrity">← {t('integrity.title')}</Link>
      </p>
      <h1>{t('integrity.register.title')}</h1>
      <p className="lead">{t('integrity.register.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('list.filters')}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="reg-agency">{t('integrity.col.agency')}</label>
            <select id="reg-agency" value={draft.agency} onChange={(e) => setDraft({ ...draft, agency: e.target.value })}>
              <option value="">{t('common.all')}</option>
              <NamedOptions items={agencies?.items} />
            </select>
          </div>
          <div className="field">
            <label htmlFor="reg-finding">{t('integrity.register.finding')}</label>
            <select id="reg-finding" value={draft.finding} onChange={(e) => setDraft({ ...draft, finding: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {FINDINGS.map((f) => (
                <option key={f} value={f}>
                  {labels.finding(f)}
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
          <p role="status">{t('integrity.register.count', { total: data.total })}</p>
          {data.items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <ul className="cards">
              {data.items.map((c) => (
                <RegisterEntry key={c.case_number} c={c} />
              ))}
            </ul>
          )}
          <Pager page={data.page} pageSize={data.page_size} total={data.total} onPage={goPage} />
        </div>
      )}
    </section>
  );
}
