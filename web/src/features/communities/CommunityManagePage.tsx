import { Link, useParams } from 'react-router-dom';
import { useLang, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { CommitteeManager } from './CommitteeManager';
import { NeedsRanking } from './NeedsRanking';
import { communityName } from './types';
import type { CommunityDetail } from './types';
import './communities.css';

/**
 * District staff manage the committee here; committee members (and staff) re-rank the
 * community's needs. Each part shows only when the server says the caller may use it.
 */
export default function CommunityManagePage() {
  const { code = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { data: c, error, loading, reload } = useApi<CommunityDetail>(`/api/v1/communities/${encodeURIComponent(code)}`);
  usePageTitle(t('communities.manage.title'));

  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!c) return loading ? <Loading /> : null;
  if (!c.abilities.manage_committee && !c.abilities.rank_needs) {
    return (
      <section className="notice">
        <h1>{t('auth.forbidden')}</h1>
        <p>{t('communities.manage.notAllowed')}</p>
        <p>
          <Link to={`/communities/${encodeURIComponent(code)}`}>{communityName(c, lang)}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <nav className="breadcrumb" aria-label={t('communities.breadcrumb')}>
        <Link to={`/communities/${encodeURIComponent(code)}`}>{communityName(c, lang)}</Link>
      </nav>
      <h1>{t('communities.manage.heading', { name: communityName(c, lang) })}</h1>
      {c.abilities.manage_committee && <CommitteeManager code={c.code} onChanged={reload} />}
      {c.abilities.rank_needs && <NeedsRanking code={c.code} needs={c.needs} onChanged={reload} />}
    </section>
  );
}
