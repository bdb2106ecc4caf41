import { Link, useParams } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { useApi, usePageTitle } from '../../ui/hooks';
import { CommunityFunnel } from '../accountability/CommunityFunnel';
import { NearbyPanel } from './NearbyPanel';
import { NeedItem } from './NeedItem';
import { ProposalsPanel } from './ProposalsPanel';
import { communityName } from './types';
import type { CommunityDetail } from './types';
import './communities.css';

function Committee({ c }: { c: CommunityDetail }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <section className="section" aria-labelledby="committee-title">
      <h2 id="committee-title">{t('communities.committee')}</h2>
      {c.committee.length === 0 ? (
        <p>{t('communities.committeeEmpty')}</p>
      ) : (
        <ul className="plain-list">
          {c.committee.map((m) => (
            <li key={m.id}>
              <strong>{m.full_name}</strong> — {name(m.position)} ·{' '}
              {t('communities.term', { from: formatDate(m.term_start, lang), to: formatDate(m.term_end, lang) })}
              {!m.current && <> · {t('communities.termOver')}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function CommunityPage() {
  const { code = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const { data: c, error, loading, reload } = useApi<CommunityDetail>(`/api/v1/communities/${encodeURIComponent(code)}`);
  usePageTitle(c ? communityName(c, lang) : t('communities.nav'));

  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!c) return loading ? <Loading /> : null;
  const open = c.needs.filter((n) => n.status === 'open');
  const others = c.needs.filter((n) => n.status !== 'open');
  const base = `/communities/${encodeURIComponent(c.code)}`;

  return (
    <article>
      <nav className="breadcrumb" aria-label={t('communities.breadcrumb')}>
        <Link to="/communities">{t('communities.title')}</Link>
      </nav>
      <header className="report-head">
        <h1>{communityName(c, lang)}</h1>
        <p className="report-head__badges">
          <span className="badge">{name(c.kind)}</span>
          {c.is_demo && <span className="badge badge--demo">{t('common.demo')}</span>}
        </p>
      </header>
      {c.is_demo && <p className="field__hint">{t('communities.demoNote')}</p>}
      <dl className="facts">
        <div>
          <dt>{t('communities.code')}</dt>
          <dd>{c.code}</dd>
        </div>
        <div>
          <dt>{t('communities.district')}</dt>
          <dd>{name(c.district)}</dd>
        </div>
        <div>
          <dt>{t('communities.households')}</dt>
          <dd>{formatNumber(c.households, lang)}</dd>
        </div>
        <div>
          <dt>{t('communities.population')}</dt>
          <dd>{c.population === null ? '—' : formatNumber(c.population, lang)}</dd>
        </div>
        <div>
          <dt>{t('communities.registeredOn')}</dt>
          <dd>{formatDate(c.registered_on, lang)}</dd>
        </div>
        <div>
          <dt>{t('communities.location')}</dt>
          <dd>
            {c.location.lat.toFixed(5)}, {c.location.lng.toFixed(5)}
          </dd>
        </div>
      </dl>
      {(c.abilities.edit || c.abilities.manage_committee || c.abilities.rank_needs) && (
        <p className="row">
          {c.abilities.edit && (
            <Link className="btn" to={`${base}/edit`}>
              {t('communities.edit')}
            </Link>
          )}
          {(c.abilities.manage_committee || c.abilities.rank_needs) && (
            <Link className="btn" to={`${base}/manage`}>
              {t('communities.manage')}
            </Link>
          )}
        </p>
      )}

      <Committee c={c} />

      <section className="section" aria-labelledby="needs-title">
        <h2 id="needs-title">{t('communities.needs')}</h2>
        <p className="field__hint">{t('communities.needsLead')}</p>
        {c.abilities.record_need && (
          <p>
            <Link className="btn btn--primary" to={`${base}/needs/new`}>
              {t('communities.recordNeed')}
            </Link>
          </p>
        )}
        {c.needs.length === 0 ? (
          <p>{t('communities.needsEmpty')}</p>
        ) : (
          <>
            {open.length > 0 && (
              <ol className="need-list" aria-label={t('communities.needsOpen')}>
                {open.map((n) => (
                  <NeedItem key={n.id} need={n} communityCode={c.code} />
                ))}
              </ol>
            )}
            {others.length > 0 && (
              <>
                <h3>{t('communities.needsOther')}</h3>
                <ul className="need-list">
                  {others.map((n) => (
                    <NeedItem key={n.id} need={n} communityCode={c.code} />
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </section>

      <NearbyPanel code={c.code} />
      <ProposalsPanel code={c.code} canWrite={c.abilities.write_proposal} />
      <CommunityFunnel communityCode={c.code} />
    </article>
  );
}
