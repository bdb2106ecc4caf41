import type { TimelineEvent } from '../../app/types';
import { TIMELINE_KINDS, CLOSE_REASONS } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { formatDateTime } from '../../ui/date';

function detail(ev: TimelineEvent, t: (k: MessageKey, v?: Record<string, string | number>) => string): string | null {
  const d = ev.data ?? {};
  if (ev.kind === 'closed' && typeof d.reason === 'string' && (CLOSE_REASONS as readonly string[]).includes(d.reason)) {
    return t(`close.${d.reason}` as MessageKey);
  }
  if (ev.kind === 'rated' && typeof d.stars === 'number') return t('report.stars', { n: d.stars });
  return null;
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((ev) => {
        const known = (TIMELINE_KINDS as readonly string[]).includes(ev.kind);
        const extra = detail(ev, t);
        return (
          <li key={ev.id} className={`timeline__item${ev.visibility === 'internal' ? ' timeline__item--internal' : ''}`} data-kind={ev.kind}>
            <p className="timeline__head">
              <strong>{known ? t(`tl.${ev.kind}` as MessageKey) : ev.kind}</strong>
              {ev.visibility === 'internal' && <span className="badge badge--internal">{t('tl.internal')}</span>}
            </p>
            <p className="timeline__meta">
              <time dateTime={ev.at}>{formatDateTime(ev.at, lang)}</time>
              {ev.agency && <> · {name(ev.agency)}</>}
            </p>
            {extra && <p className="timeline__note">{extra}</p>}
            {ev.note && <p className="timeline__note">{ev.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
