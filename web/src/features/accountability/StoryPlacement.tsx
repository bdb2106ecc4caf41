import { Link } from 'react-router-dom';
import type { MessageKey } from '../../i18n';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { formatSatang } from '../../ui/money';
import { Photos } from './StoryParts';
import type { Story } from './types';

const percentText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** 3–5. The plan item, its money, its progress and whether it was delivered. */
export function StoryPlacement({ story }: { story: Story }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const placement = story.placement;
  const item = placement?.item;
  const cancelled = item?.status === 'cancelled';
  return (
    <>
      <section aria-labelledby="acc-story-plan" data-testid="story-placement">
        <h3 id="acc-story-plan">{t('accountability.story.plan')}</h3>
        {!placement || !item ? (
          <p>{t('accountability.story.notPlaced')}</p>
        ) : (
          <>
              <p>
                <strong>
                  {t('accountability.story.placed', {
                    fy: lang === 'th' ? placement.plan.fiscal_year_label_th : placement.plan.fiscal_year_label_en,
                    agency: name(placement.plan.agency),
                  })}
                </strong>
              </p>
              {placement.plan.status === 'draft' && <p className="note">{t('accountability.story.planDraft')}</p>}
              {cancelled && <p className="note">{t('accountability.story.cancelled', { reason: item.cancel_reason ?? '' })}</p>}
              <p>
                <Link to={`/plans/${encodeURIComponent(placement.plan.id)}/items/${encodeURIComponent(item.id)}`}>
                  {t('accountability.story.itemLink', { title: item.title })}
                </Link>
              </p>
              <dl className="acc-money-list">
                <dt>{t('accountability.story.responsible')}</dt>
                <dd>{item.responsible_unit}</dd>
                <dt>{t('accountability.story.itemStatus')}</dt>
                <dd>{t(`accountability.istatus.${item.status}` as MessageKey)}</dd>
                <dt>{t('accountability.story.requested')}</dt>
                <dd>{formatSatang(item.budget_requested_satang, lang)}</dd>
                <dt>{t('accountability.story.approved')}</dt>
                <dd data-testid="story-approved">{item.budget_approved_satang === null ? t('accountability.story.notApproved') : formatSatang(item.budget_approved_satang, lang)}</dd>
                <dt>{t('accountability.story.disbursed')}</dt>
                <dd>{formatSatang(item.budget_disbursed_satang, lang)}</dd>
              </dl>
          </>
        )}
      </section>

      <section aria-labelledby="acc-story-progress" data-testid="story-progress">
        <h3 id="acc-story-progress">{t('accountability.story.progress')}</h3>
        {!item || cancelled ? (
          <p>{t('accountability.story.notStarted')}</p>
        ) : (
          <>
            <p>
              <label htmlFor="acc-progress-bar">{t('accountability.story.progressText', { percent: percentText(item.progress_percent) })}</label>
            </p>
            <progress id="acc-progress-bar" className="acc-progress" max={100} value={item.progress_percent}>
              {percentText(item.progress_percent)}%
            </progress>
            {item.milestones.length > 0 && (
              <>
                <h4>{t('accountability.story.milestones')}</h4>
                <ul className="link-list">
                  {item.milestones.map((m) => (
                    <li key={m.position}>{t('accountability.story.milestoneLine', { title: m.title, percent: percentText(m.percent) })}</li>
                  ))}
                </ul>
              </>
            )}
            <h4>{t('accountability.story.progressReports')}</h4>
            {item.progress_reports.length === 0 ? (
              <p>{t('accountability.story.noProgress')}</p>
            ) : (
              <ol className="timeline">
                {item.progress_reports.map((r, i) => (
                  <li key={i} className="timeline__item">
                    <p className="timeline__head">
                      {t('accountability.story.reportHead', { quarter: r.quarter, percent: percentText(r.percent), date: formatDate(r.reported_at, lang) })}
                    </p>
                    {r.milestone && <p className="timeline__meta">{r.milestone}</p>}
                    {r.disbursed_satang && <p className="timeline__meta">{t('accountability.story.reportDisbursed', { amount: formatSatang(r.disbursed_satang, lang) })}</p>}
                    {r.note && <p className="timeline__note">{r.note}</p>}
                    <Photos photos={r.photos} altOf={(n) => t('accountability.story.progressPhoto', { quarter: r.quarter, n })} />
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="acc-story-result">
        <h3 id="acc-story-result">{t('accountability.story.result')}</h3>
        <p className="acc-result" data-testid="story-result" data-delivered={story.delivered}>
          {story.delivered ? t('accountability.story.delivered') : t('accountability.story.notDelivered')}
          {story.delivered && item?.completed_at && ` — ${t('accountability.story.deliveredOn', { date: formatDate(item.completed_at, lang) })}`}
        </p>
      </section>
    </>
  );
}
