// The plan's items as a table with a caption, column and row headers.
import { Link } from 'react-router-dom';
import { useLang, useT } from '../../i18n';
import { ItemStatusBadge, Meter, Money } from './PlanBits';
import type { PlanItem } from './types';

export function ItemsTable({ planId, items }: { planId: string; items: PlanItem[] }) {
  const t = useT();
  const { lang } = useLang();
  if (items.length === 0) return <p>{t('plans.items.empty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="plan-items-caption">
      <table className="table plan-table">
        <caption id="plan-items-caption">{t('plans.items.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.col.position')}</th>
            <th scope="col">{t('plans.col.title')}</th>
            <th scope="col">{t('plans.col.unit')}</th>
            <th scope="col" className="num">{t('plans.col.requested')}</th>
            <th scope="col" className="num">{t('plans.col.approved')}</th>
            <th scope="col" className="num">{t('plans.col.disbursed')}</th>
            <th scope="col">{t('plans.col.progress')}</th>
            <th scope="col">{t('plans.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.position}</td>
              <th scope="row">
                <Link to={`/plans/${planId}/items/${item.id}`}>{item.title}</Link>
                {item.community && (
                  <span className="card__meta">
                    {' '}
                    · {t('plans.item.fromCommunity', { name: lang === 'th' ? item.community.name_th : item.community.name_en || item.community.name_th })}
                  </span>
                )}
              </th>
              <td>{item.responsible_unit}</td>
              <td className="num">
                <Money satang={item.budget_requested_satang} />
              </td>
              <td className="num">
                <Money satang={item.budget_approved_satang} />
              </td>
              <td className="num">
                <Money satang={item.budget_disbursed_satang} />
              </td>
              <td>
                <Meter percent={item.progress_percent} />
              </td>
              <td>
                <ItemStatusBadge status={item.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
