// Every progress report of the item, newest first, with its photos.
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../ui/date';
import { Money } from './PlanBits';
import type { PlanItem } from './types';

export function ProgressHistory({ item }: { item: PlanItem }) {
  const t = useT();
  const { lang } = useLang();
  const milestone = (id: string | null) => item.milestones.find((m) => m.id === id)?.title ?? null;
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('plans.history.title')}</h2>
      {item.progress.length === 0 ? (
        <p>{t('plans.history.none')}</p>
      ) : (
        <ol className="progress-list" reversed>
          {item.progress.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{t(`plans.quarter.${r.quarter as 1 | 2 | 3 | 4}`)}</strong> ·{' '}
                {t('plans.history.change', { from: r.previous_percent, to: r.percent })}
                {milestone(r.milestone_id) && <> · {milestone(r.milestone_id)}</>} · {t('plans.history.item', { n: r.item_percent })}
              </p>
              <p className="card__meta">
                <time dateTime={r.created_at}>{formatDateTime(r.created_at, lang)}</time>
                {r.disbursed_satang !== null && (
                  <>
                    {' '}
                    · {t('plans.history.disbursed')} <Money satang={r.disbursed_satang} />
                  </>
                )}
              </p>
              {r.note && <p className="description">{r.note}</p>}
              {r.photos.length > 0 && (
                <ul className="thumbs">
                  {r.photos.map((p, i) => (
                    <li key={p.id}>
                      <a href={p.url}>
                        <img src={p.thumb_url ?? p.url} alt={t('plans.history.photo', { n: i + 1 })} loading="lazy" />
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
