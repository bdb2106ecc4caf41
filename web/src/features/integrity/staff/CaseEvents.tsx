import { Link } from 'react-router-dom';
import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { useLabels } from '../labels';
import type { StaffCase } from '../types';

type CaseEvent = NonNullable<StaffCase['events']>[number];

/** Decisions taken on the case (screening, closing, reopening, merging), with their reasons. */
export function CaseEvents({ data }: { data: StaffCase }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const events = data.events ?? [];
  const mergedFrom = data.merged_from ?? [];
  if (events.length === 0 && mergedFrom.length === 0) return null;
  const detail = (e: CaseEvent): string | null => {
    const d = e.data ?? {};
    if (typeof d.decision === 'string') {
      const what = labels.decision(d.decision);
      return typeof d.refer_to === 'string' ? `${what} — ${labels.referTo(d.refer_to)}` : what;
    }
    if (typeof d.into === 'string') return t('integrity.staff.mergedInto', { number: d.into });
    return null;
  };
  return (
    <section className="section" aria-labelledby="ig-r-events">
      <h2 id="ig-r-events">{t('integrity.staff.decisions')}</h2>
      {events.length > 0 && (
        <ol className="timeline">
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`} className="timeline__item" data-kind={e.kind}>
              <p className="timeline__head">
                <strong>{labels.event(e.kind)}</strong>
              </p>
              <p className="timeline__meta">
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
                {e.by && <> · {e.by.display_name}</>}
              </p>
              {detail(e) && <p className="timeline__note">{detail(e)}</p>}
              {e.reason && <p className="timeline__note">{e.reason}</p>}
            </li>
          ))}
        </ol>
      )}
      {mergedFrom.length > 0 && (
        <p>
          {t('integrity.staff.mergedFrom')}{' '}
          {mergedFrom.map((n, i) => (
            <span key={n}>
              {i > 0 && ', '}
              <Link to={`/integrity/staff/${encodeURIComponent(n)}`}>{n}</Link>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
