import { Link } from 'react-router-dom';
import { qs } from '../../app/api';
import { useLang, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatSatang } from '../../ui/money';
import { useApi } from '../../ui/hooks';
import type { FunnelAnswer } from './types';

/** A community's proposals submitted → accepted → in a plan → funded → delivered, with money. */
export function CommunityFunnel({ communityCode }: { communityCode: string }) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, loading, reload } = useApi<FunnelAnswer>(`/api/v1/plans/accountability${qs({ community: communityCode })}`);
  return (
    <section aria-labelledby="acc-community-funnel" data-testid="community-funnel">
      <h2 id="acc-community-funnel">{t('accountability.community.title')}</h2>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && data.steps[0]?.count === 0 && <p>{t('accountability.community.none')}</p>}
      {data && data.steps[0]!.count > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="acc-community-caption">
          <table className="table">
            <caption id="acc-community-caption">
              {t('accountability.community.caption')}
              {data.includes_demo && <span className="badge badge--demo acc-badge">{t('common.demo')}</span>}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('accountability.col.step')}</th>
                <th scope="col">{t('accountability.col.count')}</th>
                <th scope="col">{t('accountability.col.money')}</th>
              </tr>
            </thead>
            <tbody>
              {data.steps.map((s) => (
                <tr key={s.step}>
                  <th scope="row">{t(`accountability.step.${s.step}`)}</th>
                  <td>{formatNumber(s.count, lang)}</td>
                  <td>{formatSatang(s.satang, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data?.filters.district && (
        <p>
          <Link to={`/accountability${qs({ district: data.filters.district.code })}`}>{t('accountability.community.more')}</Link>
        </p>
      )}
    </section>
  );
}
