import { Link } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { StateBadge } from '../../ui/StateBadge';
import type { Need } from './types';

/** One need with its evidence: cited reports (linked) and photos or documents. */
export function NeedItem({ need, communityCode }: { need: Need; communityCode: string }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const photos = need.evidence.attachments.filter((a) => a.kind === 'photo');
  const documents = need.evidence.attachments.filter((a) => a.kind === 'document');
  const headingId = `need-${need.id}-title`;
  return (
    <li className="need" aria-labelledby={headingId} data-testid="need">
      <div className="need__head">
        {need.rank !== null ? (
          <span className="need__rank">{t('communities.need.rankN', { n: need.rank })}</span>
        ) : (
          <span className="badge">{t(`communities.need.status.${need.status}`)}</span>
        )}
        <h3 id={headingId}>{need.title}</h3>
        {need.abilities.edit && (
          <Link className="btn btn--small" to={`/communities/${encodeURIComponent(communityCode)}/needs/${need.id}/edit`}>
            {t('communities.need.edit')}
            <span className="visually-hidden"> {need.title}</span>
          </Link>
        )}
      </div>
      <p className="description">{need.description}</p>
      <dl className="facts">
        <div>
          <dt>{t('communities.need.households')}</dt>
          <dd>{formatNumber(need.households_affected, lang)}</dd>
        </div>
        {need.since_on && (
          <div>
            <dt>{t('communities.need.since')}</dt>
            <dd>{formatDate(need.since_on, lang)}</dd>
          </div>
        )}
        {need.place_text && (
          <div>
            <dt>{t('communities.need.place')}</dt>
            <dd>{need.place_text}</dd>
          </div>
        )}
        {need.category && (
          <div>
            <dt>{t('communities.need.category')}</dt>
            <dd>{name(need.category)}</dd>
          </div>
        )}
      </dl>
      {need.evidence.reports.length > 0 && (
        <>
          <h4>{t('communities.need.citedReports')}</h4>
          <ul className="plain-list">
            {need.evidence.reports.map((r) => (
              <li key={r.code}>
                <Link to={`/r/${encodeURIComponent(r.code)}`}>{r.code}</Link> · {name(r.category)} · <StateBadge state={r.state} /> ·{' '}
                {t('communities.need.distance', { d: t('common.meters', { n: formatNumber(r.distance_m, lang) }) })}
                {r.is_demo && <> · {t('common.demo')}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {photos.length > 0 && (
        <ul className="need__thumbs" aria-label={t('communities.need.photos')}>
          {photos.map((p) => (
            <li key={p.id}>
              <a href={p.url}>
                <img src={p.thumb_url ?? p.url} alt={t('communities.need.photoAlt', { name: p.file_name })} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className="plain-list" aria-label={t('communities.need.documents')}>
          {documents.map((d) => (
            <li key={d.id}>
              <a href={d.url}>{d.file_name}</a> ({t('communities.need.pdf')})
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
