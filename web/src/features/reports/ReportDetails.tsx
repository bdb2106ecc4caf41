import type { Report } from '../../app/types';
import { CLOSE_REASONS } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { formatDateTime } from '../../ui/date';
import { OverdueBadge, StateBadge } from '../../ui/StateBadge';
import { PhotoGallery } from './PhotoGallery';
import { Timeline } from './Timeline';

export function closeReasonText(reason: string, t: (k: MessageKey) => string): string {
  return (CLOSE_REASONS as readonly string[]).includes(reason) ? t(`close.${reason}` as MessageKey) : reason;
}

/** The public facts of a report; staff pages add their own block around it. */
export function ReportDetails({ report, title }: { report: Report; title: string }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const loc = report.location;
  return (
    <>
      <header className="report-head">
        <h1>{title}</h1>
        <p className="report-head__badges">
          <StateBadge state={report.state} testId="report-state" />
          {report.overdue && <OverdueBadge />}
          {report.is_demo && <span className="badge badge--demo">{t('common.demo')}</span>}
        </p>
      </header>
      <dl className="facts">
        <div>
          <dt>{t('report.category')}</dt>
          <dd>{name(report.category)}</dd>
        </div>
        <div>
          <dt>{t('report.district')}</dt>
          <dd>{loc.district ? name(loc.district) : t('report.outside')}</dd>
        </div>
        {loc.address && (
          <div>
            <dt>{t('report.location')}</dt>
            <dd>{loc.address}</dd>
          </div>
        )}
        <div>
          <dt>{t('report.agency')}</dt>
          <dd>{name(report.agency)}</dd>
        </div>
        <div>
          <dt>{t('report.created')}</dt>
          <dd>
            <time dateTime={report.created_at}>{formatDateTime(report.created_at, lang)}</time>
          </dd>
        </div>
        {report.due_fix_at && report.state !== 'fixed' && report.state !== 'closed' && (
          <div>
            <dt>{t('report.dueFix')}</dt>
            <dd>
              {formatDateTime(report.due_fix_at, lang)}
              {report.overdue && <> — {t('report.overdueNote')}</>}
            </dd>
          </div>
        )}
        {report.close_reason && (
          <div>
            <dt>{t('report.closeReason')}</dt>
            <dd>{closeReasonText(report.close_reason, t)}</dd>
          </div>
        )}
        <div>
          <dt>{t('report.supports')}</dt>
          <dd data-testid="support-count">{report.support_count}</dd>
        </div>
        <div>
          <dt>{t('report.reopens')}</dt>
          <dd>{report.reopen_count}</dd>
        </div>
        <div>
          <dt>{t('report.rating')}</dt>
          <dd>
            {report.rating === null ? t('report.noRating') : t('report.stars', { n: report.rating })}
            {report.rating_comment && <> — “{report.rating_comment}”</>}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="desc-title">
        <h2 id="desc-title">{t('report.description')}</h2>
        <p className="description">{report.description}</p>
      </section>

      <PhotoGallery photos={report.photos} />

      {report.coowners.length > 0 && (
        <section aria-labelledby="coowners-title">
          <h2 id="coowners-title">{t('report.coowners')}</h2>
          <ul className="plain-list">
            {report.coowners.map((c) => (
              <li key={c.agency.code}>
                {name(c.agency)} — <span className={`coowner coowner--${c.status}`}>{t(`coowner.${c.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function TimelineSection({ report }: { report: Report }) {
  const t = useT();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('report.timeline')}</h2>
      <Timeline events={report.timeline} />
    </section>
  );
}
