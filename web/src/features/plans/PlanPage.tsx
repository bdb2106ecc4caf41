import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useAction, useApi, usePageTitle } from '../../ui/hooks';
import { AddAgencyItem } from './AddAgencyItem';
import { AddProposalItem } from './AddProposalItem';
import { CeilingForm } from './CeilingForm';
import { CeilingPanel } from './CeilingPanel';
import { ItemsTable } from './ItemsTable';
import { Meter, PlanStatusBadge, Warnings } from './PlanBits';
import type { ItemAnswer, PlanDetail, Warning } from './types';
import './plans.css';

function PublishButton({ plan, onPublished }: { plan: PlanDetail; onPublished: (p: PlanDetail) => void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  return (
    <div>
      <p>{t('plans.publish.hint')}</p>
      <ErrorBox error={error} focus />
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={async () => {
          const result = await run(() => api.patch<{ plan: PlanDetail }>(`/api/v1/plans/${plan.id}`, { status: 'published' }));
          if (result.ok) onPublished(result.value.plan);
        }}
      >
        {t('plans.publish.submit')}
      </button>
    </div>
  );
}

export default function PlanPage() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const { id = '' } = useParams();
  const { data: plan, error, loading, reload, setData } = useApi<PlanDetail>(`/api/v1/plans/${encodeURIComponent(id)}`);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  usePageTitle(plan ? `${name(plan.agency)} · ${lang === 'th' ? plan.name_th : plan.name_en}` : t('plans.title'));

  if (!plan) {
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

  const onAdded = (answer: ItemAnswer) => {
    setWarnings(answer.warnings);
    reload();
  };

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/plans">{t('plans.title')}</Link>
      </p>
      <h1>{lang === 'th' ? plan.name_th : plan.name_en}</h1>
      <p className="lead">{name(plan.agency)}</p>
      <p>
        <PlanStatusBadge status={plan.status} isDemo={plan.is_demo} />{' '}
        {t('plans.period', { label: lang === 'th' ? plan.fy_label_th : plan.fy_label_en, from: formatDate(plan.starts_on, lang), to: formatDate(plan.ends_on, lang) })}
      </p>
      <div className="section">
        <h2>{t('plans.progress')}</h2>
        <Meter percent={plan.totals.progress_percent} label={t('plans.progress')} />
        <p className="card__meta">
          {t('plans.progressHow')} · {t('plans.itemsN', { n: plan.totals.items })}
        </p>
      </div>
      <CeilingPanel totals={plan.totals} />
      <p>
        {t('plans.inWords')} {plan.approved_in_words_th}
      </p>
      {plan.abilities.set_ceiling && <CeilingForm plan={plan} onSaved={setData} />}
      <section className="section" aria-labelledby="plan-export-heading">
        <h2 id="plan-export-heading">{t('plans.export.title')}</h2>
        <div className="row">
          <a className="btn" href={`/api/v1/plans/${plan.id}/export.xlsx`} download>
            {t('plans.export.xlsx')}
          </a>
          <a className="btn" href={`/api/v1/plans/${plan.id}/export.csv`} download>
            {t('plans.export.csv')}
          </a>
        </div>
      </section>
      <section aria-labelledby="plan-items-heading">
        <h2 id="plan-items-heading">{t('plans.items.title')}</h2>
        <Warnings warnings={warnings} />
        <ItemsTable planId={plan.id} items={plan.items} />
      </section>
      {plan.abilities.build && (
        <section className="section" aria-labelledby="plan-add-heading">
          <h2 id="plan-add-heading">{t('plans.add.title')}</h2>
          <AddProposalItem plan={plan} onAdded={onAdded} />
          <AddAgencyItem planId={plan.id} onAdded={onAdded} />
        </section>
      )}
      {plan.abilities.publish && <PublishButton plan={plan} onPublished={setData} />}
    </article>
  );
}
