import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { BudgetForm } from './BudgetForm';
import { MilestonesSection } from './MilestonesSection';
import { ItemStatusBadge, Meter, Money, Warnings } from './PlanBits';
import { ProgressForm } from './ProgressForm';
import { ProgressHistory } from './ProgressHistory';
import { StatusActions } from './StatusActions';
import type { ItemAnswer, PlanItem, PlanSummary, Warning } from './types';
import './plans.css';

function Facts({ item }: { item: PlanItem }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  return (
    <dl className="facts">
      <div>
        <dt>{t('plans.field.unit')}</dt>
        <dd>{item.responsible_unit}</dd>
      </div>
      <div>
        <dt>{t('plans.field.source')}</dt>
        <dd>
          {item.proposal_id ? <Link to={`/proposals/${item.proposal_id}`}>{t('plans.item.proposal', { id: item.proposal_id })}</Link> : t('plans.item.agencyOwn')}
        </dd>
      </div>
      {item.community && (
        <div>
          <dt>{t('plans.field.community')}</dt>
          <dd>
            <Link to={`/communities/${item.community.code}`}>{lang === 'th' ? item.community.name_th : item.community.name_en || item.community.name_th}</Link>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('plans.field.strategy')}</dt>
        <dd>{item.strategy ? name(item.strategy) : '—'}</dd>
      </div>
      <div>
        <dt>{t('plans.field.period')}</dt>
        <dd>
          {formatDate(item.starts_on, lang)} – {formatDate(item.ends_on, lang)}
        </dd>
      </div>
      <div>
        <dt>{t('plans.field.quarters')}</dt>
        <dd>{item.quarters.length ? t('plans.quarterList', { list: item.quarters.join(', ') }) : '—'}</dd>
      </div>
      <div>
        <dt>{t('plans.money.requested')}</dt>
        <dd>
          <Money satang={item.budget_requested_satang} />
        </dd>
      </div>
      <div>
        <dt>{t('plans.money.approved')}</dt>
        <dd>
          <Money satang={item.budget_approved_satang} />
        </dd>
      </div>
      <div>
        <dt>{t('plans.money.disbursed')}</dt>
        <dd>
          <Money satang={item.budget_disbursed_satang} />
        </dd>
      </div>
    </dl>
  );
}

export default function PlanItemPage() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const { id = '', itemId = '' } = useParams();
  const { data, error, loading, reload, setData } = useApi<{ item: PlanItem; plan: PlanSummary }>(`/api/v1/plans/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}`);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  usePageTitle(data?.item.title ?? t('plans.title'));

  if (!data) {
    if (error) {
      return (
        <section className="notice">
          <h1>{t('plans.title')}</h1>
          <ErrorBox error={error} onRetry={error.status === 404 ? undefined : reload} />
        </section>
      );
    }
    return loading ? <Loading /> : null;
  }

  const { item, plan } = data;
  const saved = (answer: ItemAnswer) => {
    setWarnings(answer.warnings);
    setData({ item: answer.item, plan: answer.plan });
  };

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/plans">{t('plans.title')}</Link> ›{' '}
        <Link to={`/plans/${plan.id}`}>
          {name(plan.agency)} {lang === 'th' ? plan.fy_label_th : plan.fy_label_en}
        </Link>
      </p>
      <h1>{item.title}</h1>
      <p>
        <ItemStatusBadge status={item.status} /> {t('plans.item.position', { n: item.position })}
        {item.cancel_reason && <> · {t('plans.item.cancelledBecause', { reason: item.cancel_reason })}</>}
      </p>
      <div className="section">
        <h2>{t('plans.progress')}</h2>
        <Meter percent={item.progress_percent} label={t('plans.progress')} />
        {item.completed_at && <p className="card__meta">{t('plans.item.completedOn', { date: formatDate(item.completed_at, lang) })}</p>}
      </div>
      {item.description && <p className="description">{item.description}</p>}
      <Facts item={item} />
      {item.indicators.length > 0 && (
        <section aria-labelledby="indicators-heading">
          <h2 id="indicators-heading">{t('plans.field.indicator')}</h2>
          <ul>
            {item.indicators.map((i) => (
              <li key={i.name}>
                {i.name}: {t('plans.item.target', { target: i.target, unit: i.unit })}
                {i.actual !== null && ` · ${t('plans.item.actual', { actual: i.actual, unit: i.unit })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Warnings warnings={warnings} />
      {item.abilities.approve_budget && <BudgetForm planId={plan.id} item={item} onSaved={saved} />}
      <StatusActions planId={plan.id} item={item} onSaved={saved} />
      <MilestonesSection planId={plan.id} item={item} onSaved={saved} />
      {item.abilities.report_progress && <ProgressForm key={item.milestones.length} planId={plan.id} item={item} onSaved={saved} />}
      {item.abilities.edit && !item.abilities.report_progress && <p className="notice">{t('plans.progressForm.notStarted')}</p>}
      <ProgressHistory item={item} />
    </article>
  );
}
