import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { StateBadge } from '../../ui/StateBadge';
import type { NearbyReports } from './types';

const RADII = [250, 500, 1000, 2000] as const;

/** City problem reports in and around the community: counts per category, then the latest. */
export function NearbyPanel({ code }: { code: string }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const [radius, setRadius] = useState<number>(500);
  const { data, error, loading, reload } = useApi<NearbyReports>(
    `/api/v1/communities/${encodeURIComponent(code)}/nearby-reports?radius_m=${radius}`,
  );
  return (
    <section className="section" aria-labelledby="nearby-reports-title">
      <h2 id="nearby-reports-title">{t('communities.nearby.title')}</h2>
      <p className="field__hint">{t('communities.nearby.lead', { r: formatNumber(radius, lang) })}</p>
      <div className="field">
        <label htmlFor="nearby-radius">{t('communities.nearby.radius')}</label>
        <select id="nearby-radius" className="input--short" value={radius} onChange={(e) => setRadius(Number(e.target.value))}>
          {RADII.map((r) => (
            <option key={r} value={r}>
              {t('common.meters', { n: formatNumber(r, lang) })}
            </option>
          ))}
        </select>
      </div>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && data.by_category.length === 0 && data.reports.length === 0 && <p>{t('communities.nearby.none')}</p>}
      {data && data.by_category.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="nearby-counts-caption">
          <table className="table" aria-busy={loading}>
            <caption id="nearby-counts-caption">{t('communities.nearby.byCategory', { r: formatNumber(data.radius_m, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('communities.nearby.category')}</th>
                <th scope="col">{t('communities.nearby.open')}</th>
                <th scope="col">{t('communities.nearby.fixed')}</th>
              </tr>
            </thead>
            <tbody>
              {data.by_category.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{name(c)}</th>
                  <td>{formatNumber(c.open, lang)}</td>
                  <td>{formatNumber(c.fixed, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.reports.length > 0 && (
        <>
          <h3>{t('communities.nearby.latest')}</h3>
          <ul className="plain-list">
            {data.reports.slice(0, 10).map((r) => (
              <li key={r.code}>
                <Link to={`/r/${encodeURIComponent(r.code)}`}>{r.code}</Link> · {name(r.category)} · <StateBadge state={r.state} /> ·{' '}
                {t('common.meters', { n: formatNumber(r.distance_m, lang) })} · {formatDate(r.created_at, lang)}
                {r.is_demo && <> · {t('common.demo')}</>}
                <br />
                <span className="field__hint">{r.description}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
