import { Link } from 'react-router-dom';
import type { ReportSummary } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { StateBadge } from '../../ui/StateBadge';

export function ReportCard({ r, level = 2 }: { r: ReportSummary; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <li className="card report-card">
      {r.thumbnail_url && <img className="report-card__thumb" src={r.thumbnail_url} alt="" loading="lazy" width={72} height={72} />}
      <div>
        <H className="report-card__title">
          <Link to={`/r/${encodeURIComponent(r.code)}`}>
            {name(r.category)} · {r.code}
          </Link>
        </H>
        <p className="card__meta">
          <StateBadge state={r.state} /> {r.location.district ? name(r.location.district) : t('report.outside')} ·{' '}
          {formatDate(r.created_at, lang)} · {t('list.supports', { n: r.support_count })}
          {r.is_demo && <> · {t('common.demo')}</>}
        </p>
        <p className="card__text">{r.description}</p>
      </div>
    </li>
  );
}
