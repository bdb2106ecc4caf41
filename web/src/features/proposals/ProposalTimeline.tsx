import { useLang, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { formatDateTime } from '../../ui/date';
import type { ProposalEvent } from './types';

/** Every step, oldest first, as the community sees it: what, when, who, and the note. */
export function ProposalTimeline({ events }: { events: ProposalEvent[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <ol className="timeline" data-testid="proposal-timeline">
      {events.map((e, i) => {
        const what = e.from_state === null
          ? t('proposals.page.created')
          : e.from_state === e.to_state ? t('proposals.page.sameState') : t(`proposals.state.${e.to_state}` as MessageKey);
        return (
          <li key={i} className="timeline__item" data-state={e.to_state}>
            <p className="timeline__head"><strong>{what}</strong></p>
            <p className="timeline__meta">
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> · {e.actor_label}
            </p>
            {e.note && <p className="timeline__note">{e.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
