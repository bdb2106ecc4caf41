import { Link } from 'react-router-dom';
import type { MessageKey } from '../../i18n';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { formatSatang } from '../../ui/money';
import { StateBadge } from '../../ui/StateBadge';
import type { ReportState } from '../../app/types';
import type { Attachment, Story } from './types';

export function Photos({ photos, altOf }: { photos: Attachment[]; altOf: (n: number) => string }) {
  const list = photos.filter((p) => p.kind === 'photo');
  if (list.length === 0) return null;
  return (
    <ul className="acc-photos">
      {list.map((p, i) => (
        <li key={p.id}>
          <a href={p.url} target="_blank" rel="noopener">
            <img src={p.thumb_url ?? p.url} alt={altOf(i + 1)} loading="lazy" width={120} height={p.width && p.height ? Math.round((120 * p.height) / p.width) : 90} />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** 1. The needs the proposal answers, and the city problem reports each cites. */
export function StoryNeeds({ story }: { story: Story }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <section aria-labelledby="acc-story-needs">
      <h3 id="acc-story-needs">{t('accountability.story.needs')}</h3>
      {story.needs.length === 0 && <p>{t('accountability.story.noNeeds')}</p>}
      <ul className="plain-list acc-needs">
        {story.needs.map((need) => (
          <li key={need.id} className="card">
            <p className="card__text">
              <strong>{need.title}</strong>
            </p>
            <p className="card__meta">
              {t('accountability.story.needMeta', { rank: need.rank, n: formatNumber(need.households_affected, lang) })}
              {need.since_on && ` · ${t('accountability.story.since', { date: formatDate(need.since_on, lang) })}`}
            </p>
            <Photos photos={need.attachments} altOf={(n) => t('accountability.story.needPhoto', { n })} />
            {need.reports.length > 0 && (
              <>
                <p className="card__meta">{t('accountability.story.reports')}</p>
                <ul className="link-list">
                  {need.reports.map((r) => (
                    <li key={r.code} data-testid={`story-report-${r.code}`}>
                      <Link to={`/r/${encodeURIComponent(r.code)}`}>{r.code}</Link>{' '}
                      <StateBadge state={r.state as ReportState} /> {t('accountability.story.reportMeta', { category: name(r.category), date: formatDate(r.created_at, lang) })}
                      {r.fixed_at && ` · ${t('accountability.story.fixedOn', { date: formatDate(r.fixed_at, lang) })}`}
                      {r.is_demo && <span className="badge badge--demo acc-badge">{t('common.demo')}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 2. Every step with its date, and the district's decision (or reason). */
export function StoryReview({ story }: { story: Story }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const d = story.decision;
  return (
    <section aria-labelledby="acc-story-review">
      <h3 id="acc-story-review">{t('accountability.story.review')}</h3>
      <p>
        {t('accountability.story.asked', {
          amount: formatSatang(story.budget.total_satang, lang),
          words: story.budget.total_words_th,
        })}
      </p>
      <ol className="timeline">
        {story.timeline.map((e, i) => (
          <li key={i} className="timeline__item">
            <p className="timeline__head">
              <strong>{t(`accountability.pstate.${e.to_state}` as MessageKey)}</strong> · <time dateTime={e.at}>{formatDate(e.at, lang)}</time>
            </p>
            {e.by && <p className="timeline__meta">{t('accountability.story.by', { by: e.by })}</p>}
            {e.note && <p className="timeline__note">{e.note}</p>}
          </li>
        ))}
      </ol>
      {!d && <p>{t('accountability.story.pending')}</p>}
      {d && (
        <dl className="acc-money-list" data-testid="story-decision">
          <dt>{t('accountability.story.decision')}</dt>
          <dd>{t(`accountability.pstate.${d.state}` as MessageKey)}</dd>
          {d.feasibility && (
            <>
              <dt>{t('accountability.story.feasibility')}</dt>
              <dd>{d.feasibility}</dd>
            </>
          )}
          {d.cost_check && (
            <>
              <dt>{t('accountability.story.costCheck')}</dt>
              <dd>{d.cost_check}</dd>
            </>
          )}
          {d.carrying_agency && (
            <>
              <dt>{t('accountability.story.carrying')}</dt>
              <dd>{name(d.carrying_agency)}</dd>
            </>
          )}
          {d.reason && (
            <>
              <dt>{t('accountability.story.reason')}</dt>
              <dd>{d.reason}</dd>
            </>
          )}
          {d.merged_into && (
            <>
              <dt>{t('accountability.pstate.merged')}</dt>
              <dd>
                <Link to={`/proposals/${encodeURIComponent(d.merged_into.id)}`}>{t('accountability.story.mergedInto', { title: d.merged_into.title })}</Link>
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
